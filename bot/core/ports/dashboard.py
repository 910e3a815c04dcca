"""What the private dashboard's links (bot/core/dashboard_links.py) need stored."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.dashboard_models import DashboardLink


class DashboardLinkStore(Protocol):
    async def add(self, link: DashboardLink, purge_before: datetime) -> None:
        """Keep ``link``; links that expired before ``purge_before`` are deleted with it."""
        ...

    async def get(self, link_id: str) -> DashboardLink | None: ...

    async def delete_of_member(self, member_id: int, now: datetime) -> int:
        """Delete the member's links; returns how many had not expired at ``now``."""
        ...

    async def delete_of_community(self, community_id: int, now: datetime) -> int:
        """Delete the community's links; returns how many had not expired at ``now``."""
        ...
