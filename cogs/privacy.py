"""Privacy: /privacy shows what the bot keeps about you (export, leaderboard, retention), and
/forgetme erases it after a confirmation."""

from __future__ import annotations

from typing import Annotated, Any

from bot.cogkit import Cog, Context, Opt, button, command
from bot.core.campaigns import CampaignService
from bot.core.errors import DomainError, InvalidInput
from bot.core.privacy import EraseOutcome, PrivacyService
from bot.core.stats import StatsService
from bot.hosting import BaseHost
from bot.messages import Attachment, Button, Field, Message, Style, Tone

CONFIRM_ACTION = "privacy.erase"
CANCEL_ACTION = "privacy.cancel"
WHAT = ("show", "export", "leaderboard", "retention")
FIELD_MAX = 1024
NO_NAMES = (
    "Display names are never stored: the bot knows you only by your platform user id and "
    "looks your name up when it shows it."
)
MEMBER_FIELDS = {
    "user_id": "Platform user id",
    "zip": "ZIP code",
    "district": "Congressional district",
    "timezone": "Time zone",
    "reminders_enabled": "Daily reminders",
    "reminder_time": "Reminder time",
    "leaderboard_opt_out": "Hidden from the leaderboard",
    "created_at": "First seen",
}
TABLE_NAMES = {
    "actions": "Your reported calls",
    "action_counts_by_member": "Your action count per campaign (for the leaderboard)",
    "action_member_totals": "Your action count in all (for the leaderboard)",
    "action_member_months": "Your action count per month (for the leaderboard)",
    "dm_routes": "Direct messages sent to you (ids only, so your reactions on them count)",
    "reminder_state": "Your reminder settings",
    "dispatches": "Reminders sent to you",
    "delivery_failures": "Messages that could not reach you",
    "erase_requests": "Pending /forgetme confirmations",
    "schedules": "Schedules you created (as an organizer)",
}
HIDDEN_COLUMNS = {"id", "member_id", "community_id"}
ERASE_ANSWERS = {
    EraseOutcome.NOT_YOURS: (
        "That confirmation belongs to someone else, so nothing was erased. To erase your own "
        "data, use /forgetme."
    ),
    EraseOutcome.USED: (
        "That confirmation was already used or cancelled, so nothing more was done. If you "
        "pressed it before, everything about you was erased then."
    ),
    EraseOutcome.EXPIRED: (
        "That confirmation has expired, so nothing was erased. Run /forgetme again if you "
        "still want to."
    ),
}


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
        fields = [Field("Your settings", _member_lines(data.member))]
        order = list(TABLE_NAMES)
        tables = sorted(
            data.linked, key=lambda t: (order.index(t) if t in order else len(order), t)
        )
        for table in tables:
            rows = data.linked[table]
            lines = [await self._row_line(ctx, table, row) for row in rows]
            fields.append(Field(TABLE_NAMES.get(table, table), _clip("\n".join(lines))))
        if not data.linked:
            fields.append(Field("Linked records", "None: no calls, reminders or other records."))
        return Message(
            title="What the bot keeps about you",
            body=f"{NO_NAMES}\n/privacy export sends it as a file; /forgetme erases it.",
            fields=tuple(fields),
            ephemeral=True,
        )

    async def export(self, ctx: Context) -> Message:
        data = await self.privacy.export(ctx.member)
        file = Attachment("my-data.json", data, "application/json")
        try:
            await ctx.send_dm(
                Message(
                    title="Your data",
                    body="Everything the bot keeps about you, as JSON.",
                    attachments=(file,),
                )
            )
        except DomainError as exc:
            return Message(
                body=f"I could not send you a direct message ({exc.message}), so here is the "
                "file, visible only to you.",
                attachments=(file,),
                ephemeral=True,
            )
        return Message.private("Sent: your data is in your direct messages as my-data.json.")

    async def leaderboard(self, ctx: Context, setting: str) -> Message:
        word = setting.strip().lower()
        if word not in ("on", "off"):
            raise InvalidInput(
                "Write /privacy leaderboard on (show me) or /privacy leaderboard off (hide me)."
            )
        await self.privacy.set_leaderboard(ctx.member, visible=word == "on")
        if word == "on":
            return Message.private("Done: you can appear on the leaderboard.")
        return Message.private(
            "Done: you will not appear on the leaderboard (your actions still count in the "
            "totals). /privacy leaderboard on shows you again."
        )

    async def retention(self, ctx: Context, setting: str) -> Message:
        if not setting.strip():
            days = await self.privacy.retention(ctx.community.id)
            now = (
                f"Member-level actions are kept {days} days, then folded into anonymous counts."
                if days
                else "Member-level actions are kept until members erase them (no retention)."
            )
            return Message.private(f"{now} Organizers: /privacy retention <days|off>.")
        days = await self.privacy.set_retention(ctx.actor, setting)
        if days is None:
            return Message.private("Retention is off: actions are kept until members erase them.")
        return Message.private(
            f"Done: each day, actions older than {days} days are folded into anonymous daily "
            "counts (totals stay the same; who acted is forgotten)."
        )

    @command("forgetme", "Erase everything the bot keeps about you (asks to confirm).")
    async def forgetme(self, ctx: Context) -> Message:
        token = await self.privacy.request_erase(ctx.member)
        return Message(
            title="Erase everything about you?",
            body=(
                "This deletes your saved ZIP and district, your settings, reminders and every "
                "record linked to you. Your reported calls stay in the campaign totals as "
                "anonymous counts, linked to no one. This cannot be undone. The button works "
                "for one hour."
            ),
            buttons=(
                Button("Erase everything about me", CONFIRM_ACTION, token, Style.DANGER),
                Button("Cancel", CANCEL_ACTION, token),
            ),
            ephemeral=True,
        )

    @button(CONFIRM_ACTION)
    async def confirm(self, ctx: Context, value: str) -> Message:
        done = await self.privacy.confirm_erase(ctx.actor, value)
        if done.outcome is not EraseOutcome.ERASED:
            return Message.error(ERASE_ANSWERS[done.outcome])
        verb = "counts" if done.actions_folded == 1 else "count"
        calls = f" Your {_plural(done.actions_folded, 'reported call')} now {verb} anonymously."
        return Message(
            body="Done: everything the bot kept about you is erased."
            + (calls if done.actions_folded else ""),
            ephemeral=True,
            tone=Tone.SUCCESS,
        )

    @button(CANCEL_ACTION)
    async def cancel(self, ctx: Context, value: str) -> Message:
        problem = await self.privacy.cancel_erase(ctx.actor, value)
        if problem is EraseOutcome.NOT_YOURS:
            return Message.error(ERASE_ANSWERS[problem])
        return Message.private("Cancelled: nothing was erased.")

    async def _row_line(self, ctx: Context, table: str, row: dict[str, Any]) -> str:
        if table == "actions":
            return await self._action_line(ctx, row)
        if table == "action_counts_by_member":
            title = await self._campaign_title(ctx, row["campaign_id"])
            return f"• {title}: {_plural(row['actions'], 'action')}"
        if table == "action_member_totals":
            return f"• In all: {_plural(row['actions'], 'action')}, the last on {row['last_day']}"
        if table == "action_member_months":
            return f"• {row['month']}: {_plural(row['actions'], 'action')}"
        shown = [
            f"{k}: {v}" for k, v in row.items() if k not in HIDDEN_COLUMNS and v not in (None, "")
        ]
        return "• " + ", ".join(shown)

    async def _action_line(self, ctx: Context, row: dict[str, Any]) -> str:
        title = await self._campaign_title(ctx, row["campaign_id"])
        outcome = row["outcome"]
        try:
            found = (await self.campaigns.get_by_id(ctx.community.id, row["campaign_id"])).outcome(
                outcome
            )
            if found:
                outcome = f"{found.emoji or ''} {found.label}".strip()
        except DomainError:
            pass
        who = self.stats.lawmaker_name(row["lawmaker"])
        line = f"• {row['day']}: {title}: {outcome}" + (f" ({who})" if who else "")
        if row.get("note"):
            line += f", note: “{row['note']}”"
        return line

    async def _campaign_title(self, ctx: Context, campaign_id: int) -> str:
        try:
            return (await self.campaigns.get_by_id(ctx.community.id, campaign_id)).title
        except DomainError:
            return f"campaign #{campaign_id}"


def _member_lines(member: dict[str, Any]) -> str:
    lines = []
    for key, label in MEMBER_FIELDS.items():
        value = member.get(key)
        if key in ("reminders_enabled", "leaderboard_opt_out"):
            value = "yes" if value else "no"
        elif key == "created_at" and value:
            value = str(value)[:10]
        lines.append(f"{label}: {value if value not in (None, '') else 'not saved'}")
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _clip(text: str) -> str:
    if len(text) <= FIELD_MAX:
        return text
    return text[: FIELD_MAX - 40].rsplit("\n", 1)[0] + "\n… (/privacy export has everything)"


async def setup(host: BaseHost) -> None:
    services = host.services
    await host.add_cog(PrivacyCog(services.privacy, services.campaigns, services.stats))
