"""/healthz and /metrics over real HTTP while the real discord.py client runs against the fake
Discord: the gateway's state is the platform's health, 429s and commands are counted, and
nothing a member is or typed ever reaches /metrics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.models import Platform
from bot.platforms.discord.host import DiscordHost
from bot.platforms.discord.runner import gateway_open
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import CHANNEL_ID, GUILD_ID, FakeDiscord
from ...monitoring import get, health_when, samples, scrape, serving, value
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"
ZIP = "05401"


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (the index is loaded)."""
    return discord_settings(tmp_path, fake, full_data_dir)


def tracked(services: Services, host: DiscordHost) -> None:
    """What the Discord runner does for each client it starts."""
    services.connections.expect(Platform.DISCORD)
    services.connections.track(Platform.DISCORD, lambda: gateway_open(host))


async def test_healthz_follows_the_gateway_connection(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """Connected: 200 with discord up. Discord goes away (the gateway closes and does not come
    back): 503 naming discord, and the connection gauge drops to 0."""
    tracked(services, full_host)
    async with serving(services) as server:
        up = await get(server, "/healthz")
        assert up.status == 200, up.text
        assert up.json()["checks"] == {
            "database": "up",
            "lawmaker_index": "up",
            "discord": "up",
        }
        assert value(await scrape(server), "orgbot_platform_connected", platform="discord") == 1

        await fake.close()  # the gateway closes; every reconnect is refused
        down = await health_when(server, lambda answer: answer.status != 200)
        assert down.status == 503
        assert down.json() == {
            "status": "down",
            "down": ["discord"],
            "checks": {"database": "up", "lawmaker_index": "up", "discord": "down"},
        }
        assert value(await scrape(server), "orgbot_platform_connected", platform="discord") == 0


async def test_a_realistic_flow_is_counted_and_metrics_hold_nothing_personal(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """Organizers import and post (through a 429), members save a ZIP, look up their
    lawmakers and report calls: the counts move, and the whole /metrics answer names no user,
    server, channel or message id, no ZIP and no name used on the way."""
    tracked(services, full_host)
    fake.rate_limit("POST", rf"/channels/{CHANNEL_ID}/messages", retry_after=0.01)
    async with serving(services) as server:
        before = await scrape(server)
        await (
            await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)
        ).answer()
        await (await fake.command("prompt post", {"campaign": TEMPLATE}, user=fake.olga)).answer()
        prompt = fake.channel_messages()[-1]
        await (await fake.command("setzip", {"zip": ZIP}, user=fake.ann)).answer()
        await (await fake.command("myreps", user=fake.ann)).answer()
        await (await fake.command("reps", {"zip": ZIP}, user=fake.bob)).answer()
        await (
            await fake.command("campaign import", {"template": TEMPLATE}, user=fake.bob)
        ).answer()
        for user in (fake.ann, fake.bob, fake.ann):
            button = prompt.button("📞 Made contact")["custom_id"]
            await (await fake.press(prompt, button, user=user)).answer()
        text = (await get(server, "/metrics")).text
    after = samples(text)

    assert value(before, "orgbot_rate_limited_total", platform="discord") == 0
    assert value(after, "orgbot_rate_limited_total", platform="discord") == 1
    handled = {"command": "campaign import", "result": "handled"}
    assert value(after, "orgbot_commands_total", **handled) == 1
    assert value(after, "orgbot_commands_total", command="campaign import", result="refused") == 1
    assert value(after, "orgbot_commands_total", command="reps", result="handled") == 1
    assert value(after, "orgbot_actions_total", result="recorded") == 2
    assert value(after, "orgbot_actions_total", result="unchanged") == 1
    assert value(after, "orgbot_delivery_queue_depth", platform="discord") == 0

    ids = {str(user.id) for user in fake.users.values()} | {str(GUILD_ID), str(CHANNEL_ID)}
    ids |= {str(message_id) for message_id in fake.messages}
    personal = [*ids, ZIP, "Call Congress Club"]
    found = [secret for secret in personal if secret in text]
    names = {user.name for user in fake.users.values()}
    found += [name for name in names if re.search(rf"\b{re.escape(name)}\b", text)]
    assert not found, f"/metrics names {found}"
    rows = await services.db.fetchall("SELECT user_id FROM members")
    assert {row[0] for row in rows} <= ids  # the scan looked for the ids the bot keeps
