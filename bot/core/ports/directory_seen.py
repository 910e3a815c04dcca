"""What the after-sync comparison needs of storage: the data last seen, and what it left."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from bot.domain.after_sync_models import Notice, SavedDistrict, TargetedCampaign
from bot.domain.directory_snapshot import Snapshot

Decide = Callable[[list[SavedDistrict]], list[tuple[int, str]]]  # -> (member id, reason)
MakeNotices = Callable[[list[TargetedCampaign]], list[tuple[int, int, str]]]
# -> (community id, campaign id, sentence)


class DirectorySeenStore(Protocol):
    async def version(self) -> tuple[str | None, str | None]: ...

    async def snapshot(self) -> Snapshot | None: ...

    async def names(self) -> dict[str, tuple[str, str]]: ...

    async def record(
        self,
        new: Snapshot,
        changed: Iterable[str],
        decide: Decide,
        notices: MakeNotices,
        now: str,
        seen: tuple[str | None, str | None],
    ) -> tuple[int, int] | None:
        """In one transaction: flag the members ``decide`` picks among those whose saved
        district is in ``changed``, add the notices, remember ``new``; (flagged, notices).
        None, changing nothing, if what was seen is no longer ``seen`` (see :meth:`version`):
        another process compared meanwhile."""
        ...

    async def to_ask(self) -> list[tuple[int, int]]: ...

    async def claim_ask(self, member_id: int, now: str, on_its_way: bool = True) -> bool: ...

    async def finish_ask(self, member_id: int) -> None: ...

    async def interrupt_asks(self) -> int: ...

    async def interrupted_asks(self, community_id: int | None = None) -> dict[int, list[int]]: ...

    async def asks_told(self, ids: list[int]) -> int: ...

    async def to_confirm(self, community_id: int) -> int: ...

    async def unreported(self, community_id: int | None = None) -> list[Notice]: ...

    async def claim_notices(self, ids: list[int], now: str) -> list[int]: ...
