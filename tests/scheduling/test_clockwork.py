"""The console clock, durations, and fitting a reminder's controls on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.messages import Button, Select, SelectOption
from bot.scheduling.clockwork import OffsetClock, parse_duration
from bot.scheduling.reminder_job import fit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1d", timedelta(days=1)),
        ("3h", timedelta(hours=3)),
        ("90m", timedelta(minutes=90)),
        ("1d2h30m", timedelta(days=1, hours=2, minutes=30)),
        ("2w", timedelta(weeks=2)),
        ("1D 2H", timedelta(days=1, hours=2)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    """Durations are written with d, h, m (and w, s)."""
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("soon", "is not a duration"),
        ("1x", "is not a duration"),
        ("", "is not a duration"),
        ("0d", "more than nothing"),
        ("400d", "at most a year"),
    ],
)
def test_bad_durations(text: str, sentence: str) -> None:
    """Anything else is explained."""
    with pytest.raises(InvalidInput, match=sentence):
        parse_duration(text)


def test_the_offset_clock_moves_with_real_time_from_where_it_was_set() -> None:
    """Set to a moment, it runs on from there; advance jumps ahead; it never runs back."""
    base = ManualClock(datetime(2026, 6, 1, tzinfo=UTC))
    clock = OffsetClock(base)
    clock.set(datetime(2026, 1, 8, 13, 0, tzinfo=UTC))
    base.advance(timedelta(minutes=5))
    assert clock.now() == datetime(2026, 1, 8, 13, 5, tzinfo=UTC)
    clock.advance(timedelta(days=1))
    assert clock.now() == datetime(2026, 1, 9, 13, 5, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))


def test_the_reminder_controls_always_fit() -> None:
    """Three menus and nine buttons plus Snooze and Stop: a menu goes, every button stays."""
    selects = tuple(Select(f"a.s{i}", (SelectOption("x", "x"),)) for i in range(3))
    buttons = tuple(Button(f"b{i}", "a.b", str(i)) for i in range(9))
    controls = (Button("Snooze", "r.snooze"), Button("Stop", "r.stop"))
    kept_selects, kept_buttons = fit(selects, buttons, controls)
    assert len(kept_selects) == 2
    assert kept_buttons == (*buttons, *controls)


def test_too_many_buttons_lose_the_last_but_never_the_controls() -> None:
    """30 buttons and no menus: 23 of them and the two controls (Discord shows 25)."""
    buttons = tuple(Button(f"b{i}", "a.b", str(i)) for i in range(30))
    controls = (Button("Snooze", "r.snooze"), Button("Stop", "r.stop"))
    _, kept = fit((), buttons, controls)
    assert kept == (*buttons[:23], *controls)
