"""Campaigns, their outcomes, and the prompts posted for them: plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.errors import Conflict
from bot.domain.targets import Target
from bot.domain.text import t


class CampaignStatus(StrEnum):
    DRAFT = "draft"  # being prepared: members do not see it, no prompt can be posted
    ACTIVE = "active"
    PAUSED = "paused"
    ARCHIVED = "archived"  # over for good: kept for the record, never changed again


@dataclass(frozen=True, slots=True)
class Outcome:
    """Something a member can report after a call. ``key`` never changes once saved."""

    key: str
    label: str
    emoji: str | None = None


DEFAULT_OUTCOMES: tuple[Outcome, ...] = (
    Outcome("contact", "Made contact", "📞"),
    Outcome("voicemail", "Left voicemail", "📫"),
    Outcome("unreachable", "Couldn't get through", "🚫"),
)


@dataclass(frozen=True, slots=True)
class CampaignVersion:
    """A campaign's words in one language."""

    language: str
    title: str
    ask: str
    background: str
    script: str


@dataclass(frozen=True, slots=True)
class Campaign:
    """One cause a community calls about, with the script and whom to call."""

    id: int
    community_id: int
    slug: str
    title: str
    ask: str
    background: str
    script: str
    targets: tuple[Target, ...]
    outcomes: tuple[Outcome, ...]
    goal: int | None
    starts_on: date | None
    ends_on: date | None
    status: CampaignStatus
    template: str | None  # the template it was imported from, if any
    created_at: str
    updated_at: str
    language: str = "en"  # its first language: the one it was created in (its own columns)
    versions: tuple[CampaignVersion, ...] = ()  # its other languages' texts

    def version(self, language: str) -> CampaignVersion | None:
        """Its title, ask, background and script in ``language``, if it has them."""
        if language == self.language:
            return CampaignVersion(language, self.title, self.ask, self.background, self.script)
        return next((v for v in self.versions if v.language == language), None)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it can be read in, its first one first."""
        return (self.language, *(v.language for v in self.versions))

    def outcome(self, key: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.key == key), None)

    def in_dates(self, today: date) -> bool:
        started = self.starts_on is None or self.starts_on <= today
        return started and (self.ends_on is None or today <= self.ends_on)

    def running(self, today: date) -> bool:
        """Active, and ``today`` is within its dates: members see it and can act on it."""
        return self.status is CampaignStatus.ACTIVE and self.in_dates(today)


@dataclass(frozen=True, slots=True)
class Prompt:
    """A campaign's call to action posted in a channel. ``message_id`` is None while posting."""

    id: int
    community_id: int
    campaign_id: int
    channel_id: str
    message_id: str | None
    created_at: str
    posted_at: str | None


@dataclass(frozen=True, slots=True)
class NewCampaign:
    """A campaign to store: what :class:`Campaign` holds before it has an id."""

    community_id: int
    slug: str
    title: str
    ask: str
    background: str
    script: str
    targets: tuple[Target, ...]
    outcomes: tuple[Outcome, ...]
    goal: int | None
    status: CampaignStatus
    template: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    language: str = "en"
    versions: tuple[CampaignVersion, ...] = ()  # other languages' texts


def duplicate_slug(slug: str) -> Conflict:
    """The error for a slug another campaign of the community has."""
    return Conflict(
        t(
            "There is already a campaign called {slug} here. Pick another title or slug, or "
            "change that one with /campaign edit {slug}.",
            slug=slug,
        )
    )
