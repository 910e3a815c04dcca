"""The daily digest: yesterday's numbers, posted for organizers in the channel they chose.

Posted once a day at the configured time in the community's time zone (exactly once per day:
the dispatch log's slot is the day it reports on). It also carries what organizers must hear
about: messages the bot could not deliver since the last digest, sends a stop cut off
(:mod:`bot.scheduling.interruptions`), and schedule notices. A community without a digest
hears of cut-off reminders by a DM to the organizers who made its schedules, at the first tick
its host is ready (cut-off prompts are told to their schedule's organizer by the prompt job).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.core.campaigns import CampaignService
from bot.core.metrics import NO_METRICS, Metrics
from bot.core.stats import StatsSummary
from bot.delivery.outbox import Outbox
from bot.domain.campaign_models import DEFAULT_OUTCOMES, Campaign
from bot.domain.errors import DomainError
from bot.domain.models import Community, Member
from bot.domain.recurrence import daily
from bot.domain.schedule_models import (
    DeliveryFailure,
    Dispatch,
    DispatchKind,
    DispatchStatus,
    Fired,
)
from bot.domain.text import t, tn
from bot.i18n.languages import reader_language
from bot.i18n.stored import kept, kept_error
from bot.i18n.translator import Translator, Translators
from bot.messages import Field, Message
from bot.scheduling import interruptions
from bot.scheduling.engine import Stop
from bot.storage.communities import CommunityRepository
from bot.storage.members import MemberRepository
from bot.storage.schedules import (
    DeliveryFailureRepository,
    DigestRepository,
    DispatchRepository,
    ScheduleRepository,
)

log = logging.getLogger(__name__)

MAX_LISTED = 5


class Summaries(Protocol):
    """``services.stats``."""

    async def summary(
        self, community_id: int, campaign_id: int | None, start: datetime, end: datetime
    ) -> StatsSummary: ...


class DigestPart(Protocol):
    """Fields another feature adds to the digest, its sends a stop cut off (counted in the
    digest's interruption line, :mod:`bot.scheduling.interruptions`), and what it does once the
    digest is posted."""

    @property
    def fields(self) -> tuple[Field, ...]: ...

    @property
    def posted(self) -> Callable[[], Awaitable[Any]] | None: ...

    @property
    def cut_off(self) -> Counter[str]: ...


DigestParts = Callable[[Community], Awaitable[DigestPart]]


class DigestJob:
    def __init__(
        self,
        digests: DigestRepository,
        dispatches: DispatchRepository,
        communities: CommunityRepository,
        schedules: ScheduleRepository,
        failures: DeliveryFailureRepository,
        campaigns: CampaignService,
        stats: Summaries,
        outbox: Outbox,
        at: time,
        grace: timedelta,
        members: MemberRepository | None = None,
        stop: Stop | None = None,
        metrics: Metrics = NO_METRICS,
        parts: tuple[DigestParts, ...] = (),
        words: Translators | None = None,
    ) -> None:
        self._words = words or Translators()  # the digest in the community's language
        self._parts = parts  # other features' fields (e.g. what a change of data left to do)
        self._metrics = metrics
        self._digests = digests
        self._dispatches = dispatches
        self._communities = communities
        self._schedules = schedules
        self._failures = failures
        self._campaigns = campaigns
        self._stats = stats
        self._outbox = outbox
        self.at = at
        self.grace = grace
        self._members = members
        self._stop = stop or Stop()

    async def run_due(self, now: datetime) -> list[Fired]:
        fired = [] if self._stop.requested else await self._tell_interruptions(now)
        for community_id, channel, since in await self._digests.all():
            if self._stop.requested:
                break
            community = await self._communities.get(community_id)
            if community is None or not self._outbox.ready(community):
                continue
            zone = ZoneInfo(community.timezone)
            days = {(now - self.grace).astimezone(zone).date(), now.astimezone(zone).date()}
            for day in sorted(days):
                slot = daily(self.at).slots(day, zone)[0]
                if since < slot <= now and now - slot <= self.grace:
                    done = await self._post(community, channel, day - timedelta(days=1), now)
                    if done is not None:
                        fired.append(Fired(slot, done))
        return fired

    async def next_due(self, after: datetime) -> datetime | None:
        found = []
        for community_id, _, since in await self._digests.all():
            community = await self._communities.get(community_id)
            if community is None:
                continue
            slot = daily(self.at).next_after(max(after, since), ZoneInfo(community.timezone))
            if slot is not None:
                found.append(slot)
        return min(found) if found else None

    async def interrupted(self, rows: list[Dispatch], now: datetime) -> None:
        """A digest cut off by a stop is not posted again; the next one counts it (and the
        other cut-off sends), or :meth:`_tell_interruptions` DMs organizers."""

    async def _tell_interruptions(self, now: datetime) -> list[Fired]:
        """DM the organizers of communities without a digest how many reminders a stop cut
        off (told once: a DM that fails is recorded as a delivery failure)."""
        fired: list[Fired] = []
        for community_id, counts in (await self._dispatches.unreported_interruptions()).items():
            if await self._digests.channel(community_id) is not None:
                continue  # the next digest says it
            community = await self._communities.get(community_id)
            if community is None or not self._outbox.ready(community):
                continue
            found = interruptions.merged(counts)
            if not found[DispatchKind.REMINDER] and not found[DispatchKind.DIGEST]:
                # cut-off prompts only: each schedule's organizer was told by the prompt job
                await self._dispatches.interruptions_reported(community_id, now)
                continue
            organizers = await self._organizers(community_id)
            if not organizers:
                continue  # nobody known to tell: kept for a digest set up later
            for organizer in organizers:
                words = self._words(reader_language(organizer.language, None, community.language))
                try:
                    await self._outbox.send_dm(
                        community,
                        organizer,
                        interruptions.notice(counts, words),
                        purpose=interruptions.PURPOSE,
                    )
                except DomainError as exc:
                    log.info("could not tell an organizer about interrupted sends: %s", exc)
            await self._dispatches.interruptions_reported(community_id, now)
            what = interruptions.summary(counts)
            fired.append(Fired(now, f"organizers told that a stop cut off {what}"))
        return fired

    async def _organizers(self, community_id: int) -> list[Member]:
        """The organizers the bot knows: those who made the community's schedules."""
        if self._members is None:
            return []
        found: list[Member] = []
        seen: set[int] = set()
        for schedule in await self._schedules.for_community(community_id):
            if schedule.created_by is None or schedule.created_by in seen:
                continue
            seen.add(schedule.created_by)
            member = await self._members.get(schedule.created_by)
            if member is not None:
                found.append(member)
        return found

    async def _post(
        self, community: Community, channel: str, day: date, now: datetime
    ) -> str | None:
        subject, key = f"community:{community.id}", day.isoformat()
        if not await self._dispatches.claim(community.id, DispatchKind.DIGEST, subject, key, now):
            return None
        failures = await self._failures.unreported(community.id)
        cut_off = (await self._dispatches.unreported_interruptions(community.id)).get(
            community.id, Counter()
        )
        parts = [found for part in self._parts if (found := await self._part(part, community))]
        message = await self._message(
            community, day, failures, sum((p.cut_off for p in parts), Counter(cut_off))
        )
        extra = tuple(f for part in parts for f in part.fields)
        message = replace(message, fields=(*message.fields, *extra))
        try:
            ref = await self._outbox.post(community, channel, message, purpose=t("daily digest"))
        except DomainError as exc:
            await self._dispatches.finish(
                DispatchKind.DIGEST,
                subject,
                key,
                DispatchStatus.FAILED,
                now,
                detail=kept_error(exc),
            )
            self._metrics.scheduled(DispatchKind.DIGEST.value, DispatchStatus.FAILED.value)
            return f"digest for {day}: could not be posted in {channel}: {exc.message}"
        await self._failures.mark_reported([f.id for f in failures], now)
        for part in parts:
            if part.posted is not None:
                await part.posted()
        if cut_off:
            await self._dispatches.interruptions_reported(community.id, now)
        await self._dispatches.finish(
            DispatchKind.DIGEST,
            subject,
            key,
            DispatchStatus.SENT,
            now,
            channel_id=ref.channel_id,
            message_id=ref.message_id,
        )
        self._metrics.scheduled(DispatchKind.DIGEST.value, DispatchStatus.SENT.value)
        return f"digest for {day}: posted in {channel}"

    async def _part(self, part: DigestParts, community: Community) -> DigestPart | None:
        """Another feature's fields; one that fails is left out (logged), never the digest."""
        try:
            return await part(community)
        except Exception:
            log.exception("a part of the daily digest could not be prepared")
            return None

    async def _message(
        self,
        community: Community,
        day: date,
        failures: list[DeliveryFailure],
        cut_off: Counter[str],
    ) -> Message:
        words = self._words(community.language)  # a post in a channel: the community's
        zone = ZoneInfo(community.timezone)
        start = daily(time(0)).slots(day, zone)[0]
        end = daily(time(0)).slots(day + timedelta(days=1), zone)[0]
        summary = await self._stats.summary(community.id, None, start, end)
        campaigns = await self._campaigns.all(community.id)
        labels = _labels(campaigns)
        if summary.total:
            calls = words.render(tn("{n} action", "{n} actions", summary.total, n=summary.total))
            body = words.render(
                tn(
                    "**{actions}** by {n} member.",
                    "**{actions}** by {n} members.",
                    summary.members,
                    actions=calls,
                    n=summary.members,
                )
            )
        else:
            body = words.render(t("No actions were reported that day."))
        fields = []
        if summary.by_outcome:
            shown = [f"{labels.get(k, k)}: {n}" for k, n in summary.by_outcome.items()]
            fields.append(Field(words.render(t("By outcome")), "\n".join(shown)))
        goals = []
        for campaign in await self._campaigns.running(community):
            if campaign.goal:
                total = await self._stats.summary(community.id, campaign.id, start, end)
                share = round(100 * total.goal_total / campaign.goal)
                said = t(
                    "{slug}: {count} of {goal} ({percent}%)",
                    slug=campaign.slug,
                    count=words.number(total.goal_total),
                    goal=words.number(campaign.goal),
                    percent=share,
                )
                goals.append(words.render(said))
        if goals:
            fields.append(Field(words.render(t("Towards the goals")), "\n".join(goals)))
        if failures:
            failed = _failure_lines(failures, words)
            fields.append(Field(words.render(t("Could not be delivered")), failed))
        if cut_off:
            lines = interruptions.digest_lines(cut_off, words)
            fields.append(Field(words.render(interruptions.FIELD), lines))
        notices = [
            f"#{s.id}: {words.render(kept(s.notice) or '')}"  # kept message, in these words
            for s in await self._schedules.for_community(community.id)
            if s.notice and s.notice_at and s.notice_at >= start
        ]
        if notices:
            fields.append(Field(words.render(t("Schedules")), "\n".join(notices[:MAX_LISTED])))
        shown_day = format_date(day, "EEE yyyy-MM-dd", locale=words.code)
        return Message(
            title=words.render(t("Daily digest: {day}", day=shown_day)),
            body=body,
            fields=tuple(fields),
            footer=words.render(
                t("/stats has more; /schedule failures lists what could not be delivered.")
            ),
        )


def _labels(campaigns: list[Campaign]) -> dict[str, str]:
    labels = {o.key: f"{o.emoji} {o.label}" if o.emoji else o.label for o in DEFAULT_OUTCOMES}
    for campaign in campaigns:
        for outcome in campaign.outcomes:
            labels.setdefault(
                outcome.key, f"{outcome.emoji} {outcome.label}" if outcome.emoji else outcome.label
            )
    return labels


def _failure_lines(failures: list[DeliveryFailure], words: Translator) -> str:
    lines = [
        words.render(
            t(
                "• {purpose} to {target}: {reason}",
                purpose=kept(f.purpose) or "",
                target=kept(f.target) or "",
                reason=kept(f.reason) or "",
            )
        )
        for f in failures[:MAX_LISTED]
    ]
    if len(failures) > MAX_LISTED:
        more = len(failures) - MAX_LISTED
        lines.append(words.render(t("…and {n} more (/schedule failures).", n=more)))
    return "\n".join(lines)
