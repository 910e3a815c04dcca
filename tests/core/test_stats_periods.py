"""Periods as people type them, and a clear sentence for those that do not parse."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.core.periods import ALL, parse_period
from bot.domain.errors import InvalidInput

TODAY = date(2026, 1, 14)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("7d", date(2026, 1, 8), TODAY),
        ("30 days", date(2025, 12, 16), TODAY),
        ("1d", TODAY, TODAY),
        ("today", TODAY, TODAY),
        ("yesterday", date(2026, 1, 13), date(2026, 1, 13)),
        ("week", date(2026, 1, 12), TODAY),
        ("Month", date(2026, 1, 1), TODAY),
        ("year", date(2026, 1, 1), TODAY),
        ("2025-12-01..2025-12-31", date(2025, 12, 1), date(2025, 12, 31)),
        (" 2025-12-01 .. 2025-12-02 ", date(2025, 12, 1), date(2025, 12, 2)),
        ("2026-01-02", date(2026, 1, 2), date(2026, 1, 2)),
    ],
)
def test_periods_that_parse(text: str, first: date, last: date) -> None:
    """Each form gives its first and last day (both included)."""
    period = parse_period(text, TODAY)
    assert (period.first, period.last) == (first, last)


@pytest.mark.parametrize("text", ["", "all", "ALL TIME"])
def test_all_time_is_open_on_both_sides(text: str) -> None:
    """An empty period or 'all' means every day."""
    assert parse_period(text, TODAY) == ALL


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("fortnight", "not a period I know"),
        ("0d", "between 1 and"),
        ("9999d", "between 1 and"),
        ("2026-02-30", "not a real date"),
        ("2026-01-31..2026-01-01", "ends (2026-01-01) before it starts"),
        ("2026-1-1..2026-1-5", "YYYY-MM-DD"),
        ("2000-01-01..2026-01-01", "at most"),
        ("\x00<@everyone>", "not a period I know"),
    ],
)
def test_periods_that_do_not_parse_say_why(text: str, says: str) -> None:
    """A bad period is refused with a sentence saying what works."""
    with pytest.raises(InvalidInput, match=re.escape(says)):
        parse_period(text, TODAY)
