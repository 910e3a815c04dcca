"""Neutral Messages as readable terminal text."""

from __future__ import annotations

from pathlib import Path

from bot.messages import Message, Tone

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
        head += f" {message.title}"
    lines = [head]
    lines += [INDENT + line for line in plain(message.body).splitlines()]
    for field in message.fields:
        value_lines = plain(field.value).splitlines() or [""]
        if len(value_lines) == 1:
            lines.append(f"{INDENT}{field.name}: {value_lines[0]}")
        else:
            lines.append(f"{INDENT}{field.name}:")
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
        lines.append(f"{INDENT}{message.footer}")
    return "\n".join(lines)


def plain(markdown: str) -> str:
    """Markdown as terminal text: code ticks and bold markers dropped, links kept readable."""
    return markdown.replace("`", "").replace("**", "")
