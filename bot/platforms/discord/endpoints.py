"""Where discord.py sends REST calls and opens the gateway: Discord, a proxy, or a test fake."""

from __future__ import annotations

import discord
import yarl

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg/"


def apply_endpoints(api_base: str | None, gateway_url: str | None) -> None:
    """Point discord.py at the given REST base and gateway (Discord's own when unset).

    Both live on discord.py classes, so they apply to the whole process; interaction callbacks
    and webhooks use the same REST base. Reconnects go to the ``resume_gateway_url`` of READY.
    """
    discord.http.Route.BASE = (api_base or DISCORD_API_BASE).rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url or DISCORD_GATEWAY)
