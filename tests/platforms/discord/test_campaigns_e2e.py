"""Listing campaigns on Discord: members use /campaigns, so the whole /campaign group is for
organizers and Discord hides it from members (default_member_permissions = Manage Server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.permissions import ORGANIZERS_ONLY
from bot.platforms.discord.host import DiscordHost
from bot.settings import Settings, load_settings

from ...fakes.discord_server import TOKEN, FakeDiscord

MANAGE_GUILD = 1 << 5
TEMPLATE = "irs-data-privacy"


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (the template's targets need it)."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
    )


def synced(fake: FakeDiscord, name: str) -> dict[str, Any]:
    """The top-level command ``name`` as the bot registered it with Discord."""
    return next(c for c in fake.synced if c["name"] == name)


async def import_template(fake: FakeDiscord) -> None:
    """Olga imports the shipped template, which is then running."""
    inter = await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)
    imported = await inter.answer()
    assert f"**{TEMPLATE}** is active" in imported.text(), imported.text()


async def test_the_campaign_group_is_registered_for_organizers_only(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """/campaign (list included) needs Manage Server to be shown; /campaigns needs nothing."""
    group = synced(fake, "campaign")
    assert group["default_member_permissions"] == MANAGE_GUILD
    assert "list" in {sub["name"] for sub in group["options"]}
    campaigns = synced(fake, "campaigns")
    assert campaigns["default_member_permissions"] is None
    assert campaigns.get("options", []) == []


async def test_a_member_lists_the_running_campaigns(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """A member's /campaigns privately names the running campaign and its ask."""
    await import_template(fake)
    answer = await (await fake.command("campaigns", user=fake.ann)).answer()
    assert answer.ephemeral
    assert f"`{TEMPLATE}` **Keep tax records confidential**: Ask Congress" in answer.text()
    assert "/script <slug>" in answer.text()


async def test_a_member_who_reaches_campaign_list_is_refused(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """Hidden is not enough: a member's /campaign list gets the organizers-only sentence and
    where to look instead."""
    await import_template(fake)
    answer = await (await fake.command("campaign list", user=fake.ann)).answer()
    assert answer.ephemeral
    assert answer.text() == f"{ORGANIZERS_ONLY} Everyone can see what is running with /campaigns."


async def test_an_organizer_s_campaign_list_is_the_same_as_campaigns(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """Organizers keep /campaign list: it answers exactly as their /campaigns does."""
    await import_template(fake)
    alias = await (await fake.command("campaign list", user=fake.olga)).answer()
    listed = await (await fake.command("campaigns", user=fake.olga)).answer()
    assert f"`{TEMPLATE}` Keep tax records confidential (active)" in alias.text()
    assert alias.text() == listed.text() and alias.ephemeral
