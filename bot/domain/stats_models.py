"""Counts of actions as the stats read them from storage: plain records, one per row.

NamedTuples, like the actions themselves: a year of daily counts is thousands of these.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class DayOutcomeCount(NamedTuple):
    """Actions with one outcome on one community day."""

    day: date
    outcome: str
    actions: int


class LawmakerCount(NamedTuple):
    """Actions with one outcome naming one lawmaker ('' for reports naming none)."""

    lawmaker: str
    outcome: str
    actions: int


class MemberTotal(NamedTuple):
    """A member on a leaderboard: their platform user id and their actions."""

    user_id: str
    actions: int


class NoteCount(NamedTuple):
    """One office note and how many reports carry it."""

    lawmaker: str
    note: str
    times: int


class DailyCount(NamedTuple):
    """A row of the export: actions per campaign, community day, lawmaker and outcome."""

    campaign_id: int
    day: str  # 'YYYY-MM-DD'
    lawmaker: str
    outcome: str
    actions: int


class CampaignOutcomeCount(NamedTuple):
    """A member's own actions with one outcome in one campaign."""

    campaign_id: int
    outcome: str
    actions: int
