"""Emoji between the neutral form (the character, as Discord and the console use it) and
Slack's short names (``telephone_receiver``, ``statue_of_liberty``), for reactions.

The names are the core's (``bot.core.emoji_names``: the ``emoji`` package plus the few names
Slack gives otherwise), which the reaction -> outcome map reads too. A reaction people add with
a custom emoji reaches the cogs as ``:name:``.
"""

from __future__ import annotations

from bot.core.emoji_names import emoji_named, name_of, written_name


def slack_name(emoji: str) -> str | None:
    """Slack's short name for an emoji character (or ``:name:``), or None if unknown."""
    name = written_name(emoji)
    return name if name is not None else name_of(emoji)


def from_slack(name: str) -> str:
    """The neutral emoji for a Slack reaction name; unknown names come back as ``:name:``."""
    return emoji_named(name)
