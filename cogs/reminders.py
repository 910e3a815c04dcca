"""Personal reminders: a private message on weekdays (or every day) at your own time, with the
call script of the campaign you choose."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, button, command, completer, summary
from bot.core.campaign_texts import campaign_texts
from bot.core.reminders import (
    CHOSEN,
    DAYS_CHOICE,
    SNOOZE_ACTION,
    STOP_ACTION,
    Carried,
    ReminderPlan,
    ReminderService,
)
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.translator import Translator, Translators
from bot.i18n.when_words import days_and_time, moment
from bot.messages import Message, Tone

OFF = t("Your reminders are off. /remind on turns them back on: {days}.", days=DAYS_CHOICE)
DAY_CHOICES = ("weekdays", "every day")
NOTHING_RUNS = t("No campaign is running right now: your reminders start when one does.")
TITLE = t("Your reminders")


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
        words = _words(ctx)
        values = {
            "when": days_and_time(words, _days(plan.weekdays_only), plan.at),
            "zone": plan.zone.name,
            "source": plan.zone.source,
            "next": moment(words, plan.next_at, plan.zone.name),
        }
        said = (
            t(
                "Weekday reminders are on: {when} {zone} (from {source}). The next one comes "
                "{next}.",
                **values,
            )
            if plan.weekdays_only
            else t(
                "Daily reminders are on: {when} {zone} (from {source}). The next one comes {next}.",
                **values,
            )
        )
        lines = [
            said,
            _days_note(plan),
            *_carried_lines(plan.carried, ctx.language),
            t("No reminder comes on a day you already acted. /remind off stops them."),
        ]
        if plan.needs_zip:
            lines.append(
                t(
                    "To put your lawmakers and their numbers in it, save your ZIP code with "
                    "/setzip (for example /setzip 05401)."
                )
            )
        body = "\n".join(words.render(line) for line in lines)
        return Message(body=body, tone=Tone.SUCCESS, ephemeral=True)

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
        body = "\n".join(ctx.tr(line) for line in _carried_lines(carried, ctx.language))
        return Message(body=body, tone=Tone.SUCCESS, ephemeral=True)

    @command("remind off", "Stop your reminders.", ephemeral=True)
    async def off(self, ctx: Context) -> Message:
        if await self.reminders.turn_off(ctx.actor):
            return Message.private(ctx.tr(OFF))
        return Message.private(
            ctx.tr(t("Your reminders were already off. /remind on: {days}.", days=DAYS_CHOICE))
        )

    @completer("reminder_days")
    async def complete_days(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return [(c, c) for c in DAY_CHOICES if c.startswith(typed.strip().lower())]

    @button(SNOOZE_ACTION)
    async def snooze(self, ctx: Context, value: str) -> Message:
        until = await self.reminders.snooze(ctx.actor)
        zone = self.reminders.zone_of(ctx.member, ctx.community).name
        when = moment(_words(ctx), until, zone)
        return Message.private(ctx.tr(t("Snoozed: I'll remind you again at {when}.", when=when)))

    @button(STOP_ACTION)
    async def stop(self, ctx: Context, value: str) -> Message:
        await self.reminders.turn_off(ctx.actor)
        return Message.private(ctx.tr(OFF))

    @summary()
    async def my_reminders(self, ctx: Context) -> Message | None:
        """The member's reminders: days, time, zone and campaign, or how to turn them on."""
        status = await self.reminders.status(ctx.actor)
        if status is None:
            return Message(title=ctx.tr(TITLE), body=ctx.tr(OFF))
        sub = status.subscription
        words = _words(ctx)
        when = days_and_time(words, _days(sub.weekdays_only), sub.at)
        lines: list[Text] = [
            t(
                "{when} {zone} (from {source}).",
                when=when,
                zone=status.zone.name,
                source=status.zone.source,
            ),
            t(
                "Monday to Friday only: none on Saturday, Sunday or a federal holiday, when "
                "congressional offices are closed. /remind on days:every day for every day."
            )
            if sub.weekdays_only
            else t("Every day. /remind on days:weekdays for Monday to Friday only."),
        ]
        if status.next_at is not None:
            next_at = moment(words, status.next_at, status.zone.name)
            lines.append(t("The next one comes {next}.", next=next_at))
        lines += _carried_lines(status.carried, ctx.language)
        return Message(title=ctx.tr(TITLE), body="\n".join(words.render(x) for x in lines))


def _words(ctx: Context) -> Translator:
    """The member's words, for days and times as well as sentences."""
    return (ctx.words or Translators())(ctx.language)


def _days(weekdays_only: bool) -> frozenset[int]:
    return frozenset(range(5 if weekdays_only else 7))


def _days_note(plan: ReminderPlan) -> Text:
    """What the days mean, how to change them, and that leaving them out keeps them."""
    if plan.weekdays_only and plan.days_kept:
        return t(
            "Monday to Friday (as before: a /remind on without days keeps them): none on "
            "Saturday, Sunday or a federal holiday, when congressional offices are closed. For "
            "every day: /remind on days:every day."
        )
    if plan.weekdays_only:
        return t(
            "Monday to Friday: none on Saturday, Sunday or a federal holiday, when "
            "congressional offices are closed. For every day: /remind on days:every day."
        )
    if plan.days_kept:
        return t(
            "Every day (as before: a /remind on without days keeps them). For Monday to Friday "
            "only: /remind on days:weekdays."
        )
    return t("Every day. For Monday to Friday only: /remind on days:weekdays.")


def _carried_lines(carried: Carried | None, language: str) -> list[Text]:
    """Which campaign the reminder carries (its title in the reader's language) and why, and
    how to choose another."""
    if carried is None:
        return [NOTHING_RUNS]
    values = {"title": campaign_texts(carried.campaign, language).title, "why": carried.why}
    line = (
        t(
            "Your reminder carries **{title}** ({why}). /remind campaign <slug> chooses another; "
            "/remind campaign main goes back to the default.",
            **values,
        )
        if carried.why == CHOSEN
        else t(
            "Your reminder carries **{title}** ({why}). /remind campaign <slug> chooses another.",
            **values,
        )
    )
    return [carried.note, line] if carried.note else [line]


async def setup(host: BaseHost) -> None:
    await host.add_cog(RemindersCog(host.services.reminders))
