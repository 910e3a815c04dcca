"""Discord's refusals as domain errors with one sentence a person can act on."""

from __future__ import annotations

import logging

import aiohttp
import discord

from bot.domain.errors import DomainError, NotAllowed, NotFound, Unavailable
from bot.domain.text import Text, t

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

CHANNEL_PERMISSIONS_HINT = t(
    "Ask a server admin to let the bot View Channel, Send Messages, Embed Links, Attach Files, "
    "Add Reactions and Read Message History there."
)
# What the bot was doing when Discord refused: each sentence below carries one (a verb phrase).
POSTING = t("post in that channel")
UPDATING = t("update that message")
SENDING_DM = t("send that direct message")
FINDING_CHANNEL = t("find that channel")


def domain_error(exc: Exception, doing: Text) -> DomainError:
    """The domain error for a failed Discord call; ``doing`` is like :data:`POSTING`. Its
    sentence is a message, so whoever reads it (the member, an organizer later) reads it in
    their language."""
    if isinstance(exc, discord.Forbidden):
        if exc.code == CANNOT_DM:
            return Unavailable(
                t(
                    "I couldn't send a direct message: this member has turned off direct "
                    "messages from server members (Discord's Privacy Settings). Nothing was sent."
                )
            )
        return NotAllowed(
            t(
                "Discord doesn't allow the bot to {doing}. {hint}",
                doing=doing,
                hint=CHANNEL_PERMISSIONS_HINT,
            )
        )
    if isinstance(exc, discord.NotFound):
        if exc.code == UNKNOWN_MESSAGE:
            return NotFound(t("I couldn't {doing}: that message was deleted.", doing=doing))
        if exc.code == UNKNOWN_USER:
            return NotFound(t("I couldn't {doing}: Discord doesn't know that member.", doing=doing))
        return NotFound(t("I couldn't {doing}: that channel no longer exists.", doing=doing))
    if isinstance(exc, discord.RateLimited):
        return Unavailable(
            t(
                "Discord is asking the bot to slow down, so I couldn't {doing}. Try again in a "
                "minute or two.",
                doing=doing,
            )
        )
    log.warning("Discord refused to %s: %s", doing, exc)
    return Unavailable(
        t("Discord didn't let me {doing} just now. Please try again in a moment.", doing=doing)
    )
