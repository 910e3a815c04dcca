"""What the stats (bot/core/stats.py) read from storage: counts kept by the roll-ups."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from bot.domain.action_models import Action
from bot.domain.stats_models import (
    CampaignOutcomeCount,
    DailyCount,
    DayOutcomeCount,
    LawmakerCount,
    MemberTotal,
    NoteCount,
)


class StatsStore(Protocol):
    """Read-only counts of a community's and a member's actions. ``None`` for a day means the
    period is open on that side; months are 'YYYY-MM'."""

    async def timezone(self, community_id: int) -> str | None: ...

    async def day_bounds(self, community_id: int) -> tuple[date, date] | None:
        """The first and last day with a counted action in the community."""
        ...

    async def by_day(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> list[DayOutcomeCount]: ...

    async def by_lawmaker(
        self,
        community_id: int,
        campaign_id: int | None,
        first: date | None,
        last: date | None,
        months: tuple[str, str] | None = None,
    ) -> list[LawmakerCount]: ...

    async def one_tap_zips(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> list[tuple[str | None, int]]: ...

    async def unique_members(
        self,
        community_id: int,
        campaign_id: int | None,
        first: date | None,
        last: date | None,
        trailing: bool = False,
    ) -> int: ...

    async def leaderboard(
        self, community_id: int, months: tuple[str, str] | None, limit: int
    ) -> list[MemberTotal]: ...

    async def window_leaderboard(
        self, community_id: int, first: date, last: date, data_last: date, limit: int
    ) -> list[MemberTotal]: ...

    async def trailing_leaderboard(
        self, community_id: int, days: int, today: date, limit: int
    ) -> list[MemberTotal]:
        """The top over ``today`` and the ``days`` - 1 days before it, from a window of member
        sums the database keeps (``days`` at least 2)."""
        ...

    async def trailing_lawmakers(
        self, community_id: int, campaign_id: int | None, days: int, today: date
    ) -> list[LawmakerCount]:
        """Per lawmaker and outcome over ``today`` and the ``days`` - 1 days before it, from
        the same kept window."""
        ...

    async def day_versions(self, community_id: int, first: date, last: date) -> dict[str, int]:
        """'YYYY-MM-DD' -> the version of that day's counts, for days that ever had any."""
        ...

    async def communities_active_since(self, first: date) -> list[int]: ...

    async def campaign_goal(self, community_id: int, campaign_id: int) -> int | None: ...

    async def campaign_total(self, community_id: int, campaign_id: int) -> int: ...

    async def campaign_members(self, community_id: int, campaign_id: int) -> int: ...

    async def notes(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> list[NoteCount]: ...

    async def daily_counts(
        self, community_id: int, campaign_id: int | None
    ) -> list[DailyCount]: ...

    async def member_days(self, member_id: int) -> list[date]: ...

    async def member_totals(self, member_id: int) -> list[CampaignOutcomeCount]: ...

    async def recent(self, member_id: int, limit: int) -> list[Action]: ...
