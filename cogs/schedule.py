"""Schedules: organizers have a campaign's prompt posted on a routine, and get a daily digest."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from bot.cogkit import Cog, Context, Opt, command
from bot.core.permissions import Permission
from bot.core.schedules import (
    ScheduleService,
    ScheduleView,
    next_posts,
    split_where_when,
)
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput
from bot.domain.schedule_models import DispatchStatus, Schedule
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.stored import kept
from bot.i18n.translator import Translator, Translators
from bot.i18n.when_words import At, Every
from bot.messages import Field, Message, Tone
from cogs._options import SLUG, mentioned_channel

CHANNEL = Opt(
    "The channel to post in, or 'here' (left out: here; one named like a day or time: #daily)",
    max_length=100,
    label="the channel",
)
NUMBER = Opt(
    "The schedule's number, from /schedule list",
    min_value=1,
    max_value=10**9,
    label="the schedule number",
)
WHEN = Opt(
    "When: weekdays 09:00, daily at 9am, mon,wed,fri 17:30 or cron 0 9 * * 1-5, optionally "
    "with a time zone (America/Chicago) and 'from'/'until' dates",
    rest=True,
    max_length=200,
    label="the timing",
)
NEW_WHEN = Opt(
    "The new when, as for /schedule add; a time alone (12:00) keeps the days, and the zone and "
    "dates stay unless you give new ones ('until never' drops the end)",
    max_length=200,
    label="the new timing",
)
NEW_CHANNEL = Opt(
    "The new channel to post in, or 'here' (one named like a day or time: #daily)",
    rest=True,
    max_length=200,
    label="the new channel",
)


NEXT_POSTS = t("Next posts")
FOOTER = t("/schedule pause, resume, edit or remove it by its number.")
STATUS_WORDS = {
    DispatchStatus.SENDING: t("sending"),
    DispatchStatus.SENT: t("sent"),
    DispatchStatus.FAILED: t("failed"),
    DispatchStatus.SKIPPED: t("skipped"),
    DispatchStatus.STOPPED: t("stopped"),
    DispatchStatus.INTERRUPTED: t("interrupted"),
}


class ScheduleCog(Cog):
    name = "schedule"
    description = "Prompts on a schedule, and the daily digest (organizers)"
    stores = (
        "Nothing about members. A schedule remembers which organizer made it, to tell them by "
        "direct message if it cannot post."
    )

    def __init__(self, schedules: ScheduleService, clock: Clock) -> None:
        self.schedules = schedules
        self.clock = clock

    @command(
        "schedule add",
        "Post a campaign's prompt in a channel on a schedule.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def add(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        channel: Annotated[str, CHANNEL],
        when: Annotated[str, WHEN],
    ) -> Message:
        named, when_text = split_where_when(f"{channel} {when}", channel_first=True)
        where = channel_id(named or "here", ctx.channel_id)
        added = await self.schedules.add(ctx.actor, campaign, where, when_text or "")
        schedule = added.schedule
        lines = [_described(schedule, added.campaign.slug), *added.notes]
        upcoming = _moments(ctx, added.next_fires)
        return Message(
            title=ctx.tr(t("Scheduled")),
            body="\n".join(ctx.tr(line) for line in lines),
            fields=(Field(ctx.tr(NEXT_POSTS), upcoming),),
            footer=ctx.tr(FOOTER),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "schedule edit",
        "Change when and/or where a schedule posts, keeping its number (nothing posts twice).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def edit(
        self,
        ctx: Context,
        number: Annotated[int, NUMBER],
        when: Annotated[str | None, NEW_WHEN] = None,
        channel: Annotated[str | None, NEW_CHANNEL] = None,
    ) -> Message:
        named, when_text = split_where_when(f"{when or ''} {channel or ''}", channel_first=False)
        where = channel_id(named, ctx.channel_id) if named else None
        edited = await self.schedules.edit(ctx.actor, number, when_text, where)
        schedule = edited.schedule
        lines = [_described(schedule, edited.campaign.slug), *edited.notes]
        upcoming = _moments(ctx, edited.next_fires)
        return Message(
            title=ctx.tr(t("Schedule changed")),
            body="\n".join(ctx.tr(line) for line in lines),
            fields=(Field(ctx.tr(NEXT_POSTS), upcoming or ctx.tr(t("None."))),),
            footer=ctx.tr(FOOTER),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "schedule list",
        "Every schedule, whether it is posting (and if not, why), and its next post.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def list(self, ctx: Context) -> Message:
        views = await self.schedules.views(ctx.community)
        digest = await self.schedules.digest_channel(ctx.community)
        footer = (
            t("Daily digest: {channel}.", channel=digest)
            if digest
            else t("No daily digest: /schedule digest.")
        )
        if not views:
            said = t(
                "No schedules yet. Add one with /schedule add <campaign> <channel> weekdays "
                "09:00. {footer}",
                footer=footer,
            )
            return Message.private(ctx.tr(said))
        fields = tuple(_view_field(ctx, view) for view in views[:25])
        return Message(
            title=ctx.tr(t("Schedules")), fields=fields, footer=ctx.tr(footer), ephemeral=True
        )

    @command(
        "schedule next",
        "The next five posts (of one schedule, or of all), in this community's time zone.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def next(self, ctx: Context, number: Annotated[int | None, NUMBER] = None) -> Message:
        zone = ctx.community.timezone
        upcoming = await self.schedules.upcoming(ctx.community, number)
        if not upcoming:
            return Message.private(ctx.tr(t("Nothing is scheduled to post.")))
        lines = [
            ctx.tr(
                t(
                    "{when}: {slug} in {channel} (#{id})",
                    when=At(slot, zone),
                    slug=campaign.slug,
                    channel=schedule.channel_id,
                    id=schedule.id,
                )
            )
            for slot, schedule, campaign in upcoming
        ]
        title = ctx.tr(t("Next posts ({zone})", zone=zone))
        return Message(title=title, body="\n".join(lines), ephemeral=True)

    @command(
        "schedule pause",
        "Pause a schedule (nothing posts until you resume it).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def pause(self, ctx: Context, number: Annotated[int, NUMBER]) -> Message:
        schedule = await self.schedules.pause(ctx.actor, number)
        said = t(
            "Paused schedule #{id}. /schedule resume {id} restarts it (posts missed meanwhile "
            "are not made up).",
            id=schedule.id,
        )
        return Message.private(ctx.tr(said))

    @command(
        "schedule resume",
        "Resume a paused schedule from now.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def resume(self, ctx: Context, number: Annotated[int, NUMBER]) -> Message:
        schedule = await self.schedules.resume(ctx.actor, number)
        upcoming = next_posts(schedule, self.clock.now(), 1)
        if not upcoming:
            return Message.private(ctx.tr(t("Resumed schedule #{id}.", id=schedule.id)))
        said = t(
            "Resumed schedule #{id}. Next post: {when}.",
            id=schedule.id,
            when=At(upcoming[0], ctx.community.timezone),
        )
        return Message.private(ctx.tr(said))

    @command(
        "schedule remove",
        "Delete a schedule.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def remove(self, ctx: Context, number: Annotated[int, NUMBER]) -> Message:
        schedule = await self.schedules.remove(ctx.actor, number)
        said = t(
            "Removed schedule #{id} ({when}).", id=schedule.id, when=Every(schedule.recurrence)
        )
        return Message.private(ctx.tr(said))

    @command(
        "schedule digest",
        "Post yesterday's numbers every morning in a channel ('off' stops it).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def digest(self, ctx: Context, channel: Annotated[str, CHANNEL]) -> Message:
        if channel.strip().lower() in ("off", "stop", "none"):
            had = await self.schedules.set_digest(ctx.actor, None)
            said = t("Stopped the daily digest.") if had else t("There was no digest.")
            return Message.private(ctx.tr(said))
        where = channel_id(channel, ctx.channel_id)
        await self.schedules.set_digest(ctx.actor, where)
        said = t(
            "Every morning yesterday's numbers will be posted in {channel}, with anything the bot "
            "could not deliver. /schedule digest off stops it.",
            channel=where,
        )
        return Message.private(ctx.tr(said))

    @command(
        "schedule failures",
        "Messages the bot could not deliver lately (blocked DMs, channels it cannot post in).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def failures(self, ctx: Context) -> Message:
        found = await self.schedules.failures(ctx.actor)
        if not found:
            return Message.private(ctx.tr(t("Every message lately was delivered.")))
        zone = ctx.community.timezone
        lines = [
            ctx.tr(
                t(
                    "{when}: {purpose} to {target}: {reason}",
                    when=At(f.at, zone),
                    purpose=kept(f.purpose) or "",
                    target=kept(f.target) or "",
                    reason=kept(f.reason) or "",
                )
            )
            for f in found
        ]
        title = ctx.tr(t("Could not be delivered"))
        return Message(title=title, body="\n".join(lines), ephemeral=True)


def _moments(ctx: Context, moments: list[datetime]) -> str:
    """One moment a line, in this community's zone and the reader's words."""
    words = _words(ctx)
    return "\n".join(At(when, ctx.community.timezone).in_words(words) for when in moments)


def _words(ctx: Context) -> Translator:
    return (ctx.words or Translators())(ctx.language)


def _described(schedule: Schedule, slug: str) -> Text:
    """'Schedule #1: **slug** in calls, every weekday at 09:00 (America/New_York).'"""
    values = {
        "id": schedule.id,
        "slug": slug,
        "channel": schedule.channel_id,
        "when": Every(schedule.recurrence),
        "zone": schedule.timezone,
    }
    if schedule.starts_on or schedule.ends_on:
        return t(
            "Schedule #{id}: **{slug}** in {channel}, {when} ({zone}). {dates}.",
            dates=_dates(schedule),
            **values,
        )
    return t("Schedule #{id}: **{slug}** in {channel}, {when} ({zone}).", **values)


def _dates(schedule: Schedule) -> Text:
    start = schedule.starts_on.isoformat() if schedule.starts_on else t("now")
    end = schedule.ends_on.isoformat() if schedule.ends_on else t("no end")
    return t("Dates: {start} to {end}", start=start, end=end)


def _view_field(ctx: Context, view: ScheduleView) -> Field:
    schedule = view.schedule
    zone = ctx.community.timezone
    lines: list[Text | str] = [
        t(
            "{when} ({zone}) in {channel}",
            when=Every(schedule.recurrence),
            zone=schedule.timezone,
            channel=schedule.channel_id,
        ),
        t("State: {state}", state=view.state),
    ]
    if schedule.starts_on or schedule.ends_on:
        lines.append(_dates(schedule))
    if view.next_fire and view.posting:
        lines.append(t("Next: {when}", when=At(view.next_fire, zone)))
    if view.last is not None:
        status = STATUS_WORDS.get(view.last.status, view.last.status.value)
        if view.last.detail:
            detail = kept(view.last.detail) or ""
            lines.append(t("Last: {status} ({detail})", status=status, detail=detail))
        else:
            lines.append(t("Last: {status}", status=status))
    if schedule.notice and schedule.notice_at:  # its kept message, in the reader's words
        when = At(schedule.notice_at, zone).in_words(_words(ctx))
        lines.append(f"⚠ {when}: {ctx.tr(kept(schedule.notice) or '')}")
    body = "\n".join(ctx.tr(line) for line in lines)
    return Field(f"#{schedule.id} {view.campaign.slug}", body[:1024])


def channel_id(text: str, here: str) -> str:
    """'<#123>' (a Discord or Slack channel mention) -> '123'; 'here' -> this channel."""
    cleaned = text.strip()
    if cleaned.lower() == "here":
        if not here:
            raise InvalidInput(t("There is no channel here: name the channel to post in."))
        return here
    return mentioned_channel(cleaned)


async def setup(host: BaseHost) -> None:
    services = host.services
    if getattr(host, "platform", None) is not None:  # a real host (not the manifest's registry)
        services.scheduler.attach(host)  # type: ignore[arg-type]
    await host.add_cog(ScheduleCog(services.schedules, services.clock))
