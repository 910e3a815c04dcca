"""The days federal offices in Washington close, from the ``holidays`` package.

Two of its calendars, both as the package publishes them:

- the US *government* calendar: the federal holidays of 5 U.S.C. 6103 as observed (a Saturday
  holiday on the Friday before, a Sunday one on the Monday after, so New Year's Day on a
  Saturday is observed on December 31 of the year before; Juneteenth from 2021), plus the
  one-off closures ordered by the President, such as the national day of mourning for President
  Carter (9 January 2025);
- Inauguration Day from the District of Columbia's public calendar: a holiday for federal
  offices in the Washington area (5 U.S.C. 6103(c)). The rest of DC's own calendar
  (Emancipation Day) is the city's, and federal offices stay open.

The financial (NYSE) calendar is not used: the exchange closes on Good Friday and opens on
Columbus and Veterans Day, unlike federal offices. A day's name is the package's: the actual day
of a weekend holiday is named too ("Independence Day"), and the weekday it is observed on says
so ("Independence Day (observed)"). Announced half-day closings count as closed all day.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
from holidays.constants import GOVERNMENT, PUBLIC

from bot.domain.text import Text, t

LANGUAGE = "en_US"  # the names callers show ("closed today for Thanksgiving Day")
INAUGURATION_DAY = "Inauguration Day"  # the package's name, "(observed)" added on a Monday
WASHINGTON = "DC"
OBSERVED = " (observed)"
AND = " and "
NAMES = {  # the package's English names (it has no Spanish for the US), in the reader's words
    "New Year's Day": t("New Year's Day"),
    "Birthday of Martin Luther King, Jr.": t("Birthday of Martin Luther King, Jr."),
    "Inauguration Day": t("Inauguration Day"),
    "Washington's Birthday": t("Washington's Birthday"),
    "Memorial Day": t("Memorial Day"),
    "Juneteenth National Independence Day": t("Juneteenth National Independence Day"),
    "Independence Day": t("Independence Day"),
    "Labor Day": t("Labor Day"),
    "Columbus Day": t("Columbus Day"),
    "Veterans Day": t("Veterans Day"),
    "Thanksgiving Day": t("Thanksgiving Day"),
    "Christmas Eve": t("Christmas Eve"),
    "Christmas Day": t("Christmas Day"),
    "Day After Christmas": t("Day After Christmas"),
}


def holiday_name(day: date) -> str | None:
    """Why federal offices are closed on ``day`` ("Thanksgiving Day"; two names on one day are
    joined with "and"), or None on an ordinary day."""
    return observed_holidays(day.year).get(day)


@lru_cache(maxsize=16)
def observed_holidays(year: int) -> dict[date, str]:
    """Every day of calendar ``year`` federal offices in Washington close, with its name."""
    federal = holidays.US(years=year, categories=GOVERNMENT, language=LANGUAGE)
    district = holidays.US(years=year, subdiv=WASHINGTON, categories=PUBLIC, language=LANGUAGE)
    names: dict[date, list[str]] = {}
    for day in district.get_named(INAUGURATION_DAY, lookup="startswith"):
        names[day] = [n for n in district.get_list(day) if n.startswith(INAUGURATION_DAY)]
    for day in federal:
        names.setdefault(day, []).extend(federal.get_list(day))
    return {day: " and ".join(names[day]) for day in sorted(names) if day.year == year}


def holiday_words(name: str) -> Text | str:
    """A name :func:`holiday_name` gave, in the reader's words: each known holiday translated,
    '(observed)' and 'and' too; a closing the list does not know (a day of mourning) stays as
    the package names it."""
    said = [_one(part) for part in name.split(AND)]
    if len(said) == 1:
        return said[0]
    return t("{items} and {last}", items=said[0], last=said[1]) if len(said) == 2 else name


def _one(part: str) -> Text | str:
    base = part.removesuffix(OBSERVED)
    known = NAMES.get(base)
    if known is None:
        return part
    return t("{holiday} (observed)", holiday=known) if base != part else known
