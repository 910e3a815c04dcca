"""Read-only queries behind /stats, /leaderboard, /export, /mystats and the live count.

Totals come from the roll-ups the triggers of migrations 0003 and 0006 keep (members' rows
plus anonymous counts), so no query reads a million actions: a period covering all the data uses
the all-time roll-ups, whole months the monthly ones, other bounded periods the per-day roll-ups
or the covering index on (community, day, member). ``None`` for a day means the period is open
on that side.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from bot.domain.action_models import Action
from bot.domain.stats_models import (
    CampaignOutcomeCount,
    DailyCount,
    DayOutcomeCount,
    LawmakerCount,
    MemberTotal,
    NoteCount,
)
from bot.storage.actions import COLUMNS, action_of
from bot.storage.database import Database, Row
from bot.storage.trailing_windows import TrailingWindows

MONTHS, DAYS = "months", "days"
SUM = "CAST(sum(actions) AS BIGINT)"  # PostgreSQL's sum of a bigint is numeric


def window_parts(first: date, last: date, data_last: date) -> list[tuple[str, int, str, str]]:
    """How to sum the days ``first``..``last`` from monthly and daily roll-ups, reading as few
    rows as it can: (MONTHS or DAYS, +1 or -1, first, last) ranges ('YYYY-MM' or 'YYYY-MM-DD').

    Each month the window touches is read either as its days inside the window, or as the
    whole month less its days outside the window, whichever means fewer days with data (days
    after ``data_last`` have none). The sum is exact either way.
    """
    parts: list[tuple[str, int, str, str]] = []
    start = first.replace(day=1)
    while start <= last:
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        low, high = max(first, start), min(last, end)
        inside = (min(high, data_last) - low).days + 1
        before = (min(low - timedelta(days=1), data_last) - start).days + 1
        after = (min(end, data_last) - high).days
        outside = max(before, 0) + max(after, 0)
        if (low == start and high >= min(end, data_last)) or outside < inside:
            parts.append((MONTHS, 1, start.strftime("%Y-%m"), start.strftime("%Y-%m")))
            if before > 0:
                parts.append((DAYS, -1, start.isoformat(), (low - timedelta(days=1)).isoformat()))
            if after > 0:
                parts.append((DAYS, -1, (high + timedelta(days=1)).isoformat(), end.isoformat()))
        elif inside > 0:
            parts.append((DAYS, 1, low.isoformat(), high.isoformat()))
        start = end + timedelta(days=1)
    return parts


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
    """The counts behind the stats (:class:`bot.core.ports.stats.StatsStore`)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.windows = TrailingWindows(db)

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
    ) -> list[DayOutcomeCount]:
        """Actions per day and outcome, by day."""
        where, params = _where(campaign_id, first, last)
        rows = await self._db.fetchall(
            f"SELECT day, outcome, {SUM} FROM action_counts_by_day "
            f"WHERE community_id = ?{where} GROUP BY day, outcome ORDER BY day",
            (community_id, *params),
        )
        make, day = DayOutcomeCount._make, date.fromisoformat
        return [make((day(r[0]), r[1], r[2])) for r in rows]

    async def by_lawmaker(
        self,
        community_id: int,
        campaign_id: int | None,
        first: date | None,
        last: date | None,
        months: tuple[str, str] | None = None,
    ) -> list[LawmakerCount]:
        """Actions per lawmaker ('' for reports naming none) and outcome. ``months``
        ('YYYY-MM' first and last) when the period is whole calendar months."""
        if months is not None:
            where, params = _where(campaign_id, None, None)
            rows = await self._db.fetchall(
                f"SELECT lawmaker, outcome, {SUM} FROM action_counts_by_lawmaker_month "
                f"WHERE community_id = ? AND month BETWEEN ? AND ?{where} "
                "GROUP BY lawmaker, outcome",
                (community_id, *months, *params),
            )
            return _lawmaker_counts(rows)
        if first is None and last is None:
            where, params = _where(campaign_id, None, None)
            table = "action_counts_by_lawmaker"
        else:
            where, params = _where(campaign_id, first, last)
            table = "action_counts_by_lawmaker_day"
        rows = await self._db.fetchall(
            f"SELECT lawmaker, outcome, {SUM} FROM {table} "
            f"WHERE community_id = ?{where} GROUP BY lawmaker, outcome",
            (community_id, *params),
        )
        return _lawmaker_counts(rows)

    async def one_tap_zips(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> list[tuple[str | None, int]]:
        """One-tap reports (naming no lawmaker) per saved ZIP code of their members (None for
        members who saved none): each campaign's read member by member from the partial index
        of one-tap reports (migration 0026), every campaign of the community when None."""
        campaigns = [campaign_id]
        if campaign_id is None:
            rows = await self._db.fetchall(
                "SELECT id FROM campaigns WHERE community_id = ? ORDER BY id", (community_id,)
            )
            campaigns = [row[0] for row in rows]
        where, params = _where(None, first, last)
        found: Counter[str | None] = Counter()
        for campaign in campaigns:
            rows = await self._db.fetchall(
                "SELECT m.zip, CAST(sum(g.n) AS BIGINT) FROM (SELECT member_id, count(*) AS n "
                "FROM actions WHERE community_id = ? AND campaign_id = ? AND lawmaker = ''"
                f"{where} GROUP BY member_id) AS g JOIN members AS m ON m.id = g.member_id "
                "GROUP BY m.zip",
                (community_id, campaign, *params),
            )
            for zip5, n in rows:
                found[zip5] += int(n)
        return list(found.items())

    async def unique_members(
        self,
        community_id: int,
        campaign_id: int | None,
        first: date | None,
        last: date | None,
        trailing: bool = False,
    ) -> int:
        """Members (still here) with at least one action in the period. ``trailing``: no
        action is later than ``last``, so a member's last day tells (no scan of actions)."""
        if (first is None and last is None) or trailing:
            since = first.isoformat() if first else ""
            if campaign_id is None:
                sql = (
                    "SELECT count(*) FROM action_member_totals "
                    "WHERE community_id = ? AND last_day >= ?"
                )
                params: tuple[object, ...] = (community_id, since)
            else:
                sql = (
                    "SELECT count(*) FROM action_counts_by_member "
                    "WHERE community_id = ? AND campaign_id = ? AND last_day >= ?"
                )
                params = (community_id, campaign_id, since)
        else:
            where, extra = _where(campaign_id, first, last)
            sql = f"SELECT count(DISTINCT member_id) FROM actions WHERE community_id = ?{where}"
            params = (community_id, *extra)
        row = await self._db.fetchone(sql, params)
        return int(row[0]) if row else 0

    async def leaderboard(
        self, community_id: int, months: tuple[str, str] | None, limit: int
    ) -> list[MemberTotal]:
        """The top members who did not opt out, most first: of all time
        (``months`` None) or of whole months ('YYYY-MM' first and last). Other periods are
        counted by :meth:`member_counts`."""
        if months is not None and months[0] == months[1]:  # one month: already one row each
            rows = await self._db.fetchall(
                "SELECT m.user_id, t.actions FROM action_member_months AS t "
                "JOIN members AS m ON m.id = t.member_id "
                "WHERE t.community_id = ? AND t.month = ? AND m.leaderboard_opt_out = 0 "
                "ORDER BY t.actions DESC, t.member_id LIMIT ?",
                (community_id, months[0], limit),
            )
        elif months is not None:
            rows = await self._db.fetchall(
                f"SELECT m.user_id, t.actions FROM (SELECT member_id, {SUM} AS actions "
                "FROM action_member_months WHERE community_id = ? AND month BETWEEN ? AND ? "
                "GROUP BY member_id) AS t JOIN members AS m ON m.id = t.member_id "
                "WHERE m.leaderboard_opt_out = 0 ORDER BY t.actions DESC, m.id LIMIT ?",
                (community_id, *months, limit),
            )
        else:
            rows = await self._db.fetchall(
                "SELECT m.user_id, t.actions FROM action_member_totals AS t "
                "JOIN members AS m ON m.id = t.member_id "
                "WHERE t.community_id = ? AND m.leaderboard_opt_out = 0 "
                "ORDER BY t.actions DESC, t.member_id LIMIT ?",
                (community_id, limit),
            )
        return _member_totals(rows)

    async def window_leaderboard(
        self, community_id: int, first: date, last: date, data_last: date, limit: int
    ) -> list[MemberTotal]:
        """The top members who did not opt out, most first, from
        ``first`` to ``last`` (any days: a trailing 7 or 30). Summed from the member roll-ups
        (:func:`window_parts`), never from the actions; ``data_last`` is the last day with
        data (days after it cost nothing to subtract)."""
        parts, params = [], []
        for kind, sign, low, high in window_parts(first, last, data_last):
            table, column = (
                ("action_member_months", "month")
                if kind == MONTHS
                else ("action_member_days", "day")
            )
            parts.append(
                f"SELECT member_id, {'' if sign > 0 else '-'}actions AS actions FROM {table} "
                f"WHERE community_id = ? AND {column} BETWEEN ? AND ?"
            )
            params += [community_id, low, high]
        rows = await self._db.fetchall(
            f"SELECT m.user_id, t.actions FROM (SELECT member_id, {SUM} AS actions "
            f"FROM ({' UNION ALL '.join(parts)}) AS p GROUP BY member_id) AS t "
            "JOIN members AS m ON m.id = t.member_id "
            "WHERE t.actions > 0 AND m.leaderboard_opt_out = 0 "
            "ORDER BY t.actions DESC, m.id LIMIT ?",
            (*params, limit),
        )
        return _member_totals(rows)

    async def trailing_leaderboard(
        self, community_id: int, days: int, today: date, limit: int
    ) -> list[MemberTotal]:
        """The top of the last ``days`` days, from the kept window (:class:`TrailingWindows`)."""
        return await self.windows.top(community_id, days, today, limit)

    async def trailing_lawmakers(
        self, community_id: int, campaign_id: int | None, days: int, today: date
    ) -> list[LawmakerCount]:
        """Actions per lawmaker and outcome of the last ``days`` days, from the kept window."""
        return await self.windows.lawmakers(community_id, campaign_id, days, today)

    async def day_versions(self, community_id: int, first: date, last: date) -> dict[str, int]:
        """'YYYY-MM-DD' -> the version of that day's counts, for days that ever had any."""
        rows = await self._db.fetchall(
            "SELECT day, version FROM action_day_versions "
            "WHERE community_id = ? AND day BETWEEN ? AND ?",
            (community_id, first.isoformat(), last.isoformat()),
        )
        return {row[0]: row[1] for row in rows}

    async def communities_active_since(self, first: date) -> list[int]:
        """Ids of the communities with a change to their counts on ``first`` or later."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT community_id FROM action_day_versions WHERE day >= ? "
            "ORDER BY community_id",
            (first.isoformat(),),
        )
        return [row[0] for row in rows]

    async def campaign_goal(self, community_id: int, campaign_id: int) -> int | None:
        row = await self._db.fetchone(
            "SELECT goal FROM campaigns WHERE id = ? AND community_id = ?",
            (campaign_id, community_id),
        )
        return row[0] if row else None

    async def campaign_total(self, community_id: int, campaign_id: int) -> int:
        row = await self._db.fetchone(
            f"SELECT coalesce({SUM}, 0) FROM action_counts_by_day "
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
    ) -> list[NoteCount]:
        """Office notes in the period and how many reports carry each, most repeated first."""
        where, params = _where(campaign_id, first, last)
        # SQLite's planner would read every action of the period without being told the
        # partial index of notes; PostgreSQL picks it itself (and has no INDEXED BY).
        hint = " INDEXED BY actions_with_notes" if self._db.dialect == "sqlite" else ""
        rows = await self._db.fetchall(
            f"SELECT lawmaker, note, count(*) AS times FROM actions{hint} "
            f"WHERE community_id = ? AND note IS NOT NULL{where} "
            "GROUP BY lawmaker, note ORDER BY lawmaker, times DESC, max(at) DESC",
            (community_id, *params),
        )
        return list(map(NoteCount._make, rows))

    async def daily_counts(self, community_id: int, campaign_id: int | None) -> list[DailyCount]:
        """Actions per campaign, day, lawmaker and outcome: the export."""
        where, params = _where(campaign_id, None, None)
        rows = await self._db.fetchall(
            "SELECT campaign_id, day, lawmaker, outcome, actions "
            f"FROM action_counts_by_lawmaker_day WHERE community_id = ?{where} "
            "ORDER BY campaign_id, day, lawmaker, outcome",
            (community_id, *params),
        )
        return list(map(DailyCount._make, rows))

    # -- one member's own ------------------------------------------------------------------
    async def member_days(self, member_id: int) -> list[date]:
        rows = await self._db.fetchall(
            "SELECT DISTINCT member_day FROM actions WHERE member_id = ?", (member_id,)
        )
        return [date.fromisoformat(row[0]) for row in rows]

    async def member_totals(self, member_id: int) -> list[CampaignOutcomeCount]:
        """The member's actions per campaign and outcome."""
        rows = await self._db.fetchall(
            "SELECT campaign_id, outcome, count(*) FROM actions WHERE member_id = ? "
            "GROUP BY campaign_id, outcome",
            (member_id,),
        )
        return list(map(CampaignOutcomeCount._make, rows))

    async def recent(self, member_id: int, limit: int) -> list[Action]:
        rows = await self._db.fetchall(
            f"SELECT {COLUMNS} FROM actions WHERE member_id = ? ORDER BY at DESC, id DESC LIMIT ?",
            (member_id, limit),
        )
        return [action_of(row) for row in rows]


def _lawmaker_counts(rows: list[Row]) -> list[LawmakerCount]:
    return list(map(LawmakerCount._make, rows))  # each row's values, in C


def _member_totals(rows: list[Row]) -> list[MemberTotal]:
    return list(map(MemberTotal._make, rows))
