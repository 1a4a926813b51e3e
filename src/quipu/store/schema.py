"""The tables of the current schema version, as the SQL store queries them.

Migrations do not import this module: each one declares the tables as they were at its
version, so editing this file never changes what an old migration does. A change here
goes with a new migration in `migrations/` that brings existing databases to match.

Filter columns (`type`, `certainty`, `actor_name` ...) hold the keys of `rows.py`
(upper-cased types, lower-cased certainties, case-folded names); `record` holds the whole
record as JSON and is what reads return.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

SCHEMA_VERSION = 5

migrations_table = sa.Table(
    "quipu_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

documents_table = sa.Table(
    "documents",
    metadata,
    # `seq` is the ingest order; `id` is the content hash that makes re-ingest a no-op.
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("pipeline_version", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
# A document's columns without its text: what listing documents reads.
DOCUMENT_COLUMNS = (
    documents_table.c.seq,
    documents_table.c.id,
    documents_table.c.source,
    documents_table.c.url,
    documents_table.c.outlet,
    documents_table.c.title,
    documents_table.c.published,
    documents_table.c.language,
    documents_table.c.pipeline_version,
)


def _document_id() -> sa.Column[str]:
    return sa.Column(
        "document_id",
        sa.Text,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


events_table = sa.Table(
    "events",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("event_id", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False, index=True),
    sa.Column("certainty", sa.Text, nullable=False, index=True),
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("actor_name", sa.Text),
    sa.Column("actor_text", sa.Text),
    sa.Column("recipient_name", sa.Text),
    sa.Column("recipient_text", sa.Text),
    sa.Column("record", sa.Text, nullable=False),
    sa.UniqueConstraint("document_id", "ordinal"),
)

counts_table = sa.Table(
    "counts",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("kind", sa.Text, nullable=False, index=True),
    sa.Column("certainty", sa.Text, nullable=False),
    sa.Column("as_of_start", sa.Date),
    sa.Column("as_of_end", sa.Date),
    sa.Column("record", sa.Text, nullable=False),
    sa.UniqueConstraint("document_id", "ordinal"),
)

stances_table = sa.Table(
    "stances",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("polarity", sa.Text, nullable=False),
    sa.Column("certainty", sa.Text, nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("actor_name", sa.Text, nullable=False),
    sa.Column("recipient_name", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.UniqueConstraint("document_id", "ordinal"),
)

places_table = sa.Table(
    "places",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    _document_id(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.UniqueConstraint("document_id", "ordinal"),
)

RECORD_TABLES = (events_table, counts_table, stances_table, places_table)

# Version 2: the corpus layer's memory (see migrations/m0002_corpus.py).


def _document_key() -> sa.Column[str]:
    return sa.Column(
        "document_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )


stories_table = sa.Table(
    "stories",
    metadata,
    _document_key(),
    sa.Column("story_id", sa.Text, nullable=False, index=True),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("minhash", sa.LargeBinary),
)

corpus_mentions_table = sa.Table(
    "corpus_mentions",
    metadata,
    _document_key(),
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("corpus_event", sa.Text, nullable=False, index=True),
    # version 5: the event's place in its document, and how it came into its corpus event
    sa.Column("ordinal", sa.Integer),
    sa.Column("link", sa.Text),
)

# Version 3: the feed entries `quipu follow` has read (see migrations/m0003_feed_entries.py).

feed_entries_table = sa.Table(
    "feed_entries",
    metadata,
    sa.Column("entry_key", sa.Text, primary_key=True),
    sa.Column("feed", sa.Text, nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

# Version 4: the user's corrections of the merge (see migrations/m0004_merge_overrides.py).

merge_overrides_table = sa.Table(
    "merge_overrides",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("corpus_event", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("mentions", sa.Text, nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
)

# Version 5: the corpus index kept in place (see migrations/m0005_corpus_index.py and
# store/corpus.py).

story_bands_table = sa.Table(
    "story_bands",
    metadata,
    sa.Column("band_key", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column(
        "seq",
        sa.Integer,
        sa.ForeignKey("documents.seq", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    sqlite_with_rowid=False,
)

corpus_events_table = sa.Table(
    "corpus_events",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("number", sa.Integer, nullable=False, index=True),
    sa.Column("family", sa.Text, nullable=False),
    sa.Column("profile", sa.Text, nullable=False),
)

corpus_blocks_table = sa.Table(
    "corpus_blocks",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("family", sa.Text, nullable=False),
    sa.Column("country", sa.Text, nullable=False),
    sa.Column("week", sa.Integer, nullable=False),
    sa.Column("region", sa.Text, nullable=False),
    sa.Column("corpus_event", sa.Text, nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Index("ix_corpus_blocks_block", "family", "country", "week"),
)

corpus_pending_table = sa.Table(
    "corpus_pending",
    metadata,
    _document_key(),
)

corpus_stale_table = sa.Table(
    "corpus_stale",
    metadata,
    sa.Column("corpus_event", sa.Text, primary_key=True),
)

corpus_state_table = sa.Table(
    "corpus_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("generation", sa.Integer, nullable=False),
)
