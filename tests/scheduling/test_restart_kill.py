"""Exactly once across a crash: the real bot, killed with SIGKILL while a post is in flight.

A bot process (``python -m bot run``, real SQLite file, real discord.py) runs against the fake
Discord. Two schedules are due (10 and 5 minutes ago, inside the grace window). The fake takes
the first post and never answers, so the process is killed mid-post. A second process then
starts on the same database: the interrupted slot is not posted again, the other slot is posted
once, and the schedule's organizer is told.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web

from bot.app import build_services, close_services
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.settings import Settings, load_settings

from ..conftest import REPO_ROOT
from ..fakes.discord_server import CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, TOKEN, FakeDiscord

WAIT = 60.0


class HangingDiscord(FakeDiscord):
    """Takes a post in CHANNEL_ID (the message exists) and, while ``hang`` is set, never answers."""

    def __init__(self) -> None:
        super().__init__()
        self.hang = True
        self.arrived = asyncio.Event()
        self.released = asyncio.Event()

    async def _post_message(self, request: Any, channel_id: str) -> web.Response:
        response = await super()._post_message(request, channel_id)
        if self.hang and int(channel_id) == CHANNEL_ID:
            self.arrived.set()
            await self.released.wait()  # the answer comes only after the bot was killed
        return response


@pytest.fixture
async def fake() -> AsyncIterator[HangingDiscord]:
    async with HangingDiscord() as server:
        yield server


@pytest.fixture
def bot_settings(
    tmp_path: Path, full_data_dir: Path, fake: HangingDiscord, database_url: str | None
) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
    )


async def prepare(settings: Settings, fake: FakeDiscord) -> None:
    """An organizer's two daily schedules, made 30 minutes ago, due 10 and 5 minutes ago."""
    now = datetime.now(UTC)
    services = await build_services(settings, ManualClock(now - timedelta(minutes=30)))
    try:
        olga = await services.members.actor(
            Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True
        )
        zone = ZoneInfo(olga.community.timezone)
        created = await services.campaigns.create(
            olga,
            {"title": "Protect the data", "ask": "Ask Congress.", "script": "Hi {lawmaker}."},
        )
        await services.campaigns.set_status(olga, created.slug, CampaignStatus.ACTIVE)
        for channel, ago in ((CHANNEL_ID, 10), (OTHER_CHANNEL_ID, 5)):
            at = (now - timedelta(minutes=ago)).astimezone(zone).strftime("%H:%M")
            await services.schedules.add(olga, created.slug, str(channel), f"daily {at}")
    finally:
        await close_services(services)


async def start_bot(settings: Settings, fake: FakeDiscord, log: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(settings.database_path),
        "ORGBOT_DATA_DIR": str(settings.data_dir),
        "DISCORD_TOKEN": TOKEN,
        "ORGBOT_DISCORD_API_BASE": fake.api_base,
        "ORGBOT_DISCORD_GATEWAY_URL": fake.gateway_url,
        "ORGBOT_LOG_LEVEL": "INFO",
    }
    env.pop("SLACK_BOT_TOKEN", None)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--env-file",
        os.devnull,
        "run",
        cwd=REPO_ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log.open("ab"),
    )


async def stop(process: asyncio.subprocess.Process, sig: signal.Signals) -> None:
    if process.returncode is None:
        process.send_signal(sig)
    try:
        await asyncio.wait_for(process.wait(), 15)
    except TimeoutError:
        process.kill()
        await process.wait()


async def statuses(settings: Settings) -> list[tuple[int, str]]:
    services = await build_services(settings, ManualClock())
    try:
        rows = await services.db.fetchall(
            "SELECT schedule_id, status FROM dispatches ORDER BY schedule_id"
        )
        return [(r["schedule_id"], r["status"]) for r in rows]
    finally:
        await close_services(services)


async def test_a_bot_killed_mid_post_posts_each_slot_once_after_restart(
    bot_settings: Settings, fake: HangingDiscord, tmp_path: Path
) -> None:
    """SIGKILL while the first post waits for Discord; restart; exactly one post per slot."""
    await prepare(bot_settings, fake)
    log = tmp_path / "bot.log"
    first = await start_bot(bot_settings, fake, log)
    try:
        await asyncio.wait_for(fake.arrived.wait(), WAIT)
    finally:
        await stop(first, signal.SIGKILL)
        fake.released.set()
    assert await statuses(bot_settings) == [(1, "sending")], log.read_text()

    fake.hang = False
    second = await start_bot(bot_settings, fake, log)
    try:
        await fake.until(lambda: fake.channel_messages(OTHER_CHANNEL_ID), within=WAIT)
        await fake.until(lambda: fake.dm_messages(fake.olga), within=WAIT)
    finally:
        await stop(second, signal.SIGINT)

    assert len(fake.channel_messages(CHANNEL_ID)) == 1  # the one in flight when killed
    assert len(fake.channel_messages(OTHER_CHANNEL_ID)) == 1
    assert await statuses(bot_settings) == [(1, "interrupted"), (2, "sent")]
    [told] = fake.dm_messages(fake.olga)
    assert "It was not posted again, so it can't appear twice" in told.text()
