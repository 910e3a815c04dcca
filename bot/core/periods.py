"""Periods for stats and the leaderboard, as people type them: 7d, 30d, week, month, all,
today, year, 2026-01-01 or 2026-01-01..2026-01-31 (and the Spanish words: hoy, ayer, semana,
mes, año, todo, 7 días). Days are the community's; a period's label is :class:`Text`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from bot.domain.errors import InvalidInput
from bot.domain.text import Text, t

MAX_DAYS = 3660
_LAST = re.compile(r"^(\d{1,4})\s*d(?:ays?|[ií]as?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD_CHOICES = t("7d, 30d, week, month, year, all, today, or 2026-01-01..2026-01-31")
PERIOD_HELP = PERIOD_CHOICES.english()  # an option's description (English, as commands are)
PERIOD_WORDS = ("7d", "30d", "week", "month", "year", "all", "today")
SPANISH_WORDS = ("7d", "30d", "semana", "mes", "año", "todo", "hoy")  # offered to Spanish readers


@dataclass(frozen=True, slots=True)
class Period:
    """Days from ``first`` to ``last`` (both included); None means unbounded on that side."""

    first: date | None
    last: date | None
    label: Text | str  # "this month", or a day as typed (2026-01-06) in every language

    @property
    def bounded(self) -> bool:
        return self.first is not None and self.last is not None

    def days(self, earliest: date, today: date) -> list[date]:
        """Every day of the period, an open start taken as ``earliest``, an open end as today."""
        start = self.first or earliest
        end = self.last or today
        return [start + timedelta(days=i) for i in range((end - start).days + 1)]


ALL = Period(None, None, t("all time"))
# The words for each period, in English and in Spanish (a dict lookup: linear in the text).
_ALL = frozenset(("", "all", "all time", "alltime", "ever", "todo", "siempre"))
_WORDS = {
    "today": "today",
    "hoy": "today",
    "yesterday": "yesterday",
    "ayer": "yesterday",
    "week": "week",
    "semana": "week",
    "month": "month",
    "mes": "month",
    "year": "year",
    "año": "year",
}


def period_words(language: str) -> tuple[str, ...]:
    """The period words to offer a reader (each is accepted in every language)."""
    return SPANISH_WORDS if language == "es" else PERIOD_WORDS


def parse_period(text: str, today: date) -> Period:
    """Read a period; anything else raises InvalidInput saying what works."""
    word = " ".join(text.strip().lower().split())
    if word in _ALL:
        return ALL
    named = _WORDS.get(word)
    if named == "today":
        return Period(today, today, t("today"))
    if named == "yesterday":
        day = today - timedelta(days=1)
        return Period(day, day, t("yesterday"))
    if named == "week":
        return Period(today - timedelta(days=today.weekday()), today, t("this week"))
    if named == "month":
        return Period(today.replace(day=1), today, t("this month"))
    if named == "year":
        return Period(today.replace(month=1, day=1), today, t("this year"))
    match = _LAST.match(word)
    if match:
        count = int(match[1])
        if not 1 <= count <= MAX_DAYS:
            raise InvalidInput(
                t("Choose between 1 and {most} days, like 7d or 30d.", most=MAX_DAYS)
            )
        label = t("today") if count == 1 else t("the last {n} days", n=count)
        return Period(today - timedelta(days=count - 1), today, label)
    if ".." in word:
        start_text, _, end_text = word.partition("..")
        first, last = _day(start_text.strip(), text), _day(end_text.strip(), text)
        if last < first:
            raise InvalidInput(
                t(
                    "The period ends ({last}) before it starts ({first}).",
                    last=last.isoformat(),
                    first=first.isoformat(),
                )
            )
        if (last - first).days >= MAX_DAYS:
            raise InvalidInput(t("A period can be at most {most} days long.", most=MAX_DAYS))
        return Period(first, last, span_label(first, last))
    if _DAY.match(word):
        day = _day(word, text)
        return Period(day, day, day.isoformat())
    raise InvalidInput(
        t(
            "'{typed}' is not a period I know. Use {choices}.",
            typed=_shown(text),
            choices=PERIOD_CHOICES,
        )
    )


def span_label(first: date, last: date) -> Text:
    """'2026-01-01 to 2026-01-31' (days as typed, ISO, in every language)."""
    return t("{first} to {last}", first=first.isoformat(), last=last.isoformat())


def _day(word: str, text: str) -> date:
    if not _DAY.match(word):
        raise InvalidInput(
            t(
                "'{typed}' is not a period I know: write days as YYYY-MM-DD, like "
                "2026-01-01..2026-01-31.",
                typed=_shown(text),
            )
        )
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise InvalidInput(t("{day} is not a real date.", day=word)) from None


def _shown(text: str) -> str:
    """The first 40 printable characters typed (not a walk through all of a long text)."""
    return "".join(islice((ch for ch in text.strip() if ch.isprintable()), 40))
