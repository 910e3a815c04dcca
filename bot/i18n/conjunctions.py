"""Conjunctions that change with the word after them, where a message meets its values.

Spanish says "y" and "o", but "e" before the sound /i/ ("Ana e Isabel", "padres e hijos") and
"u" before the sound /o/ ("siete u ocho", "mujeres u hombres"). A message's words are fixed
("{items} y {last}"), so the translator writes them; the value after them is only known when
the message is rendered, so :meth:`bot.i18n.translator.Translator.render` asks
:func:`before_value` here at each seam "y {value}" / "o {value}".

Spelling tells the sound: "i", "í" are /i/ ("e Isabel", "e Iowa"), and so are "hi", "hí" except
before another vowel, where the i glides ("y hielo", "y hierba"); "o", "ó", "ho", "hó" are /o/.
Quotes and opening marks before the word are not said («Isabel»). Numbers in figures are read:
8, 80 to 89, 800... start with "ocho", and 11, 11 000, 11 000 000 with "once" ("7 u 8").
Linear in the value's length.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from typing import Any

# /i/ at the start of a word: i (Isabel, Iowa), or hi not gliding into a vowel (hijos; hielo)
_I_SOUND = re.compile(r"[ií]|h[ií](?![aeouáéóú])", re.IGNORECASE)
_O_SOUND = re.compile(r"h?[oó]", re.IGNORECASE)
_OPENING = "\"'«“‘¿¡(["  # marks a value may open with, not said: «Isabel» is still /i/
_FIGURES = re.compile(r"[0-9][0-9.,\u00a0\u202f ]*")
_GROUP_MARKS = ".,\u00a0\u202f "  # how figures are grouped in thousands, in either language

Seam = Callable[[str, str], str]


def spanish(conjunction: str, value: str) -> str:
    """The conjunction ('y', 'o', 'Y', 'O') to write before ``value``; any other word as is."""
    lowered = conjunction.lower()
    if lowered == "y" and _starts_with_i(value):
        return "E" if conjunction.isupper() else "e"
    if lowered == "o" and _starts_with_o(value):
        return "U" if conjunction.isupper() else "u"
    return conjunction


def _starts_with_i(value: str) -> bool:
    return _I_SOUND.match(value.lstrip(_OPENING)) is not None


def _starts_with_o(value: str) -> bool:
    value = value.lstrip(_OPENING)
    if _O_SOUND.match(value):
        return True
    figures = _FIGURES.match(value)
    if figures is None:
        return False
    whole = figures.group().strip()
    last = max(whole.rfind(","), whole.rfind("."))
    if last >= 0 and len(whole) - last - 1 != 3:  # a decimal part (8,5): read after the rest
        whole = whole[:last]
    digits = "".join(c for c in whole if c not in _GROUP_MARKS)
    return digits.startswith("8") or (digits.startswith("11") and len(digits) % 3 == 2)


# The languages whose conjunctions change, by language code.
SEAMS: dict[str, Seam] = {"es": spanish}
# the conjunction, its space and any opening marks just before a value: "o {x}", "y «{x}"
_BEFORE = re.compile(r"(?:^|(?<=\s))([yYoO])\s[\"'«“‘¿¡(\[]*$")


def before_value(language: str, literal: str, value: str) -> str:
    """``literal`` (a message's text up to a value) with its last word, if a conjunction that
    changes, written for ``value``."""
    seam = SEAMS.get(language)
    if seam is None:
        return literal
    found = _BEFORE.search(literal)
    if found is None:
        return literal
    said = seam(found.group(1), value)
    return literal[: found.start(1)] + said + literal[found.end(1) :]


_FORMATTER = string.Formatter()
_AT_A_SEAM = re.compile(r"(?:^|\s)[yYoO]\s[\"'«“‘¿¡(\[]*\{")  # a conjunction before a value


def fill(language: str, message: str, values: Mapping[str, Any]) -> str:
    """``message.format(**values)``, each changing conjunction before a value written for it."""
    if language not in SEAMS or _AT_A_SEAM.search(message) is None:
        return message.format(**values)
    parts: list[str] = []
    for literal, field, spec, conversion in _FORMATTER.parse(message):
        if field is None:
            parts.append(literal)
            continue
        value, _ = _FORMATTER.get_field(field, (), values)
        shown = _FORMATTER.format_field(_FORMATTER.convert_field(value, conversion), spec or "")
        parts += [before_value(language, literal, shown), shown]
    return "".join(parts)
