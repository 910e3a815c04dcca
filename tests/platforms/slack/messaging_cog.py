"""A test cog for what the sample cog does not reach: posting elsewhere, DMs, files, reactions,
slow handlers and form errors."""

from __future__ import annotations

import asyncio
from typing import Annotated

from bot.cogkit import Cog, Context, Opt, command, form
from bot.domain.errors import InvalidInput
from bot.messages import Attachment, Form, FormField, Message

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class MessagingCog(Cog):
    name = "messaging"
    description = "Test commands that post, DM and upload."

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = asyncio.Event()
        self.posted: list[str] = []

    @command("postto", "Post some text in a channel.")
    async def postto(
        self,
        ctx: Context,
        channel: Annotated[str, Opt("A channel id")],
        text: Annotated[str, Opt("What to post", rest=True)] = "hello",
    ) -> Message:
        ref = await ctx.post(Message(body=text, reactions=("📞",)), channel_id=channel)
        self.posted.append(ref.message_id)
        return Message.private(f"posted {ref.message_id}")

    @command("prompt", "Post a prompt with a reaction, as the answer.")
    async def prompt(self, ctx: Context) -> Message:
        return Message(title="Call today", body="React when done.", reactions=("📞",))

    @command("dm", "Send someone a DM.")
    async def dm(self, ctx: Context, user: Annotated[str, Opt("A user id")]) -> Message:
        await ctx.host.send_dm(ctx.community, user, Message(body="A reminder to call."))
        return Message.private(f"sent to {user}")

    @command("chart", "A public chart.")
    async def chart(self, ctx: Context) -> Message:
        return Message(title="Calls", attachments=(Attachment("calls.png", PNG, "image/png"),))

    @command("mychart", "A private chart.", ephemeral=True)
    async def mychart(self, ctx: Context) -> Message:
        return Message(title="Your calls", attachments=(Attachment("mine.png", PNG, "image/png"),))

    @command("slow", "Wait until the test releases it.")
    async def slow(self, ctx: Context) -> Message:
        self.started.set()
        await self.release.wait()
        return Message.private("done at last")

    @command("pledge", "A form whose handler refuses some answers.")
    async def pledge(self, ctx: Context) -> Form:
        return Form("messaging.pledge", "Pledge", (FormField("calls", "How many calls"),))

    @command("longform", "A form whose saved text is longer than Slack allows.")
    async def longform(self, ctx: Context) -> Form:
        field = FormField("script", "Script", long=True, max_length=5000, default="x" * 3001)
        return Form("messaging.pledge", "Edit", (field,))

    @form("messaging.pledge")
    async def save_pledge(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        if not answers["calls"].isdigit():
            raise InvalidInput("Please give a number of calls, like 3.")
        return Message.private(f"pledged {answers['calls']}")
