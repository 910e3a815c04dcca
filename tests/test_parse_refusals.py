"""Values that used to crash a parser (found while making parsing linear, issue 14) now get the
usual one-sentence refusal, and the good values around them still work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.campaign_rules import parse_goal
from bot.domain.errors import InvalidInput
from bot.domain.recurrence import check_zone, parse_when
from bot.scheduling.clockwork import parse_duration


@pytest.mark.parametrize(
    "name",
    [
        "America",  # a folder of the zone database: IsADirectoryError
        "a" * 300,  # too long for a file name: OSError
        "a/" * 2000 + "a",  # a package import per part: RecursionError
        "a." * 30 + "/x",
        "America/Chicago/x/y/z",
        "America/../Europe/Paris",
        "/etc/localtime",
    ],
    ids=["a folder", "a long name", "many parts", "many dots", "five parts", "dots", "a path"],
)
def test_a_name_that_is_no_time_zone_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="is not a time zone I know"):
        check_zone(name)


@pytest.mark.parametrize(
    "name",
    ["America/Argentina/ComodRivadavia", "UTC", "Etc/GMT+5", "EST5EDT", " Europe/Paris "],
)
def test_time_zones_are_still_known(name: str) -> None:
    assert check_zone(name).key == name.strip()


@pytest.mark.parametrize(
    ("when", "sentence"),
    [
        ("cron ² 9 * * *", "has '²', not a number"),  # a digit int() cannot read
        ("cron */² 9 * * *", "bad step"),
        ("cron " + "1" * 5000 + " 9 * * *", "between 0 and 59"),  # more digits than int() reads
        ("cron 1-" + "9" * 5000 + " 9 * * *", "between 0 and 59"),
        ("9:00 " + "a/" * 2000 + "a", "not a time zone"),
    ],
    ids=["a superscript", "a superscript step", "a huge number", "a huge range", "a huge zone"],
)
def test_a_bad_when_is_refused(when: str, sentence: str) -> None:
    with pytest.raises(InvalidInput, match=sentence):
        parse_when(when)


def test_cron_fields_still_read_long_steps_and_other_digits() -> None:
    """A step longer than the field takes its first value; decimal digits of any script read."""
    assert parse_when("cron */" + "9" * 5000 + " 9 * * *").recurrence.cron.minutes == {0}
    assert parse_when("cron ٣٠ 9 * * *").recurrence.cron.minutes == {30}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0" * 5000 + "7", 7), ("0050", 50), ("1,000", 1000), ("1_000_000", 1_000_000)],
)
def test_goals_with_many_digits_are_read(text: str, expected: int) -> None:
    assert parse_goal(text) == expected


@pytest.mark.parametrize("text", ["1" * 5000, "9" * 20, "0", "1000001"])
def test_goals_out_of_range_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="between 1 and 1,000,000"):
        parse_goal(text)


@pytest.mark.parametrize("text", ["99999999999d", "9" * 5000 + "d", "1d" * 400])
def test_a_huge_clock_jump_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="at most a year"):
        parse_duration(text)


def test_minutes_can_be_written_min() -> None:
    """'min' was listed as a unit but never read ('90min' was refused)."""
    assert parse_duration("90min") == parse_duration("90m") == timedelta(minutes=90)
    assert parse_duration("1h30min") == timedelta(hours=1, minutes=30)
