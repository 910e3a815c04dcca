"""Shutting down while a button press or a menu choice is being handled, on Discord: the real
discord.py client, every cog, the fake Discord. The report is held on its way to the database
(an event the test controls) while the bot shuts down as ``orgbot run`` does (the host closes,
then the services). The handler finishes before the database closes, or, if it cannot within
the wait, is cancelled and its person told in one sentence; an interaction arriving meanwhile
is told the bot is restarting. Never a closed-database error or a traceback in the log."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import build_services, close_services, cog_modules
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.platforms.discord.host import DiscordHost
from bot.platforms.inflight import SHUTTING_DOWN, STOPPED_MIDWAY
from bot.services import Services
from bot.settings import Settings, load_settings

from ...fakes.discord_server import GUILD_ID, TOKEN, FakeDiscord, FakeMessage, running_host
from ...shutdown_gate import HeldReports, trouble
from ...stored import stored_rows

WAIT = 30.0


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
    )


@dataclass
class Running:
    services: Services
    host: DiscordHost
    prompt: FakeMessage
    held: HeldReports
    closed: bool = False


@pytest.fixture
async def running(
    settings: Settings, clock: ManualClock, fake: FakeDiscord
) -> AsyncIterator[Running]:
    """Every cog on Discord, a running campaign's prompt in the channel, reports held."""
    services = await build_services(settings, clock)
    host = DiscordHost(services, guild_ready_timeout=0.05)
    await host.load_extensions(cog_modules())
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(running_host(host))
        olga = await services.members.actor(
            Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True
        )
        created = await services.campaigns.create(
            olga, {"title": "Protect the data", "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
        )
        await services.campaigns.set_status(olga, created.slug, CampaignStatus.ACTIVE)
        await (
            await fake.command("prompt post", {"campaign": created.slug}, user=fake.olga)
        ).answer()
        prompt = fake.channel_messages()[-1]
        bot = Running(services, host, prompt, HeldReports(services.actions.batcher))
        try:
            yield bot
        finally:
            if not bot.closed:  # the test failed before its shutdown
                bot.held.go_on.set()
                await shut_down(bot)


def actions(database: Path) -> list[tuple[str, str]]:
    return stored_rows(
        database, "SELECT m.user_id, a.outcome FROM actions a JOIN members m ON m.id = a.member_id"
    )


async def shut_down(running: Running, within: float | None = None) -> None:
    """As `orgbot run` stops: the host closes (its handlers first), then the services."""
    running.closed = True
    if within is not None:
        running.host.handler_wait = within
    await running.host.close()
    await close_services(running.services, *(() if within is None else (within,)))


async def test_a_press_being_handled_finishes_before_the_database_closes(
    running: Running, fake: FakeDiscord, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The shutdown waits for the held report; a press arriving meanwhile is told the bot is
    restarting (and does nothing); the held one is saved and answered; the log is clean."""
    caplog.set_level(logging.INFO)
    button = running.prompt.button("📞 Made contact")["custom_id"]
    pressed = await fake.press(running.prompt, button, user=fake.ann)
    await asyncio.wait_for(running.held.entered.wait(), WAIT)
    stopping = asyncio.create_task(shut_down(running))
    await asyncio.wait_for(running.host.work.draining.wait(), WAIT)
    late = await fake.press(running.prompt, button, user=fake.bob)
    assert str(SHUTTING_DOWN) in (await late.answer()).text()
    assert not stopping.done()  # still waiting for the held report: the database is open
    running.held.go_on.set()
    await asyncio.wait_for(stopping, WAIT)
    assert running.held.outcome == ["saved"]
    assert "Counted: 📞 Made contact" in (await pressed.answer()).text()
    assert actions(settings.database_path) == [(str(fake.ann.id), "contact")]
    assert trouble(caplog.records) == []


async def test_a_press_that_cannot_finish_is_cut_off_cleanly(
    running: Running, fake: FakeDiscord, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The held report is never let through: once the (short) wait is over the handler is
    cancelled before the database closes, the member is told in one sentence, nothing is
    saved, and the log holds no error or traceback."""
    caplog.set_level(logging.INFO)
    button = running.prompt.button("📞 Made contact")["custom_id"]
    pressed = await fake.press(running.prompt, button, user=fake.ann)
    await asyncio.wait_for(running.held.entered.wait(), WAIT)
    await asyncio.wait_for(shut_down(running, within=0.2), WAIT)
    assert running.held.outcome == ["cancelled"]
    assert str(STOPPED_MIDWAY) in (await pressed.answer()).text()
    assert actions(settings.database_path) == []
    assert trouble(caplog.records) == []


async def test_a_reaction_answered_by_dm_during_the_stop_records_its_route(
    running: Running, fake: FakeDiscord, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A reaction held on its way to the database when the stop begins: once let through it
    is saved and its thank-you DMed, and the DM's route is recorded (reactions on it work
    after the restart): not "could not record DM", since the database closes only after."""
    caplog.set_level(logging.INFO)
    await fake.react(running.prompt, "📞", user=fake.ann)
    await asyncio.wait_for(running.held.entered.wait(), WAIT)
    stopping = asyncio.create_task(shut_down(running))
    await asyncio.wait_for(running.host.work.draining.wait(), WAIT)
    running.held.go_on.set()
    await asyncio.wait_for(stopping, WAIT)
    [thanks] = fake.dm_messages(fake.ann)
    assert "Counted: 📞 Made contact" in thanks.text()
    routes = stored_rows(settings.database_path, "SELECT message_id FROM dm_routes")
    assert routes == [(str(thanks.id),)]
    assert actions(settings.database_path) == [(str(fake.ann.id), "contact")]
    assert trouble(caplog.records) == []
