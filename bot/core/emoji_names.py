"""Emoji short names (``telephone_receiver``, ``+1``, ``statue_of_liberty``) and characters.

Short names are how Slack reports reactions and how people write emoji as text (``:mailbox:``),
so the core reads them in settings and reactions and the Slack host translates with the same
functions. Names come from the ``emoji`` package (its aliases and Unicode names), imported on
first use; ``SLACK_NAMES`` holds only the emoji Slack names otherwise (or the package lacks).
Slack's country flags are ``flag-us``, its gendered people ``woman-running``/``male-cook`` and its
families ``man-woman-boy``, read by rule. Characters are compared without variation selectors; a
skin tone written after a name (``+1::skin-tone-3``) does not change the emoji. An unknown name
(a custom emoji) is kept as ``:name:``, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

# emoji -> Slack's name, where the emoji package has no name Slack knows, or one Slack gives to
# another emoji (the differences between Slack's names and emoji 2.16's aliases).
SLACK_NAMES: Mapping[str, str] = {
    "*⃣": "keycap_star",
    "⏏": "eject",
    "⏮": "black_left_pointing_double_triangle_with_vertical_bar",
    "☂": "umbrella",
    "☃": "snowman",
    "☔": "umbrella_with_rain_drops",
    "⛄": "snowman_without_snow",
    "⛱": "umbrella_on_ground",
    "⛹": "person_with_ball",
    "✉": "email",
    "❣": "heavy_heart_exclamation_mark_ornament",
    "🇨🇶": "flag-sark",
    "🌤": "mostly_sunny",
    "🌥": "barely_sunny",
    "🌦": "partly_sunny_rain",
    "🌧": "rain_cloud",
    "🌨": "snow_cloud",
    "🌩": "lightning",
    "🌪": "tornado",
    "🍊": "tangerine",
    "🍳": "fried_egg",
    "🍽": "knife_fork_plate",
    "🎖": "medal",
    "🎞": "film_frames",
    "🎟": "admission_tickets",
    "🏅": "sports_medal",
    "🏋": "weight_lifter",
    "🏌": "golfer",
    "🏔": "snow_capped_mountain",
    "🏖": "beach_with_umbrella",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f": "flag-england",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f": "flag-scotland",
    "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f": "flag-wales",
    "🐞": "ladybug",
    "👊": "facepunch",
    "👨\u200d⚕": "male-doctor",
    "👨\u200d❤\u200d👨": "man-heart-man",
    "👨\u200d❤\u200d💋\u200d👨": "man-kiss-man",
    "👩\u200d⚕": "female-doctor",
    "👩\u200d❤\u200d👨": "woman-heart-man",
    "👩\u200d❤\u200d👩": "woman-heart-woman",
    "👩\u200d❤\u200d💋\u200d👨": "woman-kiss-man",
    "👩\u200d❤\u200d💋\u200d👩": "woman-kiss-woman",
    "👫": "man_and_woman_holding_hands",
    "👯\u200d♀": "women-with-bunny-ears-partying",
    "👯\u200d♂": "men-with-bunny-ears-partying",
    "👰": "bride_with_veil",
    "👱": "person_with_blond_hair",
    "👳": "man_with_turban",
    "💁": "information_desk_person",
    "💂": "guardsman",
    "📡": "satellite_antenna",
    "📧": "e-mail",
    "📸": "camera_with_flash",
    "🔟": "keycap_ten",
    "🕴": "man_in_business_suit_levitating",
    "🖇": "linked_paperclips",
    "🖕": "middle_finger",
    "🖖": "spock-hand",
    "🗳": "ballot_box_with_ballot",
    "🙄": "face_with_rolling_eyes",
    "🙆": "ok_woman",
    "🙍": "person_frowning",
    "🙎": "person_with_pouting_face",
    "🚱": "non-potable_water",
    "🛌": "sleeping_accommodation",
    "🛍": "shopping_bags",
    "🛑": "octagonal_sign",
    "🛒": "shopping_trolley",
    "🛫": "airplane_departure",
    "🛰": "satellite",
    "🛴": "scooter",
    "🟠": "large_orange_circle",
    "🟡": "large_yellow_circle",
    "🟢": "large_green_circle",
    "🟣": "large_purple_circle",
    "🟤": "large_brown_circle",
    "🟥": "large_red_square",
    "🟦": "large_blue_square",
    "🟧": "large_orange_square",
    "🟨": "large_yellow_square",
    "🟩": "large_green_square",
    "🟪": "large_purple_square",
    "🟫": "large_brown_square",
    "🤔": "thinking_face",
    "🤘": "the_horns",
    "🤛": "left-facing_fist",
    "🤜": "right-facing_fist",
    "🤟": "i_love_you_hand_sign",
    "🤠": "face_with_cowboy_hat",
    "🤣": "rolling_on_the_floor_laughing",
    "🤦": "face_palm",
    "🤨": "face_with_raised_eyebrow",
    "🤩": "star-struck",
    "🤬": "face_with_symbols_on_mouth",
    "🤭": "face_with_hand_over_mouth",
    "🤮": "face_vomiting",
    "🤱": "breast-feeding",
    "🤸": "person_doing_cartwheel",
    "🤹": "juggling",
    "🤺": "fencer",
    "🤼": "wrestlers",
    "🤼\u200d♀": "woman-wrestling",
    "🤼\u200d♂": "man-wrestling",
    "🤾": "handball",
    "🥁": "drum_with_drumsticks",
    "🥇": "first_place_medal",
    "🥈": "second_place_medal",
    "🥉": "third_place_medal",
    "🥚": "egg",
    "🥛": "glass_of_milk",
    "🥝": "kiwifruit",
    "🥰": "smiling_face_with_3_hearts",
    "🥿": "womans_flat_shoe",
    "🦍": "gorilla",
    "🦒": "giraffe_face",
    "🦓": "zebra_face",
    "🧀": "cheese_wedge",
    "🧉": "mate_drink",
    "🧐": "face_with_monocle",
    "🧑\u200d🦰": "red_haired_person",
    "🧑\u200d🦱": "curly_haired_person",
    "🧑\u200d🦲": "bald_person",
    "🧑\u200d🦳": "white_haired_person",
    "🧔\u200d♀": "woman_with_beard",
    "🧔\u200d♂": "man_with_beard",
    "🧕": "person_with_headscarf",
    "🧖": "person_in_steamy_room",
    "🧗": "person_climbing",
    "🧘": "person_in_lotus_position",
    "🩱": "one-piece_swimsuit",
    "🩲": "briefs",
    "🩻": "x-ray",
    "🪀": "yo-yo",
    "🪲": "beetle",
}

# Further Slack names the package would read as another emoji.
SLACK_ALIASES: Mapping[str, str] = {"sun_behind_cloud": "🌥"}

_SELECTORS = re.compile("[\ufe0e\ufe0f]")
_SLACKISH = re.compile(r"^[a-z0-9_+'\-]+$")
_FLAG = re.compile(r"^flag-([a-z]{2})$")
_GENDERED = re.compile(r"^(fe)?male[-_]")
_FAMILY = re.compile(r"^(?:man|woman)(?:-(?:man|woman|boy|girl)){1,3}$")
_LETTER_A = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A
_TONES = {chr(0x1F3FB + i): f"skin-tone-{i + 2}" for i in range(5)}


@dataclass(frozen=True, slots=True)
class _Package:
    """The emoji package's names, indexed once: name -> emoji and emoji -> its names."""

    by_name: Mapping[str, str]
    names: Mapping[str, tuple[str, ...]]
    qualified: Mapping[str, str]


def bare(emoji: str) -> str:
    """The emoji without variation selectors or surrounding spaces."""
    return _SELECTORS.sub("", emoji).strip()


def written_name(text: str) -> str | None:
    """``name`` when ``text`` is an emoji written as ``:name:`` (``:+1::skin-tone-3:`` too)."""
    text = text.strip()
    if len(text) > 2 and text.startswith(":") and text.endswith(":"):
        return text[1:-1]
    return None


def emoji_named(name: str) -> str:
    """The emoji a short name stands for, skin tone dropped; an unknown name as ``:name:``."""
    base = name.split("::", 1)[0]  # "+1::skin-tone-3" is still a thumbs up
    return _char(base) or f":{base}:"


def name_of(emoji: str) -> str | None:
    """Slack's short name of an emoji character (variation selectors ignored), or None."""
    char = bare(emoji)
    if len(char) > 1 and char[-1] in _TONES and "\u200d" not in char:
        base = name_of(char[:-1])
        return f"{base}::{_TONES[char[-1]]}" if base else None
    if char in SLACK_NAMES:
        return SLACK_NAMES[char]
    flag = _flag_name(char)
    if flag is not None:
        return flag if _char(flag) == char else None
    for candidate in _package().names.get(char, ()):
        if _SLACKISH.match(candidate) and _char(candidate) == char:
            return candidate
    return None


def standard_emoji(text: str) -> str | None:
    """``text`` as one standard emoji, fully qualified (``☎️``), if it is one (a character, with
    or without variation selector and skin tone, or a known ``:name:``); else None."""
    name = written_name(text)
    char = _char(name.split("::", 1)[0]) if name is not None else bare(text)
    tone = ""
    if char and len(char) > 1 and char[-1] in _TONES:
        char, tone = char[:-1], char[-1]
    known = _package().qualified.get(char or "")
    return known + tone if known is not None else None


def _char(name: str) -> str | None:
    """The emoji of a Slack or package short name, or None."""
    lowered = name.lower()
    known = _SLACK_CHARS.get(lowered)
    if known is not None:
        return known
    by_name = _package().by_name
    flag = _FLAG.match(lowered)
    if flag is not None:
        char = "".join(chr(_LETTER_A + ord(c) - ord("a")) for c in flag.group(1))
        return char if char in _package().names else None
    candidates = [lowered]
    if "-" in lowered or _GENDERED.match(lowered):
        snake = lowered.replace("-", "_")
        candidates.append(snake)
        if _GENDERED.match(lowered):
            person = _GENDERED.sub(lambda m: "woman-" if m.group(1) else "man-", lowered)
            candidates.append(person.replace("-", "_"))
        if _FAMILY.match(lowered):
            candidates.append(f"family_{snake}")
    return next((by_name[c] for c in candidates if c in by_name), None)


def _flag_name(char: str) -> str | None:
    """``flag-us`` for a pair of regional indicator letters, else None."""
    codes = [ord(c) - _LETTER_A for c in char]
    if len(codes) != 2 or not all(0 <= code < 26 for code in codes):
        return None
    return "flag-" + "".join(chr(ord("a") + code) for code in codes)


_SLACK_CHARS: dict[str, str] = {n: c for c, n in SLACK_NAMES.items()} | dict(SLACK_ALIASES)


@cache
def _package() -> _Package:
    """Index the emoji package's data (imported here, on first use: it costs ~30 ms)."""
    import emoji

    entries = sorted(emoji.EMOJI_DATA.items(), key=lambda item: item[1]["status"])
    by_name: dict[str, str] = {}
    names: dict[str, tuple[str, ...]] = {}
    qualified: dict[str, str] = {}
    for char, data in entries:  # fully qualified forms first
        aliases = tuple(a.strip(":") for a in data.get("alias", ()))
        names.setdefault(bare(char), (*aliases, data["en"].strip(":").lower()))
        qualified.setdefault(bare(char), char)
        for alias in aliases:
            by_name.setdefault(alias, bare(char))
    for char, data in entries:  # Unicode names only where no alias took the name
        by_name.setdefault(data["en"].strip(":").lower(), bare(char))
    return _Package(by_name, names, qualified)
