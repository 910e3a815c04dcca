"""Schedules, the dispatch log, reminders and delivery failures: plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.models import Member
from bot.domain.recurrence import Recurrence


class DispatchKind(StrEnum):
    PROMPT = "prompt"  # a scheduled prompt; slot: the UTC instant
    REMINDER = "reminder"  # a member's daily reminder; slot: the member's local date
    SNOOZE = "snooze"  # a snoozed reminder; slot: the UTC instant it was snoozed until
    DIGEST = "digest"  # a community's daily digest; slot: the local date it reports on


class DispatchStatus(StrEnum):
    SENDING = "sending"  # claimed; the send has not finished (or the process died during it)
    SENT = "sent"
    FAILED = "failed"  # the platform refused; the reason is kept
    SKIPPED = "skipped"  # too late (past the grace window), or not needed (already acted)
    STOPPED = "stopped"  # the campaign was not running at the slot
    INTERRUPTED = "interrupted"  # found still 'sending' at start-up: not sent again


@dataclass(frozen=True, slots=True)
class Schedule:
    """A campaign's prompt, posted in a channel whenever ``recurrence`` fires."""

    id: int
    community_id: int
    campaign_id: int
    channel_id: str
    recurrence: Recurrence
    timezone: str
    starts_on: date | None
    ends_on: date | None
    paused: bool
    created_by: int | None  # member id of the organizer who made it
    created_at: datetime
    checked_until: datetime  # every slot up to here has been handled
    notice: str | None = None
    notice_at: datetime | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def in_dates(self, slot: datetime) -> bool:
        """Whether ``slot`` falls within the schedule's start and end days (its zone)."""
        day = slot.astimezone(self.zone).date()
        started = self.starts_on is None or self.starts_on <= day
        return started and (self.ends_on is None or day <= self.ends_on)

    def next_fires(self, after: datetime, count: int) -> list[datetime]:
        """The next ``count`` fire times after ``after`` within the schedule's dates."""
        found: list[datetime] = []
        moment = after
        if self.starts_on is not None:
            start = datetime.combine(self.starts_on, time(0), tzinfo=self.zone).astimezone(UTC)
            moment = max(after, start - timedelta(seconds=1))
        while len(found) < count:
            slot = self.recurrence.next_after(moment, self.zone)
            if slot is None or (self.ends_on and slot.astimezone(self.zone).date() > self.ends_on):
                break
            if self.in_dates(slot):
                found.append(slot)
            moment = slot
        return found


@dataclass(frozen=True, slots=True)
class Dispatch:
    """One row of the dispatch log."""

    id: int
    community_id: int
    kind: DispatchKind
    subject: str
    slot: str
    status: DispatchStatus
    detail: str | None
    channel_id: str | None
    message_id: str | None
    started_at: str
    finished_at: str | None


@dataclass(frozen=True, slots=True)
class ReminderSubscription:
    """A member who asked for daily reminders, with what the scheduler needs to send one."""

    member: Member
    at: time
    enabled_at: datetime
    snoozed_until: datetime | None
    zip_asked_on: date | None
    weekdays_only: bool = False  # Monday to Friday in the member's zone, else every day
    campaign_id: int | None = None  # the campaign they chose their reminder to carry, if any

    @property
    def member_id(self) -> int:
        return self.member.id

    @property
    def community_id(self) -> int:
        return self.member.community_id


@dataclass(frozen=True, slots=True)
class DeliveryFailure:
    id: int
    community_id: int
    purpose: str
    target: str
    reason: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Fired:
    """Something the engine did (or decided not to do) for a slot."""

    at: datetime
    text: str
