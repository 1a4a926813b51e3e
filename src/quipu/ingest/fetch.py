"""Fetching what the user names on the web (articles and feeds), safely and politely.

Quipu is offline except for the URLs a user gives it (`quipu ingest https://…`, a feed and
the articles its entries link to). Every download obeys the same rules, kept in one place
(`Web`) over a small backend that performs one HTTP GET (`Fetcher`: `HttpFetcher` over
httpx, and `MemoryFetcher`, its twin for tests):

- only `http` and `https` URLs (E018);
- the host is resolved and **every** address it has is checked: private, loopback,
  link-local, multicast, reserved and other non-public addresses are refused (E019) unless
  `allow_private`, and the connection goes to the address that was checked, so that a
  second DNS answer cannot swap in another;
- redirects are followed by hand, up to `max_redirects`, each hop checked as the first;
- robots.txt is read once per host (and again after a day) and obeyed for the agent
  "Quipu" (E020); one that cannot be fetched (a server error, a time-out) means no, as
  RFC 9309 asks, and one that does not exist (404) means yes;
- the whole download, headers to last byte, has a time limit (E021) and the body a size
  limit (E023), counted after decompression, so a compressed bomb is cut off early;
- an answer other than 2xx is E021 when it may work later (5xx, 408, 429) and E022 when
  it will not (404, 410, …).
"""

from __future__ import annotations

import abc
import dataclasses
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from urllib.robotparser import RobotFileParser

import httpx

from quipu.errors import Errors, InputError
from quipu.ingest.base import MEGABYTE, one_line

# What robots.txt files name Quipu by, and what it says it is to servers.
ROBOTS_AGENT = "Quipu"
try:
    _VERSION = metadata.version("quipu")
except metadata.PackageNotFoundError:  # run from a source tree that is not installed
    _VERSION = "0"
USER_AGENT = f"{ROBOTS_AGENT}/{_VERSION} (news reports into event records; obeys robots.txt)"
SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Answers that may be different later: a server error, a time-out, too many requests.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# RFC 9309: a crawler must read at least 500 KiB of a robots.txt; no more is read.
ROBOTS_BYTES = 500 * 1024
# A robots.txt is kept a day (RFC 9309's ceiling); a failure to fetch one, five minutes.
ROBOTS_TTL = 24 * 3600.0
ROBOTS_FAILURE_TTL = 300.0
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """The limits every download obeys.

    Attributes:
        timeout: seconds one download may take, from connecting to its last byte.
        max_bytes: the largest body read, after decompression.
        max_redirects: redirects followed before giving up.
        allow_private: fetch from private, loopback and other non-public addresses too
            (a server on this machine or the local network).
        allow_addresses: non-public addresses fetched from all the same, the others still
            refused (the tests' server on 127.0.0.1, and a redirect from it elsewhere).
    """

    timeout: float = 20.0
    max_bytes: int = 5 * MEGABYTE
    max_redirects: int = 5
    allow_private: bool = False
    allow_addresses: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Answer:
    """A server's answer to one GET: its status, headers (names in lower case) and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        """The media type of the body ("text/html"), "" when the server gave none."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


class FetchFailure(Exception):
    """A GET that failed, as a backend reports it; `Web` words it as a numbered error.

    Args:
        reason: what went wrong, on one line.
        kind: "unreachable" (E021: no connection, out of time; may work later),
            "unreadable" (E022: a body that cannot be decoded) or "too large" (E023).
    """

    def __init__(self, reason: str, *, kind: str = "unreachable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


class Fetcher(abc.ABC):
    """One HTTP GET, one hop, no rules: the backend `Web` drives."""

    @abc.abstractmethod
    def resolve(self, host: str, port: int) -> list[str]:
        """Return every address `host` has, as text ("93.184.216.34", "2606:2800::1").

        Raises:
            FetchFailure: when the name cannot be resolved.
        """

    @abc.abstractmethod
    def get(self, url: str, *, address: str, options: FetchOptions) -> Answer:
        """GET `url` from the server at `address`, without following redirects.

        Raises:
            FetchFailure: no connection or out of time, an unreadable body (unknown or
                broken compression), a body over `options.max_bytes`.
        """

    @abc.abstractmethod
    def close(self) -> None:
        """Release what the fetcher holds (connections)."""


class HttpFetcher(Fetcher):
    """Fetch over the network with httpx (one connection pool for the whole run).

    Args:
        verify: how server certificates are checked: True for the system's authorities
            (certifi's), or an SSL context that trusts others (a test's own authority).
    """

    def __init__(self, *, verify: ssl.SSLContext | bool = True) -> None:
        # trust_env=False: no proxy or certificate settings from the environment, so that
        # the address checked is the address connected to. No connection is kept for the
        # next request: connections are made to addresses, and one made (and its
        # certificate checked) for one host name must not carry another name's request.
        self._client = httpx.Client(
            trust_env=False,
            follow_redirects=False,
            verify=verify,
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def resolve(self, host: str, port: int) -> list[str]:
        """Return every address of `host`; see `Fetcher.resolve`."""
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise FetchFailure(f"cannot resolve {host}: {one_line(str(error))}") from error
        return list(dict.fromkeys(str(info[4][0]) for info in found))

    def get(self, url: str, *, address: str, options: FetchOptions) -> Answer:
        """GET `url` from `address`; see `Fetcher.get`."""
        deadline = time.monotonic() + options.timeout
        try:
            target = httpx.URL(url)
            headers = {
                "Host": target.netloc.decode("ascii"),
                "User-Agent": USER_AGENT,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            }
            # the request goes to the checked address; TLS still checks the certificate
            # against the host's name (sni_hostname)
            pinned = target.copy_with(host=address)
            extensions = {"sni_hostname": target.raw_host.decode("ascii")}
            with self._client.stream(
                "GET",
                pinned,
                headers=headers,
                timeout=httpx.Timeout(options.timeout),
                extensions=extensions,
            ) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > options.max_bytes:
                    raise _too_large()
                body = _read_body(
                    response.iter_raw(),
                    encoding=response.headers.get("content-encoding", ""),
                    deadline=deadline,
                    options=options,
                )
                return Answer(
                    url=url,
                    status=response.status_code,
                    headers={name.lower(): value for name, value in response.headers.items()},
                    body=body,
                )
        except httpx.TimeoutException as error:
            raise _timed_out(options) from error
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
            raise FetchFailure(one_line(str(error)) or type(error).__name__) from error
        finally:
            # no cookie set by one server is sent back to it or any other
            self._client.cookies.clear()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


@dataclass
class MemoryFetcher(Fetcher):
    """A web in a dict, for tests: `hosts` maps a name to its addresses, `answers` a URL to
    what it answers (a URL not in it is 404), and every GET is logged in `requests`."""

    hosts: dict[str, list[str]] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def resolve(self, host: str, port: int) -> list[str]:
        """Return the addresses listed for `host`, or the host itself if it is an address."""
        if host in self.hosts:
            return self.hosts[host]
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError as error:
            raise FetchFailure(f"cannot resolve {host}: unknown host") from error

    def get(self, url: str, *, address: str, options: FetchOptions) -> Answer:
        """Return the answer listed for `url`; see `Fetcher.get`."""
        self.requests.append(url)
        answer = self.answers.get(url, Answer(url=url, status=404, headers={}, body=b""))
        if len(answer.body) > options.max_bytes:
            raise _too_large()
        return answer

    def close(self) -> None:
        """Nothing to release."""


class Web:
    """The rules of every download (see the module's docstring) over a `Fetcher`.

    Args:
        fetcher: the backend; an `HttpFetcher` when None (closed by `close`).
        options: the limits.
    """

    def __init__(self, fetcher: Fetcher | None = None, *, options: FetchOptions) -> None:
        self.options = options
        self._owned = fetcher is None
        self.fetcher: Fetcher = fetcher if fetcher is not None else HttpFetcher()
        self._robots: dict[tuple[str, str, int], _Robots] = {}

    def get(self, url: str) -> Answer:
        """Fetch `url` under the rules, redirects followed; return its 2xx answer.

        Raises:
            InputError: E018 not an http(s) URL, E019 a non-public address, E020 refused
                by robots.txt, E021 no answer or one that may work later (time-out, 5xx,
                too many redirects), E022 an answer that will not (404, …), E023 too large.
        """
        answer = self._follow(url, robots=True, max_bytes=self.options.max_bytes)
        if 200 <= answer.status < 300:
            return answer
        shown = _hops(url, answer.url)
        reason = f"HTTP {answer.status}"
        if answer.status in TRANSIENT_STATUSES:
            raise InputError(Errors.E021.format(url=shown, reason=reason))
        raise InputError(Errors.E022.format(url=shown, reason=reason))

    def close(self) -> None:
        """Close the backend if this Web made it."""
        if self._owned:
            self.fetcher.close()

    def __enter__(self) -> Web:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _follow(self, url: str, *, robots: bool, max_bytes: int) -> Answer:
        options = dataclasses.replace(self.options, max_bytes=max_bytes)
        current = url
        for _ in range(self.options.max_redirects + 1):
            # messages name the URL given and, after a redirect, the hop that failed
            shown = _hops(url, current)
            target = _checked_url(current, shown=shown)
            address = self._address(target, shown=shown)
            if robots:
                self._obey_robots(target, shown=shown)
            try:
                answer = self.fetcher.get(str(target), address=address, options=options)
            except FetchFailure as failure:
                raise _numbered(failure, url=shown, options=options) from failure
            location = answer.headers.get("location")
            if answer.status not in REDIRECT_STATUSES or not location:
                return answer
            try:
                current = str(target.join(location.strip()))
            except httpx.InvalidURL as error:
                reason = f"a redirect to an invalid URL: {one_line(location)[:80]}"
                raise InputError(Errors.E022.format(url=shown, reason=reason)) from error
        reason = f"more than {self.options.max_redirects} redirects"
        raise InputError(Errors.E021.format(url=url, reason=reason))

    def _address(self, target: httpx.URL, *, shown: str) -> str:
        host = target.raw_host.decode("ascii")
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            addresses = self.fetcher.resolve(host, port)
        except FetchFailure as failure:
            raise InputError(Errors.E021.format(url=shown, reason=failure.reason)) from failure
        if not addresses:
            reason = f"cannot resolve {host}: no address"
            raise InputError(Errors.E021.format(url=shown, reason=reason))
        if not self.options.allow_private:
            for address in addresses:
                if address in self.options.allow_addresses:
                    continue
                kind = non_public_kind(address)
                if kind is not None:
                    raise InputError(
                        Errors.E019.format(url=shown, host=host, kind=kind, address=address)
                    )
        return addresses[0]

    def _obey_robots(self, target: httpx.URL, *, shown: str) -> None:
        port = target.port or (443 if target.scheme == "https" else 80)
        key = (target.scheme, target.raw_host.decode("ascii"), port)
        robots = self._robots.get(key)
        if robots is None or robots.expires < time.monotonic():
            robots = self._read_robots(target)
            self._robots[key] = robots
        if robots.refusal is not None:
            reason = robots.refusal
        elif not robots.parser.can_fetch(ROBOTS_AGENT, str(target)):
            reason = "a Disallow rule"
        else:
            return
        host = target.netloc.decode("ascii")
        raise InputError(Errors.E020.format(url=shown, host=host, reason=reason))

    def _read_robots(self, target: httpx.URL) -> _Robots:
        parser = RobotFileParser()
        robots_url = str(target.copy_with(path="/robots.txt", query=None, fragment=None))
        try:
            answer = self._follow(robots_url, robots=False, max_bytes=ROBOTS_BYTES)
        except InputError as error:
            refusal = f"robots.txt cannot be fetched, which means no: {error}"
            return _Robots(parser, time.monotonic() + ROBOTS_FAILURE_TTL, refusal=refusal)
        expires = time.monotonic() + ROBOTS_TTL
        if 200 <= answer.status < 300:
            text = answer.body.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        elif 400 <= answer.status < 500:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            refusal = f"robots.txt answered HTTP {answer.status}, which means no"
            return _Robots(parser, time.monotonic() + ROBOTS_FAILURE_TTL, refusal=refusal)
        return _Robots(parser, expires, refusal=None)


@dataclass(slots=True)
class _Robots:
    """A host's robots.txt as read, until when it is trusted, and why it says no to all."""

    parser: RobotFileParser
    expires: float
    refusal: str | None


def non_public_kind(address: str) -> str | None:
    """Return what kind of non-public address `address` is ("loopback", "private" …), or
    None for a public one. An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged
    as the IPv4 address it is."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    return next((kind for kind, matches in checks if matches), None)


def _checked_url(url: str, *, shown: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError) as error:
        raise InputError(Errors.E018.format(url=shown, reason=one_line(str(error)))) from error
    if not target.scheme:
        raise InputError(Errors.E018.format(url=shown, reason="a relative URL, with no scheme"))
    if target.scheme not in SCHEMES:
        reason = f"'{target.scheme}:' is not http or https"
        raise InputError(Errors.E018.format(url=shown, reason=reason))
    if not target.raw_host:
        raise InputError(Errors.E018.format(url=shown, reason="no host"))
    if target.userinfo:
        reason = "a user name or password in a URL is not sent anywhere"
        raise InputError(Errors.E018.format(url=shown, reason=reason))
    return target.copy_with(fragment=None)


def _hops(first: str, current: str) -> str:
    """Name a URL in a message: as given, or as given and where it led."""
    return first if current == first else f"{first} (redirected to {current})"


def _read_body(
    chunks: Iterable[bytes], *, encoding: str, deadline: float, options: FetchOptions
) -> bytes:
    """Read and decompress a body, stopping as soon as it is over the limit or the time."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        inflate = None
    elif encoding in ("gzip", "x-gzip"):
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflate = zlib.decompressobj()
    else:
        raise FetchFailure(f"content encoding '{one_line(encoding)[:40]}'", kind="unreadable")
    limit = options.max_bytes
    body = bytearray()
    try:
        for chunk in _timed(chunks, deadline=deadline, options=options):
            if inflate is None:
                body += chunk
            else:
                # at most one byte past the limit is inflated, however much it expands
                body += inflate.decompress(chunk, limit + 1 - len(body))
                if inflate.unconsumed_tail:
                    raise _too_large()
            if len(body) > limit:
                raise _too_large()
        if inflate is not None:
            body += inflate.flush()
    except zlib.error as error:
        raise FetchFailure(f"broken {encoding} compression", kind="unreadable") from error
    if len(body) > limit:
        raise _too_large()
    return bytes(body)


def _timed(chunks: Iterable[bytes], *, deadline: float, options: FetchOptions) -> Iterator[bytes]:
    # httpx's time-out bounds each wait; a server sending a byte at a time could still
    # take forever, so the whole download has a deadline too
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise _timed_out(options)
        yield chunk


def _too_large() -> FetchFailure:
    return FetchFailure("over the size limit", kind="too large")


def _timed_out(options: FetchOptions) -> FetchFailure:
    return FetchFailure(f"no complete answer within {options.timeout:g} s (--timeout)")


def _numbered(failure: FetchFailure, *, url: str, options: FetchOptions) -> InputError:
    if failure.kind == "too large":
        return InputError(Errors.E023.format(url=url, limit=options.max_bytes / MEGABYTE))
    if failure.kind == "unreadable":
        return InputError(Errors.E022.format(url=url, reason=failure.reason))
    return InputError(Errors.E021.format(url=url, reason=failure.reason))
