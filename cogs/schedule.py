"""Schedules: organizers have a campaign's prompt posted on a routine, and get a daily digest."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, command
from bot.core.permissions import Permission
from bot.core.schedules import (
    ScheduleService,
    ScheduleView,
    local,
    next_posts,
    split_where_when,
)
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput
from bot.domain.schedule_models import Schedule
from bot.hosting import BaseHost
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
        zone = ctx.community.timezone
        lines = [_described(schedule, added.campaign.slug), *added.notes]
        return Message(
            title="Scheduled",
            body="\n".join(lines),
            fields=(Field("Next posts", "\n".join(local(t, zone) for t in added.next_fires)),),
            footer="/schedule pause, resume, edit or remove it by its number.",
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
        zone = ctx.community.timezone
        lines = [_described(schedule, edited.campaign.slug), *edited.notes]
        upcoming = "\n".join(local(t, zone) for t in edited.next_fires) or "None."
        return Message(
            title="Schedule changed",
            body="\n".join(lines),
            fields=(Field("Next posts", upcoming),),
            footer="/schedule pause, resume, edit or remove it by its number.",
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
        footer = f"Daily digest: {digest}." if digest else "No daily digest: /schedule digest."
        if not views:
            return Message.private(
                "No schedules yet. Add one with /schedule add <campaign> <channel> weekdays "
                f"09:00. {footer}"
            )
        fields = tuple(_view_field(view, ctx.community.timezone) for view in views[:25])
        return Message(title="Schedules", fields=fields, footer=footer, ephemeral=True)

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
            return Message.private("Nothing is scheduled to post.")
        lines = [
            f"{local(slot, zone)}: {campaign.slug} in {schedule.channel_id} (#{schedule.id})"
            for slot, schedule, campaign in upcoming
        ]
        return Message(title=f"Next posts ({zone})", body="\n".join(lines), ephemeral=True)

    @command(
        "schedule pause",
        "Pause a schedule (nothing posts until you resume it).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def pause(self, ctx: Context, number: Annotated[int, NUMBER]) -> Message:
        schedule = await self.schedules.pause(ctx.actor, number)
        return Message.private(
            f"Paused schedule #{schedule.id}. /schedule resume {schedule.id} restarts it "
            "(posts missed meanwhile are not made up)."
        )

    @command(
        "schedule resume",
        "Resume a paused schedule from now.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def resume(self, ctx: Context, number: Annotated[int, NUMBER]) -> Message:
        schedule = await self.schedules.resume(ctx.actor, number)
        upcoming = next_posts(schedule, self.clock.now(), 1)
        after = f" Next post: {local(upcoming[0], ctx.community.timezone)}." if upcoming else ""
        return Message.private(f"Resumed schedule #{schedule.id}.{after}")

    @command(
        "schedule remove",
        "Delete a schedule.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def remove(self, ctx: Context, number: Annotated[int, NUMBER]) -> Message:
        schedule = await self.schedules.remove(ctx.actor, number)
        return Message.private(f"Removed schedule #{schedule.id} ({schedule.recurrence.summary}).")

    @command(
        "schedule digest",
        "Post yesterday's numbers every morning in a channel ('off' stops it).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def digest(self, ctx: Context, channel: Annotated[str, CHANNEL]) -> Message:
        if channel.strip().lower() in ("off", "stop", "none"):
            had = await self.schedules.set_digest(ctx.actor, None)
            return Message.private("Stopped the daily digest." if had else "There was no digest.")
        where = channel_id(channel, ctx.channel_id)
        await self.schedules.set_digest(ctx.actor, where)
        return Message.private(
            f"Every morning yesterday's numbers will be posted in {where}, with anything the "
            "bot could not deliver. /schedule digest off stops it."
        )

    @command(
        "schedule failures",
        "Messages the bot could not deliver lately (blocked DMs, channels it cannot post in).",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def failures(self, ctx: Context) -> Message:
        found = await self.schedules.failures(ctx.actor)
        if not found:
            return Message.private("Every message lately was delivered.")
        zone = ctx.community.timezone
        lines = [f"{local(f.at, zone)}: {f.purpose} to {f.target}: {f.reason}" for f in found]
        return Message(title="Could not be delivered", body="\n".join(lines), ephemeral=True)


def _described(schedule: Schedule, slug: str) -> str:
    """'Schedule #1: **slug** in calls, every weekday at 09:00 (America/New_York).'"""
    dates = f" {_dates(schedule)}." if schedule.starts_on or schedule.ends_on else ""
    return (
        f"Schedule #{schedule.id}: **{slug}** in {schedule.channel_id}, "
        f"{schedule.recurrence.summary} ({schedule.timezone}).{dates}"
    )


def _dates(schedule: Schedule) -> str:
    start = schedule.starts_on.isoformat() if schedule.starts_on else "now"
    end = schedule.ends_on.isoformat() if schedule.ends_on else "no end"
    return f"Dates: {start} to {end}"


def _view_field(view: ScheduleView, zone: str) -> Field:
    schedule = view.schedule
    lines = [
        f"{schedule.recurrence.summary} ({schedule.timezone}) in {schedule.channel_id}",
        f"State: {view.state}",
    ]
    if schedule.starts_on or schedule.ends_on:
        lines.append(_dates(schedule))
    if view.next_fire and view.posting:
        lines.append(f"Next: {local(view.next_fire, zone)}")
    if view.last is not None:
        detail = f" ({view.last.detail})" if view.last.detail else ""
        lines.append(f"Last: {view.last.status.value}{detail}")
    if schedule.notice and schedule.notice_at:
        lines.append(f"⚠ {local(schedule.notice_at, zone)}: {schedule.notice}")
    return Field(f"#{schedule.id} {view.campaign.slug}", "\n".join(lines)[:1024])


def channel_id(text: str, here: str) -> str:
    """'<#123>' (a Discord or Slack channel mention) -> '123'; 'here' -> this channel."""
    cleaned = text.strip()
    if cleaned.lower() == "here":
        if not here:
            raise InvalidInput("There is no channel here: name the channel to post in.")
        return here
    return mentioned_channel(cleaned)


async def setup(host: BaseHost) -> None:
    services = host.services
    if getattr(host, "platform", None) is not None:  # a real host (not the manifest's registry)
        services.scheduler.attach(host)  # type: ignore[arg-type]
    await host.add_cog(ScheduleCog(services.schedules, services.clock))
