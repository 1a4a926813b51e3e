"""Schema version 3: the feed entries `quipu follow` has read.

`feed_entries`: one row per entry, keyed by what identifies it from one poll of its feed to
the next (its id or guid, else its link, else the hash of its content), so that a second
run of `quipu follow` resumes where the first stopped, fetching only what is new.
"""

from __future__ import annotations

import sqlalchemy as sa

VERSION = 3
NAME = "feed_entries"


def upgrade(connection: sa.Connection) -> None:
    """Create the version 3 table.

    Args:
        connection: a connection inside the migration's transaction.
    """
    metadata = sa.MetaData()
    sa.Table(
        "feed_entries",
        metadata,
        sa.Column("entry_key", sa.Text, primary_key=True),
        sa.Column("feed", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    metadata.create_all(connection, checkfirst=False)
