"""When something recurs: daily at a time, on weekdays, on chosen days, or a cron expression.

Fire times are computed on local wall-clock time in a named zone, so daylight-saving changes
never double or drop a fire:

- a local time that does not exist (spring forward: 02:30 on the change day) fires once, at the
  same offset as before the change, which the new clock shows as 03:30;
- a local time that happens twice (fall back: 01:30) fires once, at its first occurrence.

(APScheduler 3.11's CronTrigger fires twice in the repeated hour and reads crontab day numbers as
Monday = 0, so the engine computes fire times here and uses APScheduler only to wake up.)

Text a person types (``/schedule add``'s *when*) looks like::

    weekdays 09:00            daily at 9am           mon,wed,fri 17:30
    tue-thu at 12:15          cron 0 9 * * 1-5       weekdays 09:00 America/Chicago
    daily 08:30 from 2026-02-01 until 2026-03-31     12:00 (a time alone: days not named)
    weekdays 09:00 until never (no end date)

Every word of a *when* has a shape no channel name has (:func:`is_when_word`), which is how a
command line tells the channel from the when without quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.errors import InvalidInput
from bot.domain.text import Text, t

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Python's weekday() order
DAY_WORDS = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{
        full: i
        for i, full in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEARCH_DAYS = 366 * 8 + 2  # long enough to find a 29 February on a chosen weekday
TIME_HELP = t("Write a time like 09:00, 9:30am or 17:45.")
WHEN_HELP = t(
    "Say when like: weekdays 09:00, daily at 9am, mon,wed,fri 17:30, or cron 0 9 * * 1-5 "
    "(optionally followed by a time zone like America/Chicago)."
)
BLANK = t("(blank)")
WHEN_ASKED = t("When should it post? {help}", help=WHEN_HELP)
ZONE_MAX = 40  # the longest IANA name, America/Argentina/ComodRivadavia, has 32 characters
# What an IANA name looks like: letters, digits, '_', '+' and '-', in at most four parts.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+){0,3}")
CRON_DIGITS = 4  # more digits than any cron field's value or step has (leading zeros aside)
# \s*+ keeps the blanks it took (am/pm starts with none), so a long wrong time fails at once.
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*+(am|pm|a\.m\.|p\.m\.)?$")
_ZONE = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+$")
_DATE_START = re.compile(r"^\d")
ENDS_BEFORE_START = t("The schedule would end before it starts: check the dates.")
# A cron field as its mistakes name it (the field's own words: crontab's order).
CRON_FIELDS = {
    "minute": t("The cron minute field"),
    "hour": t("The cron hour field"),
    "day-of-month": t("The cron day-of-month field"),
    "month": t("The cron month field"),
    "weekday": t("The cron weekday field"),
}
CRON_RANGES = {
    "minute": t("The cron minute range"),
    "hour": t("The cron hour range"),
    "day-of-month": t("The cron day-of-month range"),
    "month": t("The cron month range"),
    "weekday": t("The cron weekday range"),
}
_CRON_WORD = re.compile(r"^[0-9*,/-]+$")  # cron fields, dates, bare hours
NO_END = ("never", "none", "forever")
_LITTLE_WORDS = frozenset(
    {"at", "every", "each", "on", "and", ",", "from", "starting", "until", "till", "to"}
    | {"ending", "cron", "noon", "midnight", "am", "pm", "a.m.", "p.m.", "utc", "gmt"}
    | {"day", "everyday", *NO_END}
)


def parse_time(text: str) -> time:
    """'9', '09:00', '9:30am', '5pm', '17:45', 'noon' -> a time; anything else is InvalidInput."""
    cleaned = text.strip().lower()
    if cleaned == "noon":
        return time(12, 0)
    if cleaned == "midnight":
        return time(0, 0)
    match = _TIME.match(cleaned)
    shown = text.strip()[:30] or BLANK
    if match is None:
        raise InvalidInput(
            t("'{time}' is not a time I understand. {help}", time=shown, help=TIME_HELP)
        )
    hour, minute = int(match[1]), int(match[2] or 0)
    meridiem = (match[3] or "").replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise InvalidInput(
                t("'{time}' is not a time: with am/pm the hour is 1 to 12.", time=shown)
            )
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidInput(t("'{time}' is not a time: hours go 0-23 and minutes 0-59.", time=shown))
    return time(hour, minute)


def check_zone(name: str) -> ZoneInfo:
    """The IANA zone, or InvalidInput with an example of a good name."""
    cleaned = name.strip()
    try:
        # ZoneInfo imports a package per '.' or '/' of a name it looks up in tzdata (a long
        # name exhausted the recursion limit), so the shape is checked first; a folder
        # ('America') is an OSError.
        if len(cleaned) > ZONE_MAX or not _ZONE_NAME.fullmatch(cleaned):
            raise ValueError(cleaned)
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(
            t(
                "'{zone}' is not a time zone I know. Use a name like America/Chicago.",
                zone=cleaned[:60],
            )
        ) from None


# -- cron ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CronSpec:
    """A five-field cron expression: minute hour day-of-month month day-of-week.

    Day-of-week follows crontab: 0 or 7 is Sunday, 1 is Monday. As in cron, when both the day of
    the month and the day of the week are restricted, a day matching either one fires.
    """

    text: str
    minutes: frozenset[int]
    hours: frozenset[int]
    monthdays: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # Python weekday(): Monday = 0
    monthday_any: bool
    weekday_any: bool

    @classmethod
    def parse(cls, text: str) -> CronSpec:
        fields = text.split()
        if len(fields) != 5:
            raise InvalidInput(
                t(
                    "A cron expression has 5 fields (minute hour day month weekday), like "
                    "'0 9 * * 1-5'; '{cron}' has {count}.",
                    cron=text.strip()[:60],
                    count=len(fields),
                )
            )
        minute, hour, monthday, month, weekday = fields
        cron_days = _field(weekday, "weekday", 0, 7, _names(("sun", *DAY_NAMES[:6])))
        return cls(
            text=" ".join(fields),
            minutes=_field(minute, "minute", 0, 59),
            hours=_field(hour, "hour", 0, 23),
            monthdays=_field(monthday, "day-of-month", 1, 31),
            months=_field(month, "month", 1, 12, _names(MONTH_NAMES, first=1)),
            weekdays=frozenset((d - 1) % 7 for d in cron_days),
            monthday_any=monthday.startswith("*"),
            weekday_any=weekday.startswith("*"),
        )

    def matches(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        by_monthday = day.day in self.monthdays
        by_weekday = day.weekday() in self.weekdays
        if self.monthday_any or self.weekday_any:
            return by_monthday and by_weekday
        return by_monthday or by_weekday

    def times(self) -> list[time]:
        return [time(h, m) for h in sorted(self.hours) for m in sorted(self.minutes)]


def _names(names: tuple[str, ...], first: int = 0) -> dict[str, int]:
    return {name: i + first for i, name in enumerate(names)}


def _field(
    text: str, name: str, low: int, high: int, names: dict[str, int] | None = None
) -> frozenset[int]:
    """One cron field: '*', '5', '1-5', '*/15', '1-5/2', 'mon-fri', or a comma list of those."""
    values: set[int] = set()
    for part in text.lower().split(","):
        base, _, step_text = part.partition("/")
        step = 1
        if step_text:
            if not step_text.isdecimal() or not step_text.strip("0"):
                raise InvalidInput(
                    t("{field} has a bad step '/{step}'.", field=_named(name), step=step_text[:10])
                )
            # a step longer than the field takes only the first value, as a huge one would
            step = int(step_text) if len(step_text.lstrip("0")) <= CRON_DIGITS else high + 1
        if base == "*":
            start, end = low, high
        elif "-" in base:
            left, _, right = base.partition("-")
            start, end = _value(left, name, low, high, names), _value(right, name, low, high, names)
            if start > end:
                raise InvalidInput(
                    t("{range} '{text}' runs backwards.", range=CRON_RANGES[name], text=base[:20])
                )
        else:
            start = _value(base, name, low, high, names)
            end = high if step_text else start
        values.update(range(start, end + 1, step))
    return frozenset(values)


def _value(text: str, name: str, low: int, high: int, names: dict[str, int] | None) -> int:
    if names and text in names:
        return names[text]
    if not text.isdecimal():  # not isdigit: '²' is a digit int() cannot read
        raise InvalidInput(
            t("{field} has '{value}', not a number.", field=_named(name), value=text[:20] or BLANK)
        )
    value = int(text) if len(text.lstrip("0")) <= CRON_DIGITS else None
    if value is None or not low <= value <= high:
        shown = text[:20] if value is None else value
        raise InvalidInput(
            t(
                "{field} must be between {low} and {high}, not {value}.",
                field=_named(name),
                low=low,
                high=high,
                value=shown,
            )
        )
    return value


def _named(field: str) -> Text:
    return CRON_FIELDS[field]


# -- recurrences ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurrence; ``text`` is its canonical form, which :func:`parse_recurrence` reads back."""

    text: str
    cron: CronSpec
    summary: str  # "every weekday at 09:00"

    def fires_on(self, day: date) -> list[time]:
        """The local wall-clock times it fires on ``day``."""
        return self.cron.times() if self.cron.matches(day) else []

    def slots(self, day: date, zone: ZoneInfo) -> list[datetime]:
        """The UTC instants it fires on local ``day`` (see the module doc for DST rules)."""
        found = {_instant(day, at, zone) for at in self.fires_on(day)}
        return sorted(found)

    def between(self, after: datetime, until: datetime, zone: ZoneInfo) -> Iterator[datetime]:
        """Fire times in (after, until], in order."""
        day = after.astimezone(zone).date() - timedelta(days=1)
        last = until.astimezone(zone).date() + timedelta(days=1)
        seen: set[datetime] = set()
        while day <= last:
            for slot in self.slots(day, zone):
                if after < slot <= until and slot not in seen:
                    seen.add(slot)
                    yield slot
            day += timedelta(days=1)

    def next_after(
        self, after: datetime, zone: ZoneInfo, limit_days: int = SEARCH_DAYS
    ) -> datetime | None:
        """The first fire time strictly after ``after``, or None if there is none in reach."""
        day = after.astimezone(zone).date() - timedelta(days=1)
        for _ in range(limit_days + 2):
            later = [slot for slot in self.slots(day, zone) if slot > after]
            if later:
                return later[0]
            day += timedelta(days=1)
        return None


def _instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """Local ``day`` ``at`` as UTC: fold 0 is the first of a repeated time and, for a time
    skipped by a spring-forward change, the offset before the change."""
    return datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(UTC)


def daily(at: time) -> Recurrence:
    return _days_recurrence(frozenset(range(7)), at)


def _days_recurrence(days: frozenset[int], at: time) -> Recurrence:
    hhmm = at.strftime("%H:%M")
    if days == frozenset(range(7)):
        head, summary = "daily", f"every day at {hhmm}"
    elif days == frozenset(range(5)):
        head, summary = "weekdays", f"every weekday at {hhmm}"
    elif days == frozenset({5, 6}):
        head, summary = "weekends", f"Saturdays and Sundays at {hhmm}"
    else:
        ordered = sorted(days)
        head = ",".join(DAY_NAMES[d] for d in ordered)
        summary = f"{_day_list(ordered)} at {hhmm}"
    cron_days = ",".join(str((d + 1) % 7) for d in sorted(days))
    cron = CronSpec.parse(f"{at.minute} {at.hour} * * {cron_days}")
    return Recurrence(text=f"{head} at {hhmm}", cron=cron, summary=summary)


def _day_list(days: list[int]) -> str:
    names = [DAY_NAMES[d].capitalize() for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def cron(text: str) -> Recurrence:
    spec = CronSpec.parse(text)
    recurrence = Recurrence(text=f"cron {spec.text}", cron=spec, summary=f"cron '{spec.text}'")
    if recurrence.next_after(datetime(2000, 1, 1, tzinfo=UTC), ZoneInfo("UTC")) is None:
        raise InvalidInput(
            t("The cron expression '{cron}' never fires (check the day).", cron=spec.text)
        )
    return recurrence


def on_days_of(old: Recurrence, at: time) -> Recurrence:
    """``old``'s days at ``at``: the same chosen days, or a cron expression's day, month and
    weekday fields with the new minute and hour."""
    if old.text.startswith("cron "):
        return cron(" ".join([str(at.minute), str(at.hour), *old.cron.text.split()[2:]]))
    return _days_recurrence(old.cron.weekdays, at)


@dataclass(frozen=True, slots=True)
class When:
    """What a person typed for a schedule: the recurrence, and optionally a zone and dates.

    ``at`` is the time written (None for cron); ``days_named`` says whether days (or a cron
    expression) were written or only a time; ``ends_never`` is 'until never'."""

    recurrence: Recurrence
    zone: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    at: time | None = None
    days_named: bool = True
    ends_never: bool = False


def parse_recurrence(text: str) -> Recurrence:
    """A recurrence alone (the canonical text stored in the database reads back through here)."""
    when = parse_when(text)
    if when.zone or when.starts_on or when.ends_on:
        raise InvalidInput(WHEN_HELP)
    return when.recurrence


def parse_when(text: str) -> When:
    """Parse the *when* of ``/schedule add``; every mistake is an InvalidInput sentence."""
    words = text.replace(",", " , ").split()
    if not words:
        raise InvalidInput(WHEN_ASKED)
    words, zone, starts_on, ends_on, ends_never = _take_extras(words)
    if words and words[0].lower() == "cron":
        recurrence = cron(" ".join(words[1:]).replace(" , ", ","))
        return When(recurrence, zone, starts_on, ends_on, ends_never=ends_never)
    lowered = [w.lower() for w in words if w.lower() not in ("at", "every", "on", "and", ",")]
    if not lowered:
        raise InvalidInput(WHEN_ASKED)
    *day_words, time_word = lowered
    if _is_day_word(time_word):
        raise InvalidInput(
            t("At what time? Add one, like '{words} 09:00'.", words=" ".join(lowered))
        )
    if len(lowered) >= 2 and lowered[-1] in ("am", "pm", "a.m.", "p.m."):
        *day_words, hour_word, meridiem = lowered
        time_word = hour_word + meridiem
    at = parse_time(time_word)
    days = _parse_days(day_words)
    recurrence = _days_recurrence(days, at)
    return When(recurrence, zone, starts_on, ends_on, at, bool(day_words), ends_never)


def _take_extras(
    words: list[str],
) -> tuple[list[str], str | None, date | None, date | None, bool]:
    """Pull a trailing time zone, 'from DATE' / 'until DATE' and 'until never' out of the
    words."""
    kept: list[str] = []
    zone: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    ends_never = False
    i = 0
    while i < len(words):
        word, lowered = words[i], words[i].lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        ending = lowered in ("until", "till", "to", "ending")
        if ending and following in NO_END:
            ends_never = True
            i += 2
            continue
        dated = _DATE_START.match(following)
        if lowered in ("from", "starting", "until", "till", "to", "ending") and dated:
            day = _parse_day(words[i + 1])
            if lowered in ("from", "starting"):
                starts_on = day
            else:
                ends_on = day
            i += 2
            continue
        if _ZONE.match(word) or lowered in ("utc", "gmt"):
            check_zone("UTC" if lowered in ("utc", "gmt") else word)
            zone = "UTC" if lowered in ("utc", "gmt") else word
            i += 1
            continue
        kept.append(word)
        i += 1
    if ends_never and ends_on:
        raise InvalidInput(t("Give one end: a date (until 2026-03-31) or until never."))
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(ENDS_BEFORE_START)
    return kept, zone, starts_on, ends_on, ends_never


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            t("'{date}' is not a date. Write dates like 2026-03-31.", date=text[:20])
        ) from None


def _parse_days(words: list[str]) -> frozenset[int]:
    if not words or words in (["daily"], ["day"], ["everyday"], ["each", "day"]):
        return frozenset(range(7))
    if words in (["weekdays"], ["weekday"]):
        return frozenset(range(5))
    if words in (["weekends"], ["weekend"]):
        return frozenset({5, 6})
    days: set[int] = set()
    for word in words:
        for part in word.split(","):
            if not part:
                continue
            start, sep, end = part.partition("-")
            if sep:
                first, last = _day(start), _day(end)
                span = (
                    range(first, last + 1)
                    if first <= last
                    else [*range(first, 7), *range(last + 1)]
                )
                days.update(span)
            else:
                days.add(_day(part))
    return frozenset(days)


def is_time_word(word: str) -> bool:
    """Shaped like a time: 9, 09:30, 8am, 9:75 (wrong, but a time), noon, midnight."""
    lowered = word.lower()
    return lowered in ("noon", "midnight") or _TIME.match(lowered) is not None


def is_zone_word(word: str) -> bool:
    """Shaped like a time zone name: America/Chicago, UTC."""
    return _ZONE.match(word) is not None or word.lower() in ("utc", "gmt")


def is_days_word(word: str) -> bool:
    """A word about days: every, day, daily, weekdays, mon-fri, tuesday, ..."""
    return word.lower() in ("every", "each", "day", "everyday") or _is_day_word(word)


def is_when_word(word: str) -> bool:
    """Whether ``word`` has the shape of part of a *when*: a time (even a wrong one like 9:75),
    days (weekdays, mon-fri), a time zone, a date or cron field, or one of the small words (at,
    from, until, ...). No channel is read from such a word; a channel named like one is written
    with its '#' (#daily)."""
    lowered = word.lower()
    if lowered in _LITTLE_WORDS or _TIME.match(lowered) or _ZONE.match(word):
        return True
    if _CRON_WORD.match(lowered):
        return not (lowered.isdigit() and len(lowered) > 4)  # a long number is a channel id
    if lowered in ("daily", "weekdays", "weekday", "weekends", "weekend"):
        return True
    parts = [p for p in re.split(r"[-,]", lowered) if p]  # mon-fri, tue,thu: days only
    return bool(parts) and all(_day_or_none(p)[0] for p in parts)


def _is_day_word(word: str) -> bool:
    plain = word.lower()
    first = plain.split("-")[0].split(",")[0]
    return (
        plain in ("daily", "weekdays", "weekends", "weekday", "weekend") or _day_or_none(first)[0]
    )


def _day_or_none(word: str) -> tuple[bool, int]:
    lowered = word.strip().lower()
    for candidate in (lowered, lowered.removesuffix("s")):
        if candidate in DAY_WORDS:
            return True, DAY_WORDS[candidate]
    return False, -1


def _day(word: str) -> int:
    known, found = _day_or_none(word)
    if not known:
        raise InvalidInput(t("'{day}' is not a day I know. {help}", day=word[:20], help=WHEN_HELP))
    return found
