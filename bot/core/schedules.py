"""Schedules: organizers post a campaign's prompt in a channel on a recurrence.

Rules kept here: only organizers change schedules; an archived or finished campaign cannot be
scheduled; a schedule that would never post is refused; two schedules may not post the same
campaign in the same channel at the same minute (the second is refused, naming the first). An
edit keeps the schedule's number and history and never posts a slot twice: slots up to the edit
are handled (none is made up), and on the day of the edit (in the schedule's zone) it posts no
more prompts in all than the new settings have that day: those already posted that day count,
and the earliest of the rest are skipped (so "daily 09:00" edited to "daily 09:30" at 09:15, after
the 09:00 post, next posts tomorrow at 09:30). An edit changes only what it names: a time alone
keeps the days (``12:00`` on a weekdays schedule stays weekdays), and the zone and dates stay
unless new ones are given ('until never' drops the end date). What a schedule is doing now
(posting, paused, or stopped because its campaign is not running, and why) is worked out from
the database and the clock, never cached.

On a text line the channel and the when need no quotes: :func:`split_where_when` tells them
apart by the shape of the words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.campaigns import CampaignService
from bot.core.permissions import Permission, require
from bot.core.ports.schedules import DeliveryFailureLog, DigestStore, DispatchLog, ScheduleStore
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.clock import Clock
from bot.domain.errors import Conflict, InvalidInput, NotFound
from bot.domain.models import Actor, Community
from bot.domain.recurrence import (
    ENDS_BEFORE_START,
    When,
    is_when_word,
    on_days_of,
    parse_when,
)
from bot.domain.schedule_models import DeliveryFailure, Dispatch, Schedule
from bot.domain.text import Text, t
from bot.i18n.when_words import At, Every

OVERLAP_HORIZON = timedelta(weeks=8)
OVERLAP_SLOTS = 2000
MAX_SCHEDULES = 50  # per community
NEXT_COUNT = 5


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """A schedule with what organizers want to know about it now."""

    schedule: Schedule
    campaign: Campaign
    state: Text  # "posting", "paused", or why its campaign's prompts are stopped
    next_fire: datetime | None
    last: Dispatch | None

    @property
    def posting(self) -> bool:
        return self.state == POSTING


@dataclass(frozen=True, slots=True)
class Added:
    schedule: Schedule
    campaign: Campaign
    next_fires: list[datetime]
    notes: list[Text]


@dataclass(frozen=True, slots=True)
class Edited:
    schedule: Schedule
    campaign: Campaign
    next_fires: list[datetime]
    notes: list[Text]


EDIT_NEEDS = t(
    "Say what to change: a new when, a new channel, or both, like /schedule edit 1 weekdays "
    "17:30, /schedule edit 1 12:00 (keeps the days) or /schedule edit 1 #calls."
)
NEVER_POSTS = t(
    "That schedule would never post: its dates are over or it never fires. Check the until date."
)
POSTING = t("posting")
PAUSED = t("paused")


def split_where_when(text: str, channel_first: bool) -> tuple[str | None, str | None]:
    """A channel and a *when* typed together, told apart without quotes: ``(channel, when)``,
    either None when left out. The channel is one word at either end whose shape is not a
    when's (see ``recurrence.is_when_word``), tried first where the command puts it
    (``channel_first``) and only if the whole text is not a when. When no reading works, the
    error is the one for the most likely reading. A constant number of linear parses."""
    words = text.split()
    if not words:
        return None, None
    whole = " ".join(words)
    try:
        parse_when(whole)
        return None, whole
    except InvalidInput as error:
        first_error = error
    ends = [(words[0], words[1:], False), (words[-1], words[:-1], True)]
    if not channel_first:
        ends.reverse()
    tried: InvalidInput | None = None
    for channel, rest, last in ends:
        after_at = last and len(words) > 1 and words[-2].lower() == "at"  # 'at lunchtime'
        if is_when_word(channel) or after_at:
            continue
        if not rest:
            return channel, None
        try:
            parse_when(" ".join(rest))
            return channel, " ".join(rest)
        except InvalidInput as error:
            tried = tried or error
    raise tried or first_error


def next_posts(schedule: Schedule, now: datetime, count: int) -> list[datetime]:
    """Its next ``count`` fire times from now, leaving out slots already handled (an edit may
    have handled some of today's later slots ahead of time)."""
    return schedule.next_fires(max(now, schedule.checked_until), count)


def local(moment: datetime, zone: str) -> str:
    """'Mon 2026-01-05 09:00 EST': how fire times are shown."""
    shown = moment.astimezone(ZoneInfo(zone))
    return shown.strftime("%a %Y-%m-%d %H:%M ") + (shown.tzname() or zone)


class ScheduleService:
    def __init__(
        self,
        repo: ScheduleStore,
        dispatches: DispatchLog,
        digests: DigestStore,
        failures: DeliveryFailureLog,
        campaigns: CampaignService,
        clock: Clock,
    ) -> None:
        self._repo = repo
        self._dispatches = dispatches
        self._digests = digests
        self._failures = failures
        self._campaigns = campaigns
        self._clock = clock

    # -- changes (organizers only) ---------------------------------------------------------------
    async def add(self, actor: Actor, slug: str, channel_id: str, when_text: str) -> Added:
        """Schedule ``slug``'s prompt in ``channel_id``; ``when_text`` as in recurrence.py."""
        require(actor, Permission.ORGANIZER)
        community = actor.community
        campaign = await self._campaigns.get(community.id, slug)
        notes = self._schedulable(campaign, community)
        channel = check_channel(channel_id)
        when = parse_when(when_text)
        zone = when.zone or community.timezone
        existing = await self._repo.for_community(community.id)
        if len(existing) >= MAX_SCHEDULES:
            raise Conflict(
                t(
                    "This community already has {most} schedules; remove one first "
                    "(/schedule remove <number>).",
                    most=MAX_SCHEDULES,
                )
            )
        now = self._clock.now()
        draft = _draft(community, campaign, channel, when, zone, now)
        upcoming = draft.next_fires(now, NEXT_COUNT)
        if not upcoming:
            raise InvalidInput(NEVER_POSTS)
        self._check_overlap(draft, existing)
        saved = await self._repo.add(
            community.id,
            campaign.id,
            channel,
            draft.recurrence.text,
            zone,
            when.starts_on,
            when.ends_on,
            actor.member.id,
            now,
        )
        same_place = [
            s for s in existing if s.campaign_id == campaign.id and s.channel_id == channel
        ]
        notes += [
            t("Schedule #{id} also posts it there ({when}).", id=s.id, when=Every(s.recurrence))
            for s in same_place
        ]
        return Added(saved, campaign, upcoming, notes)

    async def edit(
        self, actor: Actor, schedule_id: int, when_text: str | None, channel_id: str | None
    ) -> Edited:
        """Change when (``when_text`` as for :meth:`add`, zone and dates included) and/or where
        a schedule posts, keeping its number and history; see the module doc for the day rule."""
        require(actor, Permission.ORGANIZER)
        when_text = (when_text or "").strip() or None
        channel_id = (channel_id or "").strip() or None
        if when_text is None and channel_id is None:
            raise InvalidInput(EDIT_NEEDS)
        community = actor.community
        found = await self.get(community.id, schedule_id)
        campaign = await self._campaigns.get_by_id(community.id, found.campaign_id)
        draft = replace(found, channel_id=check_channel(channel_id or found.channel_id))
        if when_text is not None:
            draft = _edited(draft, parse_when(when_text))
        now = self._clock.now()
        today = _today_slots(draft, now)
        later = [slot for slot in today if slot > now]
        skipped: list[datetime] = []

        def handled_until(posted_today: int) -> datetime:
            owed = max(0, len(today) - posted_today)
            skipped[:] = later[: max(0, len(later) - owed)]
            return max([now, *skipped])

        if not draft.next_fires(now, 1):
            raise InvalidInput(NEVER_POSTS)
        if not draft.paused:
            others = await self._repo.for_community(community.id)
            self._check_overlap(draft, [s for s in others if s.id != found.id])
        await self._repo.edit(
            found.id,
            draft.channel_id,
            draft.recurrence.text,
            draft.timezone,
            draft.starts_on,
            draft.ends_on,
            _day_span(draft, now),
            handled_until,
        )
        saved = await self.get(community.id, schedule_id)
        notes = [
            t(
                "Skipped today's post at {when}: this schedule already posted today, and an edit "
                "never adds a post to the day.",
                when=At(slot, saved.timezone),
            )
            for slot in skipped
        ]
        try:
            self._campaigns.check_running(campaign, community)
        except Conflict as why:
            notes.append(t("Nothing will post until it runs: {why}", why=_said(why)))
        if saved.paused:
            notes.append(t("It is paused: /schedule resume {id} restarts it.", id=saved.id))
        return Edited(saved, campaign, next_posts(saved, now, NEXT_COUNT), notes)

    async def pause(self, actor: Actor, schedule_id: int) -> Schedule:
        require(actor, Permission.ORGANIZER)
        found = await self.get(actor.community.id, schedule_id)
        if found.paused:
            raise Conflict(t("Schedule #{id} is already paused.", id=schedule_id))
        await self._repo.set_paused(found.id, True, self._clock.now())
        return await self.get(actor.community.id, schedule_id)

    async def resume(self, actor: Actor, schedule_id: int) -> Schedule:
        """Resume from now: posts that fell due while it was paused are not made up."""
        require(actor, Permission.ORGANIZER)
        found = await self.get(actor.community.id, schedule_id)
        if not found.paused:
            raise Conflict(t("Schedule #{id} is not paused.", id=schedule_id))
        others = await self._repo.for_community(actor.community.id)
        self._check_overlap(found, [s for s in others if s.id != found.id])
        await self._repo.set_paused(found.id, False, self._clock.now())
        return await self.get(actor.community.id, schedule_id)

    async def remove(self, actor: Actor, schedule_id: int) -> Schedule:
        require(actor, Permission.ORGANIZER)
        found = await self.get(actor.community.id, schedule_id)
        await self._repo.delete(found.id)
        return found

    async def set_digest(self, actor: Actor, channel_id: str | None) -> bool:
        """Post the daily digest in ``channel_id`` (None: stop it). False if there was none."""
        require(actor, Permission.ORGANIZER)
        if channel_id is None:
            return await self._digests.clear(actor.community.id)
        await self._digests.set(actor.community.id, check_channel(channel_id), self._clock.now())
        return True

    # -- reading ---------------------------------------------------------------------------------
    async def get(self, community_id: int, schedule_id: int) -> Schedule:
        found = await self._repo.get(community_id, schedule_id)
        if found is None:
            raise NotFound(
                t("There is no schedule #{id}. /schedule list shows them.", id=schedule_id)
            )
        return found

    async def views(self, community: Community) -> list[ScheduleView]:
        """Every schedule of the community, with its state, next post and last attempt."""
        now = self._clock.now()
        views = []
        for schedule in await self._repo.for_community(community.id):
            campaign = await self._campaigns.get_by_id(community.id, schedule.campaign_id)
            upcoming = next_posts(schedule, now, 1)
            views.append(
                ScheduleView(
                    schedule=schedule,
                    campaign=campaign,
                    state=self.state(schedule, campaign, community),
                    next_fire=upcoming[0] if upcoming and not schedule.paused else None,
                    last=await self._dispatches.latest_for_schedule(schedule.id),
                )
            )
        return views

    def state(self, schedule: Schedule, campaign: Campaign, community: Community) -> Text:
        if schedule.paused:
            return PAUSED
        try:
            self._campaigns.check_running(campaign, community)
        except Conflict as why:
            return t("not posting: {why}", why=_said(why))
        return POSTING

    async def upcoming(
        self, community: Community, schedule_id: int | None = None, count: int = NEXT_COUNT
    ) -> list[tuple[datetime, Schedule, Campaign]]:
        """The next ``count`` posts (of one schedule, or of all that are not paused)."""
        now = self._clock.now()
        if schedule_id is not None:
            chosen = [await self.get(community.id, schedule_id)]
        else:
            chosen = [s for s in await self._repo.for_community(community.id) if not s.paused]
        found = []
        for schedule in chosen:
            campaign = await self._campaigns.get_by_id(community.id, schedule.campaign_id)
            found += [(slot, schedule, campaign) for slot in next_posts(schedule, now, count)]
        found.sort(key=lambda item: (item[0], item[1].id))
        return found[:count]

    async def digest_channel(self, community: Community) -> str | None:
        return await self._digests.channel(community.id)

    async def failures(self, actor: Actor, limit: int = 10) -> list[DeliveryFailure]:
        require(actor, Permission.ORGANIZER)
        return await self._failures.recent(actor.community.id, limit)

    # -- rules -----------------------------------------------------------------------------------
    def _schedulable(self, campaign: Campaign, community: Community) -> list[Text]:
        """Refuse what can never post; say why one that cannot post yet will wait."""
        slug = campaign.slug
        if campaign.status is CampaignStatus.ARCHIVED:
            raise Conflict(
                t("{slug} is archived: it is over, so it can't be scheduled.", slug=slug)
            )
        today = self._campaigns.today(community)
        if campaign.ends_on and campaign.ends_on < today:
            raise Conflict(
                t(
                    "{slug} ended on {day}, so it can't be scheduled. Change its end date first "
                    "(/campaign edit {slug}).",
                    slug=slug,
                    day=campaign.ends_on.isoformat(),
                )
            )
        try:
            self._campaigns.check_running(campaign, community)
        except Conflict as why:
            return [t("Nothing will post until it runs: {why}", why=_said(why))]
        return []

    def _check_overlap(self, new: Schedule, existing: list[Schedule]) -> None:
        """Refuse two schedules posting one campaign in one channel at the same minute."""
        rivals = [
            s
            for s in existing
            if s.campaign_id == new.campaign_id and s.channel_id == new.channel_id and not s.paused
        ]
        if not rivals:
            return
        now = self._clock.now()
        mine = _slots(new, now)
        for rival in rivals:
            common = sorted(mine & _slots(rival, now))
            if common:
                raise Conflict(
                    t(
                        "Schedule #{id} ({when}) already posts this campaign in that channel at "
                        "{at}, so it would be posted twice. Pick another time, or remove #{id} "
                        "first (/schedule remove {id}).",
                        id=rival.id,
                        when=Every(rival.recurrence),
                        at=At(common[0], new.timezone),
                    )
                )


def _slots(schedule: Schedule, now: datetime) -> set[datetime]:
    found = set()
    for slot in schedule.recurrence.between(now, now + OVERLAP_HORIZON, schedule.zone):
        if schedule.in_dates(slot):
            found.add(slot)
            if len(found) >= OVERLAP_SLOTS:
                break
    return found


def _day_span(schedule: Schedule, now: datetime) -> tuple[datetime, datetime]:
    """The UTC bounds of ``now``'s local day in the schedule's zone."""
    day = now.astimezone(schedule.zone).date()
    start = datetime.combine(day, time(0), tzinfo=schedule.zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=schedule.zone)
    return start, end.astimezone(UTC)


def _today_slots(schedule: Schedule, now: datetime) -> list[datetime]:
    """Its fire times on ``now``'s local day (in its zone and dates)."""
    day = now.astimezone(schedule.zone).date()
    return [s for s in schedule.recurrence.slots(day, schedule.zone) if schedule.in_dates(s)]


def _edited(schedule: Schedule, when: When) -> Schedule:
    """``schedule`` with what ``when`` names changed and the rest kept (see the module doc)."""
    recurrence = when.recurrence
    if not when.days_named and when.at is not None:
        recurrence = on_days_of(schedule.recurrence, when.at)
    starts_on = when.starts_on or schedule.starts_on
    ends_on = None if when.ends_never else when.ends_on or schedule.ends_on
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(ENDS_BEFORE_START)
    return replace(
        schedule,
        recurrence=recurrence,
        timezone=when.zone or schedule.timezone,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def _draft(
    community: Community,
    campaign: Campaign,
    channel: str,
    when: When,
    zone: str,
    now: datetime,
) -> Schedule:
    return Schedule(
        id=0,
        community_id=community.id,
        campaign_id=campaign.id,
        channel_id=channel,
        recurrence=when.recurrence,
        timezone=zone,
        starts_on=when.starts_on,
        ends_on=when.ends_on,
        paused=False,
        created_by=None,
        created_at=now,
        checked_until=now,
    )


def check_channel(channel_id: str) -> str:
    cleaned = channel_id.strip()
    if (
        not cleaned
        or len(cleaned) > 100
        or any(ch.isspace() or not ch.isprintable() for ch in cleaned)
    ):
        raise InvalidInput(
            t(
                "Name the channel to post in (a channel, or its id); it can't be blank or have "
                "spaces or invisible characters."
            )
        )
    return cleaned


def _said(error: Conflict) -> Text | str:
    """An error's words as a message's value: its Text when it has one, else its sentence."""
    return error.text if error.text is not None else error.message
