"""Periods for stats and the leaderboard, as people type them: 7d, 30d, week, month, all,
today, year, 2026-01-01 or 2026-01-01..2026-01-31. Days are the community's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from bot.domain.errors import InvalidInput

MAX_DAYS = 3660
_LAST = re.compile(r"^(\d{1,4})\s*d(?:ays?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD_HELP = "7d, 30d, week, month, year, all, today, or 2026-01-01..2026-01-31"
PERIOD_WORDS = ("7d", "30d", "week", "month", "year", "all", "today")


@dataclass(frozen=True, slots=True)
class Period:
    """Days from ``first`` to ``last`` (both included); None means unbounded on that side."""

    first: date | None
    last: date | None
    label: str

    @property
    def bounded(self) -> bool:
        return self.first is not None and self.last is not None

    def days(self, earliest: date, today: date) -> list[date]:
        """Every day of the period, an open start taken as ``earliest``, an open end as today."""
        start = self.first or earliest
        end = self.last or today
        return [start + timedelta(days=i) for i in range((end - start).days + 1)]


ALL = Period(None, None, "all time")


def parse_period(text: str, today: date) -> Period:
    """Read a period; anything else raises InvalidInput saying what works."""
    word = " ".join(text.strip().lower().split())
    if word in ("", "all", "all time", "alltime", "ever"):
        return ALL
    if word == "today":
        return Period(today, today, "today")
    if word == "yesterday":
        day = today - timedelta(days=1)
        return Period(day, day, "yesterday")
    if word == "week":
        return Period(today - timedelta(days=today.weekday()), today, "this week")
    if word == "month":
        return Period(today.replace(day=1), today, "this month")
    if word == "year":
        return Period(today.replace(month=1, day=1), today, "this year")
    match = _LAST.match(word)
    if match:
        count = int(match[1])
        if not 1 <= count <= MAX_DAYS:
            raise InvalidInput(f"Choose between 1 and {MAX_DAYS} days, like 7d or 30d.")
        label = "today" if count == 1 else f"the last {count} days"
        return Period(today - timedelta(days=count - 1), today, label)
    if ".." in word:
        start_text, _, end_text = word.partition("..")
        first, last = _day(start_text.strip(), text), _day(end_text.strip(), text)
        if last < first:
            raise InvalidInput(
                f"The period ends ({last.isoformat()}) before it starts ({first.isoformat()})."
            )
        if (last - first).days >= MAX_DAYS:
            raise InvalidInput(f"A period can be at most {MAX_DAYS} days long.")
        return Period(first, last, f"{first.isoformat()} to {last.isoformat()}")
    if _DAY.match(word):
        day = _day(word, text)
        return Period(day, day, day.isoformat())
    raise InvalidInput(f"'{_shown(text)}' is not a period I know. Use {PERIOD_HELP}.")


def _day(word: str, text: str) -> date:
    if not _DAY.match(word):
        raise InvalidInput(
            f"'{_shown(text)}' is not a period I know: write days as YYYY-MM-DD, like "
            "2026-01-01..2026-01-31."
        )
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise InvalidInput(f"{word} is not a real date.") from None


def _shown(text: str) -> str:
    """The first 40 printable characters typed (not a walk through all of a long text)."""
    return "".join(islice((ch for ch in text.strip() if ch.isprintable()), 40))
