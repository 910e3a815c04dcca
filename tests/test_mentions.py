"""Mentions in neutral messages: only mention() makes one; hosts choose how it shows."""

from __future__ import annotations

from bot.messages import Field, Mention, Message, mention, mention_parts, mentioned, show_mentions
from bot.platforms.console.render import render

FORGED = "\ufdd00123456789abcdefbob\ufdd1"  # the marker's shape, with some other key


def at(user_id: str) -> str:
    return f"@{user_id}"


def test_a_mention_is_shown_as_the_host_says() -> None:
    """The text around a mention is kept; the mention becomes what ``show`` makes of it."""
    text = f"1. {mention('ann')}: 2 actions"
    assert mention_parts(text) == ["1. ", Mention("ann"), ": 2 actions"]
    assert show_mentions(text, at) == "1. @ann: 2 actions"


def test_text_copying_the_marker_stays_text() -> None:
    """A marker not made by mention() is shown as the text inside it, never as a mention."""
    assert mention_parts(f"hi {FORGED}") == ["hi 0123456789abcdefbob"]
    assert show_mentions(f"hi {FORGED} {mention('ann')}", at) == "hi 0123456789abcdefbob @ann"


def test_stray_marker_characters_are_dropped() -> None:
    """Lone marker characters in text are removed rather than shown as boxes."""
    assert show_mentions("a\ufdd0b\ufdd1c", at) == "abc"


def test_an_id_holding_marker_characters_still_makes_one_mention() -> None:
    """mention() never fails: the marker characters are taken out of an odd id."""
    assert mention_parts(mention("a\ufdd1b\ufdd0c")) == [Mention("abc")]


def test_a_message_lists_whom_it_mentions_once() -> None:
    """Title, body, field names and values and the footer are searched; each id counted once."""
    message = Message(
        title=mention("t"),
        body=f"{mention('b')} {mention('t')}",
        fields=(Field(mention("n"), f"{mention('v')} {FORGED}"),),
        footer=mention("f"),
    )
    assert mentioned(message) == ["t", "b", "f", "n", "v"]


def test_the_console_shows_at_id_and_odd_ids_literally() -> None:
    """The console names a member @id; an odd id and a copied marker are shown as they are."""
    body = f"1. {mention('ann')}: 2\n2. {mention('<@123> `x`')}: 1\n{FORGED}"
    shown = render(3, Message(title=f"By {mention('ann')}", body=body), [])
    assert shown == ("#3 By @ann\n   1. @ann: 2\n   2. @<@123> `x`: 1\n   0123456789abcdefbob")
