"""Which Congress a date, a legislators file or a ZIP table belongs to.

A Congress begins at noon on 3 January of an odd year (the Twentieth Amendment) and lasts two
years: the 119th from 3 January 2025, the 120th from 3 January 2027. Dates are compared by day:
on 3 January the new Congress counts (its members are sworn in that day).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.domain.text import Text, t

_BASE_CONGRESS = 119
_BASE_YEAR = 2025


def congress_on(day: date) -> int:
    """The Congress sitting on ``day``: 2025-01-03..2027-01-02 is the 119th."""
    year = day.year if (day.month, day.day) >= (1, 3) else day.year - 1
    return _BASE_CONGRESS + (year - _BASE_YEAR) // 2


def congress_start(number: int) -> date:
    """The day the ``number``th Congress begins: 120 -> 2027-01-03."""
    return date(_BASE_YEAR + 2 * (number - _BASE_CONGRESS), 1, 3)


def congress_of_terms(starts: Iterable[str]) -> int | None:
    """The Congress of a legislators file: that of its latest current term's start date.

    Every House term begins with a Congress, so once the file lists the members sworn in on
    3 January 2027 it is the 120th's; a member sworn in later (a special election) does not
    move it. Dates that cannot be read are ignored; None when none can."""
    latest: int | None = None
    for text in starts:
        try:
            day = date.fromisoformat(text[:10])
        except (TypeError, ValueError):
            continue
        number = congress_on(day)
        latest = number if latest is None else max(latest, number)
    return latest


def ordinal(number: int) -> str:
    """119 -> '119th', 121 -> '121st', 112 -> '112th'."""
    return str(ordinal_text(number))


_SUFFIXES = {1: t("{n}st"), 2: t("{n}nd"), 3: t("{n}rd")}
_TH = t("{n}th")


def ordinal_text(number: int) -> Text:
    """119 -> '119th' (Spanish '119.º'), in the reader's language."""
    if 10 <= number % 100 <= 20:
        return _TH.with_values(n=number)
    return _SUFFIXES.get(number % 10, _TH).with_values(n=number)


# What /about, /reps and `orgbot data sync` say about the data's Congress (one phrase each).
SAME_CONGRESS = t("districts of the {zip} Congress")
MIXED_CONGRESS = t(
    "members of the {members} Congress, but ZIP codes are matched to the {zip} Congress's "
    "districts: where a state's lines changed, a ZIP's district is not certain"
)
UNKNOWN_ZIP_CONGRESS = t(
    "members of the {members} Congress; the ZIP table does not say which Congress's districts "
    "it describes (set ORGBOT_SOURCE_ZCCD_CONGRESS)"
)
UNKNOWN_CONGRESS = t("districts of an unstated Congress")


def districts_phrase(members: int | None, zip_table: int | None) -> str:
    """'districts of the 119th Congress', or what is mixed or unknown (English)."""
    return str(districts_text(members, zip_table))


def districts_text(members: int | None, zip_table: int | None) -> Text:
    """'districts of the 119th Congress', or what is mixed or unknown."""
    if zip_table is not None and (members is None or members == zip_table):
        return SAME_CONGRESS.with_values(zip=ordinal_text(zip_table))
    if members is None:
        return UNKNOWN_CONGRESS
    if zip_table is None:
        return UNKNOWN_ZIP_CONGRESS.with_values(members=ordinal_text(members))
    return MIXED_CONGRESS.with_values(members=ordinal_text(members), zip=ordinal_text(zip_table))
