"""Streaks: days in a row with an action (in the member's own time zone), and weeks in a row
with at least one, as 5 Calls counts them. A streak stays alive until a whole day (or week)
passes without an action: acting yesterday but not yet today keeps it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.text import Text, t, tn

DAY = timedelta(days=1)
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Streaks:
    days: int  # current run of days
    best_days: int
    weeks: int  # current run of weeks (Monday to Sunday)
    best_weeks: int
    acted_today: bool


NONE = Streaks(0, 0, 0, 0, False)


def streaks(days: Iterable[date], today: date) -> Streaks:
    """Current and best runs of days and of weeks, ``days`` being the days with an action."""
    unique = {d for d in days if d <= today}
    if not unique:
        return NONE
    weeks = {_monday(d) for d in unique}
    return Streaks(
        days=_current(unique, today, DAY),
        best_days=_best(unique, DAY),
        weeks=_current(weeks, _monday(today), WEEK),
        best_weeks=_best(weeks, WEEK),
        acted_today=today in unique,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _current(marks: set[date], now: date, step: timedelta) -> int:
    start = now if now in marks else now - step
    count = 0
    while start in marks:
        count += 1
        start -= step
    return count


def _best(marks: set[date], step: timedelta) -> int:
    best = 0
    for mark in marks:
        if mark - step in marks:
            continue  # not the start of a run
        length = 1
        while mark + step * length in marks:
            length += 1
        best = max(best, length)
    return best


def describe(found: Streaks) -> Text:
    """'🔥 3 days in a row (best 5)' or a nudge to start one."""
    n, best = found.days, found.best_days
    if n == 0:
        return t("No streak yet: act today to start one.")
    if best > n and not found.acted_today:
        return tn(
            "🔥 {n} day (best {best}); act today to keep it going",
            "🔥 {n} days in a row (best {best}); act today to keep it going",
            n,
            n=n,
            best=best,
        )
    if best > n:
        return tn(
            "🔥 {n} day (best {best})", "🔥 {n} days in a row (best {best})", n, n=n, best=best
        )
    if not found.acted_today:
        return tn(
            "🔥 {n} day; act today to keep it going",
            "🔥 {n} days in a row; act today to keep it going",
            n,
            n=n,
        )
    return tn("🔥 {n} day", "🔥 {n} days in a row", n, n=n)


def runs(found: Streaks) -> Text:
    """'Days: 3 days in a row (best 5). Weeks with a call: 1 week in a row (best 2).'"""
    days = tn(
        "{n} day in a row (best {best})",
        "{n} days in a row (best {best})",
        found.days,
        n=found.days,
        best=found.best_days,
    )
    weeks = tn(
        "{n} week in a row (best {best})",
        "{n} weeks in a row (best {best})",
        found.weeks,
        n=found.weeks,
        best=found.best_weeks,
    )
    return t("Days: {days}. Weeks with a call: {weeks}.", days=days, weeks=weeks)
