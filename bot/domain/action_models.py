"""Actions members report after a call, and what recording one changed: plain records."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from bot.domain.campaign_models import Campaign, CampaignStatus

NOTE_MAX = 200  # one line on what the office said
NOTE_OUTCOME = "contact"  # notes follow a conversation with the office


class Change(StrEnum):
    """What a report did to the stored actions."""

    RECORDED = "recorded"  # a new action
    REPLACED = "replaced"  # the same call, now with another outcome
    UNCHANGED = "unchanged"  # already recorded exactly so (a repeated event)
    RETRACTED = "retracted"  # withdrawn (a reaction removed, or Undo)
    NOTHING = "nothing"  # a withdrawal that did not match what is recorded
    COVERED = "covered"  # a one-tap report kept, but not counted: per-lawmaker reports count


class OneTap(StrEnum):
    """What a per-lawmaker report did to the member's one-tap report of that day."""

    NONE = ""
    COVERED = "covered"  # it stopped counting: the per-lawmaker reports name the same calls
    RESTORED = "restored"  # it counts again: no per-lawmaker report of that day is left


class Mark(NamedTuple):
    """A one-tap report a member has on a scope (a prompt, or a campaign's day): a reaction
    (``mark`` is its emoji) or an outcome button (``mark`` is ''). ``seq`` orders the marks of
    one scope: the latest mark still there decides what the one-tap action counts."""

    seq: int
    community_id: int
    member_id: int
    campaign_id: int
    scope: str
    mark: str
    outcome: str
    at: str
    day: str
    member_day: str


class DayCount(NamedTuple):
    """How many actions a member has for a campaign on one of their days, per lawmaker."""

    member_id: int
    campaign_id: int
    member_day: str
    lawmaker: str
    actions: int


class Action(NamedTuple):
    """One recorded action. ``lawmaker`` is a bioguide id, or '' when not known.

    A NamedTuple, like the directory's records: a burst of reports builds thousands of these,
    and tuples are the cheapest immutable objects to build.
    """

    id: int
    community_id: int
    member_id: int
    campaign_id: int
    prompt_id: int | None
    scope: str
    lawmaker: str
    outcome: str
    at: str
    day: str
    member_day: str
    note: str | None = None


class ActionResult(NamedTuple):
    """The outcome of one report or withdrawal."""

    change: Change
    campaign: Campaign
    action: Action | None  # the action as stored now (None once withdrawn)
    previous: str | None = None  # the outcome it had before (replaced, retracted)
    prompt_id: int | None = None  # the prompt it was reported on, if any
    one_tap: OneTap = OneTap.NONE  # a per-lawmaker report's effect on the one-tap report
    kept_by: str | None = None  # a withdrawal that left the one-tap counted: by this mark

    @property
    def counted(self) -> bool:
        """True when the stored counts changed."""
        return self.change in (Change.RECORDED, Change.REPLACED, Change.RETRACTED)


class CampaignState(NamedTuple):
    """What can stop a campaign taking reports, as stored now."""

    status: CampaignStatus
    starts_on: date | None
    ends_on: date | None
