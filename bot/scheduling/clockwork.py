"""Clocks a person can move (the console's /clock), and durations like '1d' or '2h30m'."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

from bot.domain.clock import Clock, SystemClock
from bot.domain.errors import InvalidInput
from bot.domain.text import t

MAX_JUMP = timedelta(days=366)
# Seconds per unit, "min" before "m" so that 90min reads as minutes.
_UNIT_SECONDS = {"w": 604_800, "min": 60, "d": 86_400, "h": 3_600, "m": 60, "s": 1}
_MAX_DIGITS = len(str(int(MAX_JUMP.total_seconds())))
_TOO_MANY_SECONDS = 10**_MAX_DIGITS


@runtime_checkable
class MovableClock(Protocol):
    """A clock that can be moved forward or set (ManualClock in tests, OffsetClock in the
    console)."""

    def now(self) -> datetime: ...

    def advance(self, delta: timedelta) -> datetime: ...

    def set(self, moment: datetime) -> None: ...


class OffsetClock:
    """The wall clock shifted by an offset that /clock advance and /clock set change.

    The console runs on it, so a person can jump the bot's time forward and watch schedules
    fire, while time keeps flowing between commands.
    """

    def __init__(self, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return self._base.now() + self._offset

    def advance(self, delta: timedelta) -> datetime:
        if delta < timedelta(0):
            raise ValueError("a clock does not run backwards")
        self._offset += delta
        return self.now()

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        self._offset = moment.astimezone(UTC) - self._base.now()


def parse_duration(text: str) -> timedelta:
    """'1d', '3h', '90m' (or '90min'), '1d2h30m', '2w' -> a timedelta; anything else is
    InvalidInput. Read once, left to right (digits, then a unit, again), in linear time."""
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        raise _not_a_duration(text)
    seconds = 0
    at = 0
    while at < len(cleaned):
        digits_end = at
        while digits_end < len(cleaned) and cleaned[digits_end].isdecimal():
            digits_end += 1
        unit = next((u for u in _UNIT_SECONDS if cleaned.startswith(u, digits_end)), None)
        if digits_end == at or unit is None:
            raise _not_a_duration(text)
        digits = cleaned[at:digits_end].lstrip("0") or "0"
        # more digits than any jump allowed has: too far, without converting a huge number
        count = int(digits) if len(digits) <= _MAX_DIGITS else _TOO_MANY_SECONDS
        seconds += count * _UNIT_SECONDS[unit]
        at = digits_end + len(unit)
    if seconds <= 0:
        raise InvalidInput(t("Move the clock forward by more than nothing, like 1h."))
    if seconds > MAX_JUMP.total_seconds():
        raise InvalidInput(t("That is too far: move the clock at most a year at a time."))
    return timedelta(seconds=seconds)


def _not_a_duration(text: str) -> InvalidInput:
    shown = text.strip()[:20] or t("(blank)")
    return InvalidInput(
        t("'{duration}' is not a duration. Write it like 1d, 3h, 45m or 1d2h.", duration=shown)
    )
