"""Run the Slack host until cancelled: every cog, Socket Mode or HTTP as the settings say.

While Slack cannot be reached at start, each try is one line to the operator and the next comes
after a capped, jittered backoff; a refused token stops the start at once."""

from __future__ import annotations

import asyncio

from bot.app import cog_modules
from bot.domain.models import Platform
from bot.platforms.reconnect import NETWORK_ERRORS, Sleep, Unreachable, backoff, keep_trying, reason
from bot.platforms.slack.config import HTTP, SlackConfig
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.web import WebServer


async def run_slack(
    services: Services, *, sleep: Sleep = asyncio.sleep, web: WebServer | None = None
) -> None:
    """Start the Slack host and serve until the task is cancelled; then close it cleanly.
    HTTP mode serves on ``web``, the process's HTTP server, when there is one.

    Raises StartupError (one line) for missing or refused tokens.
    """
    config = SlackConfig.from_settings(services.settings)
    host = SlackHost(services, config, web=web)
    await host.load_extensions(cog_modules())
    services.connections.expect(Platform.SLACK)
    try:
        await keep_trying(lambda: _start(host, config), backoff(services), sleep=sleep)
        services.connections.track(Platform.SLACK, host.connected)
        await asyncio.Event().wait()  # until cancelled
    finally:
        services.connections.lost(Platform.SLACK)
        await host.close()


async def _start(host: SlackHost, config: SlackConfig) -> None:
    """One try at connecting; unreachable Slack raises Unreachable."""
    try:
        if config.mode == HTTP:
            await host.start_http()  # on the shared server, else ORGBOT_HTTP_HOST and port
        else:
            await host.start_socket_mode()
    except NETWORK_ERRORS as exc:
        raise Unreachable(
            f"Cannot reach Slack at {config.api_url} ({reason(exc)}); check the network and "
            "ORGBOT_SLACK_API_URL."
        ) from None
