"""Schema version 1: documents and their events, counts, stances and place mentions.

The tables are declared here as they are at version 1, not imported from `schema.py`, so
that later changes to the current schema never change what this migration does.
"""

from __future__ import annotations

import sqlalchemy as sa

VERSION = 1
NAME = "initial"


def upgrade(connection: sa.Connection) -> None:
    """Create the version 1 tables and indexes.

    Args:
        connection: a connection inside the migration's transaction.
    """
    metadata = sa.MetaData()
    sa.Table(
        "documents",
        metadata,
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
    sa.Table(
        "events",
        metadata,
        *_record_columns(),
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
    sa.Table(
        "counts",
        metadata,
        *_record_columns(),
        sa.Column("kind", sa.Text, nullable=False, index=True),
        sa.Column("certainty", sa.Text, nullable=False),
        sa.Column("as_of_start", sa.Date),
        sa.Column("as_of_end", sa.Date),
        sa.Column("record", sa.Text, nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    sa.Table(
        "stances",
        metadata,
        *_record_columns(),
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
    sa.Table(
        "places",
        metadata,
        *_record_columns(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    # No checkfirst: a foreign table of the same name must stop the upgrade, not be reused.
    metadata.create_all(connection, checkfirst=False)


def _record_columns() -> list[sa.Column[int] | sa.Column[str]]:
    """Return the columns every record table starts with."""
    return [
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id",
            sa.Text,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
    ]
