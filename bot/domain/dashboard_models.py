"""A private dashboard link as stored: which page it opens, for whom, until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DashboardLink:
    """A link /dashboard gave an organizer: the community and campaign (None: all) its page
    shows, the member who asked, and when it stops working (UTC)."""

    link_id: str
    community_id: int
    member_id: int
    campaign_id: int | None
    created_at: datetime
    expires_at: datetime
