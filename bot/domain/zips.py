"""Parse what a person typed as a US ZIP code. Pure: no I/O, no knowledge of which ZIPs exist.

Only the ASCII digits 0-9 count; ZIP+4 ("02134-1234") is reduced to its first five digits.
Error sentences never echo the raw input (it could hold mentions or markup), only digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.errors import InvalidZip
from bot.domain.text import Text, t

_MAX_INPUT = 40
_DIGITS = frozenset("0123456789")
_ZIP5 = re.compile(r"[0-9]{5}")
_ZIP9 = re.compile(r"([0-9]{5})-[0-9]{4}")


@dataclass(frozen=True, slots=True)
class ParsedZip:
    """A well-formed five-digit ZIP; ``note`` says how the input was adjusted, if it was."""

    zip5: str
    note: Text | None = None


def parse_zip(text: str) -> ParsedZip:
    """Return the five-digit ZIP in ``text`` or raise :class:`InvalidZip` with one sentence."""
    if not isinstance(text, str):
        raise InvalidZip(t("Please type a ZIP code, like 02134."))
    value = text.strip()
    if not value:
        raise InvalidZip(t("Please type a ZIP code, like 02134."))
    if len(value) > _MAX_INPUT:
        raise InvalidZip(t("That is too long for a ZIP code; a ZIP code has 5 digits, like 02134."))
    if _ZIP5.fullmatch(value):
        return _checked(value, None)
    match = _ZIP9.fullmatch(value)
    if match:
        zip5 = match.group(1)
        return _checked(zip5, t("Using {zip5} (the first five digits of your ZIP+4).", zip5=zip5))
    raise InvalidZip(_explain(value))


def _checked(zip5: str, note: Text | None) -> ParsedZip:
    if zip5 == "00000":
        raise InvalidZip(t("00000 is not a real ZIP code; please check yours and try again."))
    return ParsedZip(zip5, note)


def _explain(value: str) -> Text:
    """The most helpful sentence for a value that is not a ZIP or ZIP+4."""
    if any(ch.isdigit() and ch not in _DIGITS for ch in value):
        return t("Please type the ZIP code with the digits 0-9, like 02134.")
    if any(ch not in _DIGITS for ch in value.replace("-", "", 1)):
        return t("A ZIP code has only digits, like 02134.")
    digits = value.replace("-", "", 1)
    if len(digits) == 9:
        return t("For a ZIP+4, please put a dash after the first five digits, like 02134-1234.")
    if len(digits) == 4:
        return t(
            "A ZIP code has 5 digits and {digits} has 4; if it starts with 0, try 0{digits}.",
            digits=digits,
        )
    if len(digits) < 5:
        return t("A ZIP code has 5 digits, like 02134; that one is too short.")
    return t("A ZIP code has 5 digits, like 02134; that one is too long.")
