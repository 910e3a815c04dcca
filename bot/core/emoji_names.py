"""Emoji short names (``telephone_receiver``, ``+1``, ``mailbox_with_mail``): the one table.

Short names are how Slack reports reactions and how people write emoji as text (``:mailbox:``),
so the core reads them in settings and reactions and the Slack host translates with the same
table. Characters are stored without variation selectors; a skin tone written after a name
(``+1::skin-tone-3``) does not change the emoji. An unknown name (a custom emoji) is kept as
``:name:``, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping

_VARIATION = "\ufe0f"

# character -> its canonical short name (the one Slack uses to add a reaction)
NAMES: Mapping[str, str] = {
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
    "⛔": "no_entry",
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

# Other names accepted for the same emoji.
ALIASES: Mapping[str, str] = {
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

_EMOJI: dict[str, str] = {name: char for char, name in NAMES.items()} | dict(ALIASES)


def written_name(text: str) -> str | None:
    """``name`` when ``text`` is an emoji written as ``:name:`` (``:+1::skin-tone-3:`` too)."""
    text = text.strip()
    if len(text) > 2 and text.startswith(":") and text.endswith(":"):
        return text[1:-1]
    return None


def emoji_named(name: str) -> str:
    """The emoji a short name stands for, skin tone dropped; an unknown name as ``:name:``."""
    base = name.split("::", 1)[0]  # "+1::skin-tone-3" is still a thumbs up
    return _EMOJI.get(base, f":{base}:")


def name_of(emoji: str) -> str | None:
    """The canonical short name of an emoji character (variation selector ignored), or None."""
    return NAMES.get(emoji.strip().replace(_VARIATION, ""))
