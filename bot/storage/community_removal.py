"""Removing a community and everything under it (a Slack workspace that uninstalled the app).

The tables are read from the schema, never listed by hand: deleting the ``communities`` row
lets the foreign keys cascade (members and all that is theirs, campaigns, prompts, actions,
anonymous counts, schedules, the dispatch log, settings), then every table with a
``community_id`` column that no foreign key ties to it (the roll-ups the triggers keep) is
swept, and the transaction fails if any row naming the community is left. A new feature's
table is therefore covered with no change here.
"""

from __future__ import annotations

from bot.storage.privacy import quoted
from bot.storage.sqlite.database import Transaction

COMMUNITY_COLUMN = "community_id"


class RemovalIncomplete(RuntimeError):
    """Rows naming the community were left: the transaction is rolled back."""


async def community_tables(tx: Transaction) -> list[str]:
    """Every table with a ``community_id`` column, sorted."""
    tables = await tx.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'schema_version' ORDER BY name"
    )
    found = []
    for (table,) in tables:
        columns = await tx.fetchall(f"PRAGMA table_info({quoted(table)})")
        if any(column["name"] == COMMUNITY_COLUMN for column in columns):
            found.append(str(table))
    return found


async def remove_community(tx: Transaction, community_id: int) -> None:
    """Delete the community and every row that names it, within ``tx``.

    The cascade goes first: the roll-up triggers it fires write to the roll-ups, which are
    swept after it."""
    tables = await community_tables(tx)
    await tx.execute("DELETE FROM communities WHERE id = ?", (community_id,))
    for table in tables:
        await tx.execute(f"DELETE FROM {quoted(table)} WHERE community_id = ?", (community_id,))
    for table in tables:
        left = await tx.fetchone(
            f"SELECT 1 FROM {quoted(table)} WHERE community_id = ? LIMIT 1", (community_id,)
        )
        if left is not None:
            raise RemovalIncomplete(f"rows of community {community_id} are left in {table}")
