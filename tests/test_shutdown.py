"""Graceful stop on SIGTERM (systemd, Docker, Kubernetes) and SIGINT (Ctrl-C), in a real process.

``python -m bot run`` runs as a subprocess on a real SQLite file: once with no token (the
console, reading from a pipe that stays open) and once against the fake Discord while a
scheduled post is in flight. A stop signal lets that post finish, closes the hosts, the
services and the database, and exits 0 for SIGTERM (130 for SIGINT); a second SIGTERM during
the stop changes nothing.
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
from bot.settings import load_settings

from .conftest import REPO_ROOT
from .fakes.discord_server import CHANNEL_ID, GUILD_ID, TOKEN, FakeDiscord
from .stored import left_sound, stored_rows

WAIT = 30.0  # generous for a loaded 2-core machine; a healthy run takes a second or two
TOKENS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")


class Output:
    """The lines a stream of the process writes, collected as they come, to wait on."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[str] = []
        self._changed = asyncio.Condition()
        self._pump = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        async for raw in stream:
            async with self._changed:
                self.lines.append(raw.decode("utf-8", "replace"))
                self._changed.notify_all()

    async def wait_for(self, text: str) -> None:
        """Until a line holds ``text``; fails (with what was written) if it never comes."""
        try:
            async with asyncio.timeout(WAIT), self._changed:
                await self._changed.wait_for(lambda: text in self.text)
        except TimeoutError:
            pytest.fail(f"never saw {text!r}; the process wrote:\n{self.text}")

    async def finished(self) -> str:
        await asyncio.wait_for(self._pump, WAIT)
        return self.text

    @property
    def text(self) -> str:
        return "".join(self.lines)


class Bot:
    """``python -m bot --env-file /dev/null run`` with the given settings in its environment."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        assert process.stdout is not None and process.stderr is not None
        self.stdout = Output(process.stdout)
        self.stderr = Output(process.stderr)

    @classmethod
    async def start(cls, env: dict[str, str]) -> Bot:
        full_env = {k: v for k, v in os.environ.items() if k not in TOKENS} | env
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--env-file",
            os.devnull,
            "run",
            cwd=REPO_ROOT,
            env=full_env,
            stdin=asyncio.subprocess.PIPE,  # held open: the console waits for a line
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(process)

    def signal(self, sig: signal.Signals) -> None:
        self.process.send_signal(sig)

    async def exit_code(self) -> int:
        try:
            return await asyncio.wait_for(self.process.wait(), WAIT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            pytest.fail(f"the bot did not stop; it wrote:\n{self.stderr.text}")

    async def kill(self) -> None:
        """Make sure the process is gone (a failed test must not leave it running)."""
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


def base_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    return {
        "ORGBOT_DATABASE_PATH": str(tmp_path / "orgbot.sqlite3"),
        "ORGBOT_DATA_DIR": str(data_dir),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(tmp_path / "console"),
        "ORGBOT_LOG_LEVEL": "INFO",
    }


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
async def test_the_console_stops_cleanly_on_a_signal(
    tmp_path: Path, full_data_dir: Path, sig: signal.Signals, code: int, database_url: str | None
) -> None:
    """With no token, `orgbot run` at its prompt stops at once, closing the database cleanly."""
    bot = await Bot.start(base_env(tmp_path, full_data_dir))
    try:
        await bot.stdout.wait_for("organizer-bot console.")
        bot.signal(sig)
        assert await bot.exit_code() == code, bot.stderr.text
    finally:
        await bot.kill()
    errors = await bot.stderr.finished()
    assert "Traceback" not in errors and "Fatal Python error" not in errors, errors
    assert (await bot.stdout.finished()).endswith("you> \n")  # the prompt's line was ended
    assert left_sound(tmp_path / "orgbot.sqlite3")


class HangingDiscord(FakeDiscord):
    """Takes a post in CHANNEL_ID (the message exists) and answers only once released."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = asyncio.Event()
        self.released = asyncio.Event()

    async def _post_message(self, request: Any, channel_id: str) -> web.Response:
        response = await super()._post_message(request, channel_id)
        if int(channel_id) == CHANNEL_ID:
            self.arrived.set()
            await self.released.wait()
        return response


@pytest.fixture
async def fake() -> AsyncIterator[HangingDiscord]:
    async with HangingDiscord() as server:
        yield server


async def schedule_a_due_prompt(env: dict[str, str], fake: FakeDiscord) -> None:
    """Olga's daily prompt in CHANNEL_ID, made 30 minutes ago and due 5 minutes ago."""
    settings = load_settings(
        env_file=None,
        database_path=Path(env["ORGBOT_DATABASE_PATH"]),
        data_dir=Path(env["ORGBOT_DATA_DIR"]),
    )
    now = datetime.now(UTC)
    services = await build_services(settings, ManualClock(now - timedelta(minutes=30)))
    try:
        olga = await services.members.actor(
            Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True
        )
        created = await services.campaigns.create(
            olga, {"title": "Protect the data", "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
        )
        await services.campaigns.set_status(olga, created.slug, CampaignStatus.ACTIVE)
        due = (now - timedelta(minutes=5)).astimezone(ZoneInfo(olga.community.timezone))
        await services.schedules.add(
            olga, created.slug, str(CHANNEL_ID), due.strftime("daily %H:%M")
        )
    finally:
        await close_services(services)


async def test_sigterm_lets_the_post_in_flight_finish_and_exits_zero(
    tmp_path: Path, full_data_dir: Path, fake: HangingDiscord, database_url: str | None
) -> None:
    """SIGTERM mid-post: the post completes and is recorded sent, a second SIGTERM is only
    noted, and the process logs a clean shutdown, exits 0 and leaves a sound database."""
    env = base_env(tmp_path, full_data_dir) | {
        "DISCORD_TOKEN": TOKEN,
        "ORGBOT_DISCORD_API_BASE": fake.api_base,
        "ORGBOT_DISCORD_GATEWAY_URL": fake.gateway_url,
    }
    await schedule_a_due_prompt(env, fake)
    bot = await Bot.start(env)
    try:
        await asyncio.wait_for(fake.arrived.wait(), WAIT)
        bot.signal(signal.SIGTERM)
        await bot.stderr.wait_for("SIGTERM received: shutting down")
        bot.signal(signal.SIGTERM)
        await bot.stderr.wait_for("SIGTERM received while shutting down")
        assert bot.process.returncode is None  # still waiting for the post to finish
        fake.released.set()
        assert await bot.exit_code() == 0, bot.stderr.text
    finally:
        fake.released.set()
        await bot.kill()
    log = await bot.stderr.finished()
    assert "Traceback" not in log, log
    assert log.index("scheduler stopped") < log.index("shut down cleanly after SIGTERM")
    assert len(fake.channel_messages(CHANNEL_ID)) == 1
    database = tmp_path / "orgbot.sqlite3"
    assert stored_rows(database, "SELECT status FROM dispatches") == [("sent",)]
    assert left_sound(database)
