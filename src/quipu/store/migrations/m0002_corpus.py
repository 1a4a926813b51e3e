"""Schema version 2: what the corpus layer keeps between runs.

`stories`: each document's story and the MinHash values that find its reprints, so that a
new document is compared with the stored ones without hashing their texts again.
`corpus_mentions`: which corpus event each stored event was merged into, so that ingesting
new documents merges only their events and the corpus events keep their ids.
"""

from __future__ import annotations

import sqlalchemy as sa

VERSION = 2
NAME = "corpus"


def upgrade(connection: sa.Connection) -> None:
    """Create the version 2 tables.

    Args:
        connection: a connection inside the migration's transaction.
    """
    metadata = sa.MetaData()
    # what the foreign keys below refer to, declared only as far as they need it
    sa.Table("documents", metadata, sa.Column("id", sa.Text, primary_key=True))
    sa.Table(
        "stories",
        metadata,
        _document_key(),
        sa.Column("story_id", sa.Text, nullable=False, index=True),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("minhash", sa.LargeBinary),
    )
    sa.Table(
        "corpus_mentions",
        metadata,
        _document_key(),
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("corpus_event", sa.Text, nullable=False, index=True),
    )
    metadata.create_all(
        connection, tables=[metadata.tables["stories"], metadata.tables["corpus_mentions"]]
    )


def _document_key() -> sa.Column[str]:
    return sa.Column(
        "document_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
