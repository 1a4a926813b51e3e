"""Schema version 4: the user's corrections of the merge (`quipu merge split` and `join`).

`merge_overrides`: one row per correction, in the order they were made: its kind (`split`
or `join`), the corpus event and the mention or event the user named, and the mentions it
is about as JSON ([[document id, event id], ...]: for a split, the mention taken out and
then the mentions it is kept apart from; for a join, every mention of both events). It
names mentions, not corpus events, so it holds when a document is extracted again
(`quipu reprocess`) and its events are merged anew; it has no foreign key, so that
nothing removes a correction but the user.
"""

from __future__ import annotations

import sqlalchemy as sa

VERSION = 4
NAME = "merge_overrides"


def upgrade(connection: sa.Connection) -> None:
    """Create the version 4 table.

    Args:
        connection: a connection inside the migration's transaction.
    """
    metadata = sa.MetaData()
    table = sa.Table(
        "merge_overrides",
        metadata,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("corpus_event", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("mentions", sa.Text, nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    )
    metadata.create_all(connection, tables=[table])
