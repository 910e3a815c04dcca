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
from bot.domain.text import t
from bot.i18n.translator import Translator
from bot.messages import Form, Message
from bot.platforms.slack import render
from bot.platforms.slack.messenger import SlackMessenger
from bot.platforms.slack.origin import Origin

FILES_BY_DM = t("I sent you the file in a direct message.")
NO_FORM_HERE = t("I can't open a form from here. Please run the command again.")
ENGLISH = Translator("en")  # the words when the host names no reader


class Replies:
    """Delivers answers for the host, through its messenger."""

    def __init__(self, messenger: SlackMessenger) -> None:
        self.messenger = messenger

    async def deliver(self, answer: Answer, origin: Origin, words: Translator = ENGLISH) -> None:
        """``answer`` shown to the person; what this layer adds is in ``words`` (theirs)."""
        if answer is None:
            return
        if isinstance(answer, Form):
            await self.open_form(answer, origin)
        elif answer.ephemeral:
            await self.tell(origin, answer, words)
        else:
            await self.publish(origin, answer)

    async def tell(self, origin: Origin, message: Message, words: Translator = ENGLISH) -> None:
        """A message only the person sees. Files cannot be ephemeral: they go by DM."""
        if message.attachments:
            channel = await self.messenger.dm_channel(origin.user_id, origin.team_id)
            await self.messenger.upload(channel, message.attachments, message.title)
            by_dm = words.render(FILES_BY_DM)
            footer = f"{message.footer} {by_dm}" if message.footer else by_dm
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
                t(
                    "{field} is longer than a Slack form can hold ({limit} characters), so it "
                    "can't be edited here without losing text.",
                    field=too_long[0],
                    limit=render.INPUT_MAX,
                )
            )
        await self.messenger.open_modal(origin.trigger_id, render.modal(form, origin.channel_id))
