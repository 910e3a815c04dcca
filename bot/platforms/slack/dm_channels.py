"""The DM channel of each member, per workspace, remembered across restarts.

conversations.open is a Tier 3 method (about 50 a minute per workspace): opening each DM after a
restart would hold 1,000 reminders for some 20 minutes. The messenger keeps each member's channel
id in the database (bot/storage/dm_channels.py, keyed by the member, so by workspace) and posts
straight into it. A database that fails to answer is logged, never raised: the DM then opens its
channel as before.
"""

from __future__ import annotations

import logging

from bot.domain.errors import DomainError
from bot.domain.models import Platform
from bot.storage.dm_channels import DmChannelRepository

log = logging.getLogger(__name__)


class SlackDmChannels:
    """Finds, remembers and forgets members' Slack DM channel ids, by workspace (team id)."""

    def __init__(self, repo: DmChannelRepository) -> None:
        self._repo = repo

    async def find(self, team_id: str, user_id: str) -> str | None:
        try:
            return await self._repo.find(Platform.SLACK, team_id, user_id)
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not look up a DM channel; opening it instead: %s", exc)
            return None

    async def remember(self, team_id: str, user_id: str, channel_id: str) -> None:
        try:
            await self._repo.remember(Platform.SLACK, team_id, user_id, channel_id)
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not remember a DM channel; the next DM opens it again: %s", exc)

    async def forget(self, team_id: str, user_id: str, channel_id: str) -> None:
        try:
            await self._repo.forget_member(Platform.SLACK, team_id, user_id, channel_id)
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not forget a DM channel Slack no longer has: %s", exc)
