"""Personal reminders: a member's daily private message at their own morning.

A member opts in with a time (default 09:00) in their time zone: the zone they set, else their
ZIP code's, else the community's; every day (the default) or only on weekdays, Monday to Friday
in that zone, when congressional offices are open. Snooze moves today's reminder an hour later;
Stop turns reminders off. Nothing here sends: the scheduler asks
:meth:`ReminderService.zone_of` and the repository who is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.civic.store import DirectoryStore
from bot.core.clock import Clock
from bot.core.errors import Conflict, DomainError, InvalidInput
from bot.core.federal_holidays import holiday_name
from bot.core.members import MemberService
from bot.core.models import Actor, Community, Member
from bot.scheduling.recurrence import (
    Recurrence,
    check_zone,
    daily,
    parse_recurrence,
    parse_time,
    parse_when,
)
from bot.storage.schedules import ReminderRepository

SNOOZE_ACTION = "reminders.snooze"
STOP_ACTION = "reminders.stop"
NOT_ON = "Your reminders are off, so there is nothing to snooze. /remind on turns them on."
DAYS_HELP = "write every day (or daily), or weekdays for Monday to Friday in your time zone."


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    zone: ZoneInfo
    source: str  # "the time zone you set", "your ZIP code 05401", "this community's time zone"

    @property
    def name(self) -> str:
        return self.zone.key


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """What /remind on set up."""

    at: time
    zone: ZoneChoice
    next_at: datetime
    needs_zip: bool
    weekdays_only: bool = False
    dropped_weekdays: bool = False  # they had weekdays only, and this /remind on said no days

    @property
    def summary(self) -> str:
        """'every day at 09:00' or 'every weekday at 09:00'."""
        return reminder_recurrence(self.at, self.weekdays_only).summary


class ReminderService:
    def __init__(
        self,
        repo: ReminderRepository,
        members: MemberService,
        directory: DirectoryStore,
        clock: Clock,
        default_time: time,
        snooze: timedelta,
    ) -> None:
        self._repo = repo
        self._members = members
        self._directory = directory
        self._clock = clock
        self.default_time = default_time
        self.snooze_for = snooze

    def zone_of(self, member: Member, community: Community) -> ZoneChoice:
        """The member's zone: the one they set, else their ZIP's, else the community's."""
        if member.timezone:
            found = _zone(member.timezone)
            if found is not None:
                return ZoneChoice(found, "the time zone you set")
        if member.zip:
            found = _zone(self._zip_zone(member.zip))
            if found is not None:
                return ZoneChoice(found, f"your ZIP code {member.zip}")
        return ZoneChoice(
            _zone(community.timezone) or ZoneInfo("UTC"), "this community's time zone"
        )

    def day_bounds(
        self, member: Member, community: Community, moment: datetime
    ) -> tuple[date, datetime, datetime]:
        """The member's local day at ``moment``, and when it starts and ends (UTC)."""
        zone = self.zone_of(member, community).zone
        day = moment.astimezone(zone).date()
        start = daily(time(0)).slots(day, zone)[0]
        end = daily(time(0)).slots(day + timedelta(days=1), zone)[0]
        return day, start, end

    async def turn_on(
        self, actor: Actor, at_text: str = "", zone_text: str = "", days_text: str = ""
    ) -> ReminderPlan:
        """Reminders at ``at_text`` (default: the configured time) in the member's zone, on the
        days ``days_text`` names. Each option left out means its default (every day, the
        configured time), also when reminders were already on; nothing is stored on bad input."""
        at = parse_time(at_text) if at_text.strip() else self.default_time
        weekdays_only = parse_days(days_text)
        member = actor.member
        before = await self._repo.subscription(member.id)
        if zone_text.strip():
            check_zone(zone_text)
            member = await self._members.set_timezone(member, zone_text)
        now = self._clock.now()
        await self._repo.enable(member.id, at, now, weekdays_only)
        zone = self.zone_of(member, actor.community)
        next_at = next_reminder(at, weekdays_only, now, zone.zone)
        assert next_at is not None
        return ReminderPlan(
            at,
            zone,
            next_at,
            needs_zip=not (member.zip or member.district),
            weekdays_only=weekdays_only,
            dropped_weekdays=bool(before and before.weekdays_only and not weekdays_only),
        )

    async def turn_off(self, actor: Actor) -> bool:
        """Stop reminders; False if they were already off."""
        return await self._repo.disable(actor.member.id)

    async def snooze(self, actor: Actor) -> datetime:
        """Remind the member again in an hour (once)."""
        subscription = await self._repo.subscription(actor.member.id)
        if subscription is None:
            raise Conflict(NOT_ON)
        until = self._clock.now() + self.snooze_for
        await self._repo.snooze(actor.member.id, until)
        return until

    def _zip_zone(self, zip5: str) -> str | None:
        try:
            return self._directory.current().lookup_zip(zip5).timezone
        except DomainError:
            return None


def parse_days(text: str) -> bool:
    """True for weekdays only ('weekdays', 'mon-fri'), False for every day ('every day',
    'daily', or nothing); anything else is InvalidInput. Read with /schedule's own parser."""
    cleaned = text.strip()
    if not cleaned:
        return False
    bad = InvalidInput(f"'{cleaned[:30]}' is not a choice of days I know: {DAYS_HELP}")
    if cleaned.lower().startswith("cron"):
        raise bad
    try:
        when = parse_when(f"{cleaned} 00:00")
    except InvalidInput:
        raise bad from None
    head = when.recurrence.text.split(" at ", 1)[0]
    if when.zone or when.starts_on or when.ends_on or head not in ("daily", "weekdays"):
        raise bad
    return head == "weekdays"


@lru_cache(maxsize=4096)  # at most 1440 times x 2 choices; the job asks at every tick
def reminder_recurrence(at: time, weekdays_only: bool) -> Recurrence:
    """When a member's reminder comes: daily, or Monday to Friday, at ``at`` (local)."""
    return parse_recurrence(f"{'weekdays' if weekdays_only else 'daily'} {at:%H:%M}")


def reminds_on(day: date, weekdays_only: bool) -> bool:
    """Whether a reminder comes on the member's local ``day``: every day, or for weekdays
    Monday to Friday except the days federal offices close (holidays as observed, closures)."""
    return not weekdays_only or (day.weekday() < 5 and holiday_name(day) is None)


def next_reminder(
    at: time, weekdays_only: bool, after: datetime, zone: ZoneInfo
) -> datetime | None:
    """The first reminder strictly after ``after``, skipping days :func:`reminds_on` leaves out
    (a few at most in a row: the recurrence already skips weekends)."""
    recurrence = reminder_recurrence(at, weekdays_only)
    slot = recurrence.next_after(after, zone)
    while slot is not None and not reminds_on(slot.astimezone(zone).date(), weekdays_only):
        slot = recurrence.next_after(slot, zone)
    return slot


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
