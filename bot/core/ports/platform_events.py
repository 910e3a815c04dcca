"""What the event claims need of storage: a set of platform event keys with their times."""

from __future__ import annotations

from typing import Protocol


class PlatformEventStore(Protocol):
    async def claim(self, platform: str, event_key: str, now: str) -> bool:
        """Record the event as taken at ``now``; True only for the first claim of the key."""
        ...

    async def forget_before(self, moment: str) -> int:
        """Delete the keys taken before ``moment``; returns how many went."""
        ...
