"""Results: /mystats for a member, /stats with a chart and /export for organizers, and a
/leaderboard that members can leave (/leaderboard optout)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

from babel.dates import format_date

from bot.charts import day_labels, stacked_days_png
from bot.cogkit import Cog, Context, Opt, command, completer, summary
from bot.core.after_sync import AfterSync
from bot.core.campaign_texts import campaign_texts
from bot.core.campaigns import CampaignService
from bot.core.directory_changes import CONFIRM_FIELD_TEXT, confirm_line_text
from bot.core.members import MemberService
from bot.core.periods import parse_period, period_words
from bot.core.permissions import Permission
from bot.core.stance_rules import heard_text
from bot.core.stances import StanceService
from bot.core.stats import StatsService, StatsSummary, outcome_names
from bot.core.streaks import describe, runs
from bot.domain.campaign_models import Campaign
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.stance_models import TagCounts
from bot.domain.text import Text, t, tn
from bot.hosting import BaseHost
from bot.i18n.translator import Translator, Translators
from bot.messages import Attachment, Field, Message, Tone, mention
from cogs._options import ANY_CAMPAIGN, PERIOD

ORGANIZER = Permission.ORGANIZER
FIELD_MAX = 1024
ALT_MAX = 1000  # a chart's alt text: what Discord and Slack both take
LISTED = 10  # lawmakers, places and days listed in /stats
EXPORT_COLUMNS = t(  # what /export's CSV columns mean, sent beside the file
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
ONE_TAP = t("One-tap reports")  # reports that name no lawmaker
ONE_TAP_NAME = t("One-tap reports (no lawmaker named)")
NO_LAWMAKER = t("No lawmaker named")
MINE = t("Your actions")
DATE_PATTERN = t("yyyy-MM-dd")  # a Babel date pattern: each language writes its days its own way
CHART_AXIS = t("actions")  # the chart's y axis
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
        stances: StanceService | None = None,
    ) -> None:
        self.stats = stats
        self.campaigns = campaigns
        self.members = members
        self.after_sync = after_sync
        self.stances = stances  # what callers heard (tags), counted beside the notes

    @command("mystats", "Your actions, streaks and recent reports.", ephemeral=True)
    async def mystats(self, ctx: Context) -> Message:
        mine = await self.stats.member(ctx.actor)
        tr = ctx.tr
        if mine.total == 0:
            return Message.private(
                tr(
                    t(
                        "You have not reported a call yet. After your next call, press how it "
                        "went on a prompt (or react 📞), and it will show up here."
                    )
                ),
                title=tr(MINE),
            )
        campaigns = await self.campaigns.all(ctx.community.id)
        names = outcome_names(campaigns, words=tr)
        slugs = {c.id: c.slug for c in campaigns}
        total = f"{tr(_actions(mine.total, ctx))}: {_by(mine.by_outcome, names)}"
        note = tr(t("note added"))
        fields = [
            Field(tr(t("Total")), total),
            Field(tr(t("Streaks")), tr(runs(mine.streaks))),
            Field(
                tr(t("Campaigns")),
                "\n".join(f"{slugs.get(c, '?')}: {n}" for c, n in mine.by_campaign.items()),
            ),
            Field(
                tr(t("Recent")),
                "\n".join(
                    " · ".join(
                        part
                        for part in (
                            _date(ctx, a.member_day),
                            slugs.get(a.campaign_id, "?"),
                            self.stats.lawmaker_name(a.lawmaker, _words(ctx)),
                            names.get(a.outcome, a.outcome),
                            note if a.note else "",
                        )
                        if part
                    )
                    for a in mine.recent
                ),
            ),
        ]
        board = (
            t("You are hidden from /leaderboard (/leaderboard optin shows you).")
            if ctx.member.leaderboard_opt_out
            else t("You can appear on /leaderboard (/leaderboard optout hides you).")
        )
        return Message(
            title=tr(MINE),
            body=tr(describe(mine.streaks)),
            fields=tuple(fields),
            footer=tr(board),
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
        campaign: Annotated[str, ANY_CAMPAIGN] = "",
        period: Annotated[str, PERIOD] = "",
    ) -> Message:
        chosen, period_text = await self._campaign_and_period(ctx, campaign, period)
        today = await self.stats.today(ctx.community)
        span = parse_period(period_text, today)
        found = await self.stats.summary_for(
            ctx.community.id, chosen.id if chosen else None, span, chosen
        )
        campaigns = await self.campaigns.all(ctx.community.id)
        tr = ctx.tr
        names = outcome_names(campaigns, words=tr)
        # the campaign's title in the reader's language (its first language's if it has none)
        what = campaign_texts(chosen, ctx.language).title if chosen else tr(t("all campaigns"))
        notes = await self.stats.notes(ctx.community.id, chosen.id if chosen else None, span)
        tags = (
            await self.stances.tag_counts(
                ctx.community.id, chosen.id if chosen else None, span.first, span.last
            )
            if self.stances
            else {}
        )
        attachments: tuple[Attachment, ...] = ()
        if found.total:
            # the chart's font has no emoji
            labels = outcome_names(campaigns, emoji=False, words=tr)
            png = await asyncio.to_thread(chart, found, labels, what, _words(ctx))
            alt = tr(chart_alt(found, labels, what))[:ALT_MAX]
            attachments = (Attachment("actions-per-day.png", png, "image/png", alt=alt),)
        fields = self._fields(ctx, found, names, notes, tags)
        waiting = await self.after_sync.to_confirm(ctx.community.id) if self.after_sync else 0
        if waiting:  # new lawmaker data changed their saved district
            fields += (Field(tr(CONFIRM_FIELD_TEXT), tr(confirm_line_text(waiting))),)
        period = tr(span.label)
        body = t(
            "{period} ({first} to {last})",
            period=period[:1].upper() + period[1:],
            first=_date(ctx, found.first),
            last=_date(ctx, found.last),
        )
        return Message(
            title=tr(t("Results: {what}", what=what))[:256],
            body=tr(body),
            fields=fields,
            attachments=attachments,
            footer=None if found.total else tr(t("No actions in this period yet, so no chart.")),
            ephemeral=True,
        )

    @command("leaderboard", "Top members over a period; /leaderboard optout hides you.")
    async def leaderboard(self, ctx: Context, period: Annotated[str, BOARD] = "") -> Message:
        word = period.strip().lower().replace("-", "").replace(" ", "")
        if word in (OPT_OUT, OPT_IN):
            await self.members.set_leaderboard_opt_out(ctx.member, word == OPT_OUT)
            text = (
                t(
                    "Done: you will not appear on the leaderboard (your actions still count in "
                    "the totals). /leaderboard optin shows you again."
                )
                if word == OPT_OUT
                else t("Done: you can appear on the leaderboard again.")
            )
            return Message(body=ctx.tr(text), tone=Tone.SUCCESS, ephemeral=True)
        today = await self.stats.today(ctx.community)
        span = parse_period(period or "30d", today)
        board = await self.stats.leaderboard(ctx.community, span)
        tr = ctx.tr
        lines = [
            f"{rank}. {mention(user)}: {tr(_actions(count, ctx))}"
            for rank, (user, count) in enumerate(board.top, 1)
        ]
        return Message(
            title=tr(t("Leaderboard: {period}", period=span.label)),
            body="\n".join(lines) or tr(_nobody(board.total)),
            fields=(Field(tr(t("Community")), tr(_community(board.total, board.members, ctx))),),
            footer=tr(t("Members who opted out are not shown. /leaderboard optout hides you.")),
        )

    @command(
        "export",
        "Daily counts per lawmaker and outcome as a CSV file (no member identities).",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def export(self, ctx: Context, campaign: Annotated[str, ANY_CAMPAIGN] = "") -> Message:
        if campaign:
            chosen = [await self.campaigns.get(ctx.community.id, campaign)]
        else:
            chosen = await self.campaigns.all(ctx.community.id)
        data = await self.stats.export_csv(ctx.community.id, chosen)
        rows = data.count(b"\n") - 1
        name = f"{chosen[0].slug if campaign else 'all-campaigns'}-daily-counts.csv"
        said = tn(
            "Daily counts per lawmaker and outcome: {n} row. No member identities are in it.",
            "Daily counts per lawmaker and outcome: {n} rows. No member identities are in it.",
            rows,
            n=rows,
        )
        return Message(
            body=ctx.tr(said),
            fields=(Field(ctx.tr(t("What the columns mean")), ctx.tr(EXPORT_COLUMNS)),),
            attachments=(Attachment(name, data, "text/csv"),),
            ephemeral=True,
        )

    @summary()
    async def my_summary(self, ctx: Context) -> Message | None:
        """The member's streak, for their personal overview."""
        found = await self.stats.streaks(ctx.member, ctx.community)
        return Message(title=ctx.tr(t("Your streak")), body=ctx.tr(runs(found)))

    @completer("periods")
    async def complete_periods(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return _matching(typed, period_words(ctx.language))

    @completer("leaderboard")
    async def complete_board(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        return _matching(typed, (*period_words(ctx.language), OPT_OUT, OPT_IN))

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
        ctx: Context,
        found: StatsSummary,
        names: dict[str, str],
        notes: dict[str, list[tuple[str, int]]],
        tags: dict[str, TagCounts] | None = None,
    ) -> tuple[Field, ...]:
        tr = ctx.tr
        words = _words(ctx)
        number = words.number
        one_tap = sum(found.by_lawmaker.get(UNNAMED, {}).values())
        fields = [
            Field(tr(t("Actions")), number(found.total), inline=True),
            Field(tr(t("Members")), tr(_members(found.members, found.total, ctx)), inline=True),
            Field(tr(ONE_TAP), number(one_tap), inline=True),
        ]
        if found.goal:
            share = round(100 * found.goal_total / found.goal)
            goal = t(
                "{done} of {goal} ({share}%)",
                done=number(found.goal_total),
                goal=number(found.goal),
                share=share,
            )
            fields.append(Field(tr(t("Goal")), tr(goal), inline=True))
        if found.total:
            fields.append(Field(tr(t("By outcome")), _by(found.by_outcome, names, "\n")))
            active = [(d, c) for d, c in found.by_day.items() if c][-LISTED:]
            by_day = tn(
                "By day (last {n} with actions)",
                "By day (last {n} with actions)",
                len(active),
                n=len(active),
            )
            fields.append(
                Field(
                    tr(by_day),
                    "\n".join(
                        f"{_date(ctx, d)}: {sum(c.values())} ({_by(c, names)})" for d, c in active
                    ),
                )
            )
            lawmakers = sorted(found.by_lawmaker.items(), key=lambda kv: -sum(kv[1].values()))
            fields.append(
                Field(
                    tr(t("By lawmaker")),
                    "\n".join(
                        f"{self.stats.lawmaker_name(b, words) or tr(ONE_TAP_NAME)}: "
                        f"{sum(c.values())} ({_by(c, names)})"
                        for b, c in lawmakers[:LISTED]
                    ),
                )
            )
            if found.by_place:
                fields.append(
                    Field(
                        tr(t("By state and district (of the lawmakers called)")),
                        " · ".join(f"{p}: {n}" for p, n in list(found.by_place.items())[:LISTED]),
                    )
                )
        if notes or tags:
            said = self._notes_text(notes, tr(NO_LAWMAKER), words, tags or {})
            fields.append(Field(tr(t("Office notes")), said))
        return tuple(f for f in fields if f.value)

    def _notes_text(
        self,
        notes: dict[str, list[tuple[str, int]]],
        unnamed: str,
        words: Translator,
        tags: dict[str, TagCounts] | None = None,
    ) -> str:
        """Each lawmaker's notes, most repeated first, and what callers heard (tags)."""
        lines = []
        heard = tags or {}
        for bioguide in [*notes, *(b for b in heard if b not in notes)]:
            said = "; ".join(
                f"“{text}”" + (f" ×{times}" if times > 1 else "")
                for text, times in notes.get(bioguide, [])[:5]
            )
            counted = heard_text(heard.get(bioguide, TagCounts()), words)
            said = " · ".join(part for part in (said, counted) if part)
            lines.append(f"{self.stats.lawmaker_name(bioguide, words) or unnamed}: {said}")
        text = "\n".join(lines)
        return text if len(text) <= FIELD_MAX else text[: FIELD_MAX - 1] + "…"


def chart_title(what: str) -> Text:
    """The chart's title: 'Actions per day: IRS'."""
    return t("Actions per day: {what}", what=what)


def chart_alt(found: StatsSummary, names: dict[str, str], what: str) -> Text:
    """What the chart shows, for people who cannot see it: the days, the total by outcome and
    the busiest day."""
    busiest = max(found.by_day, key=lambda day: (sum(found.by_day[day].values()), -day.toordinal()))
    outcomes = ", ".join(f"{names.get(key, key)} {n}" for key, n in found.by_outcome.items())
    return tn(
        "Bar chart of actions per day for {what}, {first} to {last}, stacked by outcome: "
        "{n} action in all ({outcomes}); the busiest day was {busiest}, with {most}.",
        "Bar chart of actions per day for {what}, {first} to {last}, stacked by outcome: "
        "{n} actions in all ({outcomes}); the busiest day was {busiest}, with {most}.",
        found.total,
        what=what,
        first=found.first,
        last=found.last,
        n=found.total,
        outcomes=outcomes,
        busiest=busiest,
        most=sum(found.by_day[busiest].values()),
    )


def chart(found: StatsSummary, names: dict[str, str], what: str, words: Translator) -> bytes:
    """Actions per day, stacked by outcome, in the words of ``words`` (its language's title,
    axis and month names; ``names`` are the outcomes' labels in that language)."""
    days: list[date] = list(found.by_day)
    keys = list(found.by_outcome)
    series = {names.get(key, key): [found.by_day[day].get(key, 0) for day in days] for key in keys}
    return stacked_days_png(
        days,
        series,
        words.render(chart_title(what)),
        ylabel=words.render(CHART_AXIS),
        labels=day_labels(days, words.code),
    )


def _words(ctx: Context) -> Translator:
    """The reader's language's words and formats."""
    return (ctx.words or Translators())(ctx.language)


def _date(ctx: Context, day: date | str) -> str:
    """A day in the reader's language: '2026-01-06' / '6 ene 2026'."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return day
    return format_date(day, ctx.tr(DATE_PATTERN), locale=_words(ctx).code)


def _nobody(total: int) -> Text:
    """The leaderboard with no one to list: no report yet, or none linked to a member."""
    if not total:
        return t("No one to show yet: be the first to report a call!")
    return t(
        "No one to list: the reports of this period are kept only as anonymous counts (erased "
        "members, or past the retention period), or their members chose not to appear."
    )


def _community(total: int, members: int, ctx: Context) -> Text:
    """'41 actions by 23 members', or the actions alone when none is linked to a member."""
    actions = _actions(total, ctx)
    if not members:
        return t("{actions}, no longer linked to members", actions=actions) if total else actions
    return tn(
        "{actions} by {n} member",
        "{actions} by {n} members",
        members,
        actions=actions,
        n=_words(ctx).number(members),
    )


def _members(members: int, total: int, ctx: Context) -> Text | str:
    if members or not total:
        return _words(ctx).number(members)
    return t("none linked (the reports left are anonymous counts)")


def _actions(count: int, ctx: Context) -> Text:
    return tn("{n} action", "{n} actions", count, n=_words(ctx).number(count))


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
    await host.add_cog(StatsCog(s.stats, s.campaigns, s.members, s.after_sync, s.stances))
