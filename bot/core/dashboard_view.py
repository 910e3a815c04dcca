"""What the private dashboard's page shows, in the community's language: a campaign's (or all
campaigns') counts today and over the last 7 and 30 days by outcome, the days of its chart,
and its office notes.

Nothing here names a member, by the same rules as /export: counts only (never who), notes
grouped by lawmaker and text with how many reports carry each (never who wrote one or when),
and any platform mention inside a note (``<@123>``, ``<@U012|ann>``, ``<#C1>``) withheld.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from bot.core.campaign_texts import campaign_texts
from bot.core.campaigns import CampaignService
from bot.core.maps import (
    NO_CALLS,
    PER_100K,
    CallMap,
    CallMaps,
    call_map_alt,
    call_map_title,
    legend,
    shorten,
)
from bot.core.periods import Period
from bot.core.stance_rules import stance_text, tag_parts
from bot.core.stats import StatsService, StatsSummary, outcome_names
from bot.domain.campaign_models import Campaign
from bot.domain.dashboard_models import DashboardLink
from bot.domain.errors import NotFound
from bot.domain.models import Community
from bot.domain.stance_models import StanceRow
from bot.domain.text import Text, t
from bot.i18n.translator import Translator, Translators

PERIODS: tuple[tuple[Text, int], ...] = (
    (t("Today"), 1),
    (t("Last 7 days"), 7),
    (t("Last 30 days"), 30),
)
CHART_DAYS = 30
NOTES_SHOWN = 5  # notes per lawmaker
NOTES_LAWMAKERS = 20  # lawmakers with notes
# A mention of a member, role or channel as Discord and Slack write them: withheld from notes.
_MENTION = re.compile(r"<[@#!][^<>\s]{1,80}>")
WITHHELD = t("[someone]")
ALL_CAMPAIGNS = t("all campaigns")
NO_LAWMAKER = t("No lawmaker named")


class CommunityReader(Protocol):
    async def get(self, community_id: int) -> Community | None: ...


class StanceBoard(Protocol):
    """The stances' read API (bot/core/stances.py): what /stances shows for a campaign."""

    async def board(self, campaign: Campaign, today: date) -> list[StanceRow]: ...


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # "outcome:<key>", "total" or "members"
    label: str
    counts: tuple[str, ...]  # one per period, as the language writes numbers


@dataclass(frozen=True, slots=True)
class LawmakerNotes:
    lawmaker: str
    notes: tuple[tuple[str, int], ...]  # (text, how many reports carry it)


@dataclass(frozen=True, slots=True)
class StanceLine:
    """A targeted lawmaker on the page's stance table: stance, this week's calls and what
    callers heard, the latest office note (mentions withheld)."""

    lawmaker: str
    stance_key: str  # supports, opposes, undecided, unknown
    stance: str
    calls: str
    heard: str
    note: str


@dataclass(frozen=True, slots=True)
class DashboardData:
    """The page's contents, every word already in ``language``."""

    language: str
    title: str
    periods: tuple[str, ...]
    outcomes: tuple[Row, ...]
    total: Row
    members: Row
    notes: tuple[LawmakerNotes, ...]
    chart_days: tuple[date, ...]
    chart_series: dict[str, tuple[int, ...]] = field(default_factory=dict)
    chart_title: str = ""
    chart_axis: str = ""
    calls: CallMap | None = None  # the map of the last 30 days' calls by state, when kept
    map_title: str = ""
    map_legend: str = ""
    map_empty: str = ""
    map_alt: str = ""
    stances: tuple[StanceLine, ...] | None = None  # a campaign's, when stances are kept

    @property
    def chart_version(self) -> str:
        """Changes whenever the chart would: the page reloads its image only then."""
        days = [d.isoformat() for d in self.chart_days]
        calls = sorted(self.calls.calls.items()) if self.calls else []
        shown = json.dumps([days, sorted(self.chart_series.items()), self.chart_title, calls])
        return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]

    def as_json(self) -> dict[str, Any]:
        """What the page's script reads at each refresh."""
        return {
            "language": self.language,
            "title": self.title,
            "periods": list(self.periods),
            "rows": [
                {"key": r.key, "label": r.label, "counts": list(r.counts)}
                for r in (*self.outcomes, self.total, self.members)
            ],
            "notes": [
                {"lawmaker": n.lawmaker, "notes": [[text, times] for text, times in n.notes]}
                for n in self.notes
            ],
            "chart": self.chart_version if self.chart_series else "",
            "map": self.chart_version if self.calls is not None else "",
            "stances": None
            if self.stances is None
            else [
                {
                    "lawmaker": line.lawmaker,
                    "key": line.stance_key,
                    "stance": line.stance,
                    "calls": line.calls,
                    "heard": line.heard,
                    "note": line.note,
                }
                for line in self.stances
            ],
        }


def withhold_mentions(note: str, words: Translator) -> str:
    """A note with every platform mention replaced, so no member's id shows."""
    return _MENTION.sub(words.render(WITHHELD), note)


class DashboardView:
    """Builds :class:`DashboardData` for a link from the stats."""

    def __init__(
        self,
        stats: StatsService,
        campaigns: CampaignService,
        communities: CommunityReader,
        words: Translators,
        maps: CallMaps | None = None,
        stances: StanceBoard | None = None,
    ) -> None:
        """``maps`` adds the map of calls by state, ``stances`` a campaign's stance table."""
        self._stats = stats
        self._campaigns = campaigns
        self._communities = communities
        self._words = words
        self._maps = maps
        self._stances = stances

    async def community(self, link: DashboardLink) -> Community | None:
        return await self._communities.get(link.community_id)

    async def data(self, link: DashboardLink) -> DashboardData | None:
        """The page of ``link``; None when its community or campaign is gone."""
        community = await self.community(link)
        if community is None:
            return None
        campaign: Campaign | None = None
        if link.campaign_id is not None:
            try:
                campaign = await self._campaigns.get_by_id(community.id, link.campaign_id)
            except NotFound:
                return None
        words = self._words(community.language)
        today = await self._stats.today(community)
        periods = [Period(today - timedelta(days=n - 1), today, label) for label, n in PERIODS]
        summaries = [
            await self._stats.summary_for(community.id, link.campaign_id, period, campaign)
            for period in periods
        ]
        campaigns = await self._campaigns.all(community.id)
        names = outcome_names(campaigns, words=words.render)
        keys = list(summaries[-1].by_outcome)  # most first over 30 days
        number = words.number
        outcomes = tuple(
            Row(
                f"outcome:{key}",
                names.get(key, key),
                tuple(number(s.by_outcome.get(key, 0)) for s in summaries),
            )
            for key in keys
        )
        what = campaign_texts(campaign, community.language).title if campaign else None
        notes = await self._notes(community.id, link.campaign_id, summaries[-1], words)
        chart_names = outcome_names(campaigns, emoji=False, words=words.render)
        last30 = summaries[-1]
        chart_days = tuple(last30.by_day)
        what = what or words.render(ALL_CAMPAIGNS)
        period = words.render(PERIODS[-1][0]).lower()
        calls = None
        if self._maps is not None:
            calls = await self._maps.of_summary(
                community.id, link.campaign_id, periods[-1], last30, PER_100K
            )
        return DashboardData(
            language=words.code,
            title=words.render(t("Dashboard: {what}", what=what or words.render(ALL_CAMPAIGNS))),
            periods=tuple(words.render(label) for label, _ in PERIODS),
            outcomes=outcomes,
            total=Row(
                "total", words.render(t("All actions")), tuple(number(s.total) for s in summaries)
            ),
            members=Row(
                "members",
                words.render(t("Members who took action")),
                tuple(number(s.members) for s in summaries),
            ),
            notes=notes,
            chart_days=chart_days,
            chart_series={
                chart_names.get(key, key): tuple(
                    last30.by_day[day].get(key, 0) for day in chart_days
                )
                for key in keys
            },
            chart_title=words.render(t("Actions per day: {what}", what=what)),
            chart_axis=words.render(t("actions")),
            calls=calls,
            map_title=words.render(call_map_title(what, period)),
            map_legend=words.render(legend(PER_100K)),
            map_empty=words.render(NO_CALLS),
            map_alt=shorten(words.render(call_map_alt(calls, what, period))) if calls else "",
            stances=await self._stance_lines(campaign, today, words),
        )

    async def _stance_lines(
        self, campaign: Campaign | None, today: date, words: Translator
    ) -> tuple[StanceLine, ...] | None:
        if self._stances is None or campaign is None:
            return None
        return tuple(
            StanceLine(
                lawmaker=self._stats.lawmaker_name(row.lawmaker, words),
                stance_key=row.stance.value,
                stance=words.render(stance_text(row.stance)),
                calls=words.number(row.calls),
                heard=" · ".join(
                    f"{words.render(said)} {words.number(n)}" for said, n in tag_parts(row.tags)
                ),
                note=withhold_mentions(row.last_note, words) if row.last_note else "",
            )
            for row in await self._stances.board(campaign, today)
        )

    async def _notes(
        self,
        community_id: int,
        campaign_id: int | None,
        period: StatsSummary,
        words: Translator,
    ) -> tuple[LawmakerNotes, ...]:
        found = await self._stats.notes(
            community_id, campaign_id, Period(period.first, period.last, "")
        )
        unnamed = words.render(NO_LAWMAKER)
        return tuple(
            LawmakerNotes(
                self._stats.lawmaker_name(bioguide, words) or unnamed,
                tuple(
                    (withhold_mentions(text, words), times) for text, times in said[:NOTES_SHOWN]
                ),
            )
            for bioguide, said in list(found.items())[:NOTES_LAWMAKERS]
        )
