"""Personal reminders: a private message each day (or each weekday) at your own time, with your
call script."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, button, command, completer
from bot.core.reminders import SNOOZE_ACTION, STOP_ACTION, ReminderPlan, ReminderService
from bot.core.schedules import local
from bot.hosting import BaseHost
from bot.messages import Message, Tone

OFF = "Daily reminders are off. /remind on turns them back on."
DAY_CHOICES = ("every day", "weekdays")


class RemindersCog(Cog):
    name = "reminders"
    description = "Daily reminders to call"
    stores = (
        "If you turn reminders on: the time you chose, whether only on weekdays, your time zone "
        "if you give one, a snooze, and which days you were reminded (for 90 days). /remind off "
        "removes them."
    )

    def __init__(self, reminders: ReminderService) -> None:
        self.reminders = reminders

    @command(
        "remind on",
        "Get a private reminder to call every day or on weekdays (default 09:00).",
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
                "every day (default) or weekdays (Monday to Friday)",
                max_length=30,
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
            "No reminder comes on a day you already acted. /remind off stops them.",
            _days_note(plan),
        ]
        if plan.needs_zip:
            lines.append(
                "To put your lawmakers and their numbers in it, save your ZIP code with /setzip "
                "(for example /setzip 05401)."
            )
        return Message(body="\n".join(lines), tone=Tone.SUCCESS, ephemeral=True)

    @command("remind off", "Stop your daily reminders.", ephemeral=True)
    async def off(self, ctx: Context) -> Message:
        if await self.reminders.turn_off(ctx.actor):
            return Message.private(OFF)
        return Message.private("Your daily reminders were already off.")

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


def _days_note(plan: ReminderPlan) -> str:
    """What the days choice means, and that leaving it out next time means every day."""
    if plan.weekdays_only:
        return (
            "None on Saturday, Sunday or a federal holiday, when congressional offices are "
            "closed. A /remind on without days means every day again."
        )
    if plan.dropped_weekdays:
        return (
            "You had weekdays only before: a /remind on without days means every day. To keep "
            "Monday to Friday only, use /remind on days:weekdays."
        )
    return "For Monday to Friday only, use /remind on days:weekdays."


async def setup(host: BaseHost) -> None:
    await host.add_cog(RemindersCog(host.services.reminders))
