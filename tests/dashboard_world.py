"""The private dashboard for a test: settings with a public address and a secret, its page
served by the real HTTP server on 127.0.0.1 (an ephemeral port), links read from replies."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

from bot.dashboard_site import DashboardSite
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.web import WebServer

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
CAMPAIGN = "irs-data-privacy"
PUBLIC_URL = "https://orgbot.example.org"
SECRET = "k" * 32  # a test's ORGBOT_SECRET_KEY
LINK = re.compile(r"https://orgbot\.example\.org(/dashboard\?t=[A-Za-z0-9_.-]+)")


def dashboard_settings(
    tmp_path: Path, data_dir: Path, database_url: str | None, **more: object
) -> Settings:
    """Settings whose dashboard is set up (ORGBOT_PUBLIC_URL and ORGBOT_SECRET_KEY)."""
    values: dict[str, object] = {
        "public_url": PUBLIC_URL,
        "secret_key": SECRET,
        **more,
    }
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        database_url=database_url,
        data_dir=data_dir,
        console_output_dir=tmp_path / "console",
        **values,
    )


def link_path(text: str) -> str:
    """The path and query of the one dashboard link in ``text`` (perhaps written twice, as
    Slack's fallback text and blocks do)."""
    [found] = set(LINK.findall(text))
    return found


@asynccontextmanager
async def serving_dashboard(services: Services, refresh: float = 5.0) -> AsyncIterator[WebServer]:
    """The bot's HTTP server with the dashboard's routes, listening on 127.0.0.1:<free port>."""
    assert services.dashboard is not None and services.dashboard_view is not None
    server = WebServer("127.0.0.1", 0)
    site = DashboardSite(services.dashboard, services.dashboard_view, services.words, refresh)
    site.mount(server)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


async def fetch(server: WebServer, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``path``: the status, the headers and the body."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{server.port}{path}") as response,
    ):
        return response.status, dict(response.headers), await response.read()


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


async def act(full_console: ConsoleHost, clock: ManualClock) -> ConsoleHost:
    """The IRS campaign (prompts #1 and #2): ann reported Monday (contact), then on Tuesday
    ann (voicemail), bob (contact) and cat (couldn't get through)."""
    clock.set(OPEN - timedelta(days=1))
    await feed(
        full_console,
        "/as olga organizer",
        f"/campaign import {CAMPAIGN}",
        f"/prompt post {CAMPAIGN}",
        "/as ann",
        "/press 2 📞",
    )
    clock.set(OPEN)
    await feed(full_console, "/as olga organizer", f"/prompt post {CAMPAIGN}")
    second = max(full_console.messages) - 1
    await feed(
        full_console,
        "/as ann",
        f"/press {second} 📫",
        "/as bob",
        f"/press {second} 📞",
        "/as cat",
        f"/react {second} 🚫",
    )
    return full_console
