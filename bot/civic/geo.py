"""States, territories and other postal areas, and a little text and distance arithmetic."""

from __future__ import annotations

import math
import re
import unicodedata

from bot.domain.text import Text, t

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

# Represented in the House by one delegate (PR: the resident commissioner); no senators.
TERRITORIES: dict[str, str] = {
    "DC": "the District of Columbia", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "the U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "the Northern Mariana Islands",
}  # fmt: skip

# Postal areas with USPS ZIPs but no seat in Congress.
MILITARY = frozenset({"AA", "AE", "AP"})
FREELY_ASSOCIATED: dict[str, str] = {
    "FM": "the Federated States of Micronesia", "MH": "the Marshall Islands", "PW": "Palau",
}  # fmt: skip

REPRESENTED = frozenset(STATES) | frozenset(TERRITORIES)
CAPITOL_SWITCHBOARD = "(202) 224-3121"
_EARTH_RADIUS_MILES = 3958.8
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def place_name(state: str) -> str:
    """'Vermont', 'the District of Columbia', or the code itself when unknown."""
    return STATES.get(state) or TERRITORIES.get(state) or FREELY_ASSOCIATED.get(state) or state


# The names another language says differently (the catalog refuses words equal to English's,
# so a name every language spells alike, like Texas, is not a message).
_TRANSLATED: dict[str, Text] = {
    "HI": t("Hawaii"), "LA": t("Louisiana"), "MS": t("Mississippi"), "MO": t("Missouri"),
    "NH": t("New Hampshire"), "NJ": t("New Jersey"), "OR": t("Oregon"),
    "NM": t("New Mexico"), "NY": t("New York"), "NC": t("North Carolina"),
    "ND": t("North Dakota"), "PA": t("Pennsylvania"), "SC": t("South Carolina"),
    "SD": t("South Dakota"), "WV": t("West Virginia"), "DC": t("the District of Columbia"),
    "VI": t("the U.S. Virgin Islands"), "AS": t("American Samoa"),
    "MP": t("the Northern Mariana Islands"), "FM": t("the Federated States of Micronesia"),
    "MH": t("the Marshall Islands"), "PW": t("Palau"),
}  # fmt: skip


def place_text(state: str) -> Text | str:
    """:func:`place_name` in the reader's language, as a value of a Text: the one table of
    state and territory names by USPS code, for anything a reader sees."""
    return _TRANSLATED.get(state) or place_name(state)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive search form: 'José-Luis' -> 'jose luis'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub(" ", bare.casefold()).strip()


def format_phone(raw: str | None) -> str | None:
    """'202-224-3441' -> '(202) 224-3441'; other shapes are returned stripped, blanks as None."""
    if not raw or not raw.strip():
        return None
    digits = "".join(ch for ch in raw if ch in "0123456789")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return raw.strip()


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))
