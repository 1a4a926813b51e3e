"""The corpus index in SQL (`store/corpus.py`), on one connection of the SQL store.

Every lookup is by an indexed key (a band key, a block, a story, a corpus event id), so
that a new report costs the same however many are stored. Writes go through one
transaction, which the SQL store opens after locking `corpus_state`'s row: one writer of
the index at a time, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from quipu.errors import Errors, StoreError
from quipu.store.base import MentionKey, StoredStory
from quipu.store.corpus import (
    Block,
    BlockEntry,
    CorpusTables,
    EventRow,
    IndexChanges,
    MentionRecord,
    PendingDocument,
    Record,
    StoredMention,
    StoryMatch,
)
from quipu.store.rows import decode_record, document_metadata
from quipu.store.schema import (
    DOCUMENT_COLUMNS,
    RECORD_TABLES,
    corpus_blocks_table,
    corpus_events_table,
    corpus_mentions_table,
    corpus_pending_table,
    corpus_stale_table,
    corpus_state_table,
    documents_table,
    events_table,
    stories_table,
    story_bands_table,
)

# Keys per statement: SQLite allows a bounded number of parameters in one.
_PAGE = 500


def _pages(values: Sequence[Any], *, size: int = _PAGE) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class SqlCorpusTables(CorpusTables):
    """The corpus index on an open connection (inside a transaction when writing).

    Args:
        connection: the connection.
        writable: whether `write` may write (the store locked the index for it).
    """

    def __init__(self, connection: sa.Connection, *, writable: bool) -> None:
        self._connection = connection
        self._writable = writable
        self._dialect: Any = postgresql if connection.dialect.name == "postgresql" else sqlite

    def generation(self) -> int:
        statement = sa.select(corpus_state_table.c.generation)
        return int(self._connection.execute(statement).scalar_one_or_none() or 0)

    def stale(self) -> list[str]:
        statement = sa.select(corpus_stale_table.c.corpus_event)
        return list(self._connection.execute(statement).scalars())

    def pending(self, *, limit: int | None = None) -> list[PendingDocument]:
        pending = corpus_pending_table.c
        statement = (
            sa.select(*DOCUMENT_COLUMNS, documents_table.c.text)
            .join(corpus_pending_table, pending.document_id == documents_table.c.id)
            .order_by(documents_table.c.seq)
        )
        if limit is not None:
            statement = statement.limit(limit)
        rows = self._connection.execute(statement).mappings().all()
        ids = [row["id"] for row in rows]
        records = {table.name: self._records(table, ids) for table in RECORD_TABLES}
        stories = self._stories(ids)
        known: dict[str, dict[str, str]] = {}
        mentions = corpus_mentions_table.c
        for page in _pages(ids):
            statement = sa.select(mentions.document_id, mentions.event_id, mentions.corpus_event)
            for document_id, event_id, corpus_event in self._connection.execute(
                statement.where(mentions.document_id.in_(page))
            ):
                known.setdefault(document_id, {})[event_id] = corpus_event
        return [
            PendingDocument(
                seq=row["seq"],
                record={
                    "document": document_metadata(row),
                    **{name: found.get(row["id"], []) for name, found in records.items()},
                },
                text=row["text"],
                story=stories.get(row["id"]),
                known=known.get(row["id"], {}),
            )
            for row in rows
        ]

    def story_matches(self, keys: Sequence[int], *, before: int) -> list[StoryMatch]:
        if not keys:
            return []
        # Two lookups by key rather than one join: a planner whose statistics lag behind a
        # fast-growing table (PostgreSQL's, in a bulk ingest) would scan every document.
        bands = story_bands_table.c
        seqs = sorted(
            set(
                self._connection.execute(
                    sa.select(bands.seq).where(bands.band_key.in_(list(keys)), bands.seq < before)
                ).scalars()
            )
        )
        found: list[StoryMatch] = []
        for page in _pages(seqs):
            statement = (
                sa.select(documents_table.c.id, documents_table.c.seq, stories_table)
                .join(stories_table, stories_table.c.document_id == documents_table.c.id)
                .where(documents_table.c.seq.in_(list(page)))
            )
            found.extend(
                StoryMatch(row.id, row.seq, StoredStory(row.story_id, row.words, row.minhash))
                for row in self._connection.execute(statement)
            )
        return found

    def blocks(self, wanted: Iterable[tuple[Block, str | None]]) -> list[BlockEntry]:
        weeks: dict[tuple[str, str, str | None], list[int]] = {}
        for (family, country, week), region in dict.fromkeys(wanted):
            weeks.setdefault((family, country, region), []).append(week)
        table = corpus_blocks_table.c
        found: dict[int, BlockEntry] = {}
        # one indexed search per (family, country): a row-value IN would scan the table
        for page in _pages(list(weeks.items()), size=_PAGE // 8):
            statement = sa.select(corpus_blocks_table).where(
                sa.or_(
                    *(
                        sa.and_(
                            table.family == family,
                            table.country == country,
                            table.week.in_(numbers),
                            *([table.region.in_([region, ""])] if region is not None else []),
                        )
                        for (family, country, region), numbers in page
                    )
                )
            )
            for row in self._connection.execute(statement):
                entry = BlockEntry(
                    (row.family, row.country, row.week),
                    row.region,
                    row.corpus_event,
                    (row.seq, row.ordinal),
                )
                found[row.pk] = entry
        return [found[pk] for pk in sorted(found, key=lambda pk: (found[pk].position, pk))]

    def events(self, ids: Iterable[str]) -> dict[str, EventRow]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, EventRow] = {}
        table = corpus_events_table.c
        for page in _pages(wanted):
            statement = sa.select(table.id, table.family, table.profile).where(
                table.id.in_(list(page))
            )
            for row in self._connection.execute(statement):
                found[row.id] = EventRow(row.id, row.family, json.loads(row.profile))
        return found

    def last_number(self) -> int:
        statement = sa.select(sa.func.max(corpus_events_table.c.number))
        kept = int(self._connection.execute(statement).scalar_one_or_none() or 0)
        # a stale event may not be kept yet (a correction's new one): its number is taken
        stale = self._connection.execute(sa.select(corpus_stale_table.c.corpus_event))
        return max([kept, *(int(key[1:]) for key in stale.scalars() if key[1:].isdigit())])

    def story_mentions(self, story_id: str) -> list[tuple[StoredMention, Record]]:
        # lookups by key, one table at a time (see `story_matches`)
        stories = stories_table.c
        ids = list(
            self._connection.execute(
                sa.select(stories.document_id).where(stories.story_id == story_id)
            ).scalars()
        )
        pending = self._pending_among(ids)
        ids = [key for key in ids if key not in pending]
        mentions = corpus_mentions_table.c
        found: list[StoredMention] = []
        records: dict[tuple[str, int], Record] = {}
        for page in _pages(ids):
            statement = (
                sa.select(corpus_mentions_table, documents_table.c.seq)
                .join(documents_table, documents_table.c.id == mentions.document_id)
                .where(mentions.document_id.in_(list(page)))
            )
            found.extend(_mention(row) for row in self._connection.execute(statement))
            events = events_table.c
            statement = sa.select(events.document_id, events.ordinal, events.record).where(
                events.document_id.in_(list(page))
            )
            for document_id, ordinal, record in self._connection.execute(statement):
                records[(document_id, ordinal)] = decode_record(record)
        found.sort(key=lambda mention: mention.position)
        return [
            (mention, records[(mention.document_id, mention.position[1])])
            for mention in found
            if (mention.document_id, mention.position[1]) in records
        ]

    def placed(self, keys: Iterable[MentionKey]) -> dict[MentionKey, StoredMention]:
        wanted = list(dict.fromkeys(keys))
        found: dict[MentionKey, StoredMention] = {}
        mentions = corpus_mentions_table.c
        for page in _pages(wanted, size=_PAGE // 4):
            # one indexed search per mention: a row-value IN would scan the table
            matches = (
                sa.and_(mentions.document_id == document_id, mentions.event_id == event_id)
                for document_id, event_id in page
            )
            statement = (
                sa.select(corpus_mentions_table, documents_table.c.seq)
                .join(documents_table, documents_table.c.id == mentions.document_id)
                .where(sa.or_(*matches))
            )
            rows = self._connection.execute(statement).all()
            pending = self._pending_among(row.document_id for row in rows)
            for row in rows:
                if row.document_id not in pending:
                    mention = _mention(row)
                    found[mention.key] = mention
        return found

    def event_mentions(self, event_id: str) -> list[MentionRecord]:
        mentions = corpus_mentions_table.c
        statement = (
            sa.select(corpus_mentions_table, documents_table.c.seq, stories_table.c.story_id)
            .join(documents_table, documents_table.c.id == mentions.document_id)
            .join(stories_table, stories_table.c.document_id == mentions.document_id)
            .where(mentions.corpus_event == event_id)
            .order_by(documents_table.c.seq, mentions.ordinal)
        )
        rows = self._connection.execute(statement).all()
        pending = self._pending_among(row.document_id for row in rows)
        rows = [row for row in rows if row.document_id not in pending]
        ids = list(dict.fromkeys(row.document_id for row in rows))
        documents = {
            row["id"]: row
            for page in _pages(ids)
            for row in self._connection.execute(
                sa.select(*DOCUMENT_COLUMNS).where(documents_table.c.id.in_(list(page)))
            ).mappings()
        }
        records = {table.name: self._records(table, ids) for table in RECORD_TABLES}
        found = []
        for row in rows:
            record: Record = {
                "document": document_metadata(documents[row.document_id]),
                **{name: kept.get(row.document_id, []) for name, kept in records.items()},
            }
            events: list[Record] = record["events"]
            if row.ordinal is None or not 0 <= row.ordinal < len(events):
                continue
            found.append(MentionRecord(_mention(row), events[row.ordinal], record, row.story_id))
        return found

    def all_stories(self) -> dict[str, str]:
        statement = (
            sa.select(stories_table.c.document_id, stories_table.c.story_id)
            .join(documents_table, documents_table.c.id == stories_table.c.document_id)
            .where(~_pending(stories_table.c.document_id))
            .order_by(documents_table.c.seq)
        )
        return {row.document_id: row.story_id for row in self._connection.execute(statement)}

    def all_mentions(self) -> list[StoredMention]:
        mentions = corpus_mentions_table.c
        statement = (
            sa.select(corpus_mentions_table, documents_table.c.seq)
            .join(documents_table, documents_table.c.id == mentions.document_id)
            .where(~_pending(mentions.document_id))
            .order_by(documents_table.c.seq, mentions.ordinal)
        )
        return [_mention(row) for row in self._connection.execute(statement)]

    def write(self, changes: IndexChanges) -> None:
        if not self._writable:
            raise StoreError(
                Errors.E202.format(document_id="(corpus)", reason="the index was opened to read")
            )
        connection, dialect = self._connection, self._dialect
        story_rows = [
            {
                "document_id": document_id,
                "story_id": story.story_id,
                "words": story.words,
                "minhash": story.minhash,
            }
            for document_id, (_, story, _) in changes.stories.items()
        ]
        band_rows = [
            {"band_key": key, "seq": seq}
            for seq, _, keys in changes.stories.values()
            for key in dict.fromkeys(keys)
        ]
        for table, rows in ((stories_table, story_rows), (story_bands_table, band_rows)):
            if rows:
                connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)
        for page in _pages(changes.merged):
            connection.execute(
                corpus_pending_table.delete().where(
                    corpus_pending_table.c.document_id.in_(list(page))
                )
            )
        self._write_mentions(changes.mentions)
        self._write_events(changes.events.values())
        gone = sorted(changes.removed | changes.reblocked)
        for page in _pages(gone):
            connection.execute(
                corpus_blocks_table.delete().where(
                    corpus_blocks_table.c.corpus_event.in_(list(page))
                )
            )
        for page in _pages(sorted(changes.removed)):
            connection.execute(
                corpus_events_table.delete().where(corpus_events_table.c.id.in_(list(page)))
            )
        block_rows = [
            {
                "family": entry.block[0],
                "country": entry.block[1],
                "week": entry.block[2],
                "region": entry.region,
                "corpus_event": entry.corpus_event,
                "seq": entry.position[0],
                "ordinal": entry.position[1],
            }
            for entry in changes.blocks
            if entry.corpus_event not in changes.removed
        ]
        if block_rows:
            connection.execute(sa.insert(corpus_blocks_table), block_rows)
        for page in _pages(sorted(changes.repaired)):
            connection.execute(
                corpus_stale_table.delete().where(corpus_stale_table.c.corpus_event.in_(list(page)))
            )

    def _write_mentions(self, mentions: list[StoredMention]) -> None:
        # the last word on a mention wins (a pass may place one again)
        latest = {mention.key: mention for mention in mentions}
        rows = [
            {
                "document_id": mention.document_id,
                "event_id": mention.event_id,
                "corpus_event": mention.corpus_event,
                "ordinal": mention.position[1],
                "link": json.dumps(mention.link) if mention.link is not None else None,
            }
            for mention in latest.values()
        ]
        if not rows:
            return
        insert = self._dialect.insert(corpus_mentions_table)
        statement = insert.on_conflict_do_update(
            index_elements=["document_id", "event_id"],
            set_={
                "corpus_event": insert.excluded.corpus_event,
                "ordinal": insert.excluded.ordinal,
                "link": insert.excluded.link,
            },
        )
        self._connection.execute(statement, rows)

    def _write_events(self, events: Iterable[EventRow]) -> None:
        rows = [
            {
                "id": event.id,
                "number": int(event.id[1:]) if event.id[1:].isdigit() else 0,
                "family": event.family,
                "profile": json.dumps(event.profile, separators=(",", ":")),
            }
            for event in events
        ]
        if not rows:
            return
        insert = self._dialect.insert(corpus_events_table)
        statement = insert.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "number": insert.excluded.number,
                "family": insert.excluded.family,
                "profile": insert.excluded.profile,
            },
        )
        self._connection.execute(statement, rows)

    def _pending_among(self, ids: Iterable[str]) -> set[str]:
        """Which of these documents are pending: looked up by key (a join would have a
        planner scan every pending document of a bulk ingest for each lookup)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        pending = corpus_pending_table.c
        for page in _pages(wanted):
            statement = sa.select(pending.document_id).where(pending.document_id.in_(list(page)))
            found.update(self._connection.execute(statement).scalars())
        return found

    def _records(self, table: sa.Table, ids: list[str]) -> dict[str, list[Record]]:
        grouped: dict[str, list[Record]] = {}
        for page in _pages(ids):
            statement = (
                sa.select(table.c.document_id, table.c.record)
                .where(table.c.document_id.in_(list(page)))
                .order_by(table.c.document_id, table.c.ordinal)
            )
            for document_id, record in self._connection.execute(statement):
                grouped.setdefault(document_id, []).append(decode_record(record))
        return grouped

    def _stories(self, ids: list[str]) -> dict[str, StoredStory]:
        found: dict[str, StoredStory] = {}
        for page in _pages(ids):
            statement = sa.select(stories_table).where(stories_table.c.document_id.in_(list(page)))
            for row in self._connection.execute(statement):
                found[row.document_id] = StoredStory(row.story_id, row.words, row.minhash)
        return found


def _pending(document_id: sa.ColumnElement[str]) -> sa.ColumnElement[bool]:
    """Whether a document is pending (its stored merges, if any, are from before); for
    reads of the whole corpus (a lookup by key uses `_pending_among`)."""
    return sa.exists().where(corpus_pending_table.c.document_id == document_id)


def _mention(row: Any) -> StoredMention:
    return StoredMention(
        document_id=row.document_id,
        event_id=row.event_id,
        corpus_event=row.corpus_event,
        position=(row.seq, row.ordinal if row.ordinal is not None else 0),
        link=json.loads(row.link) if row.link else None,
    )
