"""Each member's DM channel is remembered, so a reminder is one request to Discord.

discord.py keeps only the last 128 DM channels, and none after a restart: without the stored
channel every reminder would open its DM first (POST /users/@me/channels), a second request
against Discord's global 50 per second. Requests are counted at the fake Discord.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import cog_modules
from bot.domain.models import Platform
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import GUILD_ID, FakeDiscord, FakeUser, running_host
from .conftest import discord_settings

OPEN_DM = ("POST", r"/users/@me/channels")


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The Discord settings, with the full lawmaker data (reminders carry personal scripts)."""
    return discord_settings(tmp_path, fake, full_data_dir)


@asynccontextmanager
async def bot_process(services: Services) -> AsyncIterator[DiscordHost]:
    """A running host with every cog; a new one knows no DM channel of its own (a restart)."""
    host = DiscordHost(services, guild_ready_timeout=0.05)
    await host.load_extensions(cog_modules())
    async with running_host(host):
        yield host


async def reminders_for(services: Services, fake: FakeDiscord, *users: FakeUser) -> None:
    """The IRS campaign, and ``users`` opted in to weekday reminders at 09:00 in Vermont."""
    olga = await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True)
    await services.campaigns.import_template(olga, "irs-data-privacy")
    for user in users:
        await opt_in(fake, user)


async def opt_in(fake: FakeDiscord, user: FakeUser) -> None:
    await (await fake.command("setzip", {"zip": "05401"}, user=user)).answer()
    await (await fake.command("remind on", {}, user=user)).answer()


async def stored_channel(services: Services, user: FakeUser) -> str | None:
    row = await services.db.fetchone(
        "SELECT d.channel_id FROM dm_channels d JOIN members m ON m.id = d.member_id "
        "WHERE m.user_id = ?",
        (str(user.id),),
    )
    return str(row[0]) if row else None


async def test_the_second_reminder_after_a_restart_is_one_request(
    services: Services, fake: FakeDiscord
) -> None:
    """Monday's reminder opens ann's DM (two requests); after a restart Tuesday's is one."""
    async with bot_process(services):
        await reminders_for(services, fake, fake.ann)
        await services.scheduler.engine.advance(timedelta(hours=2))  # Monday 09:00
    assert len(fake.matching(*OPEN_DM)) == 1
    [monday] = fake.dm_messages(fake.ann)

    async with bot_process(services):
        before = len(fake.requests)
        await services.scheduler.engine.advance(timedelta(days=1))  # Tuesday 09:00
        during = fake.requests[before:]
    assert [(r.method, r.status) for r in during if r.path.endswith("/messages")] == [("POST", 200)]
    assert not [r for r in during if r.path == "/users/@me/channels"]
    assert [m.channel_id for m in fake.dm_messages(fake.ann)] == [monday.channel_id] * 2
    assert await stored_channel(services, fake.ann) == str(monday.channel_id)


async def test_a_channel_discord_no_longer_knows_is_forgotten_and_opened_again(
    services: Services, fake: FakeDiscord
) -> None:
    """Discord answers 10003 for ann's stored channel: the bot opens her DM again, once, sends
    the reminder there and keeps the new channel; nothing is recorded as a failure."""
    async with bot_process(services):
        await reminders_for(services, fake, fake.ann)
        await services.scheduler.engine.advance(timedelta(hours=2))
        [monday] = fake.dm_messages(fake.ann)
        del fake.channels[monday.channel_id]  # Discord no longer knows that channel
        before = len(fake.requests)
        await services.scheduler.engine.advance(timedelta(days=1))
        during = [(r.method, r.path, r.status) for r in fake.requests[before:]]
    tuesday = fake.dm_messages(fake.ann)[-1]
    assert tuesday.channel_id != monday.channel_id
    assert during[:3] == [
        ("POST", f"/channels/{monday.channel_id}/messages", 404),
        ("POST", "/users/@me/channels", 200),
        ("POST", f"/channels/{tuesday.channel_id}/messages", 200),
    ]
    assert await stored_channel(services, fake.ann) == str(tuesday.channel_id)
    olga = await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True)
    assert await services.schedules.failures(olga) == []


async def test_privacy_lists_the_stored_channel_and_forgetme_erases_it(
    services: Services, fake: FakeDiscord
) -> None:
    """The DM channel is kept with the member, shown by /privacy and erased with them."""
    async with bot_process(services):
        await reminders_for(services, fake, fake.ann, fake.bob)
        await services.scheduler.engine.advance(timedelta(hours=2))
        shown = await (await fake.command("privacy", {}, user=fake.ann)).answer()
    assert "your direct-message channel with the bot" in shown.text()
    assert await stored_channel(services, fake.ann) is not None
    ann = await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.ann.id), False)
    await services.privacy.confirm_erase(ann, await services.privacy.request_erase(ann.member))
    assert await stored_channel(services, fake.ann) is None
    assert await stored_channel(services, fake.bob) is not None
