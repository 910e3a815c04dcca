"""Posting, editing and DMs on Discord for cogs (the HostPort), with refusals as domain errors.

Every message goes out as embeds with mentions disabled (see render.py). The messenger remembers
which messages the bot wrote and, for DMs, which server each was sent for, so reactions on them
can be told apart and routed to the right community.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.core.errors import InvalidInput, NotFound
from bot.core.models import Community
from bot.messages import Message, PostedRef
from bot.platforms.discord import errors
from bot.platforms.discord.memory import Recent
from bot.platforms.discord.render import Rendered, render_pages

log = logging.getLogger(__name__)


class Messenger:
    """Sends neutral Messages through a discord.py client."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client
        self.authors = Recent()  # message id -> True when the bot wrote it (False: someone else)
        self.dm_servers = Recent()  # DM message id -> the server (guild id) it was sent for

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        """Post in a channel of the community's server."""
        channel = await self.channel_in(community, channel_id)
        try:
            sent = await self.send_pages(channel, render_pages(message))
        except errors.FAILURES as exc:
            raise errors.domain_error(exc, "post in that channel") from exc
        await self.add_reactions(sent, message.reactions)
        return PostedRef(str(sent.channel.id), str(sent.id))

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        """Replace a posted message (its embeds, components and files)."""
        channel_id, message_id = _snowflake(ref.channel_id), _snowflake(ref.message_id)
        cached = self.client.get_channel(channel_id)
        guild = getattr(cached, "guild", None)
        if guild is not None and str(guild.id) != community.external_id:
            raise NotFound("That message is not in this server.")
        target = self.client.get_partial_messageable(channel_id).get_partial_message(message_id)
        dm_guild = self.dm_servers.get(message_id)
        pages = render_pages(message, dm_guild)
        if len(pages) > 1:
            log.warning(
                "an edit of message %s shows only the first of %d pages", message_id, len(pages)
            )
        try:
            await target.edit(**pages[0].edit_kwargs())
        except errors.FAILURES as exc:
            raise errors.domain_error(exc, "update that message") from exc

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        """Send a DM on behalf of the community; its components and reactions name the server."""
        user = _snowflake(user_id)
        try:
            channel = await self.client.create_dm(discord.Object(user))
            sent = await self.send_pages(channel, render_pages(message, community.external_id))
        except errors.FAILURES as exc:
            raise errors.domain_error(exc, "send that direct message") from exc
        self.dm_servers.put(sent.id, community.external_id)
        await self.add_reactions(sent, message.reactions)
        return PostedRef(str(channel.id), str(sent.id))

    async def channel_in(self, community: Community, channel_id: str) -> discord.abc.Messageable:
        """The channel, if it is one of this community's server (never another server's)."""
        wanted = _snowflake(channel_id)
        channel: Any = self.client.get_channel(wanted)
        if channel is None:
            try:
                channel = await self.client.fetch_channel(wanted)
            except errors.FAILURES as exc:
                raise errors.domain_error(exc, "find that channel") from exc
        guild = getattr(channel, "guild", None)
        if guild is not None and str(guild.id) != community.external_id:
            raise NotFound("That channel is not in this server.")
        if not isinstance(channel, discord.abc.Messageable):
            raise InvalidInput("I can only post in text channels.")
        return channel

    async def send_pages(
        self, channel: discord.abc.Messageable, pages: list[Rendered]
    ) -> discord.Message:
        """Send each page as a message; the first (with components and files) is returned."""
        first = await channel.send(**pages[0].send_kwargs())
        self.authors.put(first.id)
        for page in pages[1:]:
            more = await channel.send(**page.send_kwargs())
            self.authors.put(more.id)
        return first

    async def add_reactions(self, sent: discord.Message, emojis: tuple[str, ...]) -> None:
        """Add the reactions a message asks for; one that fails is logged, not raised."""
        for emoji in emojis:
            try:
                await sent.add_reaction(emoji)
            except errors.FAILURES as exc:
                log.warning("could not add reaction %r to message %s: %s", emoji, sent.id, exc)


def _snowflake(text: str) -> int:
    if not text.isdigit() or len(text) > 20:
        raise NotFound(f"'{text[:30]}' is not a Discord id.")
    return int(text)
