"""Streaks: days in a row in the member's own days, and weeks in a row, current and best."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.streaks import describe, streaks

TODAY = date(2026, 1, 14)  # a Wednesday


def days_ago(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in offsets]


def test_no_actions_no_streak() -> None:
    """Nothing recorded: every count is zero."""
    found = streaks([], TODAY)
    assert (found.days, found.best_days, found.weeks, found.best_weeks) == (0, 0, 0, 0)


def test_consecutive_days_up_to_today() -> None:
    """Today and the two days before: a three-day streak."""
    found = streaks(days_ago(0, 1, 2, 5), TODAY)
    assert (found.days, found.best_days, found.acted_today) == (3, 3, True)


def test_a_streak_lives_until_a_whole_day_is_missed() -> None:
    """Acting yesterday and the day before keeps a streak of two before acting today."""
    found = streaks(days_ago(1, 2), TODAY)
    assert (found.days, found.acted_today) == (2, False)
    assert streaks(days_ago(2, 3), TODAY).days == 0


def test_the_best_streak_is_remembered() -> None:
    """An older run of four days is the best even after it broke."""
    found = streaks(days_ago(0, 10, 11, 12, 13), TODAY)
    assert (found.days, found.best_days) == (1, 4)


def test_weeks_in_a_row_count_monday_to_sunday() -> None:
    """Actions this week, last week and the week before: three weeks; a gap breaks them."""
    found = streaks(days_ago(0, 9, 16, 30), TODAY)
    assert (found.weeks, found.best_weeks) == (3, 3)


def test_last_weeks_run_lives_until_this_week_ends() -> None:
    """No action yet this week: the run up to last week still counts."""
    assert streaks(days_ago(3, 10), TODAY).weeks == 2


def test_future_days_are_ignored() -> None:
    """A day after today (a clock or zone change) does not count."""
    assert streaks([TODAY + timedelta(days=1)], TODAY).days == 0


def test_the_streak_sentence() -> None:
    """One line for the confirmation: the run, the best, and a nudge when not yet today."""
    assert str(describe(streaks(days_ago(0, 1, 2), TODAY))) == "🔥 3 days in a row"
    assert str(describe(streaks(days_ago(1, 5, 6), TODAY))) == (
        "🔥 1 day (best 2); act today to keep it going"
    )
    assert str(describe(streaks([], TODAY))) == "No streak yet: act today to start one."
