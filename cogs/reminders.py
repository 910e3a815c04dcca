"""Personal reminders: a private message each day at your own time, with your call script."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, button, command
from bot.core.reminders import SNOOZE_ACTION, STOP_ACTION, ReminderService
from bot.core.schedules import local
from bot.hosting import BaseHost
from bot.messages import Message, Tone

OFF = "Daily reminders are off. /remind on turns them back on."


class RemindersCog(Cog):
    name = "reminders"
    description = "Daily reminders to call"
    stores = (
        "If you turn reminders on: the time you chose and your time zone if you give one, a "
        "snooze, and which days you were reminded (for 90 days). /remind off removes them."
    )

    def __init__(self, reminders: ReminderService) -> None:
        self.reminders = reminders

    @command(
        "remind on", "Get a private reminder to call every day (default 09:00).", ephemeral=True
    )
    async def on(
        self,
        ctx: Context,
        time: Annotated[
            str, Opt("When, like 09:00 or 8:30am (your time zone)", max_length=20)
        ] = "",
        timezone: Annotated[
            str, Opt("Your time zone, like America/Chicago (default: from your ZIP)", max_length=60)
        ] = "",
    ) -> Message:
        plan = await self.reminders.turn_on(ctx.actor, time, timezone)
        at = plan.at.strftime("%H:%M")
        lines = [
            f"Daily reminders are on: every day at {at} {plan.zone.name} (from "
            f"{plan.zone.source}). The next one comes {local(plan.next_at, plan.zone.name)}.",
            "No reminder comes on a day you already acted. /remind off stops them.",
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

    @button(SNOOZE_ACTION)
    async def snooze(self, ctx: Context, value: str) -> Message:
        until = await self.reminders.snooze(ctx.actor)
        zone = self.reminders.zone_of(ctx.member, ctx.community).name
        return Message.private(f"Snoozed: I'll remind you again at {local(until, zone)}.")

    @button(STOP_ACTION)
    async def stop(self, ctx: Context, value: str) -> Message:
        await self.reminders.turn_off(ctx.actor)
        return Message.private(OFF)


async def setup(host: BaseHost) -> None:
    await host.add_cog(RemindersCog(host.services.reminders))
