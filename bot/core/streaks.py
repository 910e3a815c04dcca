"""Streaks: days in a row with an action (in the member's own time zone), and weeks in a row
with at least one, as 5 Calls counts them. A streak stays alive until a whole day (or week)
passes without an action: acting yesterday but not yet today keeps it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

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


def describe(found: Streaks) -> str:
    """'🔥 3 days in a row (best 5)' or a nudge to start one."""
    if found.days == 0:
        return "No streak yet: act today to start one."
    plural = "day" if found.days == 1 else "days in a row"
    text = f"🔥 {found.days} {plural}"
    if found.best_days > found.days:
        text += f" (best {found.best_days})"
    if not found.acted_today:
        text += "; act today to keep it going"
    return text
