"""Repository for members."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Member
from bot.storage.database import Database, Row

_UPDATABLE = {
    "language",
    "zip",
    "district",
    "timezone",
    "reminders_enabled",
    "reminder_time",
    "leaderboard_opt_out",
    "district_check",
    "district_check_asked_at",
}


def _member(row: Row) -> Member:
    return Member(
        id=row["id"],
        community_id=row["community_id"],
        user_id=row["user_id"],
        zip=row["zip"],
        district=row["district"],
        timezone=row["timezone"],
        reminders_enabled=bool(row["reminders_enabled"]),
        reminder_time=row["reminder_time"],
        leaderboard_opt_out=bool(row["leaderboard_opt_out"]),
        district_check=row["district_check"],
        language=row["language"],
    )


class MemberRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_or_create(self, community_id: int, user_id: str, now: str) -> Member:
        row = await self._db.fetchone(
            "SELECT * FROM members WHERE community_id = ? AND user_id = ?",
            (community_id, user_id),
        )
        if row is None:
            async with self._db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO members (community_id, user_id, created_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (community_id, user_id) DO NOTHING",
                    (community_id, user_id, now),
                )
                row = await tx.fetchone(
                    "SELECT * FROM members WHERE community_id = ? AND user_id = ?",
                    (community_id, user_id),
                )
        assert row is not None
        return _member(row)

    async def get(self, member_id: int) -> Member | None:
        row = await self._db.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
        return _member(row) if row else None

    async def update(self, member_id: int, **fields: Any) -> Member:
        """Set the given columns; unknown column names are a programming error."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        names = sorted(fields)
        assignments = ", ".join(f"{name} = ?" for name in names)
        async with self._db.transaction() as tx:
            await tx.execute(
                f"UPDATE members SET {assignments} WHERE id = ?",
                (*(fields[name] for name in names), member_id),
            )
            row = await tx.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
        assert row is not None
        return _member(row)

    async def delete(self, member_id: int) -> None:
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM members WHERE id = ?", (member_id,))
