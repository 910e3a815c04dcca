"""Tagging what the office said on Discord, end to end: the real discord.py client, every
cog, the full lawmaker data and the fake Discord. After "made contact" for a lawmaker, the
answer carries the four tag buttons; pressing one saves it, pressing another replaces it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import FakeDiscord, FakeMessage
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (so ``full_host`` uses it)."""
    return discord_settings(tmp_path, fake, full_data_dir)


async def test_a_caller_tags_what_the_office_said(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """ann reports contact with Sen. Sanders from her script, tags 'supports', then
    'undecided': one tag, the last one, counted for Sanders."""
    for name, options in (
        ("campaign import", {"template": TEMPLATE}),
        ("prompt post", {"campaign": TEMPLATE}),
    ):
        await (await fake.command(name, options, user=fake.olga)).answer()
    prompt = fake.channel_messages()[-1]
    await (await fake.command("setzip", {"zip": "05401"}, user=fake.ann)).answer()
    get_script = prompt.button("Get my script")["custom_id"]
    script = await (await fake.press(prompt, get_script, user=fake.ann)).answer()
    contact = script.button("Sen. Sanders: Made contact")["custom_id"]
    counted: FakeMessage = await (await fake.press(script, contact, user=fake.ann)).answer()
    assert counted.ephemeral and "Did the office say where they stand?" in counted.text()
    supports = counted.button("supports")["custom_id"]
    assert supports.split(":", 1)[0].endswith("stances.tag") and supports.endswith(":supports")
    assert counted.button("no answer on it")
    noted = await (await fake.press(counted, supports, user=fake.ann)).answer()
    assert "Noted: Sen. Bernard Sanders (I-VT)'s office, “supports”" in noted.text()
    undecided = noted.button("undecided")["custom_id"]
    again = await (await fake.press(noted, undecided, user=fake.ann)).answer()
    assert "“undecided”" in again.text()
    rows = await services.db.fetchall(
        "SELECT a.lawmaker, g.tag FROM action_tags g JOIN actions a ON a.id = g.action_id"
    )
    assert [tuple(r) for r in rows] == [("S000033", "undecided")]


async def test_an_organizer_sets_a_stance_and_reads_the_board(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """/stance set and /stances answer the organizer privately; a member may not set one."""
    await (await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)).answer()
    refused = await (
        await fake.command(
            "stance set", {"lawmaker": "S000033", "stance": "supports"}, user=fake.ann
        )
    ).answer()
    assert refused.ephemeral and "is now marked" not in refused.text()
    options = {"lawmaker": "S000033", "stance": "en contra", "note": "said no"}
    done = await (await fake.command("stance set", options, user=fake.olga)).answer()
    assert done.ephemeral and "is now marked “opposes”" in done.text()
    board = await (await fake.command("stances", {}, user=fake.olga)).answer()
    assert board.ephemeral and "Sen. Bernard Sanders (I-VT)**: opposes · 0 calls" in board.text()
