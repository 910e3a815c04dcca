"""The script scanner reads templates exactly as the regular expression it replaced did.

Until issue 14 a single pattern (below, kept only as the reference) found the tokens of a call
script; it backtracked, so a line of ``[[`` and a thousand blanks froze the bot for minutes. The
one-pass scanner must find the same tokens, at the same places, with the same names, in any
text; short inputs keep the reference fast.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.scripts import _tokens

REFERENCE = re.compile(
    r"(?P<open_lit>\{\{)"
    r"|(?P<close_lit>\}\})"
    r"|\{(?P<fill>[^{}\n]*)\}"
    r"|(?P<open>\{)"
    r"|(?P<close>\})"
    r"|(?P<line_tag>(?<![^\n])[ \t]*\[\[[ \t]*(?P<lt_end>/?)[ \t]*"
    r"(?P<lt_name>[^\[\]\n]*?)[ \t]*\]\][ \t]*(?:\n|\Z))"
    r"|\[\[[ \t]*(?P<t_end>/?)[ \t]*(?P<t_name>[^\[\]\n]*?)[ \t]*\]\]"
    r"|(?P<tag_open>\[\[)"
)
Seen = tuple[str, int, int, str, bool, int]


def reference_tokens(source: str) -> list[Seen]:
    """(kind, start, end, name without surrounding blanks, closing, where a tag's [[ is)."""
    found: list[Seen] = []
    for match in REFERENCE.finditer(source):
        at = match.start()
        simple = ("open_lit", "close_lit", "open", "close", "tag_open")
        kind = next((k for k in simple if match[k] is not None), None)
        if kind is not None:
            found.append((kind, at, match.end(), "", False, 0))
        elif match["fill"] is not None:
            found.append(("fill", at, match.end(), match["fill"].strip(), False, 0))
        elif match["line_tag"] is not None:
            tag_at = at + len(match[0]) - len(match[0].lstrip(" \t"))
            name, closing = match["lt_name"].strip(), bool(match["lt_end"])
            found.append(("tag", at, match.end(), name, closing, tag_at))
        else:
            name, closing = match["t_name"].strip(), bool(match["t_end"])
            found.append(("tag", at, match.end(), name, closing, at))
    return found


def scanned_tokens(source: str) -> list[Seen]:
    return [(t.kind, t.start, t.end, t.name.strip(), t.closing, t.at) for t in _tokens(source)]


PIECES = st.sampled_from(
    (
        *("{", "}", "{{", "}}", "[[", "]]", "[", "]", "/", " ", "\t", "\n", "\r", "house"),
        *("hose", "{city}", "[[house]]", "[[/voicemail]]", " [[ / senate ]] ", "\u3000", "é"),
    )
)
TEMPLATES = st.one_of(
    st.lists(PIECES, max_size=16).map("".join),
    st.text(alphabet="[]{}/ \t\nhx", max_size=40),
    st.text(max_size=40),
)


@settings(max_examples=600, deadline=None)
@given(TEMPLATES)
@example("  [[house]]  \nB\n  [[/house]]\nC")
@example("{city}  [[house]]\n")
@example("[[\n]]")
@example("x\n\t[[ /senate ]]\t")
def test_the_scanner_finds_what_the_old_pattern_found(source: str) -> None:
    assert scanned_tokens(source) == reference_tokens(source)
