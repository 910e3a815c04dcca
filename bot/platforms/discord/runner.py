"""Run the Discord host until it is stopped: every cog loaded, commands synced, gateway open."""

from __future__ import annotations

import logging

import discord

from bot.app import cog_modules
from bot.core.errors import StartupError
from bot.platforms.discord.host import DiscordHost
from bot.services import Services

log = logging.getLogger(__name__)


async def run_discord(services: Services) -> None:
    """Log in with DISCORD_TOKEN and serve until cancelled; a rejected token is a StartupError."""
    token = services.settings.discord_token
    if token is None or not token.get_secret_value():
        raise StartupError("DISCORD_TOKEN is not set.")
    host = DiscordHost(services)
    await host.load_extensions(cog_modules())
    try:
        async with host:
            await host.start(token.get_secret_value())
    except discord.LoginFailure:
        raise StartupError(
            "Discord rejected DISCORD_TOKEN. Copy a fresh one from the Developer Portal "
            "(your application > Bot > Reset Token)."
        ) from None
    except discord.GatewayNotFound:
        raise StartupError("Discord's gateway could not be reached; try again later.") from None
