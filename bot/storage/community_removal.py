"""Removing a community and everything under it (a Slack workspace that uninstalled the app).

The tables are read from the schema, never listed by hand: deleting the ``communities`` row
lets the foreign keys cascade (members and all that is theirs, campaigns, prompts, actions,
anonymous counts, schedules, the dispatch log, settings), then every table with a
``community_id`` column that no foreign key ties to it (the roll-ups the triggers keep) is
swept, and the transaction fails if any row naming the community is left. A new feature's
table is therefore covered with no change here.
"""

from __future__ import annotations

from bot.storage import sql
from bot.storage.actions import lock_actions
from bot.storage.database import Transaction
from bot.storage.privacy import data_tables
from bot.storage.sql import quoted

COMMUNITY_COLUMN = "community_id"


class RemovalIncomplete(RuntimeError):
    """Rows naming the community were left: the transaction is rolled back."""


async def community_tables(tx: Transaction) -> list[str]:
    """Every table with a ``community_id`` column, sorted."""
    return [
        table
        for table in await data_tables(tx)
        if any(c.name == COMMUNITY_COLUMN for c in await sql.columns(tx, table))
    ]


async def remove_community(tx: Transaction, community_id: int) -> None:
    """Delete the community and every row that names it, within ``tx``.

    The cascade goes first: the roll-up triggers it fires write to the roll-ups, which are
    swept after it. On PostgreSQL the actions are locked first, as every writer of several
    actions does (bot/storage/actions.py)."""
    await lock_actions(tx)
    swept = await community_tables(tx)
    await tx.execute("DELETE FROM communities WHERE id = ?", (community_id,))
    for table in swept:
        await tx.execute(f"DELETE FROM {quoted(table)} WHERE community_id = ?", (community_id,))
    for table in swept:
        left = await tx.fetchone(
            f"SELECT 1 FROM {quoted(table)} WHERE community_id = ? LIMIT 1", (community_id,)
        )
        if left is not None:
            raise RemovalIncomplete(f"rows of community {community_id} are left in {table}")
