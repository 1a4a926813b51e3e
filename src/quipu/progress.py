"""What a long command shows while it works: a progress bar on stderr and a closing line.

`quipu extract`, `ingest` and `reprocess` read documents one by one. On a terminal a `rich`
bar shows how many are done, documents a second and, when the number to read is known, the
time left; `--quiet`, or stderr that is not a terminal (a pipe, a file, a test), turns it
off, so scripts and logs see only the numbered errors. When the bar was shown, a closing line
on stderr gives the count, the time taken and the throughput:

    ingest: 29 documents in 14.2 s, 2.0 documents/s

    >>> with Meter("ingest", quiet=False) as meter:
    ...     for document in documents:
    ...         store(document)
    ...         meter.step()
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # rich is imported only when a bar is drawn: every command starts faster
    from rich.console import Console


def shows_progress(stream: TextIO, *, quiet: bool) -> bool:
    """True when a bar belongs on `stream`: not asked to be quiet, and a terminal."""
    return not quiet and stream.isatty()


class Meter:
    """Count documents as a command reads them; a bar and a closing line when shown."""

    def __init__(
        self,
        label: str,
        *,
        quiet: bool,
        total: int | None = None,
        console: Console | None = None,
    ) -> None:
        """Args:
        label: the command's name, first word of the bar and of the closing line.
        quiet: no bar and no closing line.
        total: how many documents there are to read, when known (for the time left).
        console: where to draw; by default stderr, shown only when it is a terminal.
        """
        self.label = label
        self.total = total
        self.count = 0
        self.started = time.perf_counter()
        if console is None and shows_progress(sys.stderr, quiet=quiet):
            from rich.console import Console

            console = Console(stderr=True)
        self._console = None if quiet else console
        self._progress: Any = None
        self._task: Any = None

    @property
    def shown(self) -> bool:
        """Whether the bar and the closing line are drawn."""
        return self._console is not None

    def __enter__(self) -> Meter:
        self.started = time.perf_counter()
        if self._console is not None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns = [
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn() if self.total is not None else TextColumn("{task.completed}"),
                TextColumn("documents"),
                TaskProgressColumn(show_speed=True),
                TimeElapsedColumn(),
            ]
            if self.total is not None:
                columns.append(TimeRemainingColumn())
            self._progress = Progress(*columns, console=self._console, transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=self.total)
        return self

    def step(self, count: int = 1) -> None:
        """Count `count` more documents read."""
        self.count += count
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=count)

    def closing_line(self) -> str:
        """Return "ingest: 29 documents in 14.2 s, 2.0 documents/s"."""
        seconds = max(time.perf_counter() - self.started, 1e-9)
        noun = "document" if self.count == 1 else "documents"
        rate = self.count / seconds
        return f"{self.label}: {self.count} {noun} in {seconds:.1f} s, {rate:.1f} documents/s"

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
        if self._console is not None:
            self._console.print(self.closing_line(), highlight=False, markup=False)
