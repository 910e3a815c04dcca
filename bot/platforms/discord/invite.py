"""The OAuth2 link that adds the bot to a server, with exactly what it needs."""

from __future__ import annotations

import base64
import binascii

import discord

from bot.domain.errors import StartupError
from bot.settings import Settings

# "bot" adds the bot user; "applications.commands" lets it register slash commands.
SCOPES = ("bot", "applications.commands")


def required_permissions() -> discord.Permissions:
    """The channel permissions the bot asks for, and why each one."""
    return discord.Permissions(
        view_channel=True,  # see the channels where campaigns and prompts are posted
        send_messages=True,  # post campaign prompts and answers outside interactions
        embed_links=True,  # show messages as embeds (title, fields, colour)
        attach_files=True,  # send charts (PNG) and exports with a message
        add_reactions=True,  # put the reaction people click on a posted prompt
        read_message_history=True,  # fetch an older prompt to check a removed reaction's author
    )


def application_id_from_token(token: str) -> int:
    """A bot token's first part is the bot user's id in base64; for bots it is the app id."""
    first = token.strip().split(".", 1)[0]
    try:
        text = base64.b64decode(first + "=" * (-len(first) % 4), validate=False).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.isdigit():
        raise StartupError(
            "DISCORD_TOKEN does not look like a bot token; set ORGBOT_DISCORD_APPLICATION_ID "
            "(Developer Portal > General Information > Application ID) instead."
        )
    return int(text)


def application_id(settings: Settings) -> int:
    """The configured application id, else the one inside the token; StartupError if neither."""
    if settings.discord_application_id:
        return settings.discord_application_id
    if settings.discord_token is not None and settings.discord_token.get_secret_value():
        return application_id_from_token(settings.discord_token.get_secret_value())
    raise StartupError(
        "Set ORGBOT_DISCORD_APPLICATION_ID (Developer Portal > General Information > "
        "Application ID) or DISCORD_TOKEN to print the invite link."
    )


def invite_url(app_id: int, guild_id: int | None = None) -> str:
    """The link an admin opens to add the bot (to ``guild_id`` preselected, when given)."""
    return discord.utils.oauth_url(
        app_id,
        permissions=required_permissions(),
        scopes=SCOPES,
        guild=discord.Object(guild_id) if guild_id else discord.utils.MISSING,
    )
