"""Personal reminders: each opted-in member's private message at their own local time.

Each member gets at most one reminder per local day (the dispatch log's slot is the date) and one
per snooze, carrying first the campaign :meth:`ReminderService.carried` picks (the member's
choice, else the main one, else the oldest running; the others are listed after it). A member
who chose weekdays gets none on their own Saturday and Sunday, nor on a day federal offices close
(a federal holiday as observed, judged by the member's own date). None is sent when no campaign
is running or when the member already acted that day. A member whose campaigns need a ZIP and
who has none is asked for it once; their reminders then wait until they save one. DMs go out
concurrently through the platform's delivery queue; one that cannot be delivered is recorded and
does not hold up the others.

Each reminder is built first; its slot is claimed in the dispatch log only when its message is
about to leave (:mod:`bot.delivery.claims`). So a crash costs only the reminders whose DM was on
its way: those are 'interrupted' at the next start, not sent again (never twice), and counted
for organizers (:mod:`bot.scheduling.digest_job`); the member's next reminder comes as usual.
The others were never claimed and go out at the next start, within the grace window.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.core.campaign_texts import campaign_texts
from bot.core.campaigns import CampaignService
from bot.core.metrics import NO_METRICS, Metrics
from bot.core.personal_scripts import PersonalScript, PersonalScripts, ZipNeeded
from bot.core.reminders import (
    SNOOZE_ACTION,
    STOP_ACTION,
    ReminderService,
    next_reminder,
    reminder_recurrence,
    reminds_on,
)
from bot.delivery.claims import Claim, ClaimRefused
from bot.delivery.outbox import Outbox
from bot.domain.campaign_models import Campaign
from bot.domain.clock import iso
from bot.domain.errors import DomainError
from bot.domain.models import Community, Member
from bot.domain.schedule_models import (
    Dispatch,
    DispatchKind,
    DispatchStatus,
    Fired,
    ReminderSubscription,
)
from bot.domain.text import Text, t
from bot.i18n.languages import reader_language
from bot.i18n.translator import Translator, Translators
from bot.messages import Button, Message, Select, Style
from bot.prompt_view import SCRIPT_ACTION, PromptView
from bot.scheduling.engine import Stop
from bot.storage.communities import CommunityRepository
from bot.storage.schedules import DispatchRepository, ReminderRepository

log = logging.getLogger(__name__)

ROWS = 5  # Discord's rows of components per message: a select fills one, buttons go 5 to a row
PER_ROW = 5
MAX_OTHER_CAMPAIGNS = 3
PREPARE_FAILED = "could not be prepared (see the log)"
SNOOZE_LABEL = t("Snooze 1 hour")
STOP_LABEL = t("Stop reminders")


class ActedBetween(Protocol):
    """``services.actions``: did the member record an action in [start, end)?"""

    async def acted_between(
        self, community_id: int, member_id: int, start_utc: datetime, end_utc: datetime
    ) -> bool: ...


@dataclass(frozen=True, slots=True)
class Ready:
    """A reminder built and ready to go (or None, and why not)."""

    message: Message | None
    reason: str = ""
    asks_zip_on: date | None = None  # the one-time ZIP request: the member's day it is asked


@dataclass(frozen=True, slots=True)
class Due:
    kind: DispatchKind
    slot_key: str
    slot: datetime
    member: Member
    community: Community
    subscription: ReminderSubscription


class ReminderJob:
    def __init__(
        self,
        repo: ReminderRepository,
        service: ReminderService,
        dispatches: DispatchRepository,
        communities: CommunityRepository,
        campaigns: CampaignService,
        scripts: PersonalScripts,
        view: PromptView,
        actions: ActedBetween,
        outbox: Outbox,
        grace: timedelta,
        concurrency: int = 20,
        stop: Stop | None = None,
        metrics: Metrics = NO_METRICS,
        words: Translators | None = None,
    ) -> None:
        self._metrics = metrics
        self._words = words or Translators()
        self._repo = repo
        self._service = service
        self._dispatches = dispatches
        self._communities = communities
        self._campaigns = campaigns
        self._scripts = scripts
        self._view = view
        self._actions = actions
        self._outbox = outbox
        self.grace = grace
        self._slots = asyncio.Semaphore(concurrency)
        self._stop = stop or Stop()

    async def run_due(self, now: datetime) -> list[Fired]:
        dues = await self._unclaimed(await self._due(now))
        results = await asyncio.gather(*(self._remind(due, now) for due in dues))
        return [fired for fired in results if fired is not None]

    async def next_due(self, after: datetime) -> datetime | None:
        found = []
        communities: dict[int, Community | None] = {}
        for sub in await self._repo.subscriptions():
            found += [s for s in (sub.snoozed_until,) if s is not None and s > after]
            community = await self._community(sub, communities)
            if community is None:
                continue
            zone = self._service.zone_of(sub.member, community).zone
            slot = next_reminder(sub.at, sub.weekdays_only, max(after, sub.enabled_at), zone)
            if slot is not None:
                found.append(slot)
        return min(found) if found else None

    async def interrupted(self, rows: list[Dispatch], now: datetime) -> None:
        """A reminder cut off by a stop is not sent again (the digest job counts it for
        organizers)."""

    async def _due(self, now: datetime) -> list[Due]:
        found: list[Due] = []
        communities: dict[int, Community | None] = {}
        for sub in await self._repo.subscriptions():
            community = await self._community(sub, communities)
            if community is None or not self._outbox.ready(community):
                continue
            member = sub.member
            zone = self._service.zone_of(member, community).zone
            recurrence = reminder_recurrence(sub.at, sub.weekdays_only)
            days = {(now - self.grace).astimezone(zone).date(), now.astimezone(zone).date()}
            for day in sorted(days):
                if not reminds_on(day, sub.weekdays_only):  # a holiday, for weekdays only
                    continue
                for slot in recurrence.slots(day, zone):  # none on a weekend for weekdays
                    if not (sub.enabled_at < slot <= now and now - slot <= self.grace):
                        continue
                    found.append(
                        Due(DispatchKind.REMINDER, day.isoformat(), slot, member, community, sub)
                    )
            snoozed = sub.snoozed_until
            if snoozed is not None and snoozed <= now:
                if now - snoozed <= self.grace:
                    found.append(
                        Due(DispatchKind.SNOOZE, iso(snoozed), snoozed, member, community, sub)
                    )
                else:
                    await self._repo.clear_snooze(member.id, snoozed)
        return found

    async def _unclaimed(self, dues: list[Due]) -> list[Due]:
        """Leave out slots already in the log (the claim still decides; this saves writes)."""
        done: set[tuple[DispatchKind, str, str]] = set()
        for kind in (DispatchKind.REMINDER, DispatchKind.SNOOZE):
            slots = {due.slot_key for due in dues if due.kind is kind}
            done |= {(kind, *pair) for pair in await self._dispatches.claimed(kind, slots)}
        return [d for d in dues if (d.kind, f"member:{d.member.id}", d.slot_key) not in done]

    async def _community(
        self, sub: ReminderSubscription, communities: dict[int, Community | None]
    ) -> Community | None:
        if sub.community_id not in communities:
            communities[sub.community_id] = await self._communities.get(sub.community_id)
        return communities[sub.community_id]

    async def _remind(self, due: Due, now: datetime) -> Fired | None:
        """Build the reminder, then send it, claiming its slot only as it leaves (or record
        why it is not sent)."""
        who = f"reminder for member {due.member.user_id}"
        async with self._slots:
            if self._stop.requested:
                return None  # stopping: not claimed, so the next start sends it
            try:
                ready = await self._message(due, now)
            except Exception:
                log.exception("building a reminder failed")
                return await self._record(due, who, DispatchStatus.FAILED, PREPARE_FAILED, now)
            if ready.message is None:
                return await self._record(due, who, DispatchStatus.SKIPPED, ready.reason, now)
            return await self._send(due, who, ready, now)

    async def _send(self, due: Due, who: str, ready: Ready, now: datetime) -> Fired | None:
        assert ready.message is not None
        subject = f"member:{due.member.id}"

        async def take_slot() -> bool:
            if self._stop.requested:
                raise ClaimRefused("the bot is stopping")
            return await self._dispatches.claim(
                due.community.id, due.kind, subject, due.slot_key, now, member_id=due.member.id
            )

        claim = Claim(take_slot)
        try:
            await self._outbox.send_dm(
                due.community, due.member, ready.message, purpose=t("daily reminder"), claim=claim
            )
        except ClaimRefused as why:
            log.info("a reminder was not sent: %s", why)
            return None
        except DomainError as exc:
            if not claim.taken:  # refused before its message left (no DM channel)
                return await self._record(due, who, DispatchStatus.FAILED, exc.message, now, ready)
            await self._handled(due, ready)
            await self._finish(due, DispatchStatus.FAILED, now, exc.message)
            return Fired(due.slot, f"{who}: could not be delivered: {exc.message}")
        await self._handled(due, ready)
        await self._finish(due, DispatchStatus.SENT, now)
        return Fired(due.slot, f"{who}: sent")

    async def _finish(
        self, due: Due, status: DispatchStatus, now: datetime, detail: str | None = None
    ) -> None:
        await self._dispatches.finish(
            due.kind, f"member:{due.member.id}", due.slot_key, status, now, detail=detail
        )
        self._metrics.scheduled(due.kind.value, status.value)

    async def _record(
        self,
        due: Due,
        who: str,
        status: DispatchStatus,
        reason: str,
        now: datetime,
        ready: Ready | None = None,
    ) -> Fired | None:
        """Log a slot that is not sent, with why (None if it was in the log already)."""
        recorded = await self._dispatches.claim(
            due.community.id,
            due.kind,
            f"member:{due.member.id}",
            due.slot_key,
            now,
            status=status,
            detail=reason,
            member_id=due.member.id,
        )
        await self._handled(due, ready)
        if not recorded:
            return None
        self._metrics.scheduled(due.kind.value, status.value)
        if status is DispatchStatus.FAILED:
            return Fired(due.slot, f"{who}: could not be delivered: {reason}")
        return Fired(due.slot, f"{who}: not sent ({reason})")

    async def _handled(self, due: Due, ready: Ready | None = None) -> None:
        """A slot dealt with: its snooze is over, and a ZIP request counts as asked."""
        if due.kind is DispatchKind.SNOOZE:
            await self._repo.clear_snooze(due.member.id, due.slot)
        if ready is not None and ready.asks_zip_on is not None:
            await self._repo.zip_asked(due.member.id, ready.asks_zip_on)

    async def _message(self, due: Due, now: datetime) -> Ready:
        """The reminder, or None and why it is not sent (nothing is written here)."""
        member, community = due.member, due.community
        running = await self._campaigns.running(community)
        if not running:
            return Ready(None, "no campaign is running")
        day, start, end = self._service.day_bounds(member, community, due.slot)
        if await self._actions.acted_between(community.id, member.id, start, end):
            return Ready(None, "already acted today")
        words = await self.words_for(member, community)
        carried = await self._service.carried(community, due.subscription.campaign_id, running)
        assert carried is not None  # something runs
        first = carried.campaign
        scripts: list[PersonalScript] = []
        need_zip: list[Campaign] = []
        for campaign in [first, *(c for c in running if c.id != first.id)]:
            try:
                scripts.append(self._scripts.build(member, campaign, words.code))
            except ZipNeeded:
                need_zip.append(campaign)
            except DomainError as exc:
                log.info("no script of %s for a reminder: %s", campaign.slug, exc.message)
        if not scripts:
            if need_zip and due.subscription.zip_asked_on is None:
                return Ready(zip_request(need_zip, words), asks_zip_on=day)
            return Ready(None, "waiting for the member's ZIP code" if need_zip else "no script")
        snoozed = due.kind is DispatchKind.SNOOZE
        return Ready(await self._reminder(scripts, need_zip, snoozed, carried.note, words))

    async def words_for(self, member: Member, community: Community) -> Translator:
        """A DM's words: the member's language, else the one their platform says they use
        (asked only then), else the community's."""
        locale = None if member.language else await self._outbox.locale_of(community, member)
        return self._words(reader_language(member.language, locale, community.language))

    async def _reminder(
        self,
        scripts: list[PersonalScript],
        need_zip: list[Campaign],
        snoozed: bool,
        note: Text | None,
        words: Translator,
    ) -> Message:
        first, others = scripts[0], scripts[1:]
        lines = [
            t("⏰ Your reminder, as snoozed.") if snoozed else t("⏰ Your daily reminder to call.")
        ]
        lines += [note] if note else []
        extra: list[Button] = []
        for script in others[:MAX_OTHER_CAMPAIGNS]:
            campaign = script.campaign
            lines.append(t("Also running: **{title}**: {ask}", title=script.title, ask=script.ask))
            label = words.render(t("Script: {slug}", slug=campaign.slug))
            extra.append(Button(label[:80], SCRIPT_ACTION, f"c{campaign.id}"))
        for campaign in need_zip:
            lines.append(
                t(
                    "For **{title}** I need your ZIP code: save it with /setzip (for example "
                    "/setzip 05401).",
                    title=campaign_texts(campaign, words.code).title,
                )
            )
        lines.append(t("Snooze reminds you again in an hour; Stop turns your reminders off."))
        intro = "\n".join(words.render(line) for line in lines)
        message = await self._view.script(first, None, intro)
        controls = (
            Button(words.render(SNOOZE_LABEL), SNOOZE_ACTION, "", Style.SECONDARY),
            Button(words.render(STOP_LABEL), STOP_ACTION, "", Style.DANGER),
        )
        selects, buttons = fit(message.selects, (*message.buttons, *extra), controls)
        return replace(message, selects=selects, buttons=buttons, ephemeral=False)


def fit(
    selects: tuple[Select, ...], buttons: tuple[Button, ...], controls: tuple[Button, ...]
) -> tuple[tuple[Select, ...], tuple[Button, ...]]:
    """Keep the reminder's own controls whatever the platform can show: drop menus from the
    end, then buttons, until all fit in Discord's five rows."""
    kept_selects = list(selects)

    def rows(count: int) -> int:
        return -(-count // PER_ROW)

    while kept_selects and len(kept_selects) + rows(len(buttons) + len(controls)) > ROWS:
        kept_selects.pop()
    room = (ROWS - len(kept_selects)) * PER_ROW - len(controls)
    return tuple(kept_selects), (*buttons[: max(0, room)], *controls)


def zip_request(campaigns: list[Campaign], words: Translator) -> Message:
    """The one-time message to a member whose reminders need a ZIP code, in their words."""
    texts = [campaign_texts(c, words.code) for c in campaigns[:MAX_OTHER_CAMPAIGNS]]
    asks = "\n".join(f"• **{c.title}**: {c.ask}" for c in texts)  # in the member's language
    body = t(
        "Running now:\n{asks}\n\nTo give you your lawmakers' numbers and a call script I need "
        "your ZIP code: save it with /setzip (for example /setzip 05401). Until then I'll hold "
        "your daily reminders; this is the only time I'll ask.",
        asks=asks,
    )
    return Message(
        title=words.render(t("⏰ Your daily reminder: one thing first")),
        body=words.render(body),
        buttons=(Button(words.render(STOP_LABEL), STOP_ACTION, "", Style.DANGER),),
    )
