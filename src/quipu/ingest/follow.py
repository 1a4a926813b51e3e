"""Following feeds: each pass reads what is new in them, and the store remembers what was read.

`quipu follow` polls its feeds again and again; a `FeedFollower` makes one pass at a time.
An entry is new when its key (`feeds.FeedEntry.key`) is not kept in the store. Its key is
kept once its report is stored or found stored already, or once it has failed for good
(no article on the page, refused by robots.txt, 404); an entry that failed in a way that
may work later (E021: no answer, a time-out, a server error) is tried again next pass. As
keys are kept only after their reports are stored, a run stopped at any point (Ctrl-C, a
crash) loses nothing: the next run fetches again what was not kept, and a report already
stored is recognized by its content id without being extracted again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from quipu.errors import InputError
from quipu.ingest.base import IngestOptions
from quipu.ingest.feeds import entry_document, read_feed
from quipu.ingest.fetch import Web
from quipu.records import Document
from quipu.store import Store

# The error that says an entry may be read later (no answer, out of time, a server error).
_TRY_AGAIN = "E021"


@dataclass(frozen=True, slots=True)
class _Pending:
    feed: str
    key: str


class FeedFollower:
    """Read what is new in feeds, one pass at a time, remembering in `store` what was read.

    Args:
        feeds: feed URLs or files.
        store: where reports go and entries read are kept.
        web: what downloads go through.
        options: limits and a forced language.
    """

    def __init__(
        self, feeds: Iterable[str], *, store: Store, web: Web, options: IngestOptions
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.store = store
        self.web = web
        self.options = options
        # the entries of documents handed out and not yet stored, by document id
        self._pending: dict[str, list[_Pending]] = {}

    def new_documents(self, *, on_error: Callable[[InputError], None]) -> Iterator[Document]:
        """Yield the report of each entry not read before, feed by feed, in feed order.

        A document already in the store is not yielded: its entry is kept as read at once.
        Call `stored` for each document once it is stored, and `finish` after the pass.
        """
        for feed in self.feeds:
            try:
                entries = read_feed(feed, web=self.web, options=self.options)
            except InputError as error:
                on_error(error)
                continue
            seen = self.store.seen_entries(entry.key for entry in entries if entry.key)
            for entry in entries:
                if entry.key is not None and entry.key in seen:
                    continue
                seen.add(entry.key or "")
                try:
                    document = entry_document(entry, web=self.web, options=self.options)
                except InputError as error:
                    on_error(error)
                    if entry.key is not None and not str(error).startswith(_TRY_AGAIN):
                        self.store.remember_entries([entry.key], feed=feed)
                    continue
                if entry.key is None:
                    yield document  # nothing to remember it by
                elif self.store.has_document(document.id):
                    self.store.remember_entries([entry.key], feed=feed)
                else:
                    self._pending.setdefault(document.id, []).append(_Pending(feed, entry.key))
                    yield document

    def stored(self, document_id: str) -> None:
        """Keep the entries of a document as read, now that it is stored."""
        for pending in self._pending.pop(document_id, []):
            self.store.remember_entries([pending.key], feed=pending.feed)

    def finish(self) -> None:
        """Keep as read the entries of documents handed out but not stored, which the
        pipeline skipped (a language it has no model for): reading them again would skip
        them again."""
        for document_id in list(self._pending):
            self.stored(document_id)
