"""What recording actions (bot/core/actions.py) needs from storage."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.domain.action_models import Action, CampaignState, DayCount, Mark


class ActionBatchStore(Protocol):
    """Reads and writes of one batch of reports, inside one transaction."""

    async def existing_members(self, member_ids: Iterable[int]) -> set[int]: ...

    async def existing_prompts(self, prompt_ids: Iterable[int]) -> set[int]: ...

    async def campaign_states(self, campaign_ids: Iterable[int]) -> dict[int, CampaignState]: ...

    async def load(
        self,
        keys: Iterable[tuple[int, str, str]],
        groups: Iterable[tuple[int, str]],
        days: Iterable[tuple[int, str]],
        follow_days: Iterable[tuple[int, str]],
    ) -> tuple[list[Action], list[DayCount], list[Mark]]:
        """The actions, day counts and one-tap marks the ledger needs for a batch."""
        ...

    async def next_id(self) -> int:
        """The id the next new action gets; no other batch can take it before this one ends."""
        ...

    async def write(
        self,
        inserts: Iterable[Action],
        updates: Iterable[Action],
        deletes: Iterable[int],
        mark_writes: Iterable[Mark] = (),
        mark_deletes: Iterable[tuple[int, str, str]] = (),
    ) -> None: ...


class ActionStore(Protocol):
    """Stored actions: batches of reports, one action, notes."""

    def batch(self) -> AbstractAsyncContextManager[ActionBatchStore]:
        """One transaction for a batch of reports; an exception writes nothing."""
        ...

    async def get(self, community_id: int, action_id: int) -> Action | None: ...

    async def set_note(self, action_id: int, member_id: int, note: str) -> Action | None:
        """Save the note on the member's own 'made contact' action; None if there is none."""
        ...

    async def acted_between(
        self, community_id: int, member_id: int, start: str, end: str
    ) -> bool: ...
