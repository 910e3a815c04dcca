"""Repository for DM routes: the member (and community) a direct message was sent for.

A reaction in a DM carries no server, so a host looks the message up here to act for the right
community and to check that the reactor is the DM's recipient. Only ids and the send time are
kept (never the text); a route goes with its member, and routes older than ``KEEP`` are no
longer found and are removed at the next write.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.clock import iso
from bot.domain.dm_routes import KEEP, DmRoute
from bot.domain.models import Platform
from bot.storage.database import Database


class DmRouteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def remember(
        self, platform: Platform, route: DmRoute, message_id: str, now: datetime
    ) -> bool:
        """Record that ``message_id`` was sent to the route's member; True if stored now.

        Nothing is stored for a recipient who is not a member (False), and recording the same
        message again changes nothing (False)."""
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM dm_routes WHERE sent_at < ?", (iso(now - KEEP),))
            changed = await tx.execute(
                "INSERT INTO dm_routes (message_id, member_id, sent_at) "
                "SELECT CAST(? AS TEXT), m.id, CAST(? AS TEXT) FROM members m "
                "JOIN communities c ON c.id = m.community_id "
                "WHERE c.platform = ? AND c.external_id = ? AND m.user_id = ? "
                "ON CONFLICT (message_id) DO NOTHING",
                (message_id, iso(now), platform.value, route.server_id, route.user_id),
            )
            return changed == 1

    async def find(self, platform: Platform, message_id: str, now: datetime) -> DmRoute | None:
        """The route of a DM sent less than ``KEEP`` ago, or None."""
        row = await self._db.fetchone(
            "SELECT c.external_id, m.user_id FROM dm_routes d "
            "JOIN members m ON m.id = d.member_id JOIN communities c ON c.id = m.community_id "
            "WHERE d.message_id = ? AND c.platform = ? AND d.sent_at >= ?",
            (message_id, platform.value, iso(now - KEEP)),
        )
        return DmRoute(str(row[0]), str(row[1])) if row else None
