"""When Washington offices answer the phone: weekdays when federal offices are not closed (see
``bot.core.federal_holidays``: holidays as observed, Inauguration Day, one-off closures), within
hours set in Eastern time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.federal_holidays import holiday_name, holiday_words
from bot.domain.text import Text

EASTERN = ZoneInfo("America/New_York")
_LOOKAHEAD_DAYS = 14  # a weekend plus holidays never closes offices this long


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Open from ``start`` to ``end`` o'clock Eastern time, Monday to Friday, except the days
    federal offices close."""

    start: int = 9
    end: int = 17

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= 24:
            raise ValueError(f"office hours {self.start}-{self.end} are not a range within a day")

    def is_open(self, now: datetime) -> bool:
        """Whether DC offices are open at ``now`` (an aware datetime, any zone)."""
        local = now.astimezone(EASTERN)
        return self._working_day(local.date()) and self.start <= local.hour < self.end

    def closed_for(self, now: datetime) -> str | None:
        """Why DC offices are closed all of ``now``'s Eastern date ("Thanksgiving Day"), if a
        holiday or closure is the reason."""
        return holiday_name(now.astimezone(EASTERN).date())

    def closed_for_words(self, now: datetime) -> Text | str | None:
        """:meth:`closed_for` in the reader's words ("Día de Acción de Gracias")."""
        name = self.closed_for(now)
        return None if name is None else holiday_words(name)

    def next_opening(self, now: datetime) -> datetime:
        """The first opening (``start`` o'clock Eastern on a working day) at or after ``now``."""
        day = now.astimezone(EASTERN).date()
        for _ in range(_LOOKAHEAD_DAYS):
            opening = datetime.combine(day, time(self.start), EASTERN)
            if opening >= now and self._working_day(day):
                return opening
            day += timedelta(days=1)
        raise RuntimeError(f"no working day within {_LOOKAHEAD_DAYS} days of {now}")

    @staticmethod
    def _working_day(day: date) -> bool:
        return day.weekday() < 5 and holiday_name(day) is None

    def describe(self) -> str:
        """'9 a.m. to 5 p.m. Eastern time, Monday to Friday'."""
        return f"{_hour(self.start)} to {_hour(self.end)} Eastern time, Monday to Friday"


def opening_phrase(opening: datetime) -> str:
    """'Friday, November 27 at 9 a.m. Eastern time'."""
    local = opening.astimezone(EASTERN)
    return f"{local:%A}, {local:%B} {local.day} at {_hour(local.hour)} Eastern time"


def _hour(hour: int) -> str:
    if hour in (0, 24):
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour} a.m." if hour < 12 else f"{hour - 12} p.m."
