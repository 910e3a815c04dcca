"""Repository for DM channels: the direct-message channel the platform opened to each member.

Keyed by member (a user who is a member of two communities has a row in each), so it goes with
the member. Only the channel's id is kept. A recipient who is not a member is not recorded.
"""

from __future__ import annotations

from bot.domain.models import Platform
from bot.storage.database import Database

_MEMBER = (
    "SELECT m.id FROM members m JOIN communities c ON c.id = m.community_id "
    "WHERE c.platform = ? AND c.external_id = ? AND m.user_id = ?"
)


class DmChannelRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, platform: Platform, server_id: str, user_id: str) -> str | None:
        """The remembered DM channel of the member, or None."""
        row = await self._db.fetchone(
            f"SELECT channel_id FROM dm_channels WHERE member_id = ({_MEMBER})",
            (platform.value, server_id, user_id),
        )
        return str(row[0]) if row else None

    async def remember(
        self, platform: Platform, server_id: str, user_id: str, channel_id: str
    ) -> bool:
        """Keep (or replace) the member's DM channel; False when the user is not a member."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "INSERT INTO dm_channels (member_id, channel_id) "
                "SELECT m.id, CAST(? AS TEXT) FROM members m "
                "JOIN communities c ON c.id = m.community_id "
                "WHERE c.platform = ? AND c.external_id = ? AND m.user_id = ? "
                "ON CONFLICT (member_id) DO UPDATE SET channel_id = excluded.channel_id",
                (channel_id, platform.value, server_id, user_id),
            )
            return changed == 1

    async def forget(self, channel_id: str) -> int:
        """Forget a channel the platform says no longer exists (for every member it was kept
        for); returns how many rows went."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "DELETE FROM dm_channels WHERE channel_id = ?", (channel_id,)
            )
            return changed

    async def forget_member(
        self, platform: Platform, server_id: str, user_id: str, channel_id: str
    ) -> int:
        """Forget one member's channel, if it is still ``channel_id`` (a channel gone in one
        workspace says nothing of a member elsewhere); returns how many rows went."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                f"DELETE FROM dm_channels WHERE channel_id = ? AND member_id = ({_MEMBER})",
                (channel_id, platform.value, server_id, user_id),
            )
            return changed
