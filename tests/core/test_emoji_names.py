"""Emoji short names: the emoji package's names, Slack's own where they differ, read alike."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bot.core.emoji_map import DEFAULT_REACTION_OUTCOMES, parse_map
from bot.core.emoji_names import (
    SLACK_ALIASES,
    SLACK_NAMES,
    emoji_named,
    name_of,
    standard_emoji,
    written_name,
)

IGNORED = re.compile("[\ufe0f\ufe0e\U0001f3fb-\U0001f3ff]")
SLACK_NAME = re.compile(r"^[a-z0-9_+\-]+$")


def test_overrides_are_stored_bare_and_named_as_slack_names() -> None:
    """No override carries a variation selector or skin tone; every name is Slack-shaped."""
    stored = [*SLACK_NAMES, *SLACK_ALIASES.values()]
    assert [e for e in stored if IGNORED.search(e) or e != e.strip()] == []
    assert [n for n in [*SLACK_NAMES.values(), *SLACK_ALIASES] if not SLACK_NAME.match(n)] == []


def test_every_override_name_means_one_emoji_both_ways() -> None:
    """Override names are unique, read back as their emoji, and are what the bot adds."""
    assert len(set(SLACK_NAMES.values())) == len(SLACK_NAMES)
    assert set(SLACK_ALIASES).isdisjoint(SLACK_NAMES.values())
    for char, name in SLACK_NAMES.items():
        assert emoji_named(name) == char, name
        assert name_of(char) == name, name


def test_every_default_outcome_emoji_has_a_name() -> None:
    """Each emoji of the default reaction map can be named, and the name reads back as it."""
    for emoji in parse_map(DEFAULT_REACTION_OUTCOMES):
        name = name_of(emoji)
        assert name is not None, emoji
        assert emoji_named(name) == emoji


@pytest.mark.parametrize(
    ("name", "emoji"),
    [
        ("telephone_receiver", "📞"),
        ("phone", "☎"),
        ("telephone", "☎"),
        ("mailbox", "📫"),
        ("mailbox_with_mail", "📬"),
        ("no_entry_sign", "🚫"),
        ("+1", "👍"),
        ("thumbsup", "👍"),
        ("statue_of_liberty", "🗽"),  # from the emoji package, in no hand-kept table
        ("classical_building", "🏛"),
        ("flag-us", "🇺🇸"),  # Slack's flags, by rule
        ("us", "🇺🇸"),
        ("woman-running", "🏃\u200d♀"),  # Slack's hyphenated people, by rule
        ("male-cook", "👨\u200d🍳"),
        ("female_superhero", "🦸\u200d♀"),
        ("man-woman-boy", "👨\u200d👩\u200d👦"),
        ("octagonal_sign", "🛑"),  # Slack's names the package lacks: the override table
        ("large_green_circle", "🟢"),
        ("thinking_face", "🤔"),
        ("satellite", "🛰"),  # ... and those it gives to another emoji
        ("satellite_antenna", "📡"),
        ("email", "✉"),
        ("e-mail", "📧"),
        ("cat", "🐱"),
        ("sun_behind_cloud", "🌥"),
    ],
)
def test_slack_names_read_as_the_emoji(name: str, emoji: str) -> None:
    """A Slack short name (canonical, alias, by rule or override) gives the emoji character."""
    assert emoji_named(name) == emoji


@pytest.mark.parametrize(
    ("emoji", "name"),
    [
        ("📞", "telephone_receiver"),
        ("☎\ufe0f", "phone"),
        ("📬", "mailbox_with_mail"),
        ("🗽", "statue_of_liberty"),
        ("🇺🇸", "flag-us"),
        ("🛑", "octagonal_sign"),
        ("📡", "satellite_antenna"),
        ("📧", "e-mail"),
        ("✉\ufe0f", "email"),
        ("1\ufe0f\u20e3", "one"),
        ("🔟", "keycap_ten"),
    ],
)
def test_the_bot_names_an_emoji_as_slack_does(emoji: str, name: str) -> None:
    """The name the bot adds a reaction with is one Slack knows for that very emoji."""
    assert name_of(emoji) == name


def test_a_name_is_never_one_slack_gives_to_another_emoji() -> None:
    """📡 is not named ``satellite`` (Slack's 🛰), nor 🍳 ``egg`` (Slack's 🥚)."""
    for emoji in ("📡", "🍳", "☔", "⛄", "🐞", "📧", "💂\u200d♂"):
        name = name_of(emoji)
        assert name is None or emoji_named(name) == emoji, (emoji, name)


def test_thumbs_up_is_named_either_way_slack_knows_it() -> None:
    """👍 may be added as ``+1`` or ``thumbsup``: Slack reads both as the same emoji."""
    assert name_of("👍") in {"+1", "thumbsup"}


def test_a_skin_tone_is_dropped_when_reading_and_kept_when_naming() -> None:
    """``+1::skin-tone-3`` is a thumbs up; 👍🏽 is added with Slack's skin-tone suffix."""
    assert emoji_named("+1::skin-tone-3") == "👍"
    assert emoji_named("wave_custom::skin-tone-2") == ":wave_custom:"
    assert name_of("👍🏽") == f"{name_of('👍')}::skin-tone-4"


def test_an_unknown_name_is_kept_not_guessed() -> None:
    """A custom emoji comes back as ``:name:``; an empty name too, never an error."""
    assert emoji_named("party-parrot") == ":party-parrot:"
    assert emoji_named("flag-zz") == ":flag-zz:"
    assert emoji_named("") == "::"


def test_name_of_what_is_not_an_emoji_is_none() -> None:
    """Text, a written name and an empty string have no Slack name."""
    assert name_of("a") is None
    assert name_of(":phone:") is None
    assert name_of("") is None


@pytest.mark.parametrize(
    ("text", "emoji"),
    [
        ("🗽", "🗽"),
        ("☎", "☎\ufe0f"),
        (":phone:", "☎\ufe0f"),
        (":statue_of_liberty:", "🗽"),
        (":octagonal_sign:", "🛑"),
        ("👍🏽", "👍🏽"),
        (":party-parrot:", None),
        ("📞📞", None),
        ("letter", None),
        ("1", None),
        ("", None),
    ],
)
def test_standard_emoji(text: str, emoji: str | None) -> None:
    """One standard emoji, as a character or a known name, comes back fully qualified."""
    assert standard_emoji(text) == emoji


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (":mailbox:", "mailbox"),
        (" :+1::skin-tone-3: ", "+1::skin-tone-3"),
        (":party-parrot:", "party-parrot"),
        ("📞", None),
        ("::", None),
        (":half", None),
        ("", None),
    ],
)
def test_written_name(text: str, name: str | None) -> None:
    """Only text written as ``:name:`` is a written short name."""
    assert written_name(text) == name


def test_the_emoji_package_is_loaded_only_when_a_name_is_needed() -> None:
    """Loading the settings (the default reaction map) and the emoji map does not import it."""
    code = (
        "import sys\n"
        "from bot.settings import load_settings\n"
        "from bot.core.emoji_map import EmojiMap, normalize\n"
        "settings = load_settings(env_file=None)\n"
        "EmojiMap.from_setting(settings.reaction_outcomes)\n"
        "assert normalize('📞') == '📞'\n"
        "print('emoji' in sys.modules)\n"
        "normalize(':statue_of_liberty:')\n"
        "print('emoji' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"]
