"""Results: /mystats for a member, /stats with a chart and /export for organizers, and a
/leaderboard that members can leave (/leaderboard optout)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

from bot.charts import stacked_days_png
from bot.cogkit import Cog, Context, Opt, command, completer, summary
from bot.core.after_sync import AfterSync
from bot.core.campaigns import CampaignService
from bot.core.directory_changes import CONFIRM_FIELD, confirm_line
from bot.core.members import MemberService
from bot.core.periods import PERIOD_HELP, PERIOD_WORDS, parse_period
from bot.core.permissions import Permission
from bot.core.stats import StatsService, StatsSummary, outcome_names
from bot.core.streaks import Streaks, describe
from bot.domain.campaign_models import Campaign
from bot.domain.errors import InvalidInput, NotFound
from bot.hosting import BaseHost
from bot.messages import Attachment, Field, Message, Tone, mention

ORGANIZER = Permission.ORGANIZER
FIELD_MAX = 1024
LISTED = 10  # lawmakers, places and days listed in /stats
EXPORT_COLUMNS = (  # what /export's CSV columns mean, sent beside the file
    "day: the date, in this community's time zone\n"
    "campaign: the campaign's slug\n"
    "lawmaker_id: the lawmaker's bioguide id, the official id Congress gives each of its "
    "members (bioguide.congress.gov); empty for reports that named no lawmaker\n"
    "lawmaker: that lawmaker's name\n"
    "outcome: the outcome's key in the campaign (contact, voicemail, ...)\n"
    "actions: how many reports"
)
OPT_OUT, OPT_IN = "optout", "optin"
UNNAMED = ""  # the lawmaker of a one-tap report (a reaction or a prompt's button)
ONE_TAP = "One-tap reports"  # reports that name no lawmaker
ONE_TAP_NAME = "One-tap reports (no lawmaker named)"
NO_LAWMAKER = "No lawmaker named"
CAMPAIGN = Opt(
    "A campaign's slug (default: all campaigns)",
    max_length=40,
    autocomplete="campaigns",
    label="the campaign's slug",
)
PERIOD = Opt(
    f"The period: {PERIOD_HELP}", max_length=40, autocomplete="periods", label="the period"
)
BOARD = Opt(
    "Period: 7d, 30d (the default), month, year, all, 2026-01-01..2026-01-31; or optout / optin",
    max_length=40,
    autocomplete="leaderboard",
    label="the period",
)


class StatsCog(Cog):
    name = "stats"
    description = "Results and streaks"
    stores = "Whether you chose to be left off the leaderboard."

    def __init__(
        self,
        stats: StatsService,
        campaigns: CampaignService,
        members: MemberService,
        after_sync: AfterSync | None = None,
    ) -> None:
        self.stats = stats
        self.campaigns = campaigns
        self.members = members
        self.after_sync = after_sync

    @command("mystats", "Your actions, streaks and recent reports.", ephemeral=True)
    async def mystats(self, ctx: Context) -> Message:
        mine = await self.stats.member(ctx.actor)
        if mine.total == 0:
            return Message.private(
                "You have not reported a call yet. After your next call, press how it went on "
                "a prompt (or react 📞), and it will show up here.",
                title="Your actions",
            )
        campaigns = await self.campaigns.all(ctx.community.id)
        names = outcome_names(campaigns)
        slugs = {c.id: c.slug for c in campaigns}
        total = f"{_actions(mine.total)}: {_by(mine.by_outcome, names)}"
        fields = [
            Field("Total", total),
            Field("Streaks", streak_text(mine.streaks)),
            Field(
                "Campaigns",
                "\n".join(f"{slugs.get(c, '?')}: {n}" for c, n in mine.by_campaign.items()),
            ),
            Field(
                "Recent",
                "\n".join(
                    f"{a.member_day} · {slugs.get(a.campaign_id, '?')}"
                    + (f" · {self.stats.lawmaker_name(a.lawmaker)}" if a.lawmaker else "")
                    + f" · {names.get(a.outcome, a.outcome)}"
                    + (" · note added" if a.note else "")
                    for a in mine.recent
                ),
            ),
        ]
        board = (
            "You are hidden from /leaderboard (/leaderboard optin shows you)."
            if ctx.member.leaderboard_opt_out
            else "You can appear on /leaderboard (/leaderboard optout hides you)."
        )
        return Message(
            title="Your actions",
            body=describe(mine.streaks),
            fields=tuple(fields),
            footer=board,
            ephemeral=True,
        )

    @command(
        "stats",
        "Results of a campaign (or all) over a period, with a chart.",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def stats_command(
        self,
        ctx: Context,
        campaign: Annotated[str, CAMPAIGN] = "",
        period: Annotated[str, PERIOD] = "",
    ) -> Message:
        chosen, period_text = await self._campaign_and_period(ctx, campaign, period)
        today = await self.stats.today(ctx.community)
        span = parse_period(period_text, today)
        found = await self.stats.summary_for(
            ctx.community.id, chosen.id if chosen else None, span, chosen
        )
        campaigns = await self.campaigns.all(ctx.community.id)
        names = outcome_names(campaigns)
        what = chosen.title if chosen else "all campaigns"
        notes = await self.stats.notes(ctx.community.id, chosen.id if chosen else None, span)
        attachments: tuple[Attachment, ...] = ()
        if found.total:
            labels = outcome_names(campaigns, emoji=False)  # the chart's font has no emoji
            png = await asyncio.to_thread(chart, found, labels, what)
            attachments = (Attachment("actions-per-day.png", png, "image/png"),)
        fields = self._fields(found, names, notes)
        waiting = await self.after_sync.to_confirm(ctx.community.id) if self.after_sync else 0
        if waiting:  # new lawmaker data changed their saved district
            fields += (Field(CONFIRM_FIELD, confirm_line(waiting)),)
        return Message(
            title=f"Results: {what}"[:256],
            body=f"{span.label.capitalize()} ({found.first} to {found.last})",
            fields=fields,
            attachments=attachments,
            footer=None if found.total else "No actions in this period yet, so no chart.",
            ephemeral=True,
        )

    @command("leaderboard", "Top members over a period; /leaderboard optout hides you.")
    async def leaderboard(self, ctx: Context, period: Annotated[str, BOARD] = "") -> Message:
        word = period.strip().lower().replace("-", "").replace(" ", "")
        if word in (OPT_OUT, OPT_IN):
            await self.members.set_leaderboard_opt_out(ctx.member, word == OPT_OUT)
            text = (
                "Done: you will not appear on the leaderboard (your actions still count in the "
                "totals). /leaderboard optin shows you again."
                if word == OPT_OUT
                else "Done: you can appear on the leaderboard again."
            )
            return Message(body=text, tone=Tone.SUCCESS, ephemeral=True)
        today = await self.stats.today(ctx.community)
        span = parse_period(period or "30d", today)
        board = await self.stats.leaderboard(ctx.community, span)
        lines = [
            f"{rank}. {mention(user)}: {_actions(count)}"
            for rank, (user, count) in enumerate(board.top, 1)
        ]
        return Message(
            title=f"Leaderboard: {span.label}",
            body="\n".join(lines) or _nobody(board.total),
            fields=(Field("Community", _community(board.total, board.members)),),
            footer="Members who opted out are not shown. /leaderboard optout hides you.",
        )

    @command(
        "export",
        "Daily counts per lawmaker and outcome as a CSV file (no member identities).",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def export(self, ctx: Context, campaign: Annotated[str, CAMPAIGN] = "") -> Message:
        if campaign:
            chosen = [await self.campaigns.get(ctx.community.id, campaign)]
        else:
            chosen = await self.campaigns.all(ctx.community.id)
        data = await self.stats.export_csv(ctx.community.id, chosen)
        rows = data.count(b"\n") - 1
        name = f"{chosen[0].slug if campaign else 'all-campaigns'}-daily-counts.csv"
        return Message(
            body=f"Daily counts per lawmaker and outcome: {rows} row{'s' * (rows != 1)}. "
            "No member identities are in it.",
            fields=(Field("What the columns mean", EXPORT_COLUMNS),),
            attachments=(Attachment(name, data, "text/csv"),),
            ephemeral=True,
        )

    @summary()
    async def my_summary(self, ctx: Context) -> Message | None:
        """The member's streak, for their personal overview."""
        found = await self.stats.streaks(ctx.member, ctx.community)
        return Message(title="Your streak", body=streak_text(found))

    @completer("periods")
    async def complete_periods(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return _matching(typed, PERIOD_WORDS)

    @completer("leaderboard")
    async def complete_board(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return _matching(typed, (*PERIOD_WORDS, OPT_OUT, OPT_IN))

    # -- helpers ----------------------------------------------------------------------------
    async def _campaign_and_period(
        self, ctx: Context, campaign: str, period: str
    ) -> tuple[Campaign | None, str]:
        """The campaign named, if any; '/stats 7d' (a period where the campaign goes) works."""
        if not campaign:
            return None, period
        try:
            return await self.campaigns.get(ctx.community.id, campaign), period
        except NotFound:
            today = await self.stats.today(ctx.community)
            if period or not _is_period(campaign, today):
                raise
            return None, campaign

    def _fields(
        self,
        found: StatsSummary,
        names: dict[str, str],
        notes: dict[str, list[tuple[str, int]]],
    ) -> tuple[Field, ...]:
        one_tap = sum(found.by_lawmaker.get(UNNAMED, {}).values())
        fields = [
            Field("Actions", f"{found.total:,}", inline=True),
            Field("Members", _members(found.members, found.total), inline=True),
            Field(ONE_TAP, f"{one_tap:,}", inline=True),
        ]
        if found.goal:
            share = 100 * found.goal_total / found.goal
            fields.append(
                Field("Goal", f"{found.goal_total:,} of {found.goal:,} ({share:.0f}%)", inline=True)
            )
        if found.total:
            fields.append(Field("By outcome", _by(found.by_outcome, names, "\n")))
            active = [(d, c) for d, c in found.by_day.items() if c][-LISTED:]
            fields.append(
                Field(
                    f"By day (last {len(active)} with actions)",
                    "\n".join(f"{d}: {sum(c.values())} ({_by(c, names)})" for d, c in active),
                )
            )
            lawmakers = sorted(found.by_lawmaker.items(), key=lambda kv: -sum(kv[1].values()))
            fields.append(
                Field(
                    "By lawmaker",
                    "\n".join(
                        f"{self.stats.lawmaker_name(b) or ONE_TAP_NAME}: "
                        f"{sum(c.values())} ({_by(c, names)})"
                        for b, c in lawmakers[:LISTED]
                    ),
                )
            )
            if found.by_place:
                fields.append(
                    Field(
                        "By state and district (of the lawmakers called)",
                        " · ".join(f"{p}: {n}" for p, n in list(found.by_place.items())[:LISTED]),
                    )
                )
        if notes:
            fields.append(Field("Office notes", self._notes_text(notes)))
        return tuple(f for f in fields if f.value)

    def _notes_text(self, notes: dict[str, list[tuple[str, int]]]) -> str:
        lines = []
        for bioguide, found in notes.items():
            said = "; ".join(
                f"“{text}”" + (f" ×{times}" if times > 1 else "") for text, times in found[:5]
            )
            lines.append(f"{self.stats.lawmaker_name(bioguide) or NO_LAWMAKER}: {said}")
        text = "\n".join(lines)
        return text if len(text) <= FIELD_MAX else text[: FIELD_MAX - 1] + "…"


def chart(found: StatsSummary, names: dict[str, str], what: str) -> bytes:
    """Actions per day, stacked by outcome."""
    days: list[date] = list(found.by_day)
    keys = list(found.by_outcome)
    series = {names.get(key, key): [found.by_day[day].get(key, 0) for day in days] for key in keys}
    return stacked_days_png(days, series, f"Actions per day: {what}")


def streak_text(found: Streaks) -> str:
    days = f"{found.days} day{'s' * (found.days != 1)} in a row (best {found.best_days})"
    weeks = f"{found.weeks} week{'s' * (found.weeks != 1)} in a row (best {found.best_weeks})"
    return f"Days: {days}. Weeks with a call: {weeks}."


def _nobody(total: int) -> str:
    """The leaderboard with no one to list: no report yet, or none linked to a member."""
    if not total:
        return "No one to show yet: be the first to report a call!"
    return (
        "No one to list: the reports of this period are kept only as anonymous counts (erased "
        "members, or past the retention period), or their members chose not to appear."
    )


def _community(total: int, members: int) -> str:
    """'41 actions by 23 members', or the actions alone when none is linked to a member."""
    if not members:
        return _actions(total) + (", no longer linked to members" if total else "")
    return f"{_actions(total)} by {'1 member' if members == 1 else f'{members:,} members'}"


def _members(members: int, total: int) -> str:
    if members or not total:
        return f"{members:,}"
    return "none linked (the reports left are anonymous counts)"


def _actions(count: int) -> str:
    return "1 action" if count == 1 else f"{count:,} actions"


def _by(counts: dict[str, int], names: dict[str, str], sep: str = " · ") -> str:
    """'📞 Made contact 2 · 📫 Left voicemail 1', in the outcomes' own order."""
    order = {key: i for i, key in enumerate(names)}
    keys = sorted(counts, key=lambda k: (order.get(k, len(order)), k))
    return sep.join(f"{names.get(k, k)} {counts[k]}" for k in keys)


def _is_period(text: str, today: date) -> bool:
    try:
        parse_period(text, today)
    except InvalidInput:
        return False
    return True


def _matching(typed: str, words: tuple[str, ...]) -> list[tuple[str, str]]:
    typed = typed.strip().lower()
    return [(w, w) for w in words if w.startswith(typed)]


async def setup(host: BaseHost) -> None:
    s = host.services
    await host.add_cog(StatsCog(s.stats, s.campaigns, s.members, s.after_sync))
