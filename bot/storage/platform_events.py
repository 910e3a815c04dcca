"""Repository for platform events already taken (migration 0017): one row per event key.

A claim is one ``INSERT ... ON CONFLICT DO NOTHING``: the database lets exactly one insert of a
key change a row, so of several processes (or connections) given the same event, one handles it.
"""

from __future__ import annotations

from bot.storage.database import Database


class PlatformEventRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(self, platform: str, event_key: str, now: str) -> bool:
        """Record the event as taken at ``now``; True only for the first claim of the key."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "INSERT INTO platform_events (platform, event_key, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (platform, event_key) DO NOTHING",
                (platform, event_key, now),
            )
        return changed == 1

    async def forget_before(self, moment: str) -> int:
        """Delete the keys taken before ``moment``; returns how many went."""
        async with self._db.transaction() as tx:
            return await tx.execute("DELETE FROM platform_events WHERE seen_at < ?", (moment,))
