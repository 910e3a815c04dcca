"""Office hours on federal holidays: closed, the reason named, and the next opening skips them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.office_hours import EASTERN, OfficeHours, opening_phrase

HOURS = OfficeHours(9, 17)


def eastern(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=EASTERN)


@pytest.mark.parametrize(
    "moment",
    [
        eastern(2026, 11, 26, 10),  # Thanksgiving
        eastern(2026, 7, 3, 10),  # Independence Day observed on Friday
        eastern(2027, 12, 24, 10),  # Christmas observed on Friday
        eastern(2027, 12, 31, 10),  # New Year's Day 2028 observed on Friday
        eastern(2028, 1, 17, 10),  # MLK Day
        eastern(2025, 1, 9, 10),  # national day of mourning for President Carter
        eastern(2025, 1, 20, 10),  # Inauguration Day (and MLK Day)
    ],
    ids=str,
)
def test_offices_are_closed_on_a_holiday_within_hours(moment: datetime) -> None:
    """10 a.m. on an observed holiday is closed, and the holiday is named."""
    assert not HOURS.is_open(moment)
    assert HOURS.closed_for(moment) is not None


def test_an_ordinary_weekday_is_open_and_not_a_holiday() -> None:
    """The Friday after Thanksgiving is an ordinary working day."""
    friday = eastern(2026, 11, 27, 10)
    assert HOURS.is_open(friday) and HOURS.closed_for(friday) is None


def test_a_saturday_inauguration_day_moves_to_no_weekday() -> None:
    """January 20, 2029 is a Saturday: Friday before and Monday after are working days."""
    assert HOURS.is_open(eastern(2029, 1, 19, 10)) and HOURS.is_open(eastern(2029, 1, 22, 10))


def test_the_holiday_is_judged_by_the_eastern_date() -> None:
    """Late Wednesday in Washington is already Thanksgiving in UTC, but not a holiday yet."""
    wednesday_night = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # 22:00 Wednesday Eastern
    assert HOURS.closed_for(wednesday_night) is None
    assert HOURS.closed_for(eastern(2026, 11, 26, 23, 30)) == "Thanksgiving Day"


@pytest.mark.parametrize(
    ("now", "opening"),
    [
        (eastern(2026, 11, 26, 10), eastern(2026, 11, 27, 9)),  # Thanksgiving -> Friday
        (eastern(2026, 11, 25, 17), eastern(2026, 11, 27, 9)),  # Wednesday evening
        (eastern(2026, 7, 2, 18), eastern(2026, 7, 6, 9)),  # July 3 observed, then a weekend
        (eastern(2027, 12, 23, 17), eastern(2027, 12, 27, 9)),  # Christmas Eve observed
        (eastern(2027, 12, 30, 17), eastern(2028, 1, 3, 9)),  # Dec 31, weekend, Jan 3
        (eastern(2028, 1, 14, 17), eastern(2028, 1, 18, 9)),  # weekend, then MLK Day
        (eastern(2025, 1, 8, 17), eastern(2025, 1, 10, 9)),  # the day of mourning for Carter
        (eastern(2025, 1, 17, 17), eastern(2025, 1, 21, 9)),  # weekend, then Inauguration Day
        (eastern(2025, 12, 23, 17), eastern(2025, 12, 29, 9)),  # Dec 24, 25, 26, weekend
        (eastern(2026, 1, 5, 7), eastern(2026, 1, 5, 9)),  # Monday before hours: today
        (eastern(2026, 1, 5, 9), eastern(2026, 1, 5, 9)),  # at opening time itself
        (eastern(2026, 1, 5, 10), eastern(2026, 1, 6, 9)),  # open now: the next morning
    ],
    ids=str,
)
def test_next_opening_skips_weekends_and_holidays(now: datetime, opening: datetime) -> None:
    """The next opening is the start of the next working day's hours."""
    assert HOURS.next_opening(now) == opening


@pytest.mark.parametrize(
    ("moment", "name"),
    [
        (eastern(2025, 1, 9, 11), "National Day of Mourning for former President Jimmy Carter"),
        (eastern(2025, 1, 20, 11), "Inauguration Day and Birthday of Martin Luther King, Jr."),
    ],
    ids=str,
)
def test_one_off_closures_and_inauguration_day_are_named(moment: datetime, name: str) -> None:
    """A closure ordered for one day, and Inauguration Day, are named as the reason."""
    assert HOURS.closed_for(moment) == name


def test_next_opening_uses_the_configured_start() -> None:
    """With hours from 8, offices reopen after Thanksgiving on Friday at 8 Eastern."""
    assert OfficeHours(8, 16).next_opening(eastern(2026, 11, 26, 12)) == eastern(2026, 11, 27, 8)


def test_next_opening_from_utc_is_an_eastern_moment() -> None:
    """An opening asked for in UTC is the same instant, in summer and winter time."""
    opening = HOURS.next_opening(datetime(2026, 7, 3, 12, 0, tzinfo=UTC))
    assert opening == datetime(2026, 7, 6, 13, 0, tzinfo=UTC)


def test_opening_phrase_names_the_day_and_hour() -> None:
    """Openings read as a weekday, date and hour in Eastern time."""
    assert opening_phrase(eastern(2026, 11, 27, 9)) == "Friday, November 27 at 9 a.m. Eastern time"
    assert opening_phrase(eastern(2026, 11, 27, 12)) == "Friday, November 27 at noon Eastern time"
