"""Repository for stances (migration 0024): each lawmaker's current stance per campaign, its
history, the tags callers put on their "made contact" reports, and the counts /stances reads
beside them (calls per lawmaker from the roll-ups, the latest office note).
(:class:`bot.core.ports.stances.StanceStore`)"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from bot.domain.action_models import NOTE_OUTCOME
from bot.domain.stance_models import LawmakerStance, Stance, StanceChange, Tag, TagCounts, Tagged
from bot.storage.database import Database, Row

SUM = "CAST(sum(actions) AS BIGINT)"  # PostgreSQL's sum of a bigint is numeric
HISTORY = (
    "id, community_id, campaign_id, lawmaker, stance, set_by, set_at, note, from_supports, "
    "from_opposes, from_undecided, from_no_answer"
)


# the history with the platform user id of whoever set each stance (None once they erased)
WITH_SETTER = (
    ", ".join(f"h.{column}" for column in HISTORY.split(", "))
    + ", m.user_id FROM stance_history h LEFT JOIN members m ON m.id = h.set_by"
)


def _change(row: Row, set_by_user: str | None = None) -> StanceChange:
    based = None
    if row["from_supports"] is not None:
        based = TagCounts(
            int(row["from_supports"]),
            int(row["from_opposes"] or 0),
            int(row["from_undecided"] or 0),
            int(row["from_no_answer"] or 0),
        )
    return StanceChange(
        id=int(row["id"]),
        community_id=int(row["community_id"]),
        campaign_id=int(row["campaign_id"]),
        lawmaker=row["lawmaker"],
        stance=Stance(row["stance"]),
        set_by=None if row["set_by"] is None else int(row["set_by"]),
        set_at=row["set_at"],
        note=row["note"],
        based_on=based,
        set_by_user=set_by_user,
    )


def _counts(rows: list[Row]) -> dict[str, TagCounts]:
    """(lawmaker, tag, n) rows -> counts per lawmaker."""
    found: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for lawmaker, tag, n in rows:
        found[lawmaker][tag] = int(n)
    return {lawmaker: TagCounts(**by_tag) for lawmaker, by_tag in found.items()}


class StanceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- stances ----------------------------------------------------------------------------
    async def current(self, community_id: int, campaign_id: int) -> list[LawmakerStance]:
        """The lawmakers with a stance set in the campaign (the others are unknown)."""
        rows = await self._db.fetchall(
            "SELECT s.lawmaker, s.stance, h.set_at FROM stances s "
            "JOIN stance_history h ON h.id = s.history_id "
            "WHERE s.community_id = ? AND s.campaign_id = ? ORDER BY s.lawmaker",
            (community_id, campaign_id),
        )
        return [LawmakerStance(r[0], Stance(r[1]), r[2]) for r in rows]

    async def set(
        self,
        community_id: int,
        campaign_id: int,
        lawmaker: str,
        stance: Stance,
        set_by: int,
        now: str,
        note: str | None,
        based_on: TagCounts | None,
    ) -> StanceChange:
        """Record a stance in the history and make it the current one (UNKNOWN clears it)."""
        based = (
            (based_on.supports, based_on.opposes, based_on.undecided, based_on.no_answer)
            if based_on is not None
            else (None, None, None, None)
        )
        async with self._db.transaction() as tx:
            row = await tx.fetchone(
                f"INSERT INTO stance_history ({HISTORY.removeprefix('id, ')}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                f"RETURNING {HISTORY}",
                (community_id, campaign_id, lawmaker, stance.value, set_by, now, note, *based),
            )
            assert row is not None
            change = _change(row)
            if stance is Stance.UNKNOWN:
                await tx.execute(
                    "DELETE FROM stances WHERE campaign_id = ? AND lawmaker = ?",
                    (campaign_id, lawmaker),
                )
            else:
                await tx.execute(
                    "INSERT INTO stances (community_id, campaign_id, lawmaker, stance, history_id) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign_id, lawmaker) DO UPDATE SET "
                    "stance = excluded.stance, history_id = excluded.history_id",
                    (community_id, campaign_id, lawmaker, stance.value, change.id),
                )
        return change

    async def undecided(self) -> list[tuple[int, str]]:
        """(campaign id, bioguide id) of every undecided stance, in every community."""
        rows = await self._db.fetchall(
            "SELECT campaign_id, lawmaker FROM stances WHERE stance = ?", (Stance.UNDECIDED.value,)
        )
        return [(int(r[0]), r[1]) for r in rows]

    async def history(
        self, community_id: int, campaign_id: int, lawmaker: str
    ) -> list[StanceChange]:
        """A lawmaker's stances in the campaign, oldest first."""
        rows = await self._db.fetchall(
            f"SELECT {WITH_SETTER} "
            "WHERE h.campaign_id = ? AND h.lawmaker = ? AND h.community_id = ? ORDER BY h.id",
            (campaign_id, lawmaker, community_id),
        )
        return [_change(r, r["user_id"]) for r in rows]

    async def changes_between(self, community_id: int, start: str, end: str) -> list[StanceChange]:
        """The stances set in the community in [start, end) (UTC ISO moments), oldest first."""
        rows = await self._db.fetchall(
            f"SELECT {WITH_SETTER} "
            "WHERE h.community_id = ? AND h.set_at >= ? AND h.set_at < ? ORDER BY h.set_at, h.id",
            (community_id, start, end),
        )
        return [_change(r, r["user_id"]) for r in rows]

    # -- tags -------------------------------------------------------------------------------
    async def tag(self, action_id: int, member_id: int, tag: Tag, now: str) -> Tagged | None:
        """Tag the member's own "made contact" report naming a lawmaker (replacing its tag);
        None when there is no such report."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO action_tags "
                "(action_id, member_id, community_id, campaign_id, tag, at) "
                "SELECT id, member_id, community_id, campaign_id, ?, ? FROM actions "
                "WHERE id = ? AND member_id = ? AND outcome = ? AND lawmaker <> '' "
                "ON CONFLICT (action_id) DO UPDATE SET tag = excluded.tag, at = excluded.at",
                (tag.value, now, action_id, member_id, NOTE_OUTCOME),
            )
            row = await tx.fetchone(
                "SELECT g.action_id, g.campaign_id, a.lawmaker, g.tag FROM action_tags g "
                "JOIN actions a ON a.id = g.action_id "
                "WHERE g.action_id = ? AND g.member_id = ? AND a.outcome = ?",
                (action_id, member_id, NOTE_OUTCOME),
            )
        return Tagged(int(row[0]), int(row[1]), row[2], Tag(row[3])) if row else None

    async def tag_counts(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> dict[str, TagCounts]:
        """Distinct callers per lawmaker and tag, over reports of the days first..last (the
        community's days; None: open) that are still "made contact" and name a lawmaker."""
        where, params = "", []
        if campaign_id is not None:
            where += " AND g.campaign_id = ?"
            params.append(campaign_id)
        if first is not None:
            where += " AND a.day >= ?"
            params.append(first.isoformat())
        if last is not None:
            where += " AND a.day <= ?"
            params.append(last.isoformat())
        rows = await self._db.fetchall(
            "SELECT a.lawmaker, g.tag, count(DISTINCT g.member_id) FROM action_tags g "
            "JOIN actions a ON a.id = g.action_id "
            f"WHERE g.community_id = ? AND a.outcome = ? AND a.lawmaker <> ''{where} "
            "GROUP BY a.lawmaker, g.tag",
            (community_id, NOTE_OUTCOME, *params),
        )
        return _counts(rows)

    # -- what /stances shows beside them ------------------------------------------------------
    async def called(self, community_id: int, campaign_id: int) -> set[str]:
        """Every lawmaker a report of the campaign named (members' and anonymous counts)."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT lawmaker FROM action_counts_by_lawmaker "
            "WHERE community_id = ? AND campaign_id = ? AND lawmaker <> '' AND actions > 0",
            (community_id, campaign_id),
        )
        return {r[0] for r in rows}

    async def calls(
        self, community_id: int, campaign_id: int, first: date, last: date
    ) -> dict[str, int]:
        """Reports per lawmaker over the days first..last (every outcome)."""
        rows = await self._db.fetchall(
            f"SELECT lawmaker, {SUM} FROM action_counts_by_lawmaker_day "
            "WHERE community_id = ? AND campaign_id = ? AND day >= ? AND day <= ? "
            "AND lawmaker <> '' GROUP BY lawmaker",
            (community_id, campaign_id, first.isoformat(), last.isoformat()),
        )
        return {r[0]: int(r[1]) for r in rows if r[1]}

    async def last_notes(self, community_id: int, campaign_id: int) -> dict[str, str]:
        """Each lawmaker's latest office note in the campaign."""
        # notes are rare: SQLite is told to read them through their partial index (as the
        # stats' notes are); PostgreSQL picks it itself
        hint = " INDEXED BY actions_with_notes" if self._db.dialect == "sqlite" else ""
        rows = await self._db.fetchall(
            f"SELECT lawmaker, note FROM actions{hint} "
            "WHERE community_id = ? AND campaign_id = ? AND note IS NOT NULL AND lawmaker <> '' "
            "ORDER BY at DESC, id DESC",
            (community_id, campaign_id),
        )
        found: dict[str, str] = {}
        for lawmaker, note in rows:
            found.setdefault(lawmaker, note)
        return found
