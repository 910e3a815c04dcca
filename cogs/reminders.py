"""Personal reminders: a private message on weekdays (or every day) at your own time, with the
call script of the campaign you choose."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, button, command, completer, summary
from bot.core.reminders import (
    CHOSEN,
    DAYS_CHOICE,
    SNOOZE_ACTION,
    STOP_ACTION,
    Carried,
    ReminderPlan,
    ReminderService,
)
from bot.core.schedules import local
from bot.hosting import BaseHost
from bot.messages import Message, Tone

OFF = f"Your reminders are off. /remind on turns them back on: {DAYS_CHOICE}."
DAY_CHOICES = ("weekdays", "every day")
NOTHING_RUNS = "No campaign is running right now: your reminders start when one does."
HOLIDAYS = "none on Saturday, Sunday or a federal holiday, when congressional offices are closed"


class RemindersCog(Cog):
    name = "reminders"
    description = "Reminders to call, on weekdays or every day"
    stores = (
        "If you turn reminders on: the time you chose, whether only on weekdays, the campaign "
        "you chose for them (if you did), your time zone if you give one, a snooze, and which "
        "days you were reminded (for 90 days). /remind off removes them."
    )

    def __init__(self, reminders: ReminderService) -> None:
        self.reminders = reminders

    @command(
        "remind on",
        "A private reminder to call with your script, Monday to Friday at 09:00 unless you say "
        "otherwise (days:every day for every day).",
        ephemeral=True,
    )
    async def on(
        self,
        ctx: Context,
        time: Annotated[
            str,
            Opt(
                "When, like 09:00 or 8:30am (your time zone)",
                max_length=20,
                label="the reminder time",
            ),
        ] = "",
        timezone: Annotated[
            str,
            Opt(
                "Your time zone, like America/Chicago (default: from your ZIP)",
                max_length=60,
                label="your time zone",
            ),
        ] = "",
        days: Annotated[
            str,
            Opt(
                "weekdays (Monday to Friday, the default) or every day",
                rest=True,
                max_length=60,
                autocomplete="reminder_days",
                label="the choice of days",
            ),
        ] = "",
    ) -> Message:
        plan = await self.reminders.turn_on(ctx.actor, time, timezone, days)
        kind = "Weekday" if plan.weekdays_only else "Daily"
        lines = [
            f"{kind} reminders are on: {plan.summary} {plan.zone.name} (from "
            f"{plan.zone.source}). The next one comes {local(plan.next_at, plan.zone.name)}.",
            _days_note(plan),
            _carried_line(plan.carried),
            "No reminder comes on a day you already acted. /remind off stops them.",
        ]
        if plan.needs_zip:
            lines.append(
                "To put your lawmakers and their numbers in it, save your ZIP code with /setzip "
                "(for example /setzip 05401)."
            )
        return Message(body="\n".join(lines), tone=Tone.SUCCESS, ephemeral=True)

    @command(
        "remind campaign",
        "Choose which campaign your reminder carries (main: the organizers' main campaign).",
        ephemeral=True,
    )
    async def campaign(
        self,
        ctx: Context,
        campaign: Annotated[
            str,
            Opt(
                "The campaign's slug, or main",
                max_length=40,
                autocomplete="campaigns",
                label="the campaign's slug",
            ),
        ],
    ) -> Message:
        carried = await self.reminders.choose_campaign(ctx.actor, campaign)
        return Message(body=_carried_line(carried), tone=Tone.SUCCESS, ephemeral=True)

    @command("remind off", "Stop your reminders.", ephemeral=True)
    async def off(self, ctx: Context) -> Message:
        if await self.reminders.turn_off(ctx.actor):
            return Message.private(OFF)
        return Message.private(f"Your reminders were already off. /remind on: {DAYS_CHOICE}.")

    @completer("reminder_days")
    async def complete_days(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return [(c, c) for c in DAY_CHOICES if c.startswith(typed.strip().lower())]

    @button(SNOOZE_ACTION)
    async def snooze(self, ctx: Context, value: str) -> Message:
        until = await self.reminders.snooze(ctx.actor)
        zone = self.reminders.zone_of(ctx.member, ctx.community).name
        return Message.private(f"Snoozed: I'll remind you again at {local(until, zone)}.")

    @button(STOP_ACTION)
    async def stop(self, ctx: Context, value: str) -> Message:
        await self.reminders.turn_off(ctx.actor)
        return Message.private(OFF)

    @summary()
    async def my_reminders(self, ctx: Context) -> Message | None:
        """The member's reminders: days, time, zone and campaign, or how to turn them on."""
        status = await self.reminders.status(ctx.actor)
        if status is None:
            return Message(title="Your reminders", body=OFF)
        sub = status.subscription
        lines = [f"{status.summary} {status.zone.name} (from {status.zone.source})."]
        lines.append(
            f"Monday to Friday only: {HOLIDAYS}. /remind on days:every day for every day."
            if sub.weekdays_only
            else "Every day. /remind on days:weekdays for Monday to Friday only."
        )
        if status.next_at is not None:
            lines.append(f"The next one comes {local(status.next_at, status.zone.name)}.")
        lines.append(_carried_line(status.carried))
        return Message(title="Your reminders", body="\n".join(lines))


def _days_note(plan: ReminderPlan) -> str:
    """What the days mean, how to change them, and that leaving them out keeps them."""
    kept = " (as before: a /remind on without days keeps them)" if plan.days_kept else ""
    if plan.weekdays_only:
        return f"Monday to Friday{kept}: {HOLIDAYS}. For every day: /remind on days:every day."
    return f"Every day{kept}. For Monday to Friday only: /remind on days:weekdays."


def _carried_line(carried: Carried | None) -> str:
    """Which campaign the reminder carries and why, and how to choose another."""
    if carried is None:
        return NOTHING_RUNS
    line = (
        f"Your reminder carries **{carried.campaign.title}** ({carried.why}). "
        "/remind campaign <slug> chooses another"
    )
    line += "; /remind campaign main goes back to the default." if carried.why == CHOSEN else "."
    return f"{carried.note}\n{line}" if carried.note else line


async def setup(host: BaseHost) -> None:
    await host.add_cog(RemindersCog(host.services.reminders))
