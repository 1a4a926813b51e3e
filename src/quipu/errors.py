"""Quipu's numbered errors and warnings.

Every error a user can meet has a code and says what to do. The tree::

    QuipuError                    base of everything Quipu raises on purpose
    ├── InputError                a file, record, feed or URL cannot be read as a document
    │                             (E0xx; E016-E017 archives, E018-E023 the web, E024 feeds,
    │                             E025 a document's date)
    ├── PipelineError             the NLP pipeline cannot be built or run (E1xx; E105 on a
    │                             Dask cluster)
    ├── StoreError                the database cannot be opened or written, or lacks
    │                             what a command names (E2xx: E210-E213 a merge correction)
    ├── UsageError                a command-line argument is wrong (E3xx)
    └── RequestError              a dashboard or API request asks for what is not there (E4xx)

The CLI prints `str(error)` as one line and exits 1 (input, pipeline, store) or 2 (usage).
The server answers a RequestError with its status (400 or 404) and the message, as JSON
under `/api/` and as a page elsewhere.
"""

from __future__ import annotations

import re

# Line breaks and other control characters, which a file name or a value can hold.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Errors:
    """Message templates, formatted with keyword arguments where they have fields."""

    E001 = "E001 {path}: no such file or directory"
    E002 = "E002 {path}: empty document (no text after clean-up)"
    E003 = "E003 {path}: looks like a binary file, not text"
    E004 = "E004 {path}: cannot decode as text ({reason})"
    E005 = "E005 {path}: {size:.1f} MB is over the {limit:.1f} MB limit for one document"
    E006 = "E006 {path}: no article text found in the HTML page"
    E007 = "E007 {path}: line {line} is not a JSON object with a 'text' field ({reason})"
    E008 = "E008 {path}: front matter is not valid YAML ({reason})"
    E009 = "E009 {path}: unsupported file type '{suffix}'"
    E010 = "E010 {path}: no files match"
    E011 = "E011 {path}: {reason}"
    E012 = "E012 {path}: not a valid gold file ({reason}); see docs/gold-format.md"
    E013 = (
        "E013 {path}: line {line} is not a record-format prediction ({reason}); "
        "see docs/record-format.md"
    )
    # E015 (a text over 1,000,000 characters) is retired: the pipeline reads it in chunks.
    # Archives, feeds and the web (E016-E024).
    E016 = "E016 {path}: cannot read the WARC archive at record {record} ({reason}); the rest of the file is skipped"
    E017 = "E017 {path}: WARC record {record} ({url}) is truncated ({reason}); skipped"
    E018 = "E018 {url}: not a URL Quipu fetches ({reason})"
    E019 = "E019 {url}: {host} is a {kind} address ({address}); refused without --allow-private"
    E020 = "E020 {url}: robots.txt of {host} does not allow Quipu to fetch it ({reason})"
    E021 = "E021 {url}: cannot fetch ({reason}); it may work later"
    E022 = "E022 {url}: the server's answer cannot be read as a report ({reason})"
    E023 = "E023 {url}: the download is over the {limit:.1f} MB limit (--max-mb)"
    E024 = "E024 {source}: feed {problem}"
    E025 = "E025 {source}: publication date {value!r} is not a date (YYYY-MM-DD)"
    E101 = "E101 spaCy model '{model}' for language '{language}' is not installed; run `make setup`"
    E102 = "E102 unsupported language '{language}' (supported: {supported})"
    E103 = "E103 resource file {path} is invalid: {reason}"
    E104 = "E104 the event detector model '{model}' cannot be read ({reason}); run `make train`"
    E105 = "E105 cannot run on the Dask scheduler {address}: {reason}"
    E201 = "E201 cannot open database {url}: {reason}"
    E202 = "E202 cannot write document {document_id} to the database: {reason}"
    E203 = "E203 database {url} has schema version {found}, newer than this Quipu ({known})"
    E204 = "E204 cannot read from database {url}: {reason}"
    E205 = "E205 invalid event query: {reason}"
    E206 = "E206 migration module {module} is invalid: {reason}"
    E207 = "E207 cannot upgrade database {url} to schema version {version} ({name}): {reason}"
    E208 = "E208 no database at {path} (`quipu ingest` or `quipu demo` creates one)"
    E209 = "E209 {path} is not a Quipu database (none of its tables); left unchanged"
    E210 = "E210 no corpus event {event} in {url} (`quipu export --merged` lists them)"
    E211 = "E211 {mention} is not a mention of corpus event {event} (it has: {mentions})"
    E212 = "E212 corpus event {event} has one mention only: there is nothing to split"
    E213 = "E213 cannot join corpus event {event} with itself"
    E301 = "E301 {reason}"
    E302 = "E302 --db {url} is in memory: it starts empty, so `quipu {command}` has nothing to read"
    E401 = "E401 bad request: {reason}"
    E402 = "E402 no {kind} with id '{id}'"
    E403 = "E403 no page at {path}"
    E404 = "E404 {method} is not allowed: the dashboard only reads"
    E405 = "E405 the server failed on this request ({reason}); the store is unchanged"


class Warnings:
    """Warning templates (reported, never fatal)."""

    W001 = "W001 {path}: language not detected; assuming '{language}'"
    W002 = "W002 {path}: date '{value}' in front matter is not a date; ignored"
    W003 = "W003 {path}: 'date' value '{value}' is not a date; ignored"
    W004 = "W004 --db {url} is in memory: what `quipu {command}` stores is gone when it ends"
    W005 = "W005 {path}: {where}: '{key}' is not a gold field (docs/gold-format.md); ignored"
    W006 = "W006 {path}: no publication date; {count} relative {noun} ({examples}) left undated"
    W007 = "W007 {path}: no pipeline for language '{language}' (Quipu reads {supported}); skipped"
    W008 = "W008 {format} export: {count} {noun} left out"
    W009 = "W009 {path}: text is neither English nor Spanish; skipped"


def printable(message: str) -> str:
    """Return `message` with its control characters escaped ("\\n"), so that a file name
    holding a line break cannot split a message in two or forge another one."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode(), message)


class QuipuError(Exception):
    """Base of every error Quipu raises on purpose; its message is always one line."""

    def __str__(self) -> str:
        return printable(super().__str__())


class InputError(QuipuError):
    """A file or record cannot be read as a document."""


class PipelineError(QuipuError):
    """The NLP pipeline cannot be built or run."""


class StoreError(QuipuError):
    """The database cannot be opened or written."""


class UsageError(QuipuError):
    """A command-line argument is wrong."""


class RequestError(QuipuError):
    """A dashboard or API request is malformed (400) or names what does not exist (404)."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
