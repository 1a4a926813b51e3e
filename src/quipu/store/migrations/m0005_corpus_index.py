"""Schema version 5: the corpus index kept in place (see `store/corpus.py`).

Before, every ingest read all stored documents again to find the stories and corpus events
of the new ones; now the store keeps what that needs. `story_bands`: the LSH band keys of
each document's MinHash values. `corpus_events`: each corpus event's profile (what its
mentions agree on, as JSON). `corpus_blocks`: where each is found (type family, country,
week, region) and from which mention's position. `corpus_pending`: documents not merged
yet. `corpus_stale`: corpus events to work out again. `corpus_state`: the row the index's
one writer locks, counting its writes. `corpus_mentions` gains each event's `ordinal` in its
document and its `link` (how it came into its corpus event, as JSON).

A store of an earlier version has stories and merges but none of the index: every document
it holds becomes pending, and the next ingest (or `quipu reprocess`) builds the index from
what was kept, its stories and corpus event ids unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa

VERSION = 5
NAME = "corpus_index"


def upgrade(connection: sa.Connection) -> None:
    """Create the version 5 tables and columns, and make every stored document pending.

    Args:
        connection: a connection inside the migration's transaction.
    """
    metadata = sa.MetaData()
    # what the foreign keys below refer to, declared only as far as they need it
    documents = sa.Table(
        "documents",
        metadata,
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("id", sa.Text, unique=True),
    )
    sa.Table(
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
    sa.Table(
        "corpus_events",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("number", sa.Integer, nullable=False, index=True),
        sa.Column("family", sa.Text, nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
    )
    sa.Table(
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
    pending = sa.Table(
        "corpus_pending",
        metadata,
        sa.Column(
            "document_id",
            sa.Text,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    sa.Table(
        "corpus_stale",
        metadata,
        sa.Column("corpus_event", sa.Text, primary_key=True),
    )
    state = sa.Table(
        "corpus_state",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer, nullable=False),
    )
    created = [
        metadata.tables[name]
        for name in (
            "story_bands",
            "corpus_events",
            "corpus_blocks",
            "corpus_pending",
            "corpus_stale",
            "corpus_state",
        )
    ]
    metadata.create_all(connection, tables=created)
    for column in ("ordinal INTEGER", "link TEXT"):
        connection.execute(sa.text(f"ALTER TABLE corpus_mentions ADD COLUMN {column}"))
    connection.execute(sa.insert(state).values(id=1, generation=0))
    connection.execute(sa.insert(pending).from_select(["document_id"], sa.select(documents.c.id)))
