"""Which reaction means which outcome.

A campaign's own outcome emoji come first; then the configured map
(``ORGBOT_REACTION_OUTCOMES``, ``emoji=key`` pairs), whose default reads a telephone as made
contact, any mailbox as voicemail and a no-entry sign as could not get through. Emoji are
compared without variation selectors and skin tones, and an emoji written by its short name
(``:mailbox:``, ``:statue_of_liberty:``: the ``emoji`` package's names and Slack's, see
``emoji_names``) counts as the emoji itself; a custom emoji (``:party-parrot:``) is compared by its
name. Anything else maps to nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.core.emoji_names import emoji_named, standard_emoji, written_name

if TYPE_CHECKING:
    from bot.domain.campaign_models import Campaign

DEFAULT_REACTION_OUTCOMES = (
    "📞=contact, ☎=contact, 📫=voicemail, 📪=voicemail, 📬=voicemail, 📭=voicemail, "
    "🚫=unreachable, ⛔=unreachable"
)
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,19}$")
_IGNORED = re.compile("[\ufe0f\ufe0e\U0001f3fb-\U0001f3ff]")
MAX_EMOJI = 16


def normalize(emoji: str) -> str:
    """The emoji without variation selectors or skin tones; ``:short_names:`` translated."""
    text = _IGNORED.sub("", emoji).strip()
    name = written_name(text)
    return emoji_named(name) if name is not None else text


def split_emoji(text: str) -> tuple[str | None, str]:
    """'🗽 Sent a letter' -> ('🗽', 'Sent a letter'): a standard emoji leading ``text`` (as a
    character or ``:name:``), fully qualified, and the rest; (None, text) if there is none."""
    first, _, rest = text.strip().partition(" ")
    emoji = standard_emoji(first) if first else None
    return (emoji, rest.strip()) if emoji is not None else (None, text)


def parse_map(text: str) -> dict[str, str]:
    """'📞=contact, 📫=voicemail' -> {emoji: outcome key}; a mistake raises ValueError."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        emoji, sep, key = part.rpartition("=")
        emoji, key = normalize(emoji), key.strip()
        if not sep or not emoji or len(emoji) > MAX_EMOJI:
            raise ValueError(f"{part[:30]!r} is not emoji=outcome (like 📞=contact)")
        if not _KEY.match(key):
            raise ValueError(f"{key[:30]!r} is not an outcome key (like contact or voicemail)")
        found[emoji] = key
    return found


class EmojiMap:
    """Reads a reaction as an outcome of a campaign."""

    def __init__(self, configured: dict[str, str]) -> None:
        self._configured = {normalize(e): k for e, k in configured.items()}

    @classmethod
    def from_setting(cls, text: str) -> EmojiMap:
        return cls(parse_map(text))

    def outcome(self, campaign: Campaign, emoji: str) -> str | None:
        """The campaign's outcome key for this reaction, or None (not one of ours)."""
        wanted = normalize(emoji)
        for outcome in campaign.outcomes:
            if outcome.emoji and normalize(outcome.emoji) == wanted:
                return outcome.key
        key = self._configured.get(wanted)
        return key if key is not None and campaign.outcome(key) is not None else None
