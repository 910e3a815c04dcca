"""Labels the bot writes are pressable as shown: apostrophes, colons and emoji, unquoted."""

from __future__ import annotations

import re

import pytest

from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ...conftest import Transcript
from ...fakes.sample_cog import SampleCog
from .scenes import SLUG, START, feed


def shown(text: str) -> list[int]:
    """The numbers of the messages in ``text``, in order."""
    return [int(n) for n in re.findall(r"^#(\d+)", text, re.M)]


@pytest.fixture
async def script(full_console: ConsoleHost, transcript: Transcript) -> int:
    """ann's script for a campaign calling her lawmakers and the Finance leaders (Chicago)."""
    await feed(
        full_console,
        "/as olga organizer",
        *START,
        f"/campaign targets {SLUG} mine leaders:SSFI?",
        "/as ann",
        "/setzip 60601",
    )
    transcript.clear()
    await feed(full_console, f"/script {SLUG}")
    [number] = shown(transcript.text)
    assert "[Sen. Durbin: Couldn't get through]" in transcript.text
    transcript.clear()
    return number


async def test_a_button_label_with_an_apostrophe_is_pressed_unquoted(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services, script: int
) -> None:
    """`/press n Sen. Durbin: Couldn't get through` reports that outcome for Durbin."""
    await feed(full_console, f"/press {script} Sen. Durbin: Couldn't get through")
    assert "⚠" not in transcript.text
    rows = await full_services.db.fetchall("SELECT lawmaker, outcome FROM actions")
    assert [tuple(r) for r in rows] == [("D000563", "unreachable")]


async def test_a_menu_option_with_an_apostrophe_is_chosen_unquoted(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services, script: int
) -> None:
    """A per-lawmaker menu option the bot wrote ('Sen. Crapo: 🚫 Couldn't get through') is
    chosen as shown, without quotes."""
    message = full_console.messages[script]
    labels = [o.label for menu in message.selects for o in menu.options if "'" in o.label]
    assert labels, "the script offers a menu option with an apostrophe"
    await feed(full_console, f"/select {script} {labels[0]}")
    assert "⚠" not in transcript.text
    rows = await full_services.db.fetchall("SELECT outcome FROM actions")
    assert [tuple(r) for r in rows] == [("unreachable",)]


async def test_quoted_labels_and_extra_spaces_still_work(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """Older scripts quote labels; spaces typed twice do not matter."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(
        console, "/as olga organizer", "/thing make box", '/press 1 "Poke"', "/press 1   Drop"
    )
    assert "⚠" not in transcript.text
    assert cog.pressed == ["box", "drop"]


async def test_a_reaction_is_taken_as_typed(console: ConsoleHost) -> None:
    """/react takes the rest of the line as the emoji, even one a shell would choke on."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/help", "/react 1 don't", "/unreact 1 📞")
    assert [(e.emoji, e.added) for e in cog.reactions] == [("don't", True), ("📞", False)]
