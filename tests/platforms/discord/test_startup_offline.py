"""Starting while Discord cannot be reached: one warning per try, then the bot connects as soon
as Discord answers, with a fresh real discord.py client against the fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest

from bot.platforms.discord.runner import run_discord
from bot.services import Services

from ...fakes.discord_server import FakeDiscord
from ..test_run_offline import closed_port


async def test_the_bot_connects_once_discord_can_be_reached(
    services: Services, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """The first try meets a closed port: one warning naming it; during the wait Discord comes
    back (the setting now points at the fake), and the next try logs in and identifies."""
    reachable = services.settings
    down = f"http://127.0.0.1:{closed_port()}/api/v10"
    services.settings = reachable.model_copy(update={"discord_api_base": down})
    waits: list[float] = []

    async def network_returns(seconds: float) -> None:
        waits.append(seconds)
        services.settings = reachable

    caplog.set_level(logging.WARNING, logger="bot.platforms.reconnect")
    running = asyncio.ensure_future(run_discord(services, sleep=network_returns))
    try:
        await fake.until(lambda: fake.identifies)
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
    [warning] = [r.getMessage() for r in caplog.records if r.name == "bot.platforms.reconnect"]
    assert f"Cannot reach Discord at {down} (connection refused)" in warning
    assert "Trying again in" in warning and "\n" not in warning
    assert len(waits) == 1 and 0 < waits[0] <= services.settings.connect_retry_max
