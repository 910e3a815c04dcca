"""The DM channel of each member, remembered across restarts, so a DM takes one request.

Opening a DM (POST /users/@me/channels) is a request of its own that counts against Discord's
global 50 requests per second, and discord.py keeps only the last 128 DM channels (none after a
restart). The messenger keeps each member's channel id in the database (bot/storage/
dm_channels.py) and posts straight into it; when Discord says the channel is unknown (10003), it
forgets it and opens the DM again. A database that fails to answer is logged, never raised: the
DM then opens its channel as before.
"""

from __future__ import annotations

import logging

from bot.domain.errors import DomainError
from bot.domain.models import Platform
from bot.storage.dm_channels import DmChannelRepository

log = logging.getLogger(__name__)


class DmChannels:
    """Finds, remembers and forgets members' Discord DM channel ids."""

    def __init__(self, repo: DmChannelRepository) -> None:
        self._repo = repo

    async def find(self, server_id: str, user_id: str) -> int | None:
        try:
            found = await self._repo.find(Platform.DISCORD, server_id, user_id)
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not look up a DM channel; opening it instead: %s", exc)
            return None
        return int(found) if found and found.isdigit() else None

    async def remember(self, server_id: str, user_id: str, channel_id: int) -> None:
        try:
            await self._repo.remember(Platform.DISCORD, server_id, user_id, str(channel_id))
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not remember a DM channel; the next DM opens it again: %s", exc)

    async def forget(self, channel_id: int) -> None:
        try:
            await self._repo.forget(str(channel_id))
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not forget an unknown DM channel: %s", exc)
