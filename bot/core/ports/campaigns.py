"""What the campaign service needs of storage."""

from __future__ import annotations

from typing import Any, Protocol

from bot.domain.campaign_models import Campaign, CampaignVersion, NewCampaign, Outcome


class CampaignStore(Protocol):
    async def insert(self, new: NewCampaign, now: str) -> Campaign:
        """Store a campaign with its outcomes; Conflict (duplicate_slug) for a taken slug."""
        ...

    async def get(self, community_id: int, campaign_id: int) -> Campaign | None: ...

    async def by_slug(self, community_id: int, slug: str) -> Campaign | None: ...

    async def list(self, community_id: int) -> list[Campaign]:
        """Every campaign of the community, newest first."""
        ...

    async def slugs(self, community_id: int) -> list[str]: ...

    async def update(
        self, community_id: int, campaign_id: int, now: str, **fields: Any
    ) -> Campaign: ...

    async def save_outcome(
        self, community_id: int, campaign_id: int, outcome: Outcome, now: str
    ) -> Campaign: ...

    async def save_version(
        self, community_id: int, campaign_id: int, version: CampaignVersion, now: str
    ) -> Campaign:
        """Add or replace its words in a language other than its first one."""
        ...

    async def main_id(self, community_id: int) -> int | None: ...

    async def set_main(self, community_id: int, campaign_id: int | None) -> bool:
        """False if nothing changed."""
        ...
