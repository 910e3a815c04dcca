"""Stances (issue 19): where a lawmaker stands on a campaign's ask, what callers heard from the
offices (tags on their "made contact" reports), and the records the core reads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stance(StrEnum):
    """A lawmaker's stance on a campaign's ask; UNKNOWN is no stance recorded."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    UNDECIDED = "undecided"
    UNKNOWN = "unknown"


class Tag(StrEnum):
    """What a caller heard from the office, tagged on their "made contact" report."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    UNDECIDED = "undecided"
    NO_ANSWER = "no_answer"  # the office said nothing on it

    @property
    def stance(self) -> Stance | None:
        """The stance the tag names; None for "no answer on it"."""
        return None if self is Tag.NO_ANSWER else Stance(self.value)


@dataclass(frozen=True, slots=True)
class TagCounts:
    """How many callers tagged each answer (for one lawmaker, over some days)."""

    supports: int = 0
    opposes: int = 0
    undecided: int = 0
    no_answer: int = 0

    def of(self, tag: Tag) -> int:
        return int(getattr(self, tag.value))

    @property
    def total(self) -> int:
        return self.supports + self.opposes + self.undecided + self.no_answer

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass(frozen=True, slots=True)
class LawmakerStance:
    """A targeted lawmaker's current stance in a campaign (UNKNOWN: none set yet)."""

    lawmaker: str  # bioguide id
    stance: Stance
    set_at: str | None = None  # UTC ISO moment it was set; None when unknown


@dataclass(frozen=True, slots=True)
class StanceChange:
    """One stance an organizer set: a row of the history."""

    id: int
    community_id: int
    campaign_id: int
    lawmaker: str
    stance: Stance
    set_by: int | None  # the organizer's member id; None once they erased their data
    set_at: str  # UTC, ISO 8601
    note: str | None
    based_on: TagCounts | None  # the tag counts of the suggestion it accepted, if it did
    set_by_user: str | None = None  # that organizer's platform user id, when read with it


@dataclass(frozen=True, slots=True)
class Tagged:
    """A tag saved on a member's own "made contact" report."""

    action_id: int
    campaign_id: int
    lawmaker: str
    tag: Tag


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What callers' tags this week suggest the stance is; organizers accept it or not."""

    stance: Stance
    callers: int  # callers this week who heard it
    counts: TagCounts  # this week's tags it is based on


@dataclass(frozen=True, slots=True)
class StanceRow:
    """One lawmaker on /stances: stance, this week's calls and tags, the latest note, and a
    suggestion when the tags point elsewhere."""

    lawmaker: str  # bioguide id
    stance: Stance
    set_at: str | None
    calls: int  # reports naming them this week (every outcome)
    tags: TagCounts  # callers this week per tag
    last_note: str | None
    suggestion: Suggestion | None
