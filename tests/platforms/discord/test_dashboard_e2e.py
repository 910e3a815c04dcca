"""/dashboard on Discord, through discord.py against the fake: registered for organizers only
(Manage Server), an organizer's link comes privately, and a member gets no link."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.permissions import ORGANIZERS_ONLY
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...dashboard_world import PUBLIC_URL, dashboard_settings, link_path
from ...fakes.discord_server import TOKEN, FakeDiscord, running_host

MANAGE_GUILD = 1 << 5


@pytest.fixture
def settings(tmp_path: Path, fake: FakeDiscord, database_url: str | None) -> Settings:
    """The fake Discord's settings, with the dashboard set up."""
    return dashboard_settings(
        tmp_path,
        tmp_path / "civic",
        database_url,
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
    )


@pytest.fixture
async def dashboard_host(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.load_extension("cogs.dashboard")
    async with running_host(bot):
        yield bot


async def test_an_organizer_gets_the_link_privately_and_a_member_none(
    dashboard_host: DiscordHost, fake: FakeDiscord
) -> None:
    [synced] = [c for c in fake.synced if c["name"] == "dashboard"]
    assert synced["default_member_permissions"] == MANAGE_GUILD
    answer = await (await fake.command("dashboard", user=fake.olga)).answer()
    assert answer.ephemeral
    assert link_path(answer.text()).startswith("/dashboard?t=")
    assert "all campaigns" in answer.text() and "24 hours" in answer.text()
    refused = await (await fake.command("dashboard", user=fake.ann)).answer()
    assert refused.ephemeral
    assert ORGANIZERS_ONLY in refused.text() and PUBLIC_URL not in refused.text()
    revoked = await (
        await fake.command("dashboard", {"campaign": "revoke"}, user=fake.olga)
    ).answer()
    assert revoked.ephemeral
    assert "Done: 1 of your dashboard links no longer works." in revoked.text()
