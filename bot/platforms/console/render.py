"""Neutral Messages as readable terminal text."""

from __future__ import annotations

from pathlib import Path

from bot.messages import Message, Tone, mention_parts, show_mentions

INDENT = "   "


def render(number: int, message: Message, saved: list[Path], dm_to: str | None = None) -> str:
    """The text of message #number; ``saved`` are the files its attachments were written to."""
    head = f"#{number}"
    if dm_to:
        head += f" (direct message to {dm_to})"
    elif message.ephemeral:
        head += " (only you can see this)"
    if message.tone is Tone.ERROR:
        head += " ⚠"
    if message.title:
        head += f" {named(message.title)}"
    lines = [head]
    lines += [INDENT + line for line in plain(message.body).splitlines()]
    for field in message.fields:
        value_lines = plain(field.value).splitlines() or [""]
        if len(value_lines) == 1:
            lines.append(f"{INDENT}{named(field.name)}: {value_lines[0]}")
        else:
            lines.append(f"{INDENT}{named(field.name)}:")
            lines += [INDENT * 2 + line for line in value_lines]
    for select in message.selects:
        lines.append(f"{INDENT}{select.placeholder}:")
        for i, option in enumerate(select.options, 1):
            desc = f" - {option.description}" if option.description else ""
            lines.append(f"{INDENT * 2}({i}) {option.label}{desc}")
    if message.buttons:
        lines.append(INDENT + " ".join(f"[{b.label}]" for b in message.buttons))
    if message.reactions:
        lines.append(INDENT + "React: " + " ".join(message.reactions))
    for path in saved:
        lines.append(f"{INDENT}File saved: {path}")
    if message.footer:
        lines.append(f"{INDENT}{named(message.footer)}")
    return "\n".join(lines)


def plain(markdown: str) -> str:
    """Markdown as terminal text: code ticks and bold markers dropped, links kept readable,
    members named as ``@id``."""
    return "".join(
        part.replace("`", "").replace("**", "") if isinstance(part, str) else f"@{part.user_id}"
        for part in mention_parts(markdown)
    )


def named(text: str) -> str:
    """Text with each mentioned member as ``@id`` (the console's people have no other name)."""
    return show_mentions(text, lambda user_id: f"@{user_id}")
