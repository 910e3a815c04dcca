"""Which server, and which recipient, each of the bot's DMs belongs to, across restarts.

A reaction in a DM names no server. The messenger records each DM it sends (its message id and
the member it went to, in bot/storage/dm_routes.py), so a reaction on a DM sent before a restart
still acts in the right community, and only for the DM's recipient. A database that fails to
answer is logged, never raised: the DM stays sent, the reaction is let go.
"""

from __future__ import annotations

import logging

from bot.domain.clock import Clock
from bot.domain.dm_routes import DmRoute
from bot.domain.errors import DomainError
from bot.domain.models import Platform
from bot.storage.dm_routes import DmRouteRepository

log = logging.getLogger(__name__)


class DmRoutes:
    """Records and finds the route of a Discord DM by its message id."""

    def __init__(self, repo: DmRouteRepository, clock: Clock) -> None:
        self._repo = repo
        self._clock = clock

    async def remember(self, server_id: str, user_id: str, message_id: int) -> None:
        route = DmRoute(server_id, user_id)
        try:
            stored = await self._repo.remember(
                Platform.DISCORD, route, str(message_id), self._clock.now()
            )
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not record a DM, so reactions on it are lost: %s", exc)
            log.debug("the DM not recorded: %s", message_id)
            return
        if not stored:
            log.debug("DM %s went to someone who is not a member; not recorded", message_id)

    async def find(self, message_id: int) -> DmRoute | None:
        """The DM's route, or None for a message the bot did not DM (or DMed long ago)."""
        try:
            return await self._repo.find(Platform.DISCORD, str(message_id), self._clock.now())
        except DomainError as exc:  # Unavailable, whatever the backend
            log.warning("could not look up a DM for a reaction: %s", exc)
            log.debug("the DM not looked up: %s", message_id)
            return None
