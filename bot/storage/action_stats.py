"""Read-only queries behind /stats, /leaderboard, /export, /mystats and the live count.

Totals come from the roll-ups the triggers of migration 0003 keep (members' rows plus
anonymous counts), so no query reads a million actions: a period covering all the data uses
the all-time roll-ups, a bounded one the per-day roll-ups or the covering index on
(community, day, member). ``None`` for a day means the period is open on that side.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.core.action_models import Action
from bot.storage.actions import COLUMNS, action_of
from bot.storage.database import Database

Rows = list[sqlite3.Row]


def _where(
    campaign_id: int | None, first: date | None, last: date | None
) -> tuple[str, list[object]]:
    clauses, params = [], []
    if campaign_id is not None:
        clauses.append("campaign_id = ?")
        params.append(campaign_id)
    if first is not None:
        clauses.append("day >= ?")
        params.append(first.isoformat())
    if last is not None:
        clauses.append("day <= ?")
        params.append(last.isoformat())
    return "".join(f" AND {c}" for c in clauses), params


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def timezone(self, community_id: int) -> str | None:
        row = await self._db.fetchone(
            "SELECT timezone FROM communities WHERE id = ?", (community_id,)
        )
        return row[0] if row else None

    async def day_bounds(self, community_id: int) -> tuple[date, date] | None:
        """The first and last day with a counted action in the community."""
        row = await self._db.fetchone(
            "SELECT min(day), max(day) FROM action_counts_by_day WHERE community_id = ?",
            (community_id,),
        )
        if row is None or row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    async def by_day(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> Rows:
        """(day, outcome, actions) rows."""
        where, params = _where(campaign_id, first, last)
        return await self._db.fetchall(
            "SELECT day, outcome, sum(actions) AS actions FROM action_counts_by_day "
            f"WHERE community_id = ?{where} GROUP BY day, outcome ORDER BY day",
            (community_id, *params),
        )

    async def by_lawmaker(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> Rows:
        """(lawmaker, outcome, actions) rows; lawmaker '' for reports naming none."""
        if first is None and last is None:
            where, params = _where(campaign_id, None, None)
            table = "action_counts_by_lawmaker"
        else:
            where, params = _where(campaign_id, first, last)
            table = "action_counts_by_lawmaker_day"
        return await self._db.fetchall(
            f"SELECT lawmaker, outcome, sum(actions) AS actions FROM {table} "
            f"WHERE community_id = ?{where} GROUP BY lawmaker, outcome",
            (community_id, *params),
        )

    async def unique_members(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> int:
        """Members (still here) with at least one action in the period."""
        table = "action_counts_by_member" if first is None and last is None else "actions"
        where, params = _where(campaign_id, first, last)
        row = await self._db.fetchone(
            f"SELECT count(DISTINCT member_id) FROM {table} WHERE community_id = ?{where}",
            (community_id, *params),
        )
        return int(row[0]) if row else 0

    async def leaderboard(
        self, community_id: int, first: date | None, last: date | None, limit: int
    ) -> Rows:
        """(user_id, actions) of the top members who did not opt out, most first."""
        if first is None and last is None:
            inner = (
                "SELECT member_id, sum(actions) AS actions FROM action_counts_by_member "
                "WHERE community_id = ? GROUP BY member_id"
            )
            params: list[object] = [community_id]
        else:
            where, extra = _where(None, first, last)
            inner = (
                "SELECT member_id, count(*) AS actions FROM actions "
                f"WHERE community_id = ?{where} GROUP BY member_id"
            )
            params = [community_id, *extra]
        return await self._db.fetchall(
            f"SELECT m.user_id, t.actions FROM ({inner}) AS t JOIN members AS m "
            "ON m.id = t.member_id WHERE m.leaderboard_opt_out = 0 "
            "ORDER BY t.actions DESC, m.id LIMIT ?",
            (*params, limit),
        )

    async def campaign_total(self, community_id: int, campaign_id: int) -> int:
        row = await self._db.fetchone(
            "SELECT coalesce(sum(actions), 0) FROM action_counts_by_day "
            "WHERE community_id = ? AND campaign_id = ?",
            (community_id, campaign_id),
        )
        return int(row[0]) if row else 0

    async def campaign_members(self, community_id: int, campaign_id: int) -> int:
        row = await self._db.fetchone(
            "SELECT count(*) FROM action_counts_by_member "
            "WHERE community_id = ? AND campaign_id = ?",
            (community_id, campaign_id),
        )
        return int(row[0]) if row else 0

    async def notes(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> Rows:
        """(lawmaker, note, times) of office notes in the period, most repeated first."""
        where, params = _where(campaign_id, first, last)
        return await self._db.fetchall(
            "SELECT lawmaker, note, count(*) AS times FROM actions "
            f"WHERE community_id = ? AND note IS NOT NULL{where} "
            "GROUP BY lawmaker, note ORDER BY lawmaker, times DESC, max(at) DESC",
            (community_id, *params),
        )

    async def daily_counts(self, community_id: int, campaign_id: int | None) -> Rows:
        """(campaign_id, day, lawmaker, outcome, actions) rows: the export."""
        where, params = _where(campaign_id, None, None)
        return await self._db.fetchall(
            "SELECT campaign_id, day, lawmaker, outcome, actions "
            f"FROM action_counts_by_lawmaker_day WHERE community_id = ?{where} "
            "ORDER BY campaign_id, day, lawmaker, outcome",
            (community_id, *params),
        )

    # -- one member's own ------------------------------------------------------------------
    async def member_days(self, member_id: int) -> list[date]:
        rows = await self._db.fetchall(
            "SELECT DISTINCT member_day FROM actions WHERE member_id = ?", (member_id,)
        )
        return [date.fromisoformat(row[0]) for row in rows]

    async def member_totals(self, member_id: int) -> Rows:
        """(campaign_id, outcome, actions) of the member's actions."""
        return await self._db.fetchall(
            "SELECT campaign_id, outcome, count(*) AS actions FROM actions WHERE member_id = ? "
            "GROUP BY campaign_id, outcome",
            (member_id,),
        )

    async def recent(self, member_id: int, limit: int) -> list[Action]:
        rows = await self._db.fetchall(
            f"SELECT {COLUMNS} FROM actions WHERE member_id = ? ORDER BY at DESC, id DESC LIMIT ?",
            (member_id, limit),
        )
        return [action_of(row) for row in rows]
