"""The days federal offices close, from the ``holidays`` package's government calendar and DC's
Inauguration Day: observed dates, one-off closures, and names callers can show."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.core.federal_holidays import holiday_name, holiday_words, observed_holidays
from bot.i18n.translator import Translators

CLOSED_2026 = {
    date(2026, 1, 1): "New Year's Day",
    date(2026, 1, 19): "Birthday of Martin Luther King, Jr.",
    date(2026, 2, 16): "Washington's Birthday",
    date(2026, 5, 25): "Memorial Day",
    date(2026, 6, 19): "Juneteenth National Independence Day",
    date(2026, 7, 3): "Independence Day (observed)",  # July 4 is a Saturday
    date(2026, 7, 4): "Independence Day",
    date(2026, 9, 7): "Labor Day",
    date(2026, 10, 12): "Columbus Day",
    date(2026, 11, 11): "Veterans Day",
    date(2026, 11, 26): "Thanksgiving Day",
    date(2026, 12, 25): "Christmas Day",
}
OBSERVED_2027 = {
    date(2027, 6, 18): "Juneteenth National Independence Day (observed)",  # June 19: Saturday
    date(2027, 7, 5): "Independence Day (observed)",  # July 4 is a Sunday
    date(2027, 12, 24): "Christmas Day (observed)",  # December 25 is a Saturday
    date(2027, 12, 31): "New Year's Day (observed)",  # January 1, 2028 is a Saturday
}


@pytest.mark.parametrize(("day", "name"), [*CLOSED_2026.items(), *OBSERVED_2027.items()], ids=str)
def test_each_holiday_is_named_on_its_day(day: date, name: str) -> None:
    """Every holiday falls on the day OPM lists, with the package's name."""
    assert holiday_name(day) == name


def test_a_year_has_exactly_its_closed_days() -> None:
    """No extra or missing days in 2026: every other day of the year is ordinary."""
    assert observed_holidays(2026) == CLOSED_2026
    ordinary = [
        d
        for n in range(365)
        if (d := date(2026, 1, 1) + timedelta(days=n)) not in CLOSED_2026 and holiday_name(d)
    ]
    assert ordinary == []


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 9), "National Day of Mourning for former President Jimmy Carter"),
        (date(2018, 12, 5), "National Day of Mourning for former President George H. W. Bush"),
        (date(2025, 12, 24), "Christmas Eve"),  # closed by executive order
    ],
    ids=str,
)
def test_one_off_closures_count(day: date, name: str) -> None:
    """Closures ordered by the President (days of mourning, Christmas Eve) close offices."""
    assert holiday_name(day) == name


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 20), "Inauguration Day and Birthday of Martin Luther King, Jr."),
        (date(2021, 1, 20), "Inauguration Day"),
        (date(2029, 1, 20), "Inauguration Day"),
        (date(2013, 1, 21), "Inauguration Day (observed) and Birthday of Martin Luther King, Jr."),
    ],
    ids=str,
)
def test_inauguration_day_closes_washington_offices(day: date, name: str) -> None:
    """January 20 after a presidential election (a Sunday one observed on Monday) is named."""
    assert holiday_name(day) == name


def test_no_inauguration_day_in_other_years() -> None:
    """Only the year after a presidential election has one."""
    assert holiday_name(date(2026, 1, 20)) is None and holiday_name(date(2027, 1, 20)) is None


def test_juneteenth_only_from_2021() -> None:
    """Juneteenth became a federal holiday in 2021 (observed Friday June 18 that year)."""
    assert holiday_name(date(2020, 6, 19)) is None
    assert holiday_name(date(2021, 6, 18)) == "Juneteenth National Independence Day (observed)"


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 16),  # DC Emancipation Day: the city's holiday, federal offices open
        date(2026, 4, 3),  # Good Friday: markets close, federal offices do not
        date(2026, 11, 27),  # the Friday after Thanksgiving is a working day
        date(2026, 1, 12),  # the 2nd Monday of January, not MLK Day
        date(2026, 5, 18),  # a Monday in May, not the last one
        date(2026, 3, 4),
    ],
    ids=str,
)
def test_ordinary_days_are_not_holidays(day: date) -> None:
    """The city's own holidays, market holidays and near misses of weekday rules are ordinary."""
    assert holiday_name(day) is None


def test_new_years_day_on_a_saturday_is_observed_in_the_year_before() -> None:
    """January 1, 2028 is a Saturday: offices close on Friday December 31, 2027."""
    assert date(2027, 12, 31) in observed_holidays(2027)
    assert date(2027, 12, 31) not in observed_holidays(2028)
    assert holiday_name(date(2028, 1, 17)) == "Birthday of Martin Luther King, Jr."


def test_a_sunday_new_years_day_is_observed_on_monday() -> None:
    """January 1, 2023 was a Sunday: observed Monday January 2."""
    assert holiday_name(date(2023, 1, 2)) == "New Year's Day (observed)"
    assert holiday_name(date(2022, 12, 31)) is None


def test_holiday_names_in_the_reader_s_words() -> None:
    """The package names holidays in English only: each known one reads in Spanish, with
    '(observed)' and 'and'; a closing it does not know stays as named; English is unchanged."""
    es, en = Translators()("es"), Translators()("en")
    assert es.render(holiday_words("Thanksgiving Day")) == "Día de Acción de Gracias"
    assert es.render(holiday_words("New Year's Day (observed)")) == "Año Nuevo (feriado observado)"
    joined = holiday_words("Inauguration Day and Birthday of Martin Luther King, Jr.")
    assert es.render(joined) == (
        "Día de la Toma de Posesión y Natalicio de Martin Luther King, Jr."
    )
    assert en.render(joined) == "Inauguration Day and Birthday of Martin Luther King, Jr."
    mourning = "National Day of Mourning for former President Jimmy Carter"
    assert es.render(holiday_words(mourning)) == mourning
    for day, name in observed_holidays(2026).items():
        assert en.render(holiday_words(name)) == name, day
        assert es.render(holiday_words(name)) != name, day  # every 2026 closing is translated
