"""Slack reaction names <-> neutral emoji, read through the core's names (the emoji package
plus Slack's own where they differ)."""

from __future__ import annotations

import pytest

from bot.core.emoji_map import DEFAULT_REACTION_OUTCOMES, EmojiMap, parse_map
from bot.platforms.slack.emoji import from_slack, slack_name

from ...core.test_emoji_map import campaign

PLAIN = campaign()  # the default outcomes without emoji: only the configured map counts


@pytest.mark.parametrize(("emoji", "outcome"), list(parse_map(DEFAULT_REACTION_OUTCOMES).items()))
def test_every_default_outcome_emoji_round_trips_through_slack(emoji: str, outcome: str) -> None:
    """The bot can add each default emoji by name, and that name as a reaction is its outcome."""
    name = slack_name(emoji)
    assert name is not None
    assert from_slack(name) == emoji
    default = EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES)
    assert default.outcome(PLAIN, from_slack(name)) == outcome
    assert default.outcome(PLAIN, from_slack(f"{name}::skin-tone-5")) == outcome


@pytest.mark.parametrize(
    ("setting", "reaction"),
    [
        (":party-parrot:=contact", "party-parrot"),
        (":thumbsup:=contact", "+1"),
        (":+1:=contact", "thumbsup::skin-tone-2"),
        ("🙌=contact", "raised_hands"),
        ("⛔=contact", "no_entry"),
    ],
)
def test_a_configured_emoji_is_read_from_slack(setting: str, reaction: str) -> None:
    """A setting naming an emoji (by character, short name or custom name) counts on Slack."""
    assert EmojiMap.from_setting(setting).outcome(PLAIN, from_slack(reaction)) == "contact"


def test_an_unknown_reaction_counts_for_nothing() -> None:
    """A custom emoji nobody configured arrives as :name: and maps to no outcome."""
    assert from_slack("party-parrot") == ":party-parrot:"
    assert EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES).outcome(PLAIN, ":party-parrot:") is None


def test_the_bot_names_what_it_adds() -> None:
    """A :name: is passed as it is (skin tone kept); what is not an emoji is not guessed."""
    assert slack_name(":+1::skin-tone-3:") == "+1::skin-tone-3"
    assert slack_name(":party-parrot:") == "party-parrot"
    assert slack_name("⛔\ufe0f") == "no_entry"
    assert slack_name("🦜") == "parrot"
    assert slack_name("Sent") is None


@pytest.mark.parametrize(
    ("emoji", "name"),
    [
        ("📞", "telephone_receiver"),
        ("✅", "white_check_mark"),
        ("❤️", "heart"),
        ("🗽", "statue_of_liberty"),
        ("🛑", "octagonal_sign"),
    ],
)
def test_emoji_round_trip(emoji: str, name: str) -> None:
    """Neutral emoji map to Slack names and back (variation selectors ignored)."""
    assert slack_name(emoji) == name
    assert from_slack(name) == emoji.replace("\ufe0f", "")


def test_thumbs_up_round_trips_under_either_slack_name() -> None:
    """👍 is added as a name Slack reads as 👍, and Slack's ``+1`` and ``thumbsup`` read back."""
    name = slack_name("👍")
    assert name is not None and from_slack(name) == "👍"
    assert from_slack("+1") == from_slack("thumbsup") == "👍"


def test_unknown_emoji() -> None:
    """A custom name is kept as :name: both ways."""
    assert slack_name(":party-parrot:") == "party-parrot"
    assert from_slack("party-parrot") == ":party-parrot:"
