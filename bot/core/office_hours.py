"""When Washington offices answer the phone: weekdays, within hours set in Eastern time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Open from ``start`` to ``end`` o'clock Eastern time, Monday to Friday."""

    start: int = 9
    end: int = 17

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= 24:
            raise ValueError(f"office hours {self.start}-{self.end} are not a range within a day")

    def is_open(self, now: datetime) -> bool:
        """Whether DC offices are open at ``now`` (an aware datetime, any zone)."""
        local = now.astimezone(EASTERN)
        return local.weekday() < 5 and self.start <= local.hour < self.end

    def describe(self) -> str:
        """'9 a.m. to 5 p.m. Eastern time, Monday to Friday'."""
        return f"{_hour(self.start)} to {_hour(self.end)} Eastern time, Monday to Friday"


def _hour(hour: int) -> str:
    if hour in (0, 24):
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour} a.m." if hour < 12 else f"{hour - 12} p.m."
