"""The paths a user names (files, directories, glob patterns) turned into files to read."""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Collection, Iterable, Iterator
from pathlib import PurePath

from quipu.errors import Errors, InputError
from quipu.ingest.base import os_reason

_GLOB_MAGIC = re.compile(r"[*?\[]")


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], *, suffixes: Collection[str]
) -> Iterator[str | InputError]:
    """Expand files, directories and glob patterns, in the order given, into files.

    A directory is walked recursively in sorted order, skipping hidden files and directories
    (names starting with "."), links to directories, and files whose suffix is not in
    `suffixes`. A glob pattern is
    expanded the same way (`**` recurses). A path that exists is never taken as a pattern.

    Args:
        paths: what the user named.
        suffixes: the lower-case suffixes (".txt") of the formats that can be read.

    Yields:
        The path of each file (as named, or joined onto the directory or pattern named), or
        an InputError: E001 for a missing path, E010 for a pattern or directory without
        readable files, E011 for a directory that cannot be listed or a pipe, device or
        socket found in one.
    """
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            yield from _at_least_one(_walk(path, suffixes=suffixes), path=path)
        elif os.path.lexists(path):
            yield path
        elif _GLOB_MAGIC.search(path):
            yield from _at_least_one(_matches(path, suffixes=suffixes), path=path)
        else:
            yield InputError(Errors.E001.format(path=path))


def _at_least_one(found: Iterator[str | InputError], *, path: str) -> Iterator[str | InputError]:
    any_file = False
    for item in found:
        any_file = any_file or isinstance(item, str)
        yield item
    if not any_file:
        yield InputError(Errors.E010.format(path=path))


def _matches(pattern: str, *, suffixes: Collection[str]) -> Iterator[str | InputError]:
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            yield from _walk(match, suffixes=suffixes)
        elif _readable(match, suffixes=suffixes):
            yield _special(match) or match


def _walk(top: str, *, suffixes: Collection[str]) -> Iterator[str | InputError]:
    # Files and subdirectories in one name order, so that the order is that of the sorted
    # paths; symbolic links to directories are not followed, which rules out cycles.
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(Errors.E011.format(path=top, reason=os_reason(error)))
        return
    for entry in entries:
        path = os.path.join(top, entry.name)
        if entry.is_dir(follow_symlinks=False):
            if not entry.name.startswith("."):
                yield from _walk(path, suffixes=suffixes)
        elif _readable(entry.name, suffixes=suffixes):
            yield _special(path) or path


def _special(path: str) -> InputError | None:
    """E011 for a pipe, device or socket met in a folder or a pattern, whose reading could
    wait forever; such a file is read only when named (`quipu ingest /dev/stdin`)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a dangling link: reading it says E001
    if stat.S_ISREG(mode):
        return None
    return InputError(Errors.E011.format(path=path, reason="not a regular file; skipped"))


def format_suffix(path: str) -> str:
    """Return the lower-case suffix that names a file's format, compression included.

    A gzip-compressed file is named by its last two suffixes (".jsonl.gz", ".warc.gz"), any
    other file by its last one (".html"); "" when the name has none.
    """
    suffixes = [suffix.lower() for suffix in PurePath(path).suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def _readable(path: str, *, suffixes: Collection[str]) -> bool:
    name = PurePath(path).name
    return not name.startswith(".") and format_suffix(name) in suffixes
