"""Showing a handler's answer on Slack: a Form as a modal, a private or a public message.

Private answers go in place (the interaction's response_url, else chat.postEphemeral), or by
DM where there is no channel (the App Home). Public answers go through the response_url when
they are plain text and blocks, and through chat.postMessage when they carry files or the bot's
reactions (which need a real message in a channel the bot is in). An answer too long for one
Slack message goes in parts; if the response_url stops taking them part way, the rest go the
other way, so none is lost.
"""

from __future__ import annotations

from dataclasses import replace

from bot.cogkit import Answer
from bot.domain.errors import DomainError, Unavailable
from bot.messages import Form, Message
from bot.platforms.slack import render
from bot.platforms.slack.messenger import SlackMessenger
from bot.platforms.slack.origin import Origin

FILES_BY_DM = "I sent you the file in a direct message."
NO_FORM_HERE = "I can't open a form from here. Please run the command again."


class Replies:
    """Delivers answers for the host, through its messenger."""

    def __init__(self, messenger: SlackMessenger) -> None:
        self.messenger = messenger

    async def deliver(self, answer: Answer, origin: Origin) -> None:
        if answer is None:
            return
        if isinstance(answer, Form):
            await self.open_form(answer, origin)
        elif answer.ephemeral:
            await self.tell(origin, answer)
        else:
            await self.publish(origin, answer)

    async def tell(self, origin: Origin, message: Message) -> None:
        """A message only the person sees. Files cannot be ephemeral: they go by DM."""
        if message.attachments:
            channel = await self.messenger.dm_channel(origin.user_id, origin.team_id)
            await self.messenger.upload(channel, message.attachments, message.title)
            footer = f"{message.footer} {FILES_BY_DM}" if message.footer else FILES_BY_DM
            message = replace(message, attachments=(), footer=footer)
        sent = 0
        if origin.response_url:
            answered = await self.messenger.respond(origin.response_url, message, public=False)
            if answered.complete:
                return
            sent = answered.parts
        if origin.channel_id:
            await self.messenger.post_ephemeral(
                origin.channel_id, origin.user_id, message, first_part=sent
            )
        else:
            await self.messenger.send_dm(
                origin.user_id, message, first_part=sent, team_id=origin.team_id
            )

    async def publish(self, origin: Origin, message: Message) -> None:
        """A public answer, in the conversation it was asked in."""
        simple = not message.attachments and not message.reactions
        sent = 0
        if simple and origin.response_url:
            answered = await self.messenger.respond(origin.response_url, message, public=True)
            if answered.complete:
                return
            sent = answered.parts
        if origin.channel_id:
            await self.messenger.post(origin.channel_id, message, first_part=sent)
        else:
            await self.messenger.send_dm(
                origin.user_id, message, first_part=sent, team_id=origin.team_id
            )

    async def open_form(self, form: Form, origin: Origin) -> None:
        """The form as a modal, opened with the interaction's trigger (valid 3 seconds)."""
        if not origin.trigger_id:
            raise DomainError(NO_FORM_HERE)
        too_long = [f.label for f in form.fields if len(f.default) > render.INPUT_MAX]
        if too_long:  # Slack would cut the text, and saving the form would lose the rest
            raise Unavailable(
                f"{too_long[0]} is longer than a Slack form can hold ({render.INPUT_MAX} "
                "characters), so it can't be edited here without losing text."
            )
        await self.messenger.open_modal(origin.trigger_id, render.modal(form, origin.channel_id))
