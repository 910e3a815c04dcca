"""Personal reminders: a member's private message at their own morning, with a call script.

A member opts in with a time (default 09:00) in their time zone: the zone they set, else their
ZIP code's, else the community's; Monday to Friday in that zone (the default for new reminders),
leaving out the days federal offices close, or every day if they choose. Each reminder carries
one campaign's script: the one the member chose while it runs, else the one organizers marked as
the main campaign while it runs, else the oldest running one (a reminder whose chosen campaign is
not running says so). Snooze moves today's reminder an hour later; Stop turns reminders off.
Nothing here sends: the scheduler asks :meth:`ReminderService.zone_of`,
:meth:`ReminderService.carried` and the repository who is due and what they get.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.civic.store import DirectoryStore
from bot.core.campaigns import CampaignService
from bot.core.federal_holidays import holiday_name
from bot.core.members import MemberService
from bot.core.ports.schedules import ReminderStore
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.clock import Clock
from bot.domain.errors import Conflict, DomainError, InvalidInput, NotFound
from bot.domain.models import Actor, Community, Member
from bot.domain.recurrence import (
    Recurrence,
    check_zone,
    daily,
    is_days_word,
    is_time_word,
    is_zone_word,
    parse_recurrence,
    parse_time,
    parse_when,
)
from bot.domain.schedule_models import ReminderSubscription
from bot.domain.text import Text, t

SNOOZE_ACTION = "reminders.snooze"
STOP_ACTION = "reminders.stop"
DAYS_CHOICE = t("Monday to Friday (add days:every day for every day)")
NOT_ON = t(
    "Your reminders are off, so there is nothing to snooze. /remind on turns them on: {days}.",
    days=DAYS_CHOICE,
)
CHOOSE_NEEDS_ON = t(
    "Your reminders are off: turn them on with /remind on first, then choose the campaign they "
    "carry."
)
DEFAULT_WORDS = ("main", "default")
CHOSEN = t("your choice")
MAIN = t("the main campaign")
OLDEST = t("the oldest running campaign")
_MERIDIEM = ("am", "pm", "a.m.", "p.m.")


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    zone: ZoneInfo
    source: Text  # "the time zone you set", "your ZIP code 05401", "this community's time zone"

    @property
    def name(self) -> str:
        return self.zone.key


@dataclass(frozen=True, slots=True)
class Carried:
    """The campaign a member's reminder carries, why that one, and (when the member's own choice
    is not running) a sentence saying so."""

    campaign: Campaign
    why: Text  # CHOSEN, MAIN or OLDEST
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """What /remind on set up."""

    at: time
    zone: ZoneChoice
    next_at: datetime
    needs_zip: bool
    weekdays_only: bool = True
    days_kept: bool = False  # reminders were on, and this /remind on named no days
    carried: Carried | None = None  # None while no campaign is running

    @property
    def summary(self) -> str:
        """'every day at 09:00' or 'every weekday at 09:00'."""
        return reminder_recurrence(self.at, self.weekdays_only).summary


@dataclass(frozen=True, slots=True)
class ReminderStatus:
    """A member's reminders as they stand, for their overview."""

    subscription: ReminderSubscription
    zone: ZoneChoice
    next_at: datetime | None
    carried: Carried | None

    @property
    def summary(self) -> str:
        sub = self.subscription
        return reminder_recurrence(sub.at, sub.weekdays_only).summary


class ReminderService:
    def __init__(
        self,
        repo: ReminderStore,
        members: MemberService,
        directory: DirectoryStore,
        campaigns: CampaignService,
        clock: Clock,
        default_time: time,
        snooze: timedelta,
    ) -> None:
        self._repo = repo
        self._members = members
        self._directory = directory
        self._campaigns = campaigns
        self._clock = clock
        self.default_time = default_time
        self.snooze_for = snooze

    def zone_of(self, member: Member, community: Community) -> ZoneChoice:
        """The member's zone: the one they set, else their ZIP's, else the community's."""
        if member.timezone:
            found = _zone(member.timezone)
            if found is not None:
                return ZoneChoice(found, t("the time zone you set"))
        if member.zip:
            found = _zone(self._zip_zone(member.zip))
            if found is not None:
                return ZoneChoice(found, t("your ZIP code {zip}", zip=member.zip))
        return ZoneChoice(
            _zone(community.timezone) or ZoneInfo("UTC"), t("this community's time zone")
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
        """Reminders at ``at_text`` in the member's zone (``zone_text`` sets it), on the days
        ``days_text`` names. A time or days left out keep what the member had; for new reminders
        they are the configured time and Monday to Friday. Words a text line bound to the wrong
        option are sorted back first (:func:`sort_words`); nothing is stored on bad input."""
        at_text, zone_text, days_text = sort_words(at_text, zone_text, days_text)
        member = actor.member
        before = await self._repo.subscription(member.id)
        at = parse_time(at_text) if at_text else (before.at if before else self.default_time)
        named = parse_days(days_text)
        kept = before.weekdays_only if before else True  # new reminders: Monday to Friday
        weekdays_only = kept if named is None else named
        if zone_text:
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
            days_kept=before is not None and named is None,
            carried=await self.carried(actor.community, before.campaign_id if before else None),
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

    async def choose_campaign(self, actor: Actor, slug: str) -> Carried | None:
        """The campaign the member's reminder carries from now on: ``slug`` (running now), or
        for 'main' the default again. What it carries now is returned (None: nothing runs)."""
        member, community = actor.member, actor.community
        if await self._repo.subscription(member.id) is None:
            raise Conflict(CHOOSE_NEEDS_ON)
        chosen: int | None = None
        if slug.strip().lower() not in DEFAULT_WORDS:
            campaign = await self._campaigns.get(community.id, slug)
            self._campaigns.check_running(campaign, community)
            chosen = campaign.id
        if not await self._repo.set_campaign(member.id, chosen):
            raise Conflict(CHOOSE_NEEDS_ON)  # turned off meanwhile
        return await self.carried(community, chosen)

    async def carried(
        self, community: Community, chosen_id: int | None, running: list[Campaign] | None = None
    ) -> Carried | None:
        """What a reminder carries now: the chosen campaign while it runs, else the main one
        while it runs, else the oldest running one (None when none runs). A choice not running
        now is kept (it counts again once it runs) and the note says so."""
        running = await self._campaigns.running(community) if running is None else running
        if not running:
            return None
        by_id = {c.id: c for c in running}
        if chosen_id in by_id:
            return Carried(by_id[chosen_id], CHOSEN)
        main = await self._campaigns.main(community.id)
        if main is not None and main.id in by_id:
            found = Carried(by_id[main.id], MAIN)
        else:
            found = Carried(min(running, key=lambda c: c.id), OLDEST)
        if chosen_id is None:
            return found
        try:
            chosen = await self._campaigns.get_by_id(community.id, chosen_id)
        except NotFound:
            return found
        return Carried(found.campaign, found.why, self._fallback_note(chosen, found, community))

    async def status(self, actor: Actor) -> ReminderStatus | None:
        """The member's reminders now (None: off)."""
        sub = await self._repo.subscription(actor.member.id)
        if sub is None:
            return None
        zone = self.zone_of(sub.member, actor.community)
        now = self._clock.now()
        next_at = next_reminder(sub.at, sub.weekdays_only, max(now, sub.enabled_at), zone.zone)
        return ReminderStatus(
            sub, zone, next_at, await self.carried(actor.community, sub.campaign_id)
        )

    def _fallback_note(self, chosen: Campaign, found: Carried, community: Community) -> Text:
        today = self._campaigns.today(community)
        over = chosen.status is CampaignStatus.ARCHIVED or bool(
            chosen.ends_on and chosen.ends_on < today
        )
        values = {"chosen": chosen.title, "carried": found.campaign.title, "why": found.why}
        if over:
            return t(
                "**{chosen}**, the campaign you chose for your reminders, has ended, so this "
                "one carries **{carried}** ({why}). /remind campaign <slug> chooses another.",
                **values,
            )
        return t(
            "**{chosen}**, the campaign you chose for your reminders, is not running right now, "
            "so this one carries **{carried}** ({why}). /remind campaign <slug> chooses another.",
            **values,
        )

    def _zip_zone(self, zip5: str) -> str | None:
        try:
            return self._directory.current().lookup_zip(zip5).timezone
        except DomainError:
            return None


def sort_words(at_text: str, zone_text: str, days_text: str) -> tuple[str, str, str]:
    """/remind on's time, zone and days, each word moved to where its shape says it belongs: a
    time (9:30, 8 am, noon), a zone (America/Chicago) or days (every day, weekdays, mon-fri). A
    text line binds words by position, so ``days:every day`` leaves 'day' in the time; a word of
    no known shape stays where it was typed, so its error names the right thing. Linear."""
    times: list[str] = []
    zones: list[str] = []
    days: list[str] = []
    for home, text in ((days, days_text), (times, at_text), (zones, zone_text)):
        for word in text.split():
            if is_time_word(word):
                times.append(word)
            elif word.lower() in _MERIDIEM and times:
                times[-1] += word.lower()
            elif is_zone_word(word):
                zones.append(word)
            elif is_days_word(word):
                days.append(word)
            else:
                home.append(word)
    return " ".join(times), " ".join(zones), " ".join(days)


def parse_days(text: str) -> bool | None:
    """True for weekdays only ('weekdays', 'mon-fri'), False for every day ('every day',
    'daily'), None for nothing said; anything else is InvalidInput. Read with /schedule's own
    parser."""
    cleaned = text.strip()
    if not cleaned:
        return None
    bad = InvalidInput(
        t(
            "'{typed}' is not a choice of days I know: write every day (or daily), or weekdays "
            "for Monday to Friday in your time zone.",
            typed=cleaned[:30],
        )
    )
    if cleaned.lower().startswith("cron"):
        raise bad
    try:
        when = parse_when(f"{cleaned} 00:00")
    except InvalidInput:
        raise bad from None
    head = when.recurrence.text.split(" at ", 1)[0]
    extras = when.zone or when.starts_on or when.ends_on or when.ends_never
    if extras or head not in ("daily", "weekdays"):
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
