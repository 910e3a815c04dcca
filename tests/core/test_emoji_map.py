"""The reaction -> outcome map: defaults, configured emoji, short names, and bad settings."""

from __future__ import annotations

import pytest

from bot.core.emoji_map import (
    DEFAULT_REACTION_OUTCOMES,
    EmojiMap,
    normalize,
    parse_map,
    split_emoji,
)
from bot.domain.campaign_models import DEFAULT_OUTCOMES, Campaign, CampaignStatus, Outcome
from bot.domain.errors import StartupError
from bot.settings import load_settings

PLAIN = tuple(Outcome(o.key, o.label) for o in DEFAULT_OUTCOMES)  # only the configured map


def campaign(outcomes: tuple[Outcome, ...] = PLAIN) -> Campaign:
    return Campaign(
        id=1,
        community_id=1,
        slug="irs",
        title="IRS",
        ask="Call",
        background="",
        script="Hello",
        targets=(),
        outcomes=outcomes,
        goal=None,
        starts_on=None,
        ends_on=None,
        status=CampaignStatus.ACTIVE,
        template=None,
        created_at="2026-01-05",
        updated_at="2026-01-05",
    )


@pytest.mark.parametrize(
    ("emoji", "outcome"),
    [
        ("📞", "contact"),
        ("☎\ufe0f", "contact"),
        (":telephone:", "contact"),
        (":phone:", "contact"),
        ("📬", "voicemail"),
        (":mailbox_with_mail:", "voicemail"),
        (":mailbox:", "voicemail"),
        (" :no_entry::skin-tone-2: ", "unreachable"),
        ("⛔\ufe0e", "unreachable"),
    ],
)
def test_the_default_map(emoji: str, outcome: str) -> None:
    """Each default emoji, as a character or by a short name, reads as its outcome."""
    emoji_map = EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES)
    assert emoji_map.outcome(campaign(), emoji) == outcome


@pytest.mark.parametrize("emoji", ["👍", ":thumbsup:", ":party-parrot:", "", "::", "📞📞"])
def test_anything_else_maps_to_nothing(emoji: str) -> None:
    """Unmapped emoji, unknown names and odd text are ignored, never an error."""
    assert EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES).outcome(campaign(), emoji) is None


def test_a_configured_standard_emoji_is_read_by_any_of_its_names() -> None:
    """``:thumbsup:=contact`` counts 👍, 👍🏽, ``:+1:`` and ``:+1::skin-tone-4:`` alike."""
    emoji_map = EmojiMap.from_setting(":thumbsup:=contact")
    for emoji in ("👍", "👍🏽", ":+1:", ":+1::skin-tone-4:", ":thumbsup:"):
        assert emoji_map.outcome(campaign(), emoji) == "contact", emoji
    assert emoji_map.outcome(campaign(), "📞") is None


def test_a_configured_custom_emoji_is_read_by_its_name() -> None:
    """``:party-parrot:=voicemail`` counts that custom emoji, and only it."""
    emoji_map = EmojiMap.from_setting(":party-parrot:=voicemail")
    assert emoji_map.outcome(campaign(), ":party-parrot:") == "voicemail"
    assert emoji_map.outcome(campaign(), ":party-parrot::skin-tone-2:") == "voicemail"
    assert emoji_map.outcome(campaign(), ":parrot:") is None


def test_the_campaigns_own_emoji_come_first() -> None:
    """A campaign whose 📞 means voicemail overrides the configured 📞=contact."""
    own = (Outcome("contact", "Made contact"), Outcome("voicemail", "Voicemail", "📞"))
    emoji_map = EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES)
    assert emoji_map.outcome(campaign(own), ":telephone_receiver:") == "voicemail"


def test_a_configured_outcome_the_campaign_lacks_means_nothing() -> None:
    """🚫=unreachable on a campaign without that outcome: ignored."""
    only_contact = (Outcome("contact", "Made contact"),)
    emoji_map = EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES)
    assert emoji_map.outcome(campaign(only_contact), "🚫") is None
    assert emoji_map.outcome(campaign(only_contact), "📞") == "contact"


def test_any_standard_emoji_can_be_an_outcome() -> None:
    """🗽 on an outcome counts 🗽 and ``:statue_of_liberty:``, names in no hand-kept table."""
    own = (Outcome("contact", "Made contact"), Outcome("letter", "Wrote a letter", "🗽"))
    emoji_map = EmojiMap.from_setting(DEFAULT_REACTION_OUTCOMES)
    assert emoji_map.outcome(campaign(own), ":statue_of_liberty:") == "letter"
    assert emoji_map.outcome(campaign(own), "🗽") == "letter"


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("🗽 Wrote a letter", ("🗽", "Wrote a letter")),
        (" :statue_of_liberty:   Wrote a letter ", ("🗽", "Wrote a letter")),
        ("☎ Called", ("☎\ufe0f", "Called")),
        ("Wrote a letter 🗽", (None, "Wrote a letter 🗽")),
        (":party-parrot: Partied", (None, ":party-parrot: Partied")),
        ("🗽", ("🗽", "")),
        ("", (None, "")),
    ],
)
def test_split_emoji(text: str, split: tuple[str | None, str]) -> None:
    """A standard emoji leading a label is split off, qualified; anything else is left alone."""
    assert split_emoji(text) == split


def test_normalize_keeps_what_it_cannot_translate() -> None:
    """Selectors and skin tones go; a custom name stays as ``:name:``."""
    assert normalize(" 👍🏾\ufe0f ") == "👍"
    assert normalize(":party-parrot:") == ":party-parrot:"
    assert normalize(":no_entry_sign:") == normalize("🚫\ufe0f") == "🚫"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("📞 contact", "is not emoji=outcome"),
        ("=contact", "is not emoji=outcome"),
        ("📞=Contact!", "is not an outcome key"),
        ("📞=", "is not an outcome key"),
        (":" + "x" * 20 + ":=contact", "is not emoji=outcome"),
    ],
)
def test_a_bad_map_says_which_pair_is_wrong(text: str, says: str) -> None:
    """A mistake in the setting raises ValueError with the pair and the expected shape."""
    with pytest.raises(ValueError, match=says):
        parse_map(f"📫=voicemail, {text}")


def test_a_bad_setting_stops_start_up_with_one_line() -> None:
    """ORGBOT_REACTION_OUTCOMES with a mistake is one line naming the setting, not a traceback."""
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None, reaction_outcomes="📞=contact, 📫 voicemail")
    assert "ORGBOT_REACTION_OUTCOMES" in info.value.message
    assert "\n" not in info.value.message
