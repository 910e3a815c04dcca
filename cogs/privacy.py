"""Privacy: /privacy shows what the bot keeps about you (export, leaderboard, retention), and
/forgetme erases it after a confirmation."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.cogkit import Cog, Context, Opt, button, command
from bot.core.campaigns import CampaignService
from bot.core.outcome_words import outcome_label
from bot.core.privacy import EraseOutcome, MemberData, PrivacyService
from bot.core.privacy_words import Names, days_text, describe, wanted
from bot.core.stats import StatsService
from bot.domain.errors import DomainError, InvalidInput
from bot.domain.text import Text, t, tn
from bot.hosting import BaseHost
from bot.i18n.translator import Translators
from bot.messages import Attachment, Button, Field, Message, Style, Tone

CONFIRM_ACTION = "privacy.erase"
CANCEL_ACTION = "privacy.cancel"
WHAT = ("show", "export", "leaderboard", "retention")
FIELD_MAX = 1024
NO_NAMES = t(
    "Display names are never stored: the bot knows you only by your platform user id and "
    "looks your name up when it shows it.\n/privacy export sends it as a file; /forgetme "
    "erases it."
)
ERASE_ANSWERS = {
    EraseOutcome.NOT_YOURS: t(
        "That confirmation belongs to someone else, so nothing was erased. To erase your own "
        "data, use /forgetme."
    ),
    EraseOutcome.USED: t(
        "That confirmation was already used or cancelled, so nothing more was done. If you "
        "pressed it before, everything about you was erased then."
    ),
    EraseOutcome.EXPIRED: t(
        "That confirmation has expired, so nothing was erased. Run /forgetme again if you "
        "still want to."
    ),
}
CLIPPED = t("… (/privacy export has everything)")


class PrivacyCog(Cog):
    name = "privacy"
    description = "See, export and erase what the bot keeps about you"
    stores = (
        "A pending /forgetme confirmation for an hour, and (per community) the retention "
        "period organizers set."
    )

    def __init__(
        self, privacy: PrivacyService, campaigns: CampaignService, stats: StatsService
    ) -> None:
        self.privacy = privacy
        self.campaigns = campaigns
        self.stats = stats

    @command(
        "privacy",
        "What the bot keeps about you: show, export (JSON by DM), leaderboard on|off, retention.",
        ephemeral=True,
    )
    async def privacy_command(
        self,
        ctx: Context,
        what: Annotated[
            str, Opt("show, export, leaderboard or retention", choices=WHAT, label="what to do")
        ] = "show",
        setting: Annotated[
            str,
            Opt(
                "leaderboard: on or off; retention (organizers): days or off",
                max_length=20,
                label="the setting",
            ),
        ] = "",
    ) -> Message:
        if what == "export":
            return await self.export(ctx)
        if what == "leaderboard":
            return await self.leaderboard(ctx, setting)
        if what == "retention":
            return await self.retention(ctx, setting)
        return await self.show(ctx)

    async def show(self, ctx: Context) -> Message:
        data = await self.privacy.data(ctx.member)
        names = await self._names(ctx, data)
        fields = [
            Field(ctx.tr(heading), _clip(ctx, [ctx.tr(line) for line in lines]))
            for heading, lines in describe(data.stored, names)
        ]
        if not data.linked:
            fields.append(
                Field(
                    ctx.tr(t("Calls and other records")),
                    ctx.tr(t("None yet: no calls, reminders or other records.")),
                )
            )
        return Message(
            title=ctx.tr(t("What the bot keeps about you")),
            body=ctx.tr(NO_NAMES),
            fields=tuple(fields),
            ephemeral=True,
        )

    async def export(self, ctx: Context) -> Message:
        data = await self.privacy.data(ctx.member)
        exported = self.privacy.export(data, await self._names(ctx, data))
        file = Attachment("my-data.json", exported, "application/json")
        try:
            await ctx.send_dm(
                Message(
                    title=ctx.tr(t("Your data")),
                    body=ctx.tr(
                        t(
                            'Everything the bot keeps about you, as JSON; its "about" part says '
                            "what each id in it means."
                        )
                    ),
                    attachments=(file,),
                )
            )
        except DomainError as exc:
            said = t(
                "I could not send you a direct message ({reason}), so here is the file, visible "
                "only to you.",
                reason=exc.text or exc.message,
            )
            return Message(body=ctx.tr(said), attachments=(file,), ephemeral=True)
        return Message.private(
            ctx.tr(t("Sent: your data is in your direct messages as my-data.json."))
        )

    async def leaderboard(self, ctx: Context, setting: str) -> Message:
        word = setting.strip().lower()
        if word not in ("on", "off"):
            raise InvalidInput(
                t("Write /privacy leaderboard on (show me) or /privacy leaderboard off (hide me).")
            )
        await self.privacy.set_leaderboard(ctx.member, visible=word == "on")
        if word == "on":
            return Message.private(ctx.tr(t("Done: you can appear on the leaderboard.")))
        return Message.private(
            ctx.tr(
                t(
                    "Done: you will not appear on the leaderboard (your actions still count in "
                    "the totals). /privacy leaderboard on shows you again."
                )
            )
        )

    async def retention(self, ctx: Context, setting: str) -> Message:
        if not setting.strip():
            days = await self.privacy.retention(ctx.community.id)
            now: Text = (
                t(
                    "Member-level actions are kept {days}, then folded into anonymous counts. "
                    "Organizers: /privacy retention <days|off>.",
                    days=days_text(days),
                )
                if days
                else t(
                    "Member-level actions are kept until members erase them (no retention). "
                    "Organizers: /privacy retention <days|off>."
                )
            )
            return Message.private(ctx.tr(now))
        days = await self.privacy.set_retention(ctx.actor, setting)
        if days is None:
            return Message.private(
                ctx.tr(t("Retention is off: actions are kept until members erase them."))
            )
        said = t(
            "Done: each day, actions older than {days} are folded into anonymous daily counts "
            "(totals stay the same; who acted is forgotten).",
            days=days_text(days),
        )
        return Message.private(ctx.tr(said))

    @command("forgetme", "Erase everything the bot keeps about you (asks to confirm).")
    async def forgetme(self, ctx: Context) -> Message:
        token = await self.privacy.request_erase(ctx.member)
        body = t(
            "This deletes your saved ZIP and district, your settings, reminders and every "
            "record linked to you. Your reported calls stay in the campaign totals as "
            "anonymous counts, linked to no one. This cannot be undone. The button works "
            "for one hour."
        )
        return Message(
            title=ctx.tr(t("Erase everything about you?")),
            body=ctx.tr(body),
            buttons=(
                Button(ctx.tr(t("Erase everything about me")), CONFIRM_ACTION, token, Style.DANGER),
                Button(ctx.tr(t("Cancel")), CANCEL_ACTION, token),
            ),
            ephemeral=True,
        )

    @button(CONFIRM_ACTION)
    async def confirm(self, ctx: Context, value: str) -> Message:
        done = await self.privacy.confirm_erase(ctx.actor, value)
        if done.outcome is not EraseOutcome.ERASED:
            return Message.error(ctx.tr(ERASE_ANSWERS[done.outcome]))
        n = done.actions_folded
        said = (
            tn(
                "Done: everything the bot kept about you is erased. Your {n} reported call now "
                "counts anonymously.",
                "Done: everything the bot kept about you is erased. Your {n} reported calls now "
                "count anonymously.",
                n,
                n=n,
            )
            if n
            else t("Done: everything the bot kept about you is erased.")
        )
        return Message(body=ctx.tr(said), ephemeral=True, tone=Tone.SUCCESS)

    @button(CANCEL_ACTION)
    async def cancel(self, ctx: Context, value: str) -> Message:
        problem = await self.privacy.cancel_erase(ctx.actor, value)
        if problem is EraseOutcome.NOT_YOURS:
            return Message.error(ctx.tr(ERASE_ANSWERS[problem]))
        return Message.private(ctx.tr(t("Cancelled: nothing was erased.")))

    async def _names(self, ctx: Context, data: MemberData) -> Names:
        """Titles, outcome labels and lawmakers' names for the ids in the member's data."""
        campaign_ids, lawmakers = wanted(data.stored)
        campaigns: dict[int, str] = {}
        outcomes: dict[tuple[int, str], str] = {}
        for campaign_id in sorted(campaign_ids):
            try:
                found = await self.campaigns.get_by_id(ctx.community.id, campaign_id)
            except DomainError:
                continue
            campaigns[campaign_id] = (found.version(ctx.language) or found).title
            for o in found.outcomes:
                outcomes[(campaign_id, o.key)] = (
                    f"{o.emoji or ''} {ctx.tr(outcome_label(o))}".strip()
                )
        words = (ctx.words or Translators())(ctx.language)  # "Senador Bernard Sanders (I-VT)"
        return Names(
            campaigns=campaigns,
            outcomes=outcomes,
            lawmakers={b: self.stats.lawmaker_name(b, words) for b in sorted(lawmakers)},
            year=(await self.stats.today(ctx.community)).year,
            zone=_zone(ctx.community.timezone),
            say=ctx.tr,
            language=ctx.language,
        )


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _clip(ctx: Context, lines: list[str]) -> str:
    """The lines of a field, cut at a line within the platform's limit if too long."""
    text = "\n".join(lines)
    if len(text) <= FIELD_MAX:
        return text
    more = ctx.tr(CLIPPED)
    return text[: FIELD_MAX - len(more) - 2].rsplit("\n", 1)[0] + "\n" + more


async def setup(host: BaseHost) -> None:
    services = host.services
    await host.add_cog(PrivacyCog(services.privacy, services.campaigns, services.stats))
