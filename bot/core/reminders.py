"""Personal reminders: a member's daily private message at their own morning.

A member opts in with a time (default 09:00) in their time zone: the zone they set, else their
ZIP code's, else the community's. Snooze moves today's reminder an hour later; Stop turns
reminders off. Nothing here sends: the scheduler asks :meth:`ReminderService.zone_of` and the
repository who is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.civic.store import DirectoryStore
from bot.core.clock import Clock
from bot.core.errors import Conflict, DomainError
from bot.core.members import MemberService
from bot.core.models import Actor, Community, Member
from bot.scheduling.recurrence import check_zone, daily, parse_time
from bot.storage.schedules import ReminderRepository

SNOOZE_ACTION = "reminders.snooze"
STOP_ACTION = "reminders.stop"
NOT_ON = "Your reminders are off, so there is nothing to snooze. /remind on turns them on."


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

    async def turn_on(self, actor: Actor, at_text: str = "", zone_text: str = "") -> ReminderPlan:
        """Daily reminders at ``at_text`` (default: the configured time) in the member's zone."""
        at = parse_time(at_text) if at_text.strip() else self.default_time
        member = actor.member
        if zone_text.strip():
            check_zone(zone_text)
            member = await self._members.set_timezone(member, zone_text)
        now = self._clock.now()
        await self._repo.enable(member.id, at, now)
        zone = self.zone_of(member, actor.community)
        next_at = daily(at).next_after(now, zone.zone)
        assert next_at is not None
        return ReminderPlan(at, zone, next_at, needs_zip=not (member.zip or member.district))

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


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
