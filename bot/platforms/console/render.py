"""Neutral Messages as readable terminal text.

Text the console did not write itself (titles, labels, a campaign's script, what someone
typed, quoted in an error) may hold what a terminal obeys rather than shows: ANSI escape
sequences, other control characters, bidi overrides, line separators. Each is written out
visibly (``\x1b[31m``), and each of the message's own lines stays one line.
"""

from __future__ import annotations

from pathlib import Path

from bot.domain.hostile_text import visible
from bot.domain.text import t
from bot.i18n.translator import Translator
from bot.messages import Message, Tone, mention_parts, show_mentions

INDENT = "   "
ENGLISH = Translator("en")
# The console's own words around a message, in the reader's language (the cog wrote the rest).
DM_TO = t("(direct message to {user})")
ONLY_YOU = t("(only you can see this)")
REACT = t("React: {emoji}")
FILE_SAVED = t("File saved: {path}")
ALT_TEXT = t("Alt text: {alt}")


def render(
    number: int,
    message: Message,
    saved: list[Path],
    dm_to: str | None = None,
    words: Translator = ENGLISH,
) -> str:
    """The text of message #number; ``saved`` are the files its attachments were written to;
    ``words``: the language of the person at the console."""
    head = f"#{number}"
    if dm_to:
        head += " " + words.render(DM_TO.with_values(user=dm_to))
    elif message.ephemeral:
        head += " " + words.render(ONLY_YOU)
    if message.tone is Tone.ERROR:
        head += " ⚠"
    if message.title:
        head += f" {named(message.title)}"
    lines = [head]
    lines += [INDENT + line for line in text_lines(message.body)]
    for field in message.fields:
        value_lines = text_lines(field.value) or [""]
        if len(value_lines) == 1:
            lines.append(f"{INDENT}{named(field.name)}: {value_lines[0]}")
        else:
            lines.append(f"{INDENT}{named(field.name)}:")
            lines += [INDENT * 2 + line for line in value_lines]
    for select in message.selects:
        lines.append(f"{INDENT}{visible(select.placeholder)}:")
        for i, option in enumerate(select.options, 1):
            desc = f" - {option.description}" if option.description else ""
            lines.append(f"{INDENT * 2}({i}) {visible(option.label + desc)}")
    if message.buttons:
        lines.append(INDENT + " ".join(f"[{visible(b.label)}]" for b in message.buttons))
    if message.reactions:
        emoji = visible(" ".join(message.reactions))
        lines.append(INDENT + words.render(REACT.with_values(emoji=emoji)))
    for path in saved:
        lines.append(INDENT + words.render(FILE_SAVED.with_values(path=visible(str(path)))))
    for attachment in message.attachments:  # what a chart shows, as screen readers get it
        if attachment.alt:
            lines.append(INDENT + words.render(ALT_TEXT.with_values(alt=visible(attachment.alt))))
    if message.footer:
        lines.append(f"{INDENT}{named(message.footer)}")
    return "\n".join(lines)


def text_lines(markdown: str) -> list[str]:
    """Markdown as terminal lines, each shown safely (see the module's docstring)."""
    return [visible(line) for line in plain(markdown).splitlines()]


def plain(markdown: str) -> str:
    """Markdown as terminal text: code ticks and bold markers dropped, links kept readable,
    members named as ``@id``."""
    return "".join(
        part.replace("`", "").replace("**", "") if isinstance(part, str) else f"@{part.user_id}"
        for part in mention_parts(markdown)
    )


def named(text: str) -> str:
    """One line of text with each mentioned member as ``@id`` (the console's people have no
    other name), shown safely."""
    return visible(show_mentions(text, lambda user_id: f"@{user_id}"))
