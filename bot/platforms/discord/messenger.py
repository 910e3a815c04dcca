"""Posting, editing and DMs on Discord for cogs (the HostPort), with refusals as domain errors.

Every message goes out as embeds with mentions disabled (see render.py). The messenger remembers
which messages the bot wrote and records, for DMs, which server and member each was sent for
(in the database, see dm_routes.py), so reactions on them can be told apart and routed to the
right community, also after a restart. It also keeps each member's DM channel (dm_channels.py),
so a DM is one request (post in the channel) instead of two (open it, then post).

Every REST call goes through the delivery queue (bot/delivery): Discord's global 50 requests/s,
one request per route at a time, 429s and brief outages waited out. A message is sent with a
nonce Discord enforces, so a retried send never posts twice.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any

import discord

from bot.delivery.discord_policy import discord_queue, route
from bot.delivery.queue import DeliveryQueue
from bot.domain.errors import DomainError, InvalidInput, NotFound
from bot.domain.models import Community
from bot.domain.text import t
from bot.messages import Message, PostedRef
from bot.platforms.discord import errors
from bot.platforms.discord.dm_channels import DmChannels
from bot.platforms.discord.dm_routes import DmRoutes
from bot.platforms.discord.memory import Recent
from bot.platforms.discord.render import Rendered, render_pages

log = logging.getLogger(__name__)


class Messenger:
    """Sends neutral Messages through a discord.py client."""

    def __init__(
        self,
        client: discord.Client,
        routes: DmRoutes,
        queue: DeliveryQueue | None = None,
        channels: DmChannels | None = None,
    ) -> None:
        self.client = client
        self.routes = routes  # DM message id -> the server and member it was sent for
        self.channels = channels  # member -> their DM channel id (None: open it every time)
        self.queue = queue or discord_queue()
        self.authors = Recent()  # message id -> True when the bot wrote it (False: someone else)

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        """Post in a channel of the community's server."""
        channel = await self.channel_in(community, channel_id)
        try:
            sent = await self.send_pages(channel, lambda: render_pages(message))
        except errors.FAILURES as exc:
            raise errors.domain_error(exc, errors.POSTING) from exc
        await self.add_reactions(sent, message.reactions)
        return PostedRef(str(sent.channel.id), str(sent.id))

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        """Replace a posted message (its embeds, components and files)."""
        channel_id, message_id = _snowflake(ref.channel_id), _snowflake(ref.message_id)
        cached = self.client.get_channel(channel_id)
        guild = getattr(cached, "guild", None)
        if guild is not None and str(guild.id) != community.external_id:
            raise NotFound(t("That message is not in this server."))
        target = self.client.get_partial_messageable(channel_id).get_partial_message(message_id)
        dm_guild = None
        if guild is None:  # a DM's components name the server it was sent for
            dm_route = await self.routes.find(message_id)
            dm_guild = dm_route.server_id if dm_route else None
        pages = render_pages(message, dm_guild)
        if len(pages) > 1:
            log.warning(
                "an edit of message %s shows only the first of %d pages", message_id, len(pages)
            )
        try:
            await self.queue.run(
                route("PATCH", f"/channels/{channel_id}/messages"),
                lambda: target.edit(**render_pages(message, dm_guild)[0].edit_kwargs()),
                idempotent=True,
                what="an edit",
            )
        except errors.FAILURES as exc:
            raise errors.domain_error(exc, errors.UPDATING) from exc

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        """Send a DM on behalf of the community; its components and reactions name the server."""
        user = _snowflake(user_id)
        server = community.external_id
        try:
            known = await self.channels.find(server, user_id) if self.channels else None
            sent = None
            if known is not None:
                channel: discord.abc.Messageable = self.client.get_partial_messageable(
                    known, type=discord.ChannelType.private
                )
                try:
                    sent = await self.send_pages(channel, lambda: render_pages(message, server))
                except discord.NotFound as exc:
                    if exc.code != errors.UNKNOWN_CHANNEL or self.channels is None:
                        raise
                    await self.channels.forget(known)  # then open it again, once
            if sent is None:
                channel = await self._open_dm(user, fresh=known is not None)
                try:  # the post follows the opening at once, as it did before DMs were kept
                    sent = await self.send_pages(channel, lambda: render_pages(message, server))
                finally:
                    if self.channels is not None:
                        await self.channels.remember(server, user_id, channel.id)
        except errors.FAILURES as exc:
            raise errors.domain_error(exc, errors.SENDING_DM) from exc
        await self.routes.remember(community.external_id, user_id, sent.id)
        await self.add_reactions(sent, message.reactions)
        return PostedRef(str(channel.id), str(sent.id))

    async def _open_dm(self, user: int, fresh: bool) -> discord.abc.Messageable:
        """Open the DM channel with ``user`` (discord.py may answer from its cache); ``fresh``
        asks Discord itself, after the channel the bot knew turned out to be unknown."""
        if not fresh:
            return await self.queue.run(
                route("POST", f"/users/@me/channels:{user}"),
                lambda: self.client.create_dm(discord.Object(user)),
                idempotent=True,
                what="opening a DM",
            )
        opened = await self.queue.run(
            route("POST", f"/users/@me/channels:{user}"),
            lambda: self.client.http.start_private_message(user),
            idempotent=True,
            what="opening a DM again",
        )
        return self.client.get_partial_messageable(
            int(opened["id"]), type=discord.ChannelType.private
        )

    async def channel_in(self, community: Community, channel_id: str) -> discord.abc.Messageable:
        """The channel, if it is one of this community's server (never another server's)."""
        wanted = _snowflake(channel_id)
        channel: Any = self.client.get_channel(wanted)
        if channel is None:
            try:
                channel = await self.queue.run(
                    route("GET", f"/channels/{wanted}"),
                    lambda: self.client.fetch_channel(wanted),
                    idempotent=True,
                    what="finding a channel",
                )
            except errors.FAILURES as exc:
                raise errors.domain_error(exc, errors.FINDING_CHANNEL) from exc
        guild = getattr(channel, "guild", None)
        if guild is not None and str(guild.id) != community.external_id:
            raise NotFound(t("That channel is not in this server."))
        if not isinstance(channel, discord.abc.Messageable):
            raise InvalidInput(t("I can only post in text channels."))
        return channel

    async def send_pages(
        self, channel: discord.abc.Messageable, pages: Callable[[], list[Rendered]]
    ) -> discord.Message:
        """Send each page as a message; the first (with components and files) is returned.

        ``pages`` renders afresh for each attempt (files are read once per send)."""
        first: discord.Message | None = None
        for index in range(len(pages())):
            sent = await self._send(channel, lambda i=index: pages()[i])
            self.authors.put(sent.id)
            first = first or sent
        assert first is not None
        return first

    async def _send(
        self, channel: discord.abc.Messageable, page: Callable[[], Rendered]
    ) -> discord.Message:
        nonce = secrets.token_hex(12)  # Discord drops a second message with the same nonce
        where = getattr(channel, "id", "dm")
        return await self.queue.run(
            route("POST", f"/channels/{where}/messages"),
            lambda: channel.send(**page().send_kwargs(), nonce=nonce),
            idempotent=True,
            what="a message",
        )

    async def add_reactions(self, sent: discord.Message, emojis: tuple[str, ...]) -> None:
        """Add the reactions a message asks for; one that fails is logged, not raised."""
        for emoji in emojis:
            try:
                await self.queue.run(
                    route("PUT", f"/channels/{sent.channel.id}/messages/reactions"),
                    lambda e=emoji: sent.add_reaction(e),
                    idempotent=True,
                    what="a reaction",
                )
            except (*errors.FAILURES, DomainError) as exc:
                log.warning("could not add reaction %r to message %s: %s", emoji, sent.id, exc)


def _snowflake(text: str) -> int:
    if not text.isdigit() or len(text) > 20:
        raise NotFound(t("'{id}' is not a Discord id.", id=text[:30]))
    return int(text)
