"""Discord's refusals as domain errors with one sentence a person can act on."""

from __future__ import annotations

import logging

import aiohttp
import discord

from bot.domain.errors import DomainError, NotAllowed, NotFound, Unavailable

log = logging.getLogger(__name__)

# Discord JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes)
UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
UNKNOWN_INTERACTION = 10062
MISSING_ACCESS = 50001
CANNOT_DM = 50007
MISSING_PERMISSIONS = 50013
ALREADY_ACKNOWLEDGED = 40060

# What a Discord call can fail with: refusals, rate limits beyond our patience, network trouble.
FAILURES = (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, OSError)

CHANNEL_PERMISSIONS_HINT = (
    "Ask a server admin to let the bot View Channel, Send Messages, Embed Links, Attach Files, "
    "Add Reactions and Read Message History there."
)


def domain_error(exc: Exception, doing: str) -> DomainError:
    """The domain error for a failed Discord call; ``doing`` is like "post in that channel"."""
    if isinstance(exc, discord.Forbidden):
        if exc.code == CANNOT_DM:
            return Unavailable(
                "I couldn't send a direct message: this member has turned off direct messages "
                "from server members (Discord's Privacy Settings). Nothing was sent."
            )
        return NotAllowed(f"Discord doesn't allow the bot to {doing}. {CHANNEL_PERMISSIONS_HINT}")
    if isinstance(exc, discord.NotFound):
        if exc.code == UNKNOWN_MESSAGE:
            return NotFound(f"I couldn't {doing}: that message was deleted.")
        if exc.code == UNKNOWN_USER:
            return NotFound(f"I couldn't {doing}: Discord doesn't know that member.")
        return NotFound(f"I couldn't {doing}: that channel no longer exists.")
    if isinstance(exc, discord.RateLimited):
        return Unavailable(
            f"Discord is asking the bot to slow down, so I couldn't {doing}. Try again in a "
            "minute or two."
        )
    log.warning("Discord refused to %s: %s", doing, exc)
    return Unavailable(f"Discord didn't let me {doing} just now. Please try again in a moment.")
