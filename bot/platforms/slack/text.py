"""Text for Slack: what people write can never mention anyone or inject markup.

Slack turns ``<!channel>``, ``<!here>``, ``<!everyone>``, ``<@U123>`` and ``<!subteam^S1>`` into
notifications only when the angle brackets reach it unescaped. Every piece of neutral text is
escaped first (``&``, ``<``, ``>`` per Slack's rules), and only then is the small neutral markdown
(bold, italics, links) turned into mrkdwn, so the only angle brackets in the output are the
links this module writes itself. Messages are also posted with ``link_names`` off, ``parse``
none and ``verbatim`` text, so a bare ``@here`` stays text.

Members a cog mentions (bot.messages.mention) are put in last, after the escaping and the
markdown: as ``<@U…>`` (:data:`MENTIONS`, for ephemeral answers, which notify no one) or, in
messages others see, by the names Slack gave for this message (:class:`People` with names), so
a public message never notifies the people it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.messages import Mention, mention_parts

_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~")
# A link label may not hold "|" or brackets (so a run of "[" is read in linear time, and a
# label's "[" starts the label, as in CommonMark); the URL may not hold spaces, "|" or
# parentheses.
_LINK = re.compile(r"\[([^\[\]\n|]{1,300})\]\((https?://[^\s()|]{1,2000})\)")
_CURLY_DOUBLE = str.maketrans({"“": '"', "”": '"', "„": '"'})
SLACK_USER = re.compile(r"^[UW][A-Z0-9]{1,20}$")
# While text is escaped and formatted, each mention waits as one character of Unicode's
# Supplementary Private Use Area-A (one character cannot be cut in two by clip or chunks).
_HELD = 0xF0000
_HELD_MAX = 0xFFFFD - _HELD
_HELD_CHARS = re.compile("[\U000f0000-\U000ffffd]")


@dataclass(frozen=True, slots=True)
class People:
    """How a message shows the members it mentions: as Slack mentions, or (with ``names``, for
    messages others see) by name as plain text, which notifies no one."""

    names: Mapping[str, str] | None = None

    def mrkdwn(self, user_id: str) -> str:
        if self.names is None and SLACK_USER.match(user_id):
            return f"<@{user_id}>"
        return escape(self.plain(user_id))

    def plain(self, user_id: str) -> str:
        name = (self.names or {}).get(user_id, "")
        return f"@{name or user_id}"


MENTIONS = People()


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


def mrkdwn(markdown: str, people: People = MENTIONS) -> str:
    """Neutral markdown as safe Slack mrkdwn: escaped, then bold, italics, strike and links;
    mentions last, as ``people`` shows them."""
    held, ids = hold_mentions(markdown)
    return put_back(formatted(held), ids, people.mrkdwn)


def formatted(markdown: str) -> str:
    """Markdown (already without mentions) escaped, then bold, italics, strike and links."""
    text = escape(markdown)
    text = _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = _ITALIC.sub(r"_\1_", text)
    text = _BOLD.sub(r"*\1*", text)
    return _STRIKE.sub(r"~\1~", text)


def plain(markdown: str, people: People = MENTIONS) -> str:
    """Neutral markdown as plain text (headers, labels, notifications): markers dropped, each
    mentioned member as ``@name`` (or ``@id``)."""
    held, ids = hold_mentions(markdown)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", held)
    text = _BOLD.sub(r"\1", text)
    return put_back(text.replace("`", ""), ids, people.plain)


def hold_mentions(text: str) -> tuple[str, list[str]]:
    """``text`` with each mention as one placeholder character, and the mentioned user ids in
    the placeholders' order; placeholder characters the text itself held are dropped."""
    parts = mention_parts(text)
    if not any(isinstance(part, Mention) for part in parts):
        return "".join(str(part) for part in parts), []
    held: list[str] = []
    ids: list[str] = []
    for part in parts:
        if isinstance(part, Mention) and len(ids) < _HELD_MAX:
            held.append(chr(_HELD + len(ids)))
            ids.append(part.user_id)
        elif isinstance(part, str):
            held.append(_HELD_CHARS.sub("", part))
    return "".join(held), ids


def put_back(text: str, ids: list[str], show: Callable[[str], str]) -> str:
    """Each placeholder of :func:`hold_mentions` replaced by ``show(user_id)``."""
    if not ids:
        return text

    def shown(found: re.Match[str]) -> str:
        index = ord(found.group(0)) - _HELD
        return show(ids[index]) if index < len(ids) else ""

    return _HELD_CHARS.sub(shown, text)


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
