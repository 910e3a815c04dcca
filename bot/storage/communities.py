"""Repository for communities."""

from __future__ import annotations

from bot.domain.models import Community, Platform
from bot.storage.database import Database, Row


def _community(row: Row) -> Community:
    return Community(
        id=row["id"],
        platform=Platform(row["platform"]),
        external_id=row["external_id"],
        timezone=row["timezone"],
        language=row["language"],
    )


class CommunityRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_or_create(
        self, platform: Platform, external_id: str, timezone: str, now: str
    ) -> Community:
        row = await self._db.fetchone(
            "SELECT * FROM communities WHERE platform = ? AND external_id = ?",
            (platform.value, external_id),
        )
        if row is None:
            async with self._db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO communities (platform, external_id, timezone, created_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (platform, external_id) DO NOTHING",
                    (platform.value, external_id, timezone, now),
                )
                row = await tx.fetchone(
                    "SELECT * FROM communities WHERE platform = ? AND external_id = ?",
                    (platform.value, external_id),
                )
        assert row is not None
        return _community(row)

    async def get(self, community_id: int) -> Community | None:
        row = await self._db.fetchone("SELECT * FROM communities WHERE id = ?", (community_id,))
        return _community(row) if row else None

    async def set_language(self, community_id: int, language: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE communities SET language = ? WHERE id = ?", (language, community_id)
            )

    async def set_timezone(self, community_id: int, timezone: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE communities SET timezone = ? WHERE id = ?", (timezone, community_id)
            )
