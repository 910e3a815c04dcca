"""Results: what a community, a campaign and a member have done, over a period.

Every count reads the roll-ups of members' actions plus the anonymous counts left by erasure
and retention, so those only move rows and no total changes. Days are the community's (the
day an action counts on is stored with it); streaks are the member's own days.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.civic.store import DirectoryStore
from bot.core.lawmaker_titles import label
from bot.core.member_time import MemberTime, community_day, zone
from bot.core.outcome_words import outcome_label
from bot.core.periods import ALL, Period, parse_period, span_label
from bot.core.ports.stats import StatsStore
from bot.core.settled_counts import SettledCounts
from bot.core.streaks import Streaks, streaks
from bot.domain.action_models import Action
from bot.domain.campaign_models import DEFAULT_OUTCOMES, Campaign
from bot.domain.clock import Clock
from bot.domain.errors import DomainError, NotFound
from bot.domain.models import Actor, Community, Member
from bot.domain.stats_models import MemberTotal
from bot.domain.text import Text
from bot.i18n.translator import Translator

RECENT = 5
BOARD_SIZE = 10  # members on a leaderboard
KEPT_WINDOWS = (7, 30)  # trailing windows of the leaderboard whose sums the database keeps
UNKNOWN_LAWMAKER = ""


@dataclass(frozen=True, slots=True)
class StatsSummary:
    """Counts for a community (``campaign_id`` None) or one campaign, from ``first`` to
    ``last`` (the community's days, both included)."""

    community_id: int
    campaign_id: int | None
    first: date
    last: date
    total: int  # actions
    members: int  # members with at least one action (erased members are not counted)
    by_outcome: dict[str, int]  # outcome key -> actions, most first
    by_day: dict[date, dict[str, int]]  # every day of the period -> outcome key -> actions
    by_lawmaker: dict[str, dict[str, int]]  # bioguide ('' when not named) -> outcome -> n
    by_place: dict[str, int]  # "VT" (senators), "VT-AL" (House seats) -> actions
    goal: int | None = None  # the campaign's goal, in actions
    goal_total: int = 0  # the campaign's actions of all time, towards the goal

    @property
    def goal_progress(self) -> float | None:
        """The share of the goal reached (1.0 = reached), or None without a goal."""
        return self.goal_total / self.goal if self.goal else None


@dataclass(frozen=True, slots=True)
class CampaignCount:
    """The live count on a campaign's prompts."""

    members: int
    actions: int
    goal: int | None


@dataclass(frozen=True, slots=True)
class Board:
    """The leaderboard: top members (platform user ids), and the community's totals."""

    period: Period
    top: tuple[MemberTotal, ...]  # (user id, actions), most first
    total: int
    members: int


@dataclass(frozen=True, slots=True)
class MemberStats:
    total: int
    by_outcome: dict[str, int]
    by_campaign: dict[int, int]
    streaks: Streaks
    recent: tuple[Action, ...] = field(default=())


class FormerLawmakers(Protocol):
    """Lawmakers seen in earlier data (``services.after_sync``): who got calls before leaving."""

    def former_label(self, bioguide: str) -> str | None: ...

    def former_seat(self, bioguide: str) -> str | None: ...


class StatsService:
    def __init__(
        self,
        repo: StatsStore,
        directory: DirectoryStore,
        clock: Clock,
        former: FormerLawmakers | None = None,
    ) -> None:
        self._repo = repo
        self._directory = directory
        self._clock = clock
        self._former = former
        self._time = MemberTime(directory)
        self.settled: SettledCounts[object] = SettledCounts(repo.day_versions)
        self._warmed: dict[int, date] = {}  # community -> the day it was last warmed for

    # -- the contract the scheduler's digest uses -------------------------------------------
    async def summary(
        self, community_id: int, campaign_id: int | None, start: datetime, end: datetime
    ) -> StatsSummary:
        """Counts for the community's days that [start, end) touches (aware instants).

        Actions are counted by the day they happened in the community's time zone (that is
        all anonymous counts keep), so a partial day counts whole.
        """
        tz = zone(await self._repo.timezone(community_id) or "UTC") or ZoneInfo("UTC")
        first = start.astimezone(tz).date()
        last = max(first, (end - timedelta(microseconds=1)).astimezone(tz).date())
        label = first.isoformat() if first == last else span_label(first, last)
        return await self.summary_for(community_id, campaign_id, Period(first, last, label))

    async def summary_for(
        self,
        community_id: int,
        campaign_id: int | None,
        period: Period,
        campaign: Campaign | None = None,
    ) -> StatsSummary:
        today = await self._today(community_id)
        bounds = await self._repo.day_bounds(community_id)
        first = period.first or (bounds[0] if bounds else today)
        last = period.last or max(today, bounds[1] if bounds else today)
        whole = _covers(period, bounds)
        query_first, query_last = (None, None) if whole else (first, last)
        by_day: dict[date, dict[str, int]] = {
            first + timedelta(days=i): {} for i in range((last - first).days + 1)
        }
        by_outcome: defaultdict[str, int] = defaultdict(int)
        for day, outcome, n in await self._repo.by_day(
            community_id, campaign_id, query_first, query_last
        ):
            by_day.setdefault(day, {})[outcome] = n
            by_outcome[outcome] += n
        by_lawmaker: defaultdict[str, dict[str, int]] = defaultdict(dict)
        months = None if whole else _months(period, bounds)
        if whole or months is not None:
            for lawmaker, outcome, n in await self._repo.by_lawmaker(
                community_id, campaign_id, query_first, query_last, months
            ):
                by_lawmaker[lawmaker][outcome] = n
        elif (days := _kept_window(period, today)) is not None:  # the last 7 or 30
            for lawmaker, outcome, n in await self._repo.trailing_lawmakers(
                community_id, campaign_id, days, today
            ):
                by_lawmaker[lawmaker][outcome] = n
        else:  # days no roll-up covers: the settled ones from memory
            counts = await self.settled.window(
                ("lawmakers", campaign_id),
                community_id,
                first,
                last,
                lambda a, b: self._lawmaker_counts(community_id, campaign_id, a, b),
            )
            for (lawmaker, outcome), n in counts.items():
                by_lawmaker[lawmaker][outcome] = n
        members = await self._repo.unique_members(
            community_id, campaign_id, query_first, query_last, _trailing(period, bounds)
        )
        goal_total, goal = 0, None
        if campaign_id is not None:
            goal_total = await self._repo.campaign_total(community_id, campaign_id)
            goal = (
                campaign.goal
                if campaign
                else await self._repo.campaign_goal(community_id, campaign_id)
            )
        return StatsSummary(
            community_id=community_id,
            campaign_id=campaign_id,
            first=first,
            last=last,
            total=sum(by_outcome.values()),
            members=members,
            by_outcome=dict(sorted(by_outcome.items(), key=lambda kv: (-kv[1], kv[0]))),
            by_day=dict(sorted(by_day.items())),
            by_lawmaker=dict(by_lawmaker),
            by_place=self._places(by_lawmaker),
            goal=goal,
            goal_total=goal_total,
        )

    # -- organizers -------------------------------------------------------------------------
    async def notes(
        self, community_id: int, campaign_id: int | None, period: Period
    ) -> dict[str, list[tuple[str, int]]]:
        """Office notes by lawmaker: (note, how many members wrote it), most repeated first."""
        found: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
        for note in await self._repo.notes(community_id, campaign_id, period.first, period.last):
            found[note.lawmaker].append((note.note, note.times))
        return dict(found)

    async def export_csv(self, community_id: int, campaigns: list[Campaign]) -> bytes:
        """Daily counts per campaign, lawmaker and outcome, as CSV: no member identities."""
        slugs = {c.id: c.slug for c in campaigns}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["day", "campaign", "lawmaker_id", "lawmaker", "outcome", "actions"])
        chosen = campaigns[0].id if len(campaigns) == 1 else None
        for row in await self._repo.daily_counts(community_id, chosen):
            if row.campaign_id not in slugs:
                continue
            writer.writerow(
                [
                    row.day,
                    slugs[row.campaign_id],
                    row.lawmaker,
                    _safe_cell(self.lawmaker_name(row.lawmaker)),
                    row.outcome,
                    row.actions,
                ]
            )
        return out.getvalue().encode("utf-8")

    async def leaderboard(
        self, community: Community, period: Period, limit: int = BOARD_SIZE
    ) -> Board:
        return await self._board(community.id, period, limit)

    async def warm(self, days: int = 30) -> int:
        """Work out the windows asked most (the last 7 and 30 days of all campaigns' stats, and
        of the leaderboard, whose sums the database keeps) for each community with actions in
        the last ``days`` days whose day has changed since it was last warmed (at the first
        call, every one), so the first asks after a start or a midnight find them ready.
        Returns how many communities were warmed."""
        since = self._clock.now().date() - timedelta(days=days + 1)
        warmed = 0
        for community_id in await self._repo.communities_active_since(since):
            today = await self._today(community_id)
            if self._warmed.get(community_id) == today:
                continue
            for text in ("7d", "30d"):
                period = parse_period(text, today)
                await self.summary_for(community_id, None, period)
                await self._board(community_id, period, BOARD_SIZE)
            self._warmed[community_id] = today
            warmed += 1
        return warmed

    async def _board(self, community_id: int, period: Period, limit: int) -> Board:
        bounds = await self._repo.day_bounds(community_id)
        first, last = (None, None) if _covers(period, bounds) else (period.first, period.last)
        months = None if first is None else _months(period, bounds)
        totals = await self._repo.by_day(community_id, None, first, last)
        if first is None or last is None or months is not None:
            top = tuple(await self._repo.leaderboard(community_id, months, limit))
            members = await self._repo.unique_members(
                community_id, None, first, last, _trailing(period, bounds)
            )
        elif (days := _kept_window(period, await self._today(community_id))) is not None:
            top = tuple(await self._repo.trailing_leaderboard(community_id, days, last, limit))
            members = await self._repo.unique_members(community_id, None, first, last, True)
        else:  # other days: whole months and single days of the roll-ups
            data_last = max(bounds[1], last) if bounds else last  # nothing later
            top = tuple(
                await self._repo.window_leaderboard(community_id, first, last, data_last, limit)
            )
            members = await self._repo.unique_members(
                community_id, None, first, last, _trailing(period, bounds)
            )
        return Board(
            period=period,
            top=top,
            total=sum(row.actions for row in totals),
            members=members,
        )

    async def _lawmaker_counts(
        self, community_id: int, campaign_id: int | None, first: date, last: date
    ) -> dict[tuple[str, str], int]:
        rows = await self._repo.by_lawmaker(community_id, campaign_id, first, last)
        return {(lawmaker, outcome): n for lawmaker, outcome, n in rows}

    # -- the live count ---------------------------------------------------------------------
    async def campaign_count(self, campaign: Campaign) -> CampaignCount:
        return CampaignCount(
            members=await self._repo.campaign_members(campaign.community_id, campaign.id),
            actions=await self._repo.campaign_total(campaign.community_id, campaign.id),
            goal=campaign.goal,
        )

    # -- a member's own ---------------------------------------------------------------------
    async def streaks(self, member: Member, community: Community) -> Streaks:
        """Current and best streaks, in the member's own days."""
        today = self._time.day_of(member, community, self._clock.now())
        return streaks(await self._repo.member_days(member.id), today)

    async def member(self, actor: Actor) -> MemberStats:
        by_outcome: defaultdict[str, int] = defaultdict(int)
        by_campaign: defaultdict[int, int] = defaultdict(int)
        for campaign_id, outcome, n in await self._repo.member_totals(actor.member.id):
            by_outcome[outcome] += n
            by_campaign[campaign_id] += n
        return MemberStats(
            total=sum(by_outcome.values()),
            by_outcome=dict(sorted(by_outcome.items(), key=lambda kv: (-kv[1], kv[0]))),
            by_campaign=dict(by_campaign),
            streaks=await self.streaks(actor.member, actor.community),
            recent=tuple(await self._repo.recent(actor.member.id, RECENT)),
        )

    # -- helpers ----------------------------------------------------------------------------
    def lawmaker_name(self, bioguide: str, words: Translator | None = None) -> str:
        """'Sen. Bernard Sanders (I-VT)' ('Senador Bernard Sanders (I-VT)' with Spanish
        ``words``); a lawmaker who left office by the name last seen; the id itself if never
        seen, '' for none named."""
        if not bioguide:
            return ""
        try:
            member = self._directory.current().member(bioguide)
            return member.label if words is None else label(member, words)
        except DomainError:
            former = self._former.former_label(bioguide) if self._former else None
            return former or bioguide

    def _places(self, by_lawmaker: dict[str, dict[str, int]]) -> dict[str, int]:
        try:
            directory = self._directory.current()
        except DomainError:
            return {}
        places: defaultdict[str, int] = defaultdict(int)
        for bioguide, outcomes in by_lawmaker.items():
            if not bioguide:
                continue
            try:
                seat = directory.member(bioguide).seat_label
            except NotFound:  # left office: counted under the seat they held
                found = self._former.former_seat(bioguide) if self._former else None
                if found is None:
                    continue
                seat = found
            places[seat] += sum(outcomes.values())
        return dict(sorted(places.items(), key=lambda kv: (-kv[1], kv[0])))

    async def _today(self, community_id: int) -> date:
        tz = zone(await self._repo.timezone(community_id) or "UTC") or ZoneInfo("UTC")
        return self._clock.now().astimezone(tz).date()

    async def today(self, community: Community) -> date:
        return community_day(community, self._clock.now())

    async def one_tap_zips(
        self, community_id: int, campaign_id: int | None, period: Period
    ) -> dict[str | None, int]:
        """Reports naming no lawmaker over ``period``, per saved ZIP code of their members
        (None: members who saved none)."""
        rows = await self._repo.one_tap_zips(community_id, campaign_id, period.first, period.last)
        return dict(rows)


def _covers(period: Period, bounds: tuple[date, date] | None) -> bool:
    """True when the period holds every day with data (so all-time roll-ups answer it)."""
    if period == ALL or (period.first is None and period.last is None):
        return True
    if bounds is None:
        return False
    first_ok = period.first is None or period.first <= bounds[0]
    last_ok = period.last is None or period.last >= bounds[1]
    return first_ok and last_ok


def _kept_window(period: Period, today: date) -> int | None:
    """The length of a window the database keeps summed (the last 7 or 30 days, ending
    today), or None for any other period."""
    if period.first is None or period.last != today:
        return None
    days = (period.last - period.first).days + 1
    return days if days in KEPT_WINDOWS else None


def _trailing(period: Period, bounds: tuple[date, date] | None) -> bool:
    """True when no stored action is later than the period's end (7d, 30d, month...)."""
    return bounds is None or period.last is None or period.last >= bounds[1]


def _months(period: Period, bounds: tuple[date, date] | None) -> tuple[str, str] | None:
    """('YYYY-MM', 'YYYY-MM') when the period is whole calendar months (this month so far
    counts as whole: nothing is later than today), so monthly roll-ups answer it."""
    if period.first is None or period.last is None or period.first.day != 1:
        return None
    month_end = (period.last + timedelta(days=1)).day == 1
    if not (month_end or _trailing(period, bounds)):
        return None
    return period.first.strftime("%Y-%m"), period.last.strftime("%Y-%m")


def _safe_cell(text: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def outcome_names(
    campaigns: list[Campaign],
    emoji: bool = True,
    words: Callable[[Text], str] = Text.english,
) -> dict[str, str]:
    """Outcome key -> '📞 Made contact', from the campaigns (first wins), then the defaults;
    ``words`` renders a default label left unchanged in the reader's language."""
    names: dict[str, str] = {}
    for outcome in (*(o for c in campaigns for o in c.outcomes), *DEFAULT_OUTCOMES):
        if outcome.key not in names:
            said = outcome_label(outcome)
            shown = said if isinstance(said, str) else words(said)
            with_emoji = emoji and outcome.emoji
            names[outcome.key] = f"{outcome.emoji} {shown}" if with_emoji else shown
    return names
