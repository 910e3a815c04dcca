"""When things happen, in a reader's words: a schedule's or a reminder's days and time ("every
weekday at 09:00" / "cada día entre semana a las 09:00") and a moment in a time zone ("Mon
2026-01-05 09:00 EST" / "lun 2026-01-05 09:00 EST"). Weekday names and times come from Babel;
the sentences around them from the catalog. :class:`Every` and :class:`At` carry a recurrence
and a moment as a message's values, so the core can say them without knowing the reader.
Times are shown on a 24-hour clock in every language, as the bot has always shown them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time, get_day_names

from bot.domain.recurrence import Recurrence
from bot.domain.text import t
from bot.i18n.translator import Translator

WEEKDAYS = frozenset(range(5))
EVERY_DAY = frozenset(range(7))
WEEKEND = frozenset({5, 6})


def clock_time(words: Translator, at: time) -> str:
    """'09:00' on a 24-hour clock."""
    return format_time(at, "HH:mm", locale=words.code)


def moment(words: Translator, when: datetime, zone: str) -> str:
    """'Mon 2026-01-05 09:00 EST' / 'lun 2026-01-05 09:00 EST': how fire times are shown."""
    shown = when.astimezone(ZoneInfo(zone))
    said = format_datetime(shown, "EEE yyyy-MM-dd HH:mm", locale=words.code)
    return f"{said} {shown.tzname() or zone}"


def days_and_time(words: Translator, days: frozenset[int], at: time) -> str:
    """'every weekday at 09:00', 'Mon and Thu at 17:30' (days: Monday = 0)."""
    hhmm = clock_time(words, at)
    if days == EVERY_DAY:
        return words.render(t("every day at {time}", time=hhmm))
    if days == WEEKDAYS:
        return words.render(t("every weekday at {time}", time=hhmm))
    if days == WEEKEND:
        return words.render(t("Saturdays and Sundays at {time}", time=hhmm))
    return words.render(t("{days} at {time}", days=day_list(words, days), time=hhmm))


def day_list(words: Translator, days: frozenset[int]) -> str:
    """'Mon', 'Mon and Fri', 'Mon, Wed and Fri' in the reader's words (Babel's short names)."""
    names = get_day_names("abbreviated", locale=words.code)
    said = [names[d] for d in sorted(days)]
    if len(said) == 1:
        return said[0]
    return words.render(t("{days} and {last}", days=", ".join(said[:-1]), last=said[-1]))


def recurrence(words: Translator, rule: Recurrence) -> str:
    """A recurrence in words; a cron expression is shown as typed."""
    if rule.text.startswith("cron "):
        return words.render(t("cron '{expression}'", expression=rule.cron.text))
    return days_and_time(words, rule.cron.weekdays, rule.cron.times()[0])


@dataclass(frozen=True, slots=True)
class Every:
    """A recurrence as a message's value: said in the reader's words."""

    rule: Recurrence

    def in_words(self, words: Translator) -> str:
        return recurrence(words, self.rule)

    def __str__(self) -> str:  # the English sentence (Text.english, logs)
        return self.rule.summary


@dataclass(frozen=True, slots=True)
class At:
    """A moment in a time zone as a message's value: 'Mon 2026-01-05 09:00 EST'."""

    when: datetime
    zone: str

    def in_words(self, words: Translator) -> str:
        return moment(words, self.when, self.zone)

    def __str__(self) -> str:
        shown = self.when.astimezone(ZoneInfo(self.zone))
        return shown.strftime("%a %Y-%m-%d %H:%M ") + (shown.tzname() or self.zone)
