"""US federal holidays (5 U.S.C. 6103), computed by rule: the days Capitol Hill offices close.

A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after;
so New Year's Day on a Saturday is observed on December 31 of the year before.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

_FIXED = (
    (1, 1, "New Year's Day"),
    (6, 19, "Juneteenth"),
    (7, 4, "Independence Day"),
    (11, 11, "Veterans Day"),
    (12, 25, "Christmas"),
)
# (month, weekday with Monday=0, nth; -1 for the last, name)
_NTH_WEEKDAY = (
    (1, 0, 3, "Martin Luther King Jr. Day"),
    (2, 0, 3, "Washington's Birthday"),
    (5, 0, -1, "Memorial Day"),
    (9, 0, 1, "Labor Day"),
    (10, 0, 2, "Columbus Day"),
    (11, 3, 4, "Thanksgiving"),
)


def holiday_name(day: date) -> str | None:
    """The federal holiday observed on ``day`` ("Thanksgiving"), or None on an ordinary day."""
    return observed_holidays(day.year).get(day)


@lru_cache(maxsize=16)
def observed_holidays(year: int) -> dict[date, str]:
    """Every holiday observed in calendar ``year``, by the day it is observed on."""
    candidates = [*_by_rule(year), *_by_rule(year + 1)]  # next New Year's may land on Dec 31
    observed = {_observed(day): name for day, name in candidates}
    return {day: name for day, name in sorted(observed.items()) if day.year == year}


def _by_rule(year: int) -> list[tuple[date, str]]:
    days = [(date(year, month, dom), name) for month, dom, name in _FIXED]
    days += [(_nth_weekday(year, m, wd, n), name) for m, wd, n, name in _NTH_WEEKDAY]
    return days


def _observed(day: date) -> date:
    """Saturday moves to the Friday before, Sunday to the Monday after (weekday-bound rules
    never land on a weekend, so only fixed dates move)."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)
