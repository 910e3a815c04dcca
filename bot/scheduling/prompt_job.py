"""Scheduled prompts: post each schedule's campaign prompt at its fire times, exactly once.

For every schedule that is not paused, the slots between its ``checked_until`` and now are
handled in order. A slot is claimed in the dispatch log before posting and completed after. A
slot more than the grace window late (the bot was not running) is skipped and organizers are
told; a campaign that is not running at the slot (paused, archived, ended, not started) posts
nothing and the log says why; a post the platform refuses (a channel the bot cannot post in, a
deleted channel) is recorded with the platform's reason, organizers are told, and the other
schedules go on. A prompt that went out (the console printed it, the platform took it) is sent,
whatever happens after: if its message cannot be linked to the prompt, the log says so, but
it is never reported as not posted.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.core.campaigns import CampaignService
from bot.core.metrics import NO_METRICS, Metrics
from bot.core.prompts import PromptService
from bot.delivery.outbox import Outbox
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.clock import iso
from bot.domain.errors import DomainError
from bot.domain.models import Community
from bot.domain.schedule_models import Dispatch, DispatchKind, DispatchStatus, Fired, Schedule
from bot.domain.text import Text, t, tn
from bot.i18n.languages import reader_language
from bot.i18n.stored import keep, kept_error
from bot.i18n.translator import Translators
from bot.i18n.when_words import At
from bot.messages import Message, PostedRef, Tone
from bot.prompt_view import PromptView
from bot.scheduling.engine import Stop
from bot.storage.communities import CommunityRepository
from bot.storage.members import MemberRepository
from bot.storage.schedules import DispatchRepository, ScheduleRepository, moment

log = logging.getLogger(__name__)

TELL_AGAIN_AFTER = timedelta(hours=20)  # a repeated problem is DMed to its organizer daily


class PromptJob:
    def __init__(
        self,
        schedules: ScheduleRepository,
        dispatches: DispatchRepository,
        communities: CommunityRepository,
        members: MemberRepository,
        campaigns: CampaignService,
        prompts: PromptService,
        view: PromptView,
        outbox: Outbox,
        grace: timedelta,
        stop: Stop | None = None,
        metrics: Metrics = NO_METRICS,
        words: Translators | None = None,
    ) -> None:
        self._metrics = metrics
        self._words = words or Translators()  # a notice in its organizer's language
        self._schedules = schedules
        self._dispatches = dispatches
        self._communities = communities
        self._members = members
        self._campaigns = campaigns
        self._prompts = prompts
        self._view = view
        self._outbox = outbox
        self.grace = grace
        self._stop = stop or Stop()

    async def run_due(self, now: datetime) -> list[Fired]:
        fired: list[Fired] = []
        for schedule in await self._schedules.running():
            community = await self._communities.get(schedule.community_id)
            if community is None or not self._outbox.ready(community):
                continue  # its host is not running: the slots wait (within the grace window)
            fired += await self._run(schedule, community, now)
        return fired

    async def next_due(self, after: datetime) -> datetime | None:
        found = []
        for schedule in await self._schedules.running():
            upcoming = schedule.next_fires(max(after, schedule.checked_until), 1)
            found += upcoming
        return min(found) if found else None

    async def interrupted(self, rows: list[Dispatch], now: datetime) -> None:
        for row in rows:
            if row.kind is not DispatchKind.PROMPT:
                continue
            schedule_id = int(row.subject.removeprefix("schedule:"))
            community = await self._communities.get(row.community_id)
            schedule = await self._schedules.get(row.community_id, schedule_id)
            if community is None or schedule is None:
                continue
            said = t(
                "The bot stopped while posting the prompt due {when} in {channel}. It was not "
                "posted again, so it can't appear twice: please check the channel, and use "
                "/prompt post if it is missing.",
                when=At(moment(row.slot), schedule.timezone),
                channel=schedule.channel_id,
            )
            await self._tell(schedule, community, said, now)

    async def _run(self, schedule: Schedule, community: Community, now: datetime) -> list[Fired]:
        fired: list[Fired] = []
        late: list[datetime] = []
        for slot in schedule.recurrence.between(schedule.checked_until, now, schedule.zone):
            if self._stop.requested:
                return fired  # not marked checked: the next start goes on from here
            if not schedule.in_dates(slot):
                continue
            if now - slot > self.grace:
                late.append(slot)
                continue
            done = await self._dispatch(schedule, community, slot, now)
            if done is not None:
                fired.append(done)
        await self._schedules.checked(schedule.id, now)
        if late:
            self._metrics.scheduled(
                DispatchKind.PROMPT.value, DispatchStatus.SKIPPED.value, len(late)
            )
            minutes = int(self.grace.total_seconds() // 60)
            first = At(late[0], schedule.timezone)
            span = (
                t("the post due {when}", when=first)
                if len(late) == 1
                else t(
                    "{n} posts due from {first} to {last}",
                    n=len(late),
                    first=first,
                    last=At(late[-1], schedule.timezone),
                )
            )
            text = tn(
                "Skipped {span}: the bot was not running then, and posts more than {minutes} "
                "minute late are not sent.",
                "Skipped {span}: the bot was not running then, and posts more than {minutes} "
                "minutes late are not sent.",
                minutes,
                span=span,
                minutes=minutes,
            )
            await self._tell(schedule, community, text, now)
            fired.append(Fired(now, f"schedule #{schedule.id}: {text}"))
        return fired

    async def _dispatch(
        self, schedule: Schedule, community: Community, slot: datetime, now: datetime
    ) -> Fired | None:
        subject, key = f"schedule:{schedule.id}", iso(slot)
        claimed = await self._dispatches.claim_prompt(community.id, schedule.id, slot, now)
        if not claimed:
            return None  # handled before (or interrupted), or edited or paused since: never twice

        async def finish(status: DispatchStatus, detail: str | None = None, **ref: str) -> None:
            await self._dispatches.finish(
                DispatchKind.PROMPT, subject, key, status, now, detail=detail, **ref
            )
            self._metrics.scheduled(DispatchKind.PROMPT.value, status.value)

        try:
            campaign = await self._campaigns.get_by_id(community.id, schedule.campaign_id)
            self._campaigns.check_running(campaign, community)
        except DomainError as why:
            await finish(DispatchStatus.STOPPED, kept_error(why))
            return Fired(slot, f"schedule #{schedule.id}: nothing posted: {why.message}")
        went_out: list[PostedRef] = []
        try:
            prompt = await self._post(schedule, community, campaign, went_out)
        except DomainError as exc:
            if went_out:  # posted, then not linked to its prompt: a post all the same
                ref = went_out[0]
                detail = t(
                    "posted, but not linked to its prompt: {why}", why=exc.text or exc.message
                )
                await finish(
                    DispatchStatus.SENT,
                    keep(detail),
                    channel_id=ref.channel_id,
                    message_id=ref.message_id,
                )
                return Fired(slot, f"schedule #{schedule.id}: posted {campaign.slug} ({detail})")
            await finish(DispatchStatus.FAILED, kept_error(exc))
            text = t(
                "The {slug} prompt due {when} could not be posted in {channel}: {why}",
                slug=campaign.slug,
                when=At(slot, schedule.timezone),
                channel=schedule.channel_id,
                why=exc.text or exc.message,
            )
            await self._tell(schedule, community, text, now)
            return Fired(slot, f"schedule #{schedule.id}: {text}")
        await finish(
            DispatchStatus.SENT,
            channel_id=prompt.channel_id,
            message_id=prompt.message_id or "",
        )
        where = schedule.channel_id
        return Fired(slot, f"schedule #{schedule.id}: posted {campaign.slug} in {where}")

    async def _post(
        self,
        schedule: Schedule,
        community: Community,
        campaign: Campaign,
        went_out: list[PostedRef],
    ) -> Prompt:
        """Post the prompt; ``went_out`` gets its message once the platform took it."""

        async def send(prompt: Prompt) -> PostedRef:
            message = await self._view.prompt(prompt, campaign, community.language)
            ref = await self._outbox.post(
                community,
                schedule.channel_id,
                message,
                purpose=t("scheduled prompt #{id} ({slug})", id=schedule.id, slug=campaign.slug),
            )
            went_out.append(ref)
            return ref

        try:
            return await self._prompts.post(community, campaign, schedule.channel_id, send)
        except DomainError:
            raise
        except Exception as exc:
            log.exception("scheduled prompt #%d failed", schedule.id)
            raise DomainError(
                t("an unexpected error stopped it (the bot's log has details)")
            ) from exc

    async def _tell(
        self, schedule: Schedule, community: Community, said: Text, now: datetime
    ) -> None:
        """Keep the notice for /schedule list (its message and values, read in the reader's
        language) and DM it to the organizer who made the schedule, in their language (again
        only if it changed, or a day later)."""
        text = keep(said)
        repeat = schedule.notice == text and (
            schedule.notice_at is not None and now - schedule.notice_at < TELL_AGAIN_AFTER
        )
        await self._schedules.set_notice(schedule.id, text, now)
        if repeat or schedule.created_by is None:
            return
        organizer = await self._members.get(schedule.created_by)
        if organizer is None:
            return
        words = self._words(reader_language(organizer.language, None, community.language))
        message = Message(
            title=words.render(t("Schedule #{id} needs a look", id=schedule.id)),
            body=words.render(t("{notice}\n\n/schedule list shows your schedules.", notice=said)),
            tone=Tone.ERROR,
        )
        try:
            await self._outbox.send_dm(community, organizer, message, purpose=t("schedule notice"))
        except DomainError as exc:
            log.info("could not tell the organizer of schedule #%d: %s", schedule.id, exc.message)
