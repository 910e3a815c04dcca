"""Prompts: a campaign's call to action posted in a channel, found again by its message.

The prompt row is written before the message is posted, so the message's buttons can carry the
prompt id; once posted, the platform's (channel id, message id) is recorded, unique in the
community, so a reaction or a button on that message maps back to its prompt.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.core.campaigns import CampaignService
from bot.core.permissions import Permission, require
from bot.core.ports.prompts import PromptStore
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.clock import Clock, iso
from bot.domain.models import Actor, Community

log = logging.getLogger(__name__)


class Posted(Protocol):
    """Where a message went (``bot.messages.PostedRef`` fits)."""

    @property
    def channel_id(self) -> str: ...

    @property
    def message_id(self) -> str: ...


Send = Callable[[Prompt], Awaitable[Posted]]


class PromptService:
    def __init__(self, repo: PromptStore, campaigns: CampaignService, clock: Clock) -> None:
        self._repo = repo
        self._campaigns = campaigns
        self._clock = clock

    async def publish(
        self, actor: Actor, campaign: Campaign, channel_id: str, send: Send
    ) -> Prompt:
        """An organizer posts a running campaign's prompt now."""
        require(actor, Permission.ORGANIZER)
        self._campaigns.check_running(campaign, actor.community)
        return await self.post(actor.community, campaign, channel_id, send)

    async def post(
        self, community: Community, campaign: Campaign, channel_id: str, send: Send
    ) -> Prompt:
        """Reserve a prompt, let ``send`` post its message, and record where it went.

        No permission check: callers are organizers (``publish``) or the scheduler. If
        ``send`` fails the reservation is removed and the error goes on to the caller.
        """
        prompt = await self._repo.reserve(
            community.id, campaign.id, channel_id, iso(self._clock.now())
        )
        try:
            posted = await send(prompt)
        except BaseException:
            await self._repo.delete(prompt.id)
            raise
        return await self._repo.attach(
            prompt.id, posted.channel_id, posted.message_id, iso(self._clock.now())
        )

    async def get(self, community_id: int, prompt_id: int) -> Prompt | None:
        return await self._repo.get(community_id, prompt_id)

    async def by_message(
        self, community_id: int, channel_id: str, message_id: str
    ) -> Prompt | None:
        """The prompt posted as this message, if it is one (reactions and buttons use this)."""
        return await self._repo.by_message(community_id, channel_id, message_id)

    async def for_campaign(self, community_id: int, campaign_id: int) -> list[Prompt]:
        """The campaign's posted prompts, newest first."""
        return await self._repo.for_campaign(community_id, campaign_id)
