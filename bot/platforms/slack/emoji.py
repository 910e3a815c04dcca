"""Emoji between the neutral form (the character, as Discord and the console use it) and
Slack's short names (``telephone_receiver``), for reactions.

Slack names come from its standard emoji set. Only emoji listed here can be added by the bot;
a reaction people add with any other (or a custom) emoji reaches the cogs as ``:name:``.
"""

from __future__ import annotations

_VARIATION = "\ufe0f"

# character -> Slack's canonical short name
_NAMES: dict[str, str] = {
    "📞": "telephone_receiver",
    "☎": "phone",
    "📱": "iphone",
    "✅": "white_check_mark",
    "✔": "heavy_check_mark",
    "☑": "ballot_box_with_check",
    "❌": "x",
    "❎": "negative_squared_cross_mark",
    "👍": "+1",
    "👎": "-1",
    "❤": "heart",
    "🎉": "tada",
    "⭐": "star",
    "🌟": "star2",
    "🔥": "fire",
    "👏": "clap",
    "🙌": "raised_hands",
    "🙏": "pray",
    "👀": "eyes",
    "💪": "muscle",
    "👋": "wave",
    "✋": "hand",
    "🤝": "handshake",
    "📣": "mega",
    "📢": "loudspeaker",
    "🗣": "speaking_head_in_silhouette",
    "✉": "email",
    "📧": "e-mail",
    "📨": "incoming_envelope",
    "📫": "mailbox",
    "📪": "mailbox_closed",
    "📬": "mailbox_with_mail",
    "📭": "mailbox_with_no_mail",
    "📝": "memo",
    "✏": "pencil2",
    "📌": "pushpin",
    "📅": "date",
    "📆": "calendar",
    "🗓": "spiral_calendar_pad",
    "⏰": "alarm_clock",
    "🔔": "bell",
    "🔕": "no_bell",
    "❓": "question",
    "❗": "exclamation",
    "⚠": "warning",
    "🚫": "no_entry_sign",
    "🛑": "octagonal_sign",
    "💬": "speech_balloon",
    "🗳": "ballot_box_with_ballot",
    "🏛": "classical_building",
    "🇺🇸": "flag-us",
    "📊": "bar_chart",
    "📈": "chart_with_upwards_trend",
    "🎯": "dart",
    "🚀": "rocket",
    "💯": "100",
    "😀": "grinning",
    "🙂": "slightly_smiling_face",
    "😊": "blush",
    "😢": "cry",
    "🤔": "thinking_face",
    "🤷": "shrug",
    "➕": "heavy_plus_sign",
    "➖": "heavy_minus_sign",
    "⬆": "arrow_up",
    "⬇": "arrow_down",
    "🔁": "repeat",
    "🗑": "wastebasket",
    "💤": "zzz",
    "🆗": "ok",
    "🆕": "new",
    "1⃣": "one",
    "2⃣": "two",
    "3⃣": "three",
    "4⃣": "four",
    "5⃣": "five",
    "6⃣": "six",
    "7⃣": "seven",
    "8⃣": "eight",
    "9⃣": "nine",
    "🔟": "keycap_ten",
}

# Other names Slack accepts for the same emoji.
_ALIASES: dict[str, str] = {
    "thumbsup": "👍",
    "thumbsdown": "👎",
    "heavy_exclamation_mark": "❗",
    "raised_hand": "✋",
    "telephone": "☎",
    "envelope": "✉",
    "us": "🇺🇸",
    "pencil": "📝",
    "spiral_calendar": "🗓",
    "speaking_head": "🗣",
    "ballot_box": "🗳",
}

_CHARS: dict[str, str] = {name: char for char, name in _NAMES.items()} | _ALIASES


def slack_name(emoji: str) -> str | None:
    """Slack's short name for an emoji character (or ``:name:``), or None if unknown."""
    text = emoji.strip()
    if len(text) > 2 and text.startswith(":") and text.endswith(":"):
        return text[1:-1]
    return _NAMES.get(text.replace(_VARIATION, ""))


def from_slack(name: str) -> str:
    """The neutral emoji for a Slack reaction name; unknown names come back as ``:name:``."""
    base = name.split("::", 1)[0]  # "+1::skin-tone-3" is still a thumbs up
    return _CHARS.get(base, f":{base}:")
