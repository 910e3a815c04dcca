"""Run the Discord host until it is stopped: every cog loaded, commands synced, gateway open.

While Discord cannot be reached at start, each try is one line to the operator and the next
comes after a capped, jittered backoff; a rejected token stops the start at once."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.app import cog_modules
from bot.domain.errors import StartupError
from bot.domain.models import Platform
from bot.platforms.discord.endpoints import DISCORD_API_BASE
from bot.platforms.discord.host import DiscordHost
from bot.platforms.reconnect import NETWORK_ERRORS, Sleep, Unreachable, backoff, keep_trying, reason
from bot.services import Services

log = logging.getLogger(__name__)


async def run_discord(services: Services, *, sleep: Sleep = asyncio.sleep) -> None:
    """Log in with DISCORD_TOKEN and serve until cancelled; a rejected token is a StartupError."""
    token = services.settings.discord_token
    if token is None or not token.get_secret_value():
        raise StartupError("DISCORD_TOKEN is not set.")
    secret = token.get_secret_value()
    services.connections.expect(Platform.DISCORD)
    try:
        await keep_trying(lambda: _serve(services, secret), backoff(services), sleep=sleep)
    finally:
        services.connections.lost(Platform.DISCORD)


async def _serve(services: Services, token: str) -> None:
    """One try: a fresh client logs in and serves; unreachable Discord raises Unreachable."""
    host = DiscordHost(services)
    await host.load_extensions(cog_modules())
    services.connections.track(Platform.DISCORD, lambda: gateway_open(host))
    try:
        async with host:
            await host.start(token)
    except discord.LoginFailure:
        raise StartupError(
            "Discord rejected DISCORD_TOKEN. Copy a fresh one from the Developer Portal "
            "(your application > Bot > Reset Token)."
        ) from None
    except discord.GatewayNotFound:
        raise Unreachable("Discord's gateway could not be reached.") from None
    except NETWORK_ERRORS as exc:
        where = services.settings.discord_api_base or DISCORD_API_BASE
        raise Unreachable(
            f"Cannot reach Discord at {where} ({reason(exc)}); check the network"
            f"{' and ORGBOT_DISCORD_API_BASE' if services.settings.discord_api_base else ''}."
        ) from None


async def gateway_open(host: DiscordHost) -> bool:
    """Whether the client is logged in and the gateway session of each of its shards is open
    now (for /healthz): false while one connects, reconnects or resumes."""
    shards = host.shards
    return (
        host.is_ready()
        and not host.is_closed()
        and bool(shards)
        and not any(shard.is_closed() for shard in shards.values())
    )
