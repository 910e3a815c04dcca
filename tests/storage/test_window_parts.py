"""Summing a window of days from monthly and daily roll-ups: exact for any window."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from bot.storage.action_stats import DAYS, MONTHS, window_parts


def test_any_window_sums_to_its_days() -> None:
    """Months less their outside days plus single days give each day of the window once."""
    rng = random.Random(5)
    start = date(2025, 11, 1)
    for _ in range(400):
        first = start + timedelta(days=rng.randrange(120))
        last = first + timedelta(days=rng.randrange(70))
        data_last = last + timedelta(days=rng.choice((0, 0, 3, 40)))
        counted: Counter[date] = Counter()
        for kind, sign, low, high in window_parts(first, last, data_last):
            if kind == MONTHS:
                day = date.fromisoformat(f"{low}-01")
                while day.strftime("%Y-%m") <= high:
                    counted[day] += sign
                    day += timedelta(days=1)
            else:
                assert kind == DAYS
                day = date.fromisoformat(low)
                while day <= date.fromisoformat(high):
                    counted[day] += sign
                    day += timedelta(days=1)
        with_data = {d for d, n in counted.items() if n and d <= data_last}
        wanted = {first + timedelta(days=i) for i in range((last - first).days + 1)}
        assert with_data == {d for d in wanted if d <= data_last}
        assert all(counted[d] == 1 for d in with_data)


def test_a_trailing_month_reads_the_month_and_subtracts_a_few_days() -> None:
    """30 days ending Dec 6: November less Nov 1-6, and December's days so far."""
    parts = window_parts(date(2026, 11, 7), date(2026, 12, 6), date(2026, 12, 6))
    assert parts == [
        (MONTHS, 1, "2026-11", "2026-11"),
        (DAYS, -1, "2026-11-01", "2026-11-06"),
        (MONTHS, 1, "2026-12", "2026-12"),
    ]
