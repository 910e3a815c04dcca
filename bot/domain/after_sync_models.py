"""What a change of lawmaker data reads and leaves behind: plain records.

The comparison (bot/core/after_sync.py) decides from :class:`SavedDistrict` and
:class:`TargetedCampaign` which members to ask and which :class:`Notice` s to leave organizers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SavedDistrict:
    """A member's saved location, as a change of districts reads it."""

    member_id: int
    community_id: int
    zip: str | None
    district: str | None


@dataclass(frozen=True, slots=True)
class TargetedCampaign:
    """A campaign that is not archived, with its targets as stored (``mine``, ``leaders:X``)."""

    id: int
    community_id: int
    slug: str
    targets: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice to a community's organizers that a campaign's target changed meaning."""

    id: int
    community_id: int
    campaign_id: int
    campaign: str  # the campaign's slug
    text: str
