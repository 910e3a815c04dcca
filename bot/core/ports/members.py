"""What the member service needs of storage: communities and their members."""

from __future__ import annotations

from typing import Any, Protocol

from bot.domain.models import Community, Member, Platform


class CommunityStore(Protocol):
    async def get_or_create(
        self, platform: Platform, external_id: str, timezone: str, now: str
    ) -> Community: ...

    async def set_language(self, community_id: int, language: str) -> None: ...


class MemberStore(Protocol):
    async def get_or_create(self, community_id: int, user_id: str, now: str) -> Member: ...

    async def get(self, member_id: int) -> Member | None: ...

    async def update(self, member_id: int, **fields: Any) -> Member:
        """Set the named settings (zip, district, timezone, ...)."""
        ...
