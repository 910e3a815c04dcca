"""What the privacy features (bot/core/privacy.py) need from storage."""

from __future__ import annotations

from typing import Protocol

from bot.domain.privacy_models import StoredRow


class PrivacyStore(Protocol):
    """A member's stored data (found from the schema), erasure, retention and confirmations.
    Moments are UTC ISO text, as stored."""

    async def member_row(self, member_id: int) -> StoredRow | None: ...

    async def linked_rows(self, member_id: int) -> dict[str, list[StoredRow]]:
        """Rows of every member-linked table that point at this member, by table name."""
        ...

    async def erase(self, member_id: int) -> int | None:
        """Fold the member's actions into anonymous counts and delete everything linked to
        them; the actions folded, or None if the member was already gone."""
        ...

    async def fold_before(self, community_id: int, before: str) -> int:
        """Fold the community's actions reported before ``before``; how many."""
        ...

    async def retention(self, community_id: int) -> int | None: ...

    async def set_retention(self, community_id: int, days: int | None, now: str) -> None: ...

    async def retained(self) -> list[tuple[int, int]]:
        """(community id, retention days) for every community with a retention period."""
        ...

    async def add_erase_request(self, token: str, member_id: int, now: str) -> None: ...

    async def erase_request(self, token: str) -> tuple[int, str] | None:
        """(member id, created at) of a pending confirmation, or None."""
        ...

    async def drop_erase_request(self, token: str) -> bool: ...

    async def drop_dm_routes_before(self, before: str) -> int:
        """Forget the routes of DMs sent before ``before``."""
        ...

    async def drop_erase_requests_before(self, before: str) -> int: ...

    async def is_bare(self, member_id: int) -> bool:
        """True if the member has nothing stored but a members row with default settings."""
        ...
