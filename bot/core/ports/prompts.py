"""What the prompt service needs of storage."""

from __future__ import annotations

from typing import Protocol

from bot.domain.campaign_models import Prompt


class PromptStore(Protocol):
    async def reserve(
        self, community_id: int, campaign_id: int, channel_id: str, now: str
    ) -> Prompt:
        """A prompt with no message yet, so the message can carry its id."""
        ...

    async def attach(self, prompt_id: int, channel_id: str, message_id: str, now: str) -> Prompt:
        """Record where it was posted; Conflict if that message is another prompt."""
        ...

    async def delete(self, prompt_id: int) -> None: ...

    async def get(self, community_id: int, prompt_id: int) -> Prompt | None: ...

    async def by_message(
        self, community_id: int, channel_id: str, message_id: str
    ) -> Prompt | None: ...

    async def for_campaign(self, community_id: int, campaign_id: int) -> list[Prompt]: ...
