"""Text that people type, made safe to keep and to show.

Three rules, all linear in the text (one character class each):

- ``unusable``: characters no command needs and no store takes whole: lone surrogates (SQLite
  and every JSON encoder refuse them), NUL and the other control characters (ESC, DEL, C1)
  that are not line breaks or tabs. The dispatcher refuses text holding them, for every host.
- ``one_line``: every kind of line break (``\\r\\n``, ``\\r``, vertical tab, form feed, the
  file/group/record separators, NEL, U+2028, U+2029) as a space, so a sentence quoting what
  someone typed stays one line.
- ``visible``: what a terminal or a log would obey rather than show (controls, ANSI escape
  sequences, bidi overrides and isolates, line and paragraph separators, lone surrogates),
  written as ``\\x1b`` or ``\\u202e`` instead.
"""

from __future__ import annotations

import re

_UNUSABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BIDI = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides and isolates (not LRM/RLM)
_SHOWN_RAW_NOT = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]")
_SHOWN_RAW_NOT_BUT_LINES = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff]"
)


def unusable(text: str) -> bool:
    """Whether ``text`` holds a character the bot refuses (see the module's first rule)."""
    return _UNUSABLE.search(text) is not None


def one_line(text: str) -> str:
    """``text`` with each line break as a space."""
    return _LINE_BREAKS.sub(" ", text)


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with what a terminal would obey written out (``\\x1b``, ``\\u202e``); with
    ``lines``, a plain newline stays a newline."""
    pattern = _SHOWN_RAW_NOT_BUT_LINES if lines else _SHOWN_RAW_NOT
    return pattern.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
