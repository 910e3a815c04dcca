"""Sending to Slack: post, edit, DM, ephemeral, response_url replies, files and reactions.

Slack's errors that a person can act on (the bot is not in the channel, the person cannot be
sent a DM, Slack asks us to slow down) become domain errors with one clear sentence; anything
else is raised as is and logged with its traceback by the host's error handler.

Every Web API call goes through the delivery queue (bot/delivery): about one message a second
per channel, the method tiers, Retry-After honoured, brief outages retried (a post only when
Slack certainly did not make it, so nothing is posted twice).

A message with more text than Slack takes in one goes out as several, in order
(render.message_parts); a post's reference names the last, which carries the buttons and the
bot's reactions.

Members a message mentions are shown as ``<@U…>`` only in ephemeral messages (which notify no
one). Slack has no mention that does not notify, so in a message others see (a post, an edit,
a DM, a public reply) they are shown by name: users.info is asked for each while the message is
sent, and the names are used for that message only, never kept or logged.

A DM goes to the member's DM channel, kept per workspace in the database (dm_channels.py), so
after a restart it is one request (chat.postMessage) instead of two (conversations.open first, a
Tier 3 method). When Slack says that channel is gone, it is forgotten and opened again once, but
only if the message's FIRST part failed: once any part was accepted, nothing is sent again.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.delivery.queue import DeliveryQueue
from bot.delivery.slack_policy import keys, slack_queue
from bot.domain.errors import DomainError, RateLimited, Unavailable
from bot.domain.text import Text, t
from bot.messages import Attachment, Message, PostedRef, mentioned
from bot.platforms.slack import render
from bot.platforms.slack.dm_channels import SlackDmChannels
from bot.platforms.slack.emoji import slack_name
from bot.platforms.slack.text import MENTIONS, SLACK_USER, People

log = logging.getLogger(__name__)

DM_CACHE = 5000
# Slack's refusals as sentences (messages: the member, or an organizer later, reads them in
# their language).
NOT_IN_CHANNEL = t(
    "I'm not in that channel yet. Add me there (type /invite in the channel and choose this "
    "app), then try again."
)
CHANNEL_ERRORS = {
    "not_in_channel": NOT_IN_CHANNEL,
    "channel_not_found": t("I can't see that channel. If it is private, add me to it first."),
    "is_archived": t("That channel is archived, so I can't post there."),
    "restricted_action": t("This workspace does not allow me to post in that channel."),
    "user_not_in_channel": t("You are not in that channel, so I can't show you a message there."),
}
GONE = {"channel_not_found", "is_archived", "not_in_channel"}  # a kept DM channel is no more
NOT_FOUND_HERE = t("I couldn't send a direct message: I can't find that person here.")
DM_ERRORS = {
    "cannot_dm_bot": t("I can't send direct messages to bots."),
    "user_disabled": t("I couldn't send a direct message: that account is deactivated."),
    "user_not_found": NOT_FOUND_HERE,
    "user_not_visible": NOT_FOUND_HERE,
    "messages_tab_disabled": t(
        "I couldn't send a direct message: direct messages to this app are turned off."
    ),
}
SLOW_FORM = t("Slack took too long to open the form. Please try again.")
AUTH_ERRORS = {"invalid_auth", "not_authed", "token_revoked", "account_inactive", "token_expired"}
IDEMPOTENT = {"chat_update", "conversations_open", "reactions_add"}  # safe to send twice
API_NAMES = {"files_upload_v2": "files.completeUploadExternal"}
ALT_MAX = 1000  # an uploaded image's alt_txt


def translate(exc: SlackApiError, errors: Mapping[str, Text] = CHANNEL_ERRORS) -> Exception:
    """The domain error for a Slack API error a person can understand, else the error itself."""
    code = str(exc.response.get("error", ""))
    if code in errors:
        return Unavailable(errors[code])
    if code == "ratelimited":
        return RateLimited(t("Slack asked me to slow down. Please try again in a minute."))
    if code == "missing_scope":
        needed = exc.response.get("needed", "")
        log.error("the Slack app lacks the %s scope: reinstall it from the manifest", needed)
        return Unavailable(
            t(
                "The Slack app is missing a permission it needs; an organizer should reinstall "
                "it from `orgbot slack manifest`."
            )
        )
    if code in AUTH_ERRORS:
        log.error("Slack rejected the bot token (%s)", code)
        return Unavailable(t("The bot's connection to Slack was refused; organizers can see why."))
    return exc


@dataclass(frozen=True, slots=True)
class Sent:
    """How many of a message's parts were delivered, of how many."""

    parts: int
    of: int

    @property
    def complete(self) -> bool:
        return self.parts >= self.of


class SlackMessenger:
    """Everything the host sends, through one AsyncWebClient."""

    def __init__(
        self,
        client: AsyncWebClient,
        queue: DeliveryQueue | None = None,
        channels: SlackDmChannels | None = None,
    ) -> None:
        self.client = client
        self.queue = queue or slack_queue()
        self.channels = channels  # member -> DM channel, per workspace (None: memory only)
        self._dm_channels: OrderedDict[str, str] = OrderedDict()

    async def post(self, channel_id: str, message: Message, *, first_part: int = 0) -> PostedRef:
        """Post a public message (then its files and the bot's reactions) in a channel; from
        its part ``first_part`` on, when the ones before were shown another way."""
        ref = await self._post(channel_id, message, first_part, gone_ok=False)
        assert ref is not None  # only gone_ok answers None
        return ref

    async def _post(
        self, channel_id: str, message: Message, first_part: int, *, gone_ok: bool
    ) -> PostedRef | None:
        """:meth:`post`; with ``gone_ok``, None when Slack refused the FIRST part because the
        channel is gone (GONE), so nothing was posted and the caller may try another channel."""
        if not channel_id:
            raise DomainError(t("There is no channel here to post in."))
        parts = render.message_parts(message, await self.people(message))
        ref: PostedRef | None = None
        for part in parts[min(first_part, len(parts) - 1) :]:
            try:
                response = await self._queued(
                    "chat_postMessage",
                    channel=channel_id,
                    **part,
                    link_names=False,
                    parse="none",
                    unfurl_links=False,
                    unfurl_media=False,
                )
            except SlackApiError as exc:
                if gone_ok and ref is None and _error(exc) in GONE:
                    return None
                _reraise(exc, CHANNEL_ERRORS)
            ref = PostedRef(str(response["channel"]), str(response["ts"]))
        assert ref is not None  # there is always at least one part
        await self.upload(ref.channel_id, message.attachments, message.title)
        await self.react(ref, message.reactions)
        return ref

    async def edit(self, ref: PostedRef, message: Message) -> None:
        """Replace a message the bot posted (files cannot be changed on Slack).

        ``ref`` names one Slack message: for an answer posted in parts, the last one (with the
        buttons), which the edit replaces with the new last part; the parts before stay as
        they were posted."""
        parts = render.message_parts(message, await self.people(message))
        if len(parts) > 1:
            log.warning("an edit of a message in %d parts changes only the last", len(parts))
        await self._call(
            "chat_update",
            CHANNEL_ERRORS,
            channel=ref.channel_id,
            ts=ref.message_id,
            **parts[-1],
            link_names=False,
            parse="none",
        )
        await self.react(ref, message.reactions)

    async def dm_channel(self, user_id: str, team_id: str = "") -> str:
        """The id of the DM channel with ``user_id`` of workspace ``team_id`` (kept, else
        opened with conversations.open and kept)."""
        known = await self._known_dm(user_id, team_id)
        if known is not None:
            return known
        channel = await self._open_dm(user_id)
        await self._keep(team_id, user_id, channel)
        return channel

    async def send_dm(
        self, user_id: str, message: Message, *, first_part: int = 0, team_id: str = ""
    ) -> PostedRef:
        """A DM to ``user_id`` of workspace ``team_id``, in their kept DM channel; a kept
        channel Slack calls gone is forgotten and the DM opened again, once, if nothing of
        the message was posted yet."""
        known = await self._known_dm(user_id, team_id)
        if known is not None:
            try:
                ref = await self._post(known, message, first_part, gone_ok=True)
            except Unavailable as exc:
                self._dm_channels.pop(user_id, None)
                if _error(exc.__cause__) in GONE:  # a later part: forget it, send nothing again
                    await self._forget(team_id, user_id, known)
                raise
            if ref is not None:
                return ref
            await self._forget(team_id, user_id, known)  # then open it again, once
        channel = await self._open_dm(user_id)
        try:  # the post follows the opening at once; the channel is kept after it
            ref = await self.post(channel, message, first_part=first_part)
        except Unavailable as exc:
            if _error(exc.__cause__) not in GONE:
                await self._keep(team_id, user_id, channel)
            raise
        await self._keep(team_id, user_id, channel)
        return ref

    async def _known_dm(self, user_id: str, team_id: str) -> str | None:
        """The DM channel kept in memory, else in the database (then also in memory)."""
        known = self._dm_channels.get(user_id)
        if known is None and self.channels is not None and team_id:
            known = await self.channels.find(team_id, user_id)
            if known is not None:
                self._cache(user_id, known)
        return known

    async def _open_dm(self, user_id: str) -> str:
        response = await self._call("conversations_open", DM_ERRORS, users=user_id)
        return str(response["channel"]["id"])

    async def _keep(self, team_id: str, user_id: str, channel: str) -> None:
        self._cache(user_id, channel)
        if self.channels is not None and team_id:
            await self.channels.remember(team_id, user_id, channel)

    async def _forget(self, team_id: str, user_id: str, channel: str) -> None:
        self._dm_channels.pop(user_id, None)
        if self.channels is not None and team_id:
            await self.channels.forget(team_id, user_id, channel)

    def _cache(self, user_id: str, channel: str) -> None:
        self._dm_channels[user_id] = channel
        while len(self._dm_channels) > DM_CACHE:
            self._dm_channels.popitem(last=False)

    async def post_ephemeral(
        self, channel_id: str, user_id: str, message: Message, *, first_part: int = 0
    ) -> None:
        """A message in a channel that only ``user_id`` sees (from part ``first_part`` on)."""
        parts = render.message_parts(message)
        for part in parts[min(first_part, len(parts) - 1) :]:
            await self._call(
                "chat_postEphemeral",
                CHANNEL_ERRORS,
                channel=channel_id,
                user=user_id,
                **part,
                link_names=False,
                parse="none",
            )

    async def open_modal(self, trigger_id: str, view: dict[str, Any]) -> None:
        """views.open; a trigger that expired (Slack allows 3 seconds) is a clear error."""
        try:
            await self.client.views_open(trigger_id=trigger_id, view=view)
        except SlackApiError as exc:
            if exc.response.get("error") in ("expired_trigger_id", "invalid_trigger_id"):
                raise Unavailable(SLOW_FORM) from exc
            _reraise(exc, CHANNEL_ERRORS)

    async def respond(self, response_url: str, message: Message, *, public: bool) -> Sent:
        """Answer through an interaction's response_url, part by part, until Slack takes no
        more (the URL expired or was used too often): the rest is for another way."""
        hook = AsyncWebhookClient(response_url, retry_handlers=self.client.retry_handlers)
        people = await self.people(message) if public else MENTIONS
        parts = render.message_parts(message, people)
        for number, part in enumerate(parts):
            response = await hook.send(
                **part,
                response_type="in_channel" if public else "ephemeral",
                replace_original=False,
            )
            if response.status_code != 200:
                log.warning("response_url answered %s: %s", response.status_code, response.body)
                return Sent(number, len(parts))
        return Sent(len(parts), len(parts))

    async def upload(
        self, channel_id: str, attachments: Iterable[Attachment], title: str | None = None
    ) -> None:
        """Share files in a channel with Slack's current upload API (files_upload_v2)."""
        uploads = [_upload_item(a, title) for a in attachments]
        if not uploads:
            return
        await self._call(
            "files_upload_v2", CHANNEL_ERRORS, file_uploads=uploads, channel=channel_id
        )

    async def react(self, ref: PostedRef, emojis: Iterable[str]) -> None:
        """Add the bot's own reactions, so people can click them."""
        for emoji in emojis:
            name = slack_name(emoji)
            if name is None:
                log.warning("no Slack name for the emoji %r; reaction not added", emoji)
                continue
            try:
                await self._queued(
                    "reactions_add", channel=ref.channel_id, timestamp=ref.message_id, name=name
                )
            except SlackApiError as exc:
                error = exc.response.get("error")
                if error == "invalid_name":  # a name Slack lacks: members can still react
                    log.warning("Slack has no emoji named %r; reaction not added", name)
                elif error != "already_reacted":
                    _reraise(exc, CHANNEL_ERRORS)

    async def people(self, message: Message) -> People:
        """The names of the members a message others see mentions (for that message only)."""
        ids = [user_id for user_id in mentioned(message) if SLACK_USER.match(user_id)]
        names = await asyncio.gather(*(self._name(user_id) for user_id in ids))
        return People({user_id: name for user_id, name in zip(ids, names, strict=True) if name})

    async def _name(self, user_id: str) -> str:
        """The name Slack shows for a user ("" if Slack does not say: the id is shown)."""
        try:
            response = await self._queued("users_info", user=user_id)
        except (SlackApiError, DomainError, ClientError, OSError) as exc:
            log.info("could not look up a member's name: %s", type(exc).__name__)
            log.debug("could not look up the name of %s", user_id)
            return ""
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        for name in (profile.get("display_name"), profile.get("real_name"), user.get("name")):
            if isinstance(name, str) and name.strip():
                return name.strip()
        return ""

    async def _call(self, method: str, errors: Mapping[str, Text], **kwargs: Any) -> Any:
        try:
            return await self._queued(method, **kwargs)
        except SlackApiError as exc:
            _reraise(exc, errors)

    async def _queued(self, method: str, **kwargs: Any) -> Any:
        """``client.<method>(**kwargs)`` through the delivery queue."""
        api = API_NAMES.get(method, method.replace("_", ".", 1))
        channel = kwargs.get("channel")
        return await self.queue.run(
            keys(api, str(channel) if channel else None),
            lambda: getattr(self.client, method)(**kwargs),
            idempotent=method in IDEMPOTENT,
            what=api,
        )


def _error(exc: BaseException | None) -> str:
    """Slack's error code of a SlackApiError ("" for anything else)."""
    return str(exc.response.get("error", "")) if isinstance(exc, SlackApiError) else ""


def _reraise(exc: SlackApiError, errors: Mapping[str, Text]) -> NoReturn:
    translated = translate(exc, errors)
    if translated is exc:
        raise exc
    raise translated from exc


def _upload_item(attachment: Attachment, title: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "file": attachment.data,
        "filename": attachment.filename,
        "title": attachment.filename,
    }
    if attachment.is_image:  # what screen readers say
        item["alt_txt"] = (attachment.alt or title or attachment.filename)[:ALT_MAX]
    return item
