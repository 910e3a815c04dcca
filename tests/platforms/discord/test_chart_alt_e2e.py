"""Alt text on Discord: every chart the bot posts carries a description (what screen readers
say), sent by the real discord.py client and seen by the fake Discord."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.models import Platform
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import GUILD_ID, FakeDiscord
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"
SANDERS = "S000033"


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    return discord_settings(tmp_path, fake, full_data_dir)


async def test_stats_chart_and_map_arrive_with_their_alt_text(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    imported = await (
        await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)
    ).answer()
    assert f"**{TEMPLATE}** is active" in imported.text(), imported.text()
    await (await fake.command("prompt post", {"campaign": TEMPLATE}, user=fake.olga)).answer()
    ann = await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.ann.id), False)
    reported = await services.actions.report(ann, "contact", prompt_id=1, lawmaker=SANDERS)
    assert reported.action is not None

    stats = await (await fake.command("stats", {"campaign": TEMPLATE}, user=fake.olga)).answer()
    [chart] = stats.payload["attachments"]
    assert chart["filename"] == "actions-per-day.png"
    assert chart["description"].startswith("Bar chart of actions per day for ")
    assert "1 action in all" in chart["description"]

    answer = await (
        await fake.command("map calls", {"campaign": TEMPLATE, "shade": "calls"}, user=fake.olga)
    ).answer()
    [tiles] = answer.payload["attachments"]
    assert tiles["filename"] == "calls-by-state.png"
    assert tiles["description"].startswith("Tile map of the 50 states, DC and 5 territories")
    assert "the most: VT 1." in tiles["description"]
