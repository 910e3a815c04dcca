"""Clocks a person can move (the console's /clock), and durations like '1d' or '2h30m'."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

from bot.core.clock import Clock, SystemClock
from bot.core.errors import InvalidInput

MAX_JUMP = timedelta(days=366)
_PART = re.compile(r"(\d+)\s*(w|d|h|m|min|s)", re.IGNORECASE)
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes", "min": "minutes", "s": "seconds"}


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
    """'1d', '3h', '90m', '1d2h30m', '2w' -> a timedelta; anything else is InvalidInput."""
    cleaned = text.strip().lower().replace(" ", "")
    parts = _PART.findall(cleaned)
    if not cleaned or "".join(n + u for n, u in parts) != cleaned:
        raise InvalidInput(
            f"'{text.strip()[:20] or '(blank)'}' is not a duration. Write it like 1d, 3h, 45m "
            "or 1d2h."
        )
    total = timedelta(0)
    for number, unit in parts:
        total += timedelta(**{_UNITS[unit]: int(number)})
    if total <= timedelta(0):
        raise InvalidInput("Move the clock forward by more than nothing, like 1h.")
    if total > MAX_JUMP:
        raise InvalidInput("That is too far: move the clock at most a year at a time.")
    return total
