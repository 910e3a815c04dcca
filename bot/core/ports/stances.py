"""What the stance service needs of storage (bot/storage/stances.py)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from bot.domain.stance_models import LawmakerStance, Stance, StanceChange, Tag, TagCounts, Tagged


class StanceStore(Protocol):
    async def current(self, community_id: int, campaign_id: int) -> list[LawmakerStance]:
        """The lawmakers with a stance set in the campaign (the others are unknown)."""
        ...

    async def set(
        self,
        community_id: int,
        campaign_id: int,
        lawmaker: str,
        stance: Stance,
        set_by: int,
        now: str,
        note: str | None,
        based_on: TagCounts | None,
    ) -> StanceChange:
        """Add to the history and make it current (UNKNOWN clears the current stance)."""
        ...

    async def history(
        self, community_id: int, campaign_id: int, lawmaker: str
    ) -> list[StanceChange]: ...

    async def changes_between(
        self, community_id: int, start: str, end: str
    ) -> list[StanceChange]: ...

    async def tag(self, action_id: int, member_id: int, tag: Tag, now: str) -> Tagged | None:
        """Tag the member's own "made contact" report naming a lawmaker; None if none."""
        ...

    async def tag_counts(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> dict[str, TagCounts]:
        """Distinct callers per lawmaker and tag over the days first..last."""
        ...

    async def called(self, community_id: int, campaign_id: int) -> set[str]: ...

    async def calls(
        self, community_id: int, campaign_id: int, first: date, last: date
    ) -> dict[str, int]: ...

    async def last_notes(self, community_id: int, campaign_id: int) -> dict[str, str]: ...

    async def undecided(self) -> list[tuple[int, str]]:
        """(campaign id, bioguide id) of every undecided stance."""
        ...
