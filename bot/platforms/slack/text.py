"""Text for Slack: what people write can never mention anyone or inject markup.

Slack turns ``<!channel>``, ``<!here>``, ``<!everyone>``, ``<@U123>`` and ``<!subteam^S1>`` into
notifications only when the angle brackets reach it unescaped. Every piece of neutral text is
escaped first (``&``, ``<``, ``>`` per Slack's rules), and only then is the small neutral markdown
(bold, italics, links) turned into mrkdwn, so the only angle brackets in the output are the
links this module writes itself. Messages are also posted with ``link_names`` off, ``parse``
none and ``verbatim`` text, so a bare ``@here`` stays text.
"""

from __future__ import annotations

import re

_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~")
# A link label may not hold "|" or "]"; the URL may not hold spaces, "|" or parentheses.
_LINK = re.compile(r"\[([^\]\n|]{1,300})\]\((https?://[^\s()|]{1,2000})\)")
_CURLY_DOUBLE = str.maketrans({"“": '"', "”": '"', "„": '"'})


def escape(text: str) -> str:
    """Escape the three characters Slack reserves for markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of slash-command text (it sends ``&lt;`` for ``<``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_text(raw: str) -> str:
    """Slash-command text as the person typed it: unescaped, with curly double quotes made
    straight (phones and some keyboards type “ ” for "), so quoting works as in the console."""
    return unescape(raw).translate(_CURLY_DOUBLE)


def mrkdwn(markdown: str) -> str:
    """Neutral markdown as safe Slack mrkdwn: escaped, then bold, italics, strike and links."""
    text = escape(markdown)
    text = _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = _ITALIC.sub(r"_\1_", text)
    text = _BOLD.sub(r"*\1*", text)
    return _STRIKE.sub(r"~\1~", text)


def plain(markdown: str) -> str:
    """Neutral markdown as plain text (headers, labels, notifications): markers dropped."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", markdown)
    text = _BOLD.sub(r"\1", text)
    return text.replace("`", "")


def clip(text: str, limit: int) -> str:
    """Text cut to ``limit`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chunks(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most ``limit`` characters, at line breaks where possible.

    Never splits inside an escape such as ``&lt;`` (a cut entity would show as garbage).
    """
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
            amp = rest.rfind("&", max(0, cut - 5), cut)
            if amp != -1 and ";" not in rest[amp:cut]:
                cut = amp
        pieces.append(rest[:cut].rstrip("\n"))
        rest = rest[cut:].lstrip("\n")
    if rest or not pieces:
        pieces.append(rest)
    return pieces
