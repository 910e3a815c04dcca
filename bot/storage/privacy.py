"""Repository for privacy: what links to a member (found from the schema), erasure, retention.

Member-linked tables are found by introspection, never listed by hand: every foreign key that
references ``members``, plus any ``member_id`` column without one. A new feature's table is
therefore shown by /privacy, exported and erased without a change here.

Actions are never simply deleted: they are first folded into ``anonymous_action_counts``
(migration 0003), grouped by community, campaign, day, lawmaker and outcome, in the same
transaction, so the roll-ups' triggers keep every campaign total unchanged.

The schema is read through bot/storage/sql.py, the same way on both backends.
"""

from __future__ import annotations

from bot.domain.privacy_models import Link, StoredRow
from bot.storage import sql
from bot.storage.actions import lock_actions
from bot.storage.database import Database, Params, Row, Transaction
from bot.storage.sql import quoted

__all__ = ["KEPT_BY_SCHEMA", "Link", "PrivacyRepository", "data_tables", "member_links", "quoted"]

MEMBERS = "members"
NOT_DATA = ("schema_version",)  # the schema's own bookkeeping
KEPT_BY_SCHEMA = ("CASCADE", "SET NULL")  # what the database does itself when a member goes
_FOLD_INSERT = (
    "INSERT INTO anonymous_action_counts "
    "(community_id, campaign_id, day, lawmaker, outcome, actions) "
    "SELECT community_id, campaign_id, day, lawmaker, outcome, count(*) FROM actions "
    "WHERE {where} GROUP BY community_id, campaign_id, day, lawmaker, outcome "
    "ON CONFLICT (community_id, campaign_id, day, lawmaker, outcome) "
    "DO UPDATE SET actions = anonymous_action_counts.actions + excluded.actions"
)


async def data_tables(db: Transaction | Database) -> list[str]:
    """Every table of the bot's data (not the schema's bookkeeping), sorted."""
    return [table for table in await sql.tables(db) if table not in NOT_DATA]


async def member_links(db: Transaction | Database) -> list[Link]:
    """Every column in the schema that links a row to a member, sorted by table: each foreign
    key to ``members``, and each ``member_id`` column without one."""
    links: list[Link] = []
    for table in await data_tables(db):
        if table == MEMBERS:
            continue
        keyed = set()
        for fk in await sql.foreign_keys(db, table):
            if fk.table == MEMBERS:
                links.append(Link(table, fk.column, fk.on_delete))
                keyed.add(fk.column)
        names = {c.name for c in await sql.columns(db, table)}
        if "member_id" in names and "member_id" not in keyed:
            links.append(Link(table, "member_id", "NONE"))
    return links


def _stored(row: Row) -> StoredRow:
    """A row's columns by name, as plain values."""
    return {key: row[key] for key in row.keys()}  # noqa: SIM118 (a sqlite3.Row yields values)


class PrivacyRepository:
    """Stored data about members: shown, exported, erased, folded after retention
    (:class:`bot.core.ports.privacy.PrivacyStore`)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def links(self) -> list[Link]:
        return await member_links(self._db)

    async def member_row(self, member_id: int) -> StoredRow | None:
        row = await self._db.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
        return _stored(row) if row else None

    async def linked_rows(self, member_id: int) -> dict[str, list[StoredRow]]:
        """Rows of every member-linked table that point at this member, by table name."""
        found: dict[str, list[StoredRow]] = {}
        for link in await self.links():
            rows = await self._db.fetchall(
                f"SELECT * FROM {quoted(link.table)} WHERE {quoted(link.column)} = ? ORDER BY 1",
                (member_id,),
            )
            if rows:
                found.setdefault(link.table, []).extend(_stored(row) for row in rows)
        return found

    async def erase(self, member_id: int) -> int | None:
        """Fold the member's actions into anonymous counts, then delete the member and every
        row linked to them, in one transaction. Returns the actions folded, or None if the
        member was already gone. A link left behind rolls everything back."""
        async with self._db.transaction() as tx:
            await lock_actions(tx)
            exists = await tx.fetchone("SELECT 1 FROM members WHERE id = ?", (member_id,))
            if exists is None:
                return None
            folded = await _fold(tx, "member_id = ?", (member_id,))
            links = await member_links(tx)
            for link in links:
                if link.on_delete not in KEPT_BY_SCHEMA:
                    await tx.execute(
                        f"DELETE FROM {quoted(link.table)} WHERE {quoted(link.column)} = ?",
                        (member_id,),
                    )
            await tx.execute("DELETE FROM members WHERE id = ?", (member_id,))
            for link in links:
                left = await tx.fetchone(
                    f"SELECT count(*) FROM {quoted(link.table)} WHERE {quoted(link.column)} = ?",
                    (member_id,),
                )
                if left and left[0]:
                    raise RuntimeError(f"erasure left {left[0]} rows in {link.table}")
        return folded

    async def fold_before(self, community_id: int, before: str) -> int:
        """Fold this community's actions reported before ``before`` (UTC ISO) into anonymous
        daily counts; returns how many were folded."""
        async with self._db.transaction() as tx:
            await lock_actions(tx)
            return await _fold(tx, "community_id = ? AND at < ?", (community_id, before))

    async def retention(self, community_id: int) -> int | None:
        row = await self._db.fetchone(
            "SELECT retention_days FROM privacy_settings WHERE community_id = ?", (community_id,)
        )
        return int(row[0]) if row and row[0] is not None else None

    async def set_retention(self, community_id: int, days: int | None, now: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO privacy_settings (community_id, retention_days, updated_at) "
                "VALUES (?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET "
                "retention_days = excluded.retention_days, updated_at = excluded.updated_at",
                (community_id, days, now),
            )

    async def retained(self) -> list[tuple[int, int]]:
        """(community id, retention days) for every community with a retention period."""
        rows = await self._db.fetchall(
            "SELECT community_id, retention_days FROM privacy_settings "
            "WHERE retention_days IS NOT NULL ORDER BY community_id"
        )
        return [(int(r[0]), int(r[1])) for r in rows]

    async def add_erase_request(self, token: str, member_id: int, now: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO erase_requests (token, member_id, created_at) VALUES (?, ?, ?)",
                (token, member_id, now),
            )

    async def erase_request(self, token: str) -> tuple[int, str] | None:
        """(member id, created at) of a pending confirmation, or None."""
        row = await self._db.fetchone(
            "SELECT member_id, created_at FROM erase_requests WHERE token = ?", (token,)
        )
        return (int(row[0]), str(row[1])) if row else None

    async def drop_erase_request(self, token: str) -> bool:
        async with self._db.transaction() as tx:
            changed = await tx.execute("DELETE FROM erase_requests WHERE token = ?", (token,))
            return changed > 0

    async def drop_dm_routes_before(self, before: str) -> int:
        """Forget the routes of DMs sent before ``before`` (they are no longer used)."""
        async with self._db.transaction() as tx:
            changed = await tx.execute("DELETE FROM dm_routes WHERE sent_at < ?", (before,))
            return changed

    async def drop_erase_requests_before(self, before: str) -> int:
        async with self._db.transaction() as tx:
            changed = await tx.execute("DELETE FROM erase_requests WHERE created_at < ?", (before,))
            return changed

    async def is_bare(self, member_id: int) -> bool:
        """True if the member has nothing stored but a members row with default settings."""
        row = await self.member_row(member_id)
        if row is None:
            return False
        defaults = (
            row["zip"] is None
            and row["district"] is None
            and row["timezone"] is None
            and not row["reminders_enabled"]
            and row["reminder_time"] is None
            and not row["leaderboard_opt_out"]
            and row["language"] is None  # a /language choice is the member's own setting
        )
        return defaults and not await self.linked_rows(member_id)


async def _fold(tx: Transaction, where: str, params: Params) -> int:
    row = await tx.fetchone(f"SELECT count(*) FROM actions WHERE {where}", params)
    count = int(row[0]) if row else 0
    # One-tap marks go with the actions they stood for, and with those of the same member day
    # (left alone, a mark would count again once the per-lawmaker reports that covered it
    # are folded): nothing folded can ever be counted a second time.
    await tx.execute(f"DELETE FROM one_tap_marks WHERE {where}", params)
    if count:
        await tx.execute(
            "DELETE FROM one_tap_marks WHERE (member_id, campaign_id, member_day) IN "
            f"(SELECT member_id, campaign_id, member_day FROM actions WHERE {where})",
            params,
        )
        await tx.execute(_FOLD_INSERT.format(where=where), params)
        await tx.execute(f"DELETE FROM actions WHERE {where}", params)
    return count
