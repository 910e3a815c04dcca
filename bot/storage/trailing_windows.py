"""Kept trailing windows (migration 0019): the last 7 and 30 days, summed in the database.

A kept window holds, over its days (today included), every member's actions (for the
leaderboard) and the actions per campaign, lawmaker and outcome (for /stats), so an ask reads
those sums instead of summing every day. The triggers of 0019 keep the sums right as reports
land and change; this module makes a window, and moves it on when a new day begins: the days
that left are subtracted and the days that joined are added, read from the per-day roll-ups, or
the sums are made again when that would read as many days.

Moving a window writes while it reads the per-day roll-ups, so it runs in one transaction that
holds the other writers of actions off (SQLite has one writer; PostgreSQL takes the actions
lock every writer of actions takes): a report is counted by the triggers or by the move, never
both and never neither.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.stats_models import LawmakerCount, MemberTotal
from bot.storage.actions import lock_actions
from bot.storage.database import Database, Transaction

SUM = "CAST(sum(actions) AS BIGINT)"  # PostgreSQL's sum of a bigint is numeric

Days = tuple[date, date]


class _Kind:
    """One kind of sums a window keeps: its table, its key columns, and the per-day roll-up
    they are read from."""

    def __init__(self, table: str, keys: str, daily: str) -> None:
        self.table, self.keys, self.daily = table, keys, daily
        on = " AND ".join(f"t.{k} = d.{k}" for k in keys.split(", "))
        sums = (
            f"SELECT {keys}, {SUM} AS n FROM {daily} "
            f"WHERE community_id = ? AND day BETWEEN ? AND ? GROUP BY {keys}"
        )
        self.subtract = (
            f"UPDATE {table} AS t SET actions = t.actions - d.n FROM ({sums}) AS d "
            f"WHERE t.community_id = ? AND t.days = ? AND {on}"
        )
        self.add = (
            f"INSERT INTO {table} AS t (community_id, days, {keys}, actions) "
            f"SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), {keys}, n FROM ({sums}) AS d "
            f"WHERE n > 0 ON CONFLICT (community_id, {_key_order(table, keys)}) "
            "DO UPDATE SET actions = t.actions + excluded.actions"
        )


def _key_order(table: str, keys: str) -> str:
    """The primary key after community_id, as migration 0019 orders it."""
    return f"{keys}, days" if table == "action_window_members" else f"days, {keys}"


MEMBERS = _Kind("action_window_members", "member_id", "action_member_days")
LAWMAKERS = _Kind(
    "action_window_lawmakers", "campaign_id, lawmaker, outcome", "action_counts_by_lawmaker_day"
)


class TrailingWindows:
    """Trailing windows' sums, kept in the database."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.moves = 0  # windows moved on by the days that changed (for tests and benchmarks)
        self.builds = 0  # windows summed in full

    async def top(self, community_id: int, days: int, today: date, limit: int) -> list[MemberTotal]:
        """The top members who did not opt out, most first, over ``today`` and the ``days`` - 1
        days before it (``days`` at least 2)."""
        await self.keep(community_id, days, today)
        rows = await self._db.fetchall(
            "SELECT m.user_id, t.actions FROM action_window_members AS t "
            "JOIN members AS m ON m.id = t.member_id "
            "WHERE t.community_id = ? AND t.days = ? AND m.leaderboard_opt_out = 0 "
            "ORDER BY t.actions DESC, t.member_id LIMIT ?",
            (community_id, days, limit),
        )
        return list(map(MemberTotal._make, rows))

    async def lawmakers(
        self, community_id: int, campaign_id: int | None, days: int, today: date
    ) -> list[LawmakerCount]:
        """Actions per lawmaker and outcome over ``today`` and the ``days`` - 1 days before
        it, of one campaign or all."""
        await self.keep(community_id, days, today)
        campaign, params = (
            ("", ()) if campaign_id is None else (" AND campaign_id = ?", (campaign_id,))
        )
        rows = await self._db.fetchall(
            f"SELECT lawmaker, outcome, {SUM} FROM action_window_lawmakers "
            f"WHERE community_id = ? AND days = ?{campaign} GROUP BY lawmaker, outcome",
            (community_id, days, *params),
        )
        return list(map(LawmakerCount._make, rows))

    async def keep(self, community_id: int, days: int, today: date) -> None:
        """Make the kept window of ``days`` sum its days up to ``today``, if it does not yet."""
        first, last = today - timedelta(days=days - 1), today
        wanted = (first.isoformat(), last.isoformat())
        if await self._span(self._db, community_id, days) == wanted:
            return
        async with self._db.transaction() as tx:
            await lock_actions(tx)
            kept = await self._span(tx, community_id, days)
            if kept == wanted:  # another ask moved it meanwhile
                return
            gone, new = _difference(kept, (first, last))
            if kept is None or _length(gone) + _length(new) >= days:
                self.builds += 1
                await tx.execute(  # the counts go with it
                    "DELETE FROM action_windows WHERE community_id = ? AND days = ?",
                    (community_id, days),
                )
                gone, new = [], [(first, last)]
            else:
                self.moves += 1
            await tx.execute(
                "INSERT INTO action_windows (community_id, days, first_day, last_day) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (community_id, days) "
                "DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day",
                (community_id, days, *wanted),
            )
            for kind in (MEMBERS, LAWMAKERS):
                await _move(tx, kind, community_id, days, gone, new)

    async def _span(
        self, db: Database | Transaction, community_id: int, days: int
    ) -> tuple[str, str] | None:
        row = await db.fetchone(
            "SELECT first_day, last_day FROM action_windows WHERE community_id = ? AND days = ?",
            (community_id, days),
        )
        return None if row is None else (str(row[0]), str(row[1]))


async def _move(
    tx: Transaction, kind: _Kind, community_id: int, days: int, gone: list[Days], new: list[Days]
) -> None:
    """Subtract the ``gone`` days' sums from the window's and add the ``new`` days'."""
    for low, high in gone:
        await tx.execute(
            kind.subtract,
            (community_id, low.isoformat(), high.isoformat(), community_id, days),
        )
    for low, high in new:
        await tx.execute(
            kind.add, (community_id, days, community_id, low.isoformat(), high.isoformat())
        )
    if gone:
        await tx.execute(
            f"DELETE FROM {kind.table} WHERE community_id = ? AND days = ? AND actions <= 0",
            (community_id, days),
        )


def _difference(kept: tuple[str, str] | None, wanted: Days) -> tuple[list[Days], list[Days]]:
    """The day ranges that leave (kept, not wanted) and that join (wanted, not kept)."""
    if kept is None:
        return [], [wanted]
    old = (date.fromisoformat(kept[0]), date.fromisoformat(kept[1]))
    return _minus(old, wanted), _minus(wanted, old)


def _minus(a: Days, b: Days) -> list[Days]:
    """The days of range ``a`` outside range ``b``, as at most two ranges."""
    parts = []
    if a[0] < b[0]:
        parts.append((a[0], min(a[1], b[0] - timedelta(days=1))))
    if a[1] > b[1]:
        parts.append((max(a[0], b[1] + timedelta(days=1)), a[1]))
    return [(low, high) for low, high in parts if low <= high]


def _length(ranges: list[Days]) -> int:
    return sum((high - low).days + 1 for low, high in ranges)
