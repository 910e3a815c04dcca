"""The one table of emoji short names: consistent, and read the same way everywhere."""

from __future__ import annotations

import re

import pytest

from bot.core.emoji_map import DEFAULT_REACTION_OUTCOMES, parse_map
from bot.core.emoji_names import ALIASES, NAMES, emoji_named, name_of, written_name

IGNORED = re.compile("[\ufe0f\ufe0e\U0001f3fb-\U0001f3ff]")


def test_characters_are_stored_bare() -> None:
    """No stored emoji carries a variation selector or a skin tone (they are compared without)."""
    stored = [*NAMES, *ALIASES.values()]
    assert [e for e in stored if IGNORED.search(e) or e != e.strip()] == []


def test_every_name_means_one_emoji() -> None:
    """Canonical names are unique, and no alias reuses one (or names an emoji not in the table)."""
    assert len(set(NAMES.values())) == len(NAMES)
    assert set(ALIASES).isdisjoint(NAMES.values())
    assert set(ALIASES.values()) <= set(NAMES)


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
        ("mailbox_closed", "📪"),
        ("mailbox_with_mail", "📬"),
        ("mailbox_with_no_mail", "📭"),
        ("no_entry_sign", "🚫"),
        ("no_entry", "⛔"),
        ("+1", "👍"),
        ("thumbsup", "👍"),
    ],
)
def test_names_and_aliases_read_as_the_emoji(name: str, emoji: str) -> None:
    """A canonical name or an alias gives the emoji character."""
    assert emoji_named(name) == emoji


def test_a_skin_tone_after_a_name_is_dropped() -> None:
    """``+1::skin-tone-3`` is a thumbs up; an unknown name keeps no skin tone either."""
    assert emoji_named("+1::skin-tone-3") == "👍"
    assert emoji_named("wave_custom::skin-tone-2") == ":wave_custom:"


def test_an_unknown_name_is_kept_not_guessed() -> None:
    """A custom emoji comes back as ``:name:``; an empty name too, never an error."""
    assert emoji_named("party-parrot") == ":party-parrot:"
    assert emoji_named("") == "::"


def test_name_of_ignores_the_variation_selector_only() -> None:
    """☎️ and ☎ have one name; an emoji missing from the table has none."""
    assert name_of("☎\ufe0f") == name_of(" ☎ ") == "phone"
    assert name_of("1\ufe0f\u20e3") == "one"
    assert name_of("🦜") is None
    assert name_of(":phone:") is None


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
