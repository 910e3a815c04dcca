"""Small cogs for Discord host tests: posting, DMs, edits, and a reaction log to wait on."""

from __future__ import annotations

import asyncio
from typing import Annotated

from bot.cogkit import Cog, Context, Opt, ReactionEvent, command, reaction
from bot.messages import Button, Message, PostedRef


class Messenger(Cog):
    """Uses the HostPort the way feature cogs do: post in a channel, DM, edit."""

    name = "messenger"
    description = "Posting and DMs."

    @command("post", "Post in a channel.")
    async def post(
        self,
        ctx: Context,
        text: Annotated[str, Opt("Text")],
        channel: Annotated[str, Opt("Channel id")] = "",
    ) -> Message:
        posted = Message(
            body=text,
            title="Prompt",
            buttons=(Button("Poke", "sample.poke", "posted"),),
            reactions=("📞",),
        )
        ref = await ctx.post(posted, channel or None)
        return Message.private(f"posted {ref.message_id}")

    @command("dm", "Send me a direct message.")
    async def dm(self, ctx: Context, text: Annotated[str, Opt("Text")]) -> Message:
        ref = await ctx.send_dm(
            Message(body=text, buttons=(Button("Poke", "sample.poke", "dm"),), reactions=("✅",))
        )
        return Message.private(f"sent {ref.message_id}")

    @command("edit", "Edit a posted message.")
    async def edit(
        self,
        ctx: Context,
        message: Annotated[str, Opt("Message id")],
        text: Annotated[str, Opt("Text")],
    ) -> Message:
        await ctx.host.edit(ctx.community, PostedRef(ctx.channel_id, message), Message(body=text))
        return Message.private("edited")


class ReactionLog(Cog):
    """Records reaction events in a queue a test can wait on."""

    name = "reactionlog"
    description = "Reaction events for tests."

    def __init__(self, answer: Message | None = None) -> None:
        self.events: asyncio.Queue[tuple[ReactionEvent, str, str]] = asyncio.Queue()
        self.answer = answer

    @reaction()
    async def seen(self, ctx: Context, event: ReactionEvent) -> Message | None:
        await self.events.put((event, ctx.member.user_id, ctx.community.external_id))
        return self.answer

    async def next(self, within: float = 5.0) -> tuple[ReactionEvent, str, str]:
        return await asyncio.wait_for(self.events.get(), within)
