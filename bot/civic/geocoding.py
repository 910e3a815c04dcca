"""Reading the U.S. Census Bureau geocoder's answer: which congressional district an address is in.

The geocoder's ``geographies/onelineaddress`` endpoint answers ``{"result": {"input": ...,
"addressMatches": [...]}}``; each match carries ``geographies``, whose congressional district
layer is named after its Congress ("119th Congressional Districts"), so any key containing
"Congressional District" is read. A district entry has ``STATE`` (the state's FIPS code), a
``CD119``-style code ("07"; "00" for an at-large seat, "98" for a delegate's, "ZZ" where no
district is defined, such as water), ``BASENAME`` and ``GEOID`` (state FIPS + code).
No match is an empty ``addressMatches``; a refused request is HTTP 400 with ``{"errors": [...]}``.

Nothing here keeps, logs or repeats the address: errors carry no text of the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

LAYER_WORDS = "congressional district"
_CODE_KEY = re.compile(r"CD\d{3}")
_CONGRESS = re.compile(r"(\d{2,3})(?:st|nd|rd|th)\b")
AT_LARGE_CODES = frozenset({"00", "98"})  # an at-large seat; a delegate's (DC, territories)

# State and territory FIPS codes (ANSI INCITS 38) to postal abbreviations.
FIPS: dict[str, str] = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}  # fmt: skip


class GeocodeFailed(Exception):
    """The geocoder gave no district; subclasses say why. Never holds the address."""


class NoMatch(GeocodeFailed):
    """The geocoder found no such address (or one in no congressional district)."""


class Unplaced(NoMatch):
    """The address matched, but lies in no congressional district (water, "ZZ")."""


class Refused(GeocodeFailed):
    """The geocoder refused the request (HTTP 400 with ``errors``)."""


class OutOfService(GeocodeFailed):
    """The geocoder did not answer in time, answered with an error, or answered nonsense."""


@dataclass(frozen=True, slots=True)
class DistrictMatch:
    """Where the geocoder placed an address: a state and its district (0: at large)."""

    state: str  # postal abbreviation, "TX"
    district: int
    congress: int | None = None  # the Congress whose map the geocoder used, when it says


def layer_congress(layer: str) -> int | None:
    """The Congress a district layer's name gives: "119th Congressional Districts" -> 119."""
    found = _CONGRESS.search(layer)
    return int(found.group(1)) if found else None


def read_answer(payload: Any) -> DistrictMatch:
    """The district of the first address match in a decoded JSON answer.

    Raises NoMatch for an empty ``addressMatches`` or a match in no district, Refused for an
    ``errors`` answer, OutOfService for anything else that is not the documented shape.
    """
    if not isinstance(payload, dict):
        raise OutOfService("the answer is not a JSON object")
    if "errors" in payload:
        raise Refused("the geocoder refused the request")
    result = payload.get("result")
    matches = result.get("addressMatches") if isinstance(result, dict) else None
    if not isinstance(matches, list):
        raise OutOfService("the answer has no result.addressMatches")
    if not matches:
        raise NoMatch("no address matched")
    first = matches[0]
    geographies = first.get("geographies") if isinstance(first, dict) else None
    if not isinstance(geographies, dict):
        raise OutOfService("the match has no geographies")
    for key, entries in geographies.items():
        if LAYER_WORDS in str(key).lower() and isinstance(entries, list) and entries:
            return _district(str(key), entries[0])
    raise OutOfService("the match has no congressional district layer")


def _district(layer: str, entry: Any) -> DistrictMatch:
    if not isinstance(entry, dict):
        raise OutOfService("a district entry is not an object")
    state = FIPS.get(str(entry.get("STATE", "")).zfill(2))
    if state is None:
        raise OutOfService("a district entry names no known state")
    code = _code(entry)
    if code == "ZZ":
        raise Unplaced("the address is in no congressional district")
    number = 0 if code in AT_LARGE_CODES else _number(code)
    return DistrictMatch(state, number, _congress(layer, entry))


def _code(entry: dict[str, Any]) -> str:
    """The district code: the ``CDnnn`` field, else the GEOID after the state, else BASENAME."""
    for key, value in entry.items():
        if _CODE_KEY.fullmatch(str(key)) and isinstance(value, str | int):
            return str(value).strip().upper().zfill(2)
    geoid = str(entry.get("GEOID", ""))
    if len(geoid) == 4:
        return geoid[2:].upper()
    base = str(entry.get("BASENAME", "")).strip()
    return base.zfill(2) if base.isdecimal() else ("00" if "large" in base.lower() else "")


def _number(code: str) -> int:
    if not (code.isascii() and code.isdecimal()) or not 0 < int(code) < 98:
        raise OutOfService("a district entry has no usable district number")
    return int(code)


def _congress(layer: str, entry: dict[str, Any]) -> int | None:
    session = str(entry.get("CDSESSN", "")).strip()
    if session.isascii() and session.isdecimal():
        return int(session)
    return layer_congress(layer)
