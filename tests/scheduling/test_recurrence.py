"""Recurrences: what people type, what is stored, and fire times across daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.recurrence import (
    CronSpec,
    is_when_word,
    on_days_of,
    parse_recurrence,
    parse_time,
    parse_when,
)

NEW_YORK = ZoneInfo("America/New_York")
SPRING_FORWARD = date(2026, 3, 8)  # 02:00 EST -> 03:00 EDT
FALL_BACK = date(2026, 11, 1)  # 02:00 EDT -> 01:00 EST


def local_times(recurrence_text: str, first: date, days: int) -> list[str]:
    recurrence = parse_recurrence(recurrence_text)
    start = datetime.combine(first, time(0), tzinfo=NEW_YORK).astimezone(UTC)
    last = first + timedelta(days=days)
    until = datetime.combine(last, time(0), tzinfo=NEW_YORK).astimezone(UTC)
    slots = recurrence.between(start - timedelta(seconds=1), until, NEW_YORK)
    return [s.astimezone(NEW_YORK).strftime("%m-%d %H:%M %Z") for s in slots]


@pytest.mark.parametrize(
    ("typed", "stored", "summary"),
    [
        ("weekdays 09:00", "weekdays at 09:00", "every weekday at 09:00"),
        ("daily at 9am", "daily at 09:00", "every day at 09:00"),
        ("every day at 9 pm", "daily at 21:00", "every day at 21:00"),
        ("mon,wed,fri 17:30", "mon,wed,fri at 17:30", "Mon, Wed and Fri at 17:30"),
        ("tue-thu at 12:15", "tue,wed,thu at 12:15", "Tue, Wed and Thu at 12:15"),
        ("mondays and thursdays 10am", "mon,thu at 10:00", "Mon and Thu at 10:00"),
        ("weekends noon", "weekends at 12:00", "Saturdays and Sundays at 12:00"),
        ("cron 0 9 * * 1-5", "cron 0 9 * * 1-5", "cron '0 9 * * 1-5'"),
        (
            "cron */15 9-17 * * mon-fri",
            "cron */15 9-17 * * mon-fri",
            "cron '*/15 9-17 * * mon-fri'",
        ),
    ],
)
def test_typed_recurrences_are_stored_in_canonical_form(
    typed: str, stored: str, summary: str
) -> None:
    """What a person types becomes one canonical text that reads back the same."""
    recurrence = parse_when(typed).recurrence
    assert recurrence.text == stored
    assert recurrence.summary == summary
    assert parse_recurrence(stored) == recurrence


def test_a_zone_and_dates_can_follow_the_recurrence() -> None:
    """'weekdays 09:00 America/Chicago from 2026-02-01 until 2026-03-31' is all understood."""
    when = parse_when("weekdays 09:00 America/Chicago from 2026-02-01 until 2026-03-31")
    assert when.zone == "America/Chicago"
    assert (when.starts_on, when.ends_on) == (date(2026, 2, 1), date(2026, 3, 31))
    assert when.recurrence.text == "weekdays at 09:00"


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("", "When should it post?"),
        ("weekdays", "At what time? Add one, like 'weekdays 09:00'."),
        ("weekdays 25:00", "'25:00' is not a time: hours go 0-23 and minutes 0-59."),
        ("daily 9:60", "'9:60' is not a time: hours go 0-23 and minutes 0-59."),
        ("daily 13pm", "'13pm' is not a time: with am/pm the hour is 1 to 12."),
        ("daily nine", "'nine' is not a time I understand."),
        ("funday 9:00", "'funday' is not a day I know."),
        ("daily 9:00 Mars/Olympus", "'Mars/Olympus' is not a time zone I know."),
        ("daily 9:00 until 2026-13-01", "'2026-13-01' is not a date."),
        ("daily 9 from 2026-03-01 until 2026-02-01", "would end before it starts"),
        ("cron 0 9 * *", "A cron expression has 5 fields"),
        ("cron 61 9 * * *", "The cron minute field must be between 0 and 59, not 61."),
        ("cron 0 9 * * 8", "The cron weekday field must be between 0 and 7, not 8."),
        ("cron 0 9 * * 1-5/0", "The cron weekday field has a bad step '/0'."),
        ("cron 5-1 * * * *", "The cron minute range '5-1' runs backwards."),
        ("cron x * * * *", "The cron minute field has 'x', not a number."),
        ("cron 0 0 31 2 *", "never fires"),
    ],
)
def test_malformed_input_gets_a_clear_sentence(typed: str, sentence: str) -> None:
    """Bad times, days, dates, zones and cron expressions each say what is wrong."""
    with pytest.raises(InvalidInput) as info:
        parse_when(typed)
    assert sentence in info.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9", time(9)),
        ("09:30", time(9, 30)),
        ("9:30pm", time(21, 30)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("noon", time(12)),
        ("midnight", time(0)),
        ("17.45", time(17, 45)),
    ],
)
def test_times_in_common_forms(typed: str, expected: time) -> None:
    """Common ways of writing a time are understood."""
    assert parse_time(typed) == expected


def test_cron_weekdays_count_from_sunday() -> None:
    """As in crontab, 0 and 7 are Sunday and 1 is Monday."""
    spec = CronSpec.parse("0 9 * * 0,1,7")
    assert spec.weekdays == frozenset({6, 0})


def test_cron_day_of_month_or_weekday() -> None:
    """When both day fields are restricted, a day matching either fires (cron's rule)."""
    spec = CronSpec.parse("0 9 13 * fri")
    assert spec.matches(date(2026, 1, 13))  # a Tuesday the 13th
    assert spec.matches(date(2026, 1, 16))  # a Friday
    assert not spec.matches(date(2026, 1, 14))


def test_weekdays_skip_the_weekend() -> None:
    """'weekdays 09:00' fires Monday to Friday only."""
    assert local_times("weekdays at 09:00", date(2026, 1, 9), 4) == [
        "01-09 09:00 EST",
        "01-12 09:00 EST",
    ]


def test_spring_forward_fires_a_skipped_time_once() -> None:
    """02:30 does not exist on the spring-forward day: it fires once, at 03:30 EDT."""
    assert local_times("daily at 02:30", SPRING_FORWARD - timedelta(days=1), 3) == [
        "03-07 02:30 EST",
        "03-08 03:30 EDT",
        "03-09 02:30 EDT",
    ]


def test_fall_back_fires_a_repeated_time_once() -> None:
    """01:30 happens twice on the fall-back day: it fires once, the first time."""
    assert local_times("daily at 01:30", FALL_BACK - timedelta(days=1), 3) == [
        "10-31 01:30 EDT",
        "11-01 01:30 EDT",
        "11-02 01:30 EST",
    ]


def test_a_nine_oclock_schedule_keeps_local_time_across_both_changes() -> None:
    """09:00 stays 09:00 on the clock the day after each change (the UTC hour moves)."""
    spring = local_times("daily at 09:00", SPRING_FORWARD - timedelta(days=1), 2)
    fall = local_times("daily at 09:00", FALL_BACK - timedelta(days=1), 2)
    assert spring == ["03-07 09:00 EST", "03-08 09:00 EDT"]
    assert fall == ["10-31 09:00 EDT", "11-01 09:00 EST"]


def test_hourly_cron_across_spring_forward_has_no_duplicate() -> None:
    """Every half hour past: the skipped 02:30 and the real 03:30 are one fire, not two."""
    fired = local_times("cron 30 * * * *", SPRING_FORWARD, 1)
    assert fired[:4] == ["03-08 00:30 EST", "03-08 01:30 EST", "03-08 03:30 EDT", "03-08 04:30 EDT"]
    assert len(fired) == len(set(fired)) == 23


def test_hourly_cron_across_fall_back_fires_each_wall_time_once() -> None:
    """The repeated 01:30 fires once; the day has 24 fires although it has 25 hours."""
    fired = local_times("cron 30 * * * *", FALL_BACK, 1)
    assert fired.count("11-01 01:30 EDT") == 1 and "11-01 01:30 EST" not in fired
    assert len(fired) == 24


def test_next_after_finds_a_leap_day() -> None:
    """A cron that fires on 29 February finds the next leap year."""
    recurrence = parse_recurrence("cron 0 0 29 2 *")
    found = recurrence.next_after(datetime(2026, 1, 1, tzinfo=UTC), NEW_YORK)
    assert found is not None and found.astimezone(NEW_YORK).date() == date(2028, 2, 29)


@given(
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    start=st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31)),
    zone=st.sampled_from(["America/New_York", "America/Los_Angeles", "Europe/London", "UTC"]),
)
def test_daily_fires_exactly_once_per_local_day(
    hour: int, minute: int, start: datetime, zone: str
) -> None:
    """Over any 10 days, in any zone, a daily time fires once per local date, in order."""
    tz = ZoneInfo(zone)
    after = start.replace(tzinfo=UTC)
    slots = list(
        parse_recurrence(f"daily at {hour:02d}:{minute:02d}").between(
            after, after + timedelta(days=10), tz
        )
    )
    days = [s.astimezone(tz).date() for s in slots]
    assert slots == sorted(set(slots))
    assert len(days) == len(set(days))
    assert len(slots) in (9, 10, 11)
    for slot in slots:
        shown = slot.astimezone(tz)
        assert (shown.hour, shown.minute) == (hour, minute) or shown.hour == hour + 1


@pytest.mark.parametrize(
    ("old", "typed", "expected"),
    [
        ("weekdays 09:00", "12:00", "weekdays at 12:00"),
        ("mon,wed 09:00", "at 5pm", "mon,wed at 17:00"),
        ("daily 09:00", "noon", "daily at 12:00"),
        ("cron 0 9 1,15 * *", "17:45", "cron 45 17 1,15 * *"),
    ],
)
def test_a_time_alone_goes_on_the_old_days(old: str, typed: str, expected: str) -> None:
    """A when with no days says so, and its time goes on the days of the recurrence it edits."""
    when = parse_when(typed)
    assert not when.days_named and when.at is not None
    assert on_days_of(parse_recurrence(old), when.at).text == expected


def test_days_a_cron_and_until_never_are_named() -> None:
    """Days or a cron expression count as named; 'until never' asks for no end date."""
    assert parse_when("daily 12:00").days_named and parse_when("cron 0 9 * * *").days_named
    assert parse_when("weekdays 12:00 until never").ends_never


@pytest.mark.parametrize(
    "word",
    [
        *("12:00", "9:75", "9am", "pm", "noon", "weekdays", "Mon-Fri", "tue,thu", "daily", "at"),
        *("America/Chicago", "UTC", "2026-03-31", "*/15", "1-5", "never", "cron", "sundays"),
        *("mon,", "Tue-Thu,sat"),
    ],
)
def test_when_words_are_never_channels(word: str) -> None:
    """Times (even wrong ones), days, zones, dates, cron fields and small words are a when's."""
    assert is_when_word(word)


@pytest.mark.parametrize(
    "word",
    [
        *("calls", "#daily", "<#C77|ops>", "here", "C0123ABC", "1234567890123456789", "ops"),
        *("sat-phonebank", "mar-updates", "daily-calls", "general"),
    ],
)
def test_channel_names_are_not_when_words(word: str) -> None:
    """Names, mentions, a channel written with '#', and long Discord ids are channels."""
    assert not is_when_word(word)
