"""Run the Slack host until cancelled: every cog, Socket Mode or HTTP as the settings say.

While Slack cannot be reached at start, each try is one line to the operator and the next comes
after a capped, jittered backoff; a refused token stops the start at once."""

from __future__ import annotations

import asyncio

from bot.app import cog_modules
from bot.platforms.reconnect import NETWORK_ERRORS, Sleep, Unreachable, backoff, keep_trying, reason
from bot.platforms.slack.config import HTTP, SlackConfig
from bot.platforms.slack.host import SlackHost
from bot.services import Services


async def run_slack(services: Services, *, sleep: Sleep = asyncio.sleep) -> None:
    """Start the Slack host and serve until the task is cancelled; then close it cleanly.

    Raises StartupError (one line) for missing or refused tokens.
    """
    config = SlackConfig.from_settings(services.settings)
    host = SlackHost(services, config)
    await host.load_extensions(cog_modules())
    try:
        await keep_trying(lambda: _start(host, config), backoff(services), sleep=sleep)
        await asyncio.Event().wait()  # until cancelled
    finally:
        await host.close()


async def _start(host: SlackHost, config: SlackConfig) -> None:
    """One try at connecting; unreachable Slack raises Unreachable."""
    try:
        if config.mode == HTTP:
            await host.start_http()  # ORGBOT_HTTP_HOST, ORGBOT_SLACK_HTTP_PORT
        else:
            await host.start_socket_mode()
    except NETWORK_ERRORS as exc:
        raise Unreachable(
            f"Cannot reach Slack at {config.api_url} ({reason(exc)}); check the network and "
            "ORGBOT_SLACK_API_URL."
        ) from None
