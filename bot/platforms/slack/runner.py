"""Run the Slack host until cancelled: every cog, Socket Mode or HTTP as the settings say."""

from __future__ import annotations

import asyncio

from bot.app import cog_modules
from bot.platforms.slack.config import HTTP, SlackConfig
from bot.platforms.slack.host import SlackHost
from bot.services import Services

HTTP_HOST = "0.0.0.0"  # Slack must reach it; put a TLS reverse proxy in front


async def run_slack(services: Services) -> None:
    """Start the Slack host and serve until the task is cancelled; then close it cleanly.

    Raises StartupError (one line) for missing or refused tokens.
    """
    config = SlackConfig.from_settings(services.settings)
    host = SlackHost(services, config)
    await host.load_extensions(cog_modules())
    try:
        if config.mode == HTTP:
            await host.start_http(HTTP_HOST, config.http_port)
        else:
            await host.start_socket_mode()
        await asyncio.Event().wait()  # until cancelled
    finally:
        await host.close()
