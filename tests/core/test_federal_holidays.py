"""Federal holidays by rule (5 U.S.C. 6103), with weekend dates moved to the observed day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.core.federal_holidays import holiday_name, observed_holidays

OBSERVED_2026 = {
    date(2026, 1, 1): "New Year's Day",
    date(2026, 1, 19): "Martin Luther King Jr. Day",
    date(2026, 2, 16): "Washington's Birthday",
    date(2026, 5, 25): "Memorial Day",
    date(2026, 6, 19): "Juneteenth",
    date(2026, 7, 3): "Independence Day",  # July 4 is a Saturday
    date(2026, 9, 7): "Labor Day",
    date(2026, 10, 12): "Columbus Day",
    date(2026, 11, 11): "Veterans Day",
    date(2026, 11, 26): "Thanksgiving",
    date(2026, 12, 25): "Christmas",
}
OBSERVED_2027 = {
    date(2027, 1, 1): "New Year's Day",
    date(2027, 1, 18): "Martin Luther King Jr. Day",
    date(2027, 2, 15): "Washington's Birthday",
    date(2027, 5, 31): "Memorial Day",
    date(2027, 6, 18): "Juneteenth",  # June 19 is a Saturday
    date(2027, 7, 5): "Independence Day",  # July 4 is a Sunday
    date(2027, 9, 6): "Labor Day",
    date(2027, 10, 11): "Columbus Day",
    date(2027, 11, 11): "Veterans Day",
    date(2027, 11, 25): "Thanksgiving",
    date(2027, 12, 24): "Christmas",  # December 25 is a Saturday
    date(2027, 12, 31): "New Year's Day",  # January 1, 2028 is a Saturday
}


@pytest.mark.parametrize(("day", "name"), [*OBSERVED_2026.items(), *OBSERVED_2027.items()], ids=str)
def test_each_holiday_is_named_on_its_observed_day(day: date, name: str) -> None:
    """Every 2026 and 2027 holiday falls on the day OPM lists, with its name."""
    assert holiday_name(day) == name


@pytest.mark.parametrize(("year", "expected"), [(2026, OBSERVED_2026), (2027, OBSERVED_2027)])
def test_a_year_has_exactly_its_observed_holidays(year: int, expected: dict[date, str]) -> None:
    """No extra or missing days: every other day of the year is ordinary."""
    assert observed_holidays(year) == expected
    ordinary = [
        d
        for n in range(365)
        if (d := date(year, 1, 1) + timedelta(days=n)) not in expected and holiday_name(d)
    ]
    assert ordinary == []


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 7, 4),  # the Saturday itself: observed the day before
        date(2027, 12, 25),
        date(2028, 1, 1),  # observed on December 31, 2027
        date(2026, 11, 27),  # the Friday after Thanksgiving is a working day
        date(2026, 1, 12),  # the 2nd Monday of January, not MLK Day
        date(2026, 5, 18),  # a Monday in May, not the last one
        date(2026, 3, 4),
    ],
    ids=str,
)
def test_ordinary_days_are_not_holidays(day: date) -> None:
    """Weekend dates of fixed holidays and near misses of weekday rules are ordinary days."""
    assert holiday_name(day) is None


def test_2028_starts_without_new_years_day_and_with_mlk_day() -> None:
    """New Year's Day 2028 belongs to 2027; the 3rd Monday of January 2028 is the 17th."""
    holidays = observed_holidays(2028)
    assert date(2028, 1, 1) not in holidays and date(2027, 12, 31) not in holidays
    assert holiday_name(date(2028, 1, 17)) == "Martin Luther King Jr. Day"
    assert next(iter(holidays)) == date(2028, 1, 17)


def test_a_sunday_new_years_day_is_observed_on_monday() -> None:
    """January 1, 2023 was a Sunday: observed Monday January 2."""
    assert holiday_name(date(2023, 1, 2)) == "New Year's Day"
    assert holiday_name(date(2022, 12, 31)) is None
