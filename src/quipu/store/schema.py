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

SCHEMA_VERSION = 4

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
