"""Reactions on DMs sent before a restart still count, once, and only for the DM's recipient.

A DM reaction names no server: the host finds the community from the DM routes stored when the
DM was sent (bot/storage/dm_routes.py). Here a campaign's prompt goes to ann by DM (through the
real prompt service and view, so the real actions cog counts reactions on it), the process
stops, and a new one on the same SQLite file receives the reactions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

import pytest

from bot.app import build_services, close_services, cog_modules
from bot.cogkit import Cog, Context, Opt, command
from bot.domain.campaign_models import Prompt
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, Platform
from bot.messages import Message, PostedRef
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import GUILD_ID, FakeDiscord, FakeMessage, running_host
from .cogs import ReactionLog
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"
UNKNOWN_MESSAGE = 5999999999999999997


class PromptByDm(Cog):
    """Sends a campaign's prompt to the member by DM, as a reminder carrying a prompt would."""

    name = "dmprompt"
    description = "A campaign's prompt by DM (tests)."

    def __init__(self, services: Services) -> None:
        self.services = services

    @command("dmprompt", "Send me a campaign's prompt by DM.")
    async def dm_prompt(self, ctx: Context, campaign: Annotated[str, Opt("Campaign")]) -> Message:
        found = await self.services.campaigns.for_member(ctx.actor, campaign)

        async def send(prompt: Prompt) -> PostedRef:
            return await ctx.send_dm(await self.services.prompt_view.prompt(prompt, found))

        prompt = await self.services.prompts.post(ctx.community, found, "dm", send)
        return Message.private(f"sent prompt {prompt.id}")


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    return discord_settings(tmp_path, fake, full_data_dir)


@asynccontextmanager
async def process(
    settings: Settings, clock: ManualClock, log: ReactionLog
) -> AsyncIterator[tuple[Services, DiscordHost]]:
    """One bot process: its own services (database connection) and a running host. The reaction
    log comes after every cog, so an event in it was fully handled by the actions cog."""
    services = await build_services(settings, clock)
    try:
        host = DiscordHost(services, guild_ready_timeout=0.05)
        await host.load_extensions(cog_modules())
        await host.add_cog(PromptByDm(services))
        await host.add_cog(log)
        async with running_host(host):
            yield services, host
    finally:
        await close_services(services)


async def organizer(services: Services, fake: FakeDiscord) -> Actor:
    return await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True)


async def prompt_by_dm(services: Services, fake: FakeDiscord) -> FakeMessage:
    """Olga imports the template; ann asks for its prompt by DM."""
    await services.campaigns.import_template(await organizer(services, fake), TEMPLATE)
    reply = await (await fake.command("dmprompt", {"campaign": TEMPLATE}, user=fake.ann)).answer()
    assert reply.text().startswith("sent prompt"), reply.text()
    [dm] = fake.dm_messages(fake.ann)
    assert dm.payload.get("guild_id") is None and "📞" in dm.reactions
    return dm


async def stored(services: Services) -> list[tuple[str, str]]:
    rows = await services.db.fetchall(
        "SELECT m.user_id, a.outcome FROM actions a JOIN members m ON m.id = a.member_id "
        "ORDER BY a.id"
    )
    return [(row[0], row[1]) for row in rows]


def thanks(fake: FakeDiscord) -> list[FakeMessage]:
    return [m for m in fake.dm_messages(fake.ann) if "Counted:" in m.text()]


async def test_a_reaction_on_a_dm_sent_before_a_restart_counts_once(
    settings: Settings, clock: ManualClock, fake: FakeDiscord
) -> None:
    """After a restart ann's 📞 on yesterday's DM counts; delivered again, it still counts once."""
    async with process(settings, clock, ReactionLog()) as (services, _):
        dm = await prompt_by_dm(services, fake)

    log = ReactionLog()
    async with process(settings, clock, log) as (services, _):
        since = len(fake.requests)
        await fake.react(dm, "📞", user=fake.ann)
        event, user, server = await log.next()
        assert (event.emoji, user, server) == ("📞", str(fake.ann.id), str(GUILD_ID))
        await fake.until(lambda: thanks(fake))
        await fake.react(dm, "📞", user=fake.ann)  # the same event, delivered again
        await log.next()
        await services.actions.batcher.idle()
        assert await stored(services) == [(str(fake.ann.id), "contact")]
        olga = await organizer(services, fake)
        campaign = await services.campaigns.get(olga.community.id, TEMPLATE)
        assert (await services.stats.campaign_count(campaign)).actions == 1
        # The live count edits the DM; its buttons still name the server it was sent for.
        path = rf"/channels/{dm.channel_id}/messages/{dm.id}"
        await fake.wait_request("PATCH", path, since=since, status=200)
        edited = fake.messages[dm.id]
        assert "1 member acted · 1 action" in edited.text()
        assert edited.custom_ids() and all(
            cid.startswith(f"@{GUILD_ID}|") for cid in edited.custom_ids()
        )
    assert len(thanks(fake)) == 1
    assert len(fake.identifies) == 2


async def test_reactions_on_unknown_or_someone_elses_dm_change_nothing(
    settings: Settings, clock: ManualClock, fake: FakeDiscord
) -> None:
    """bob's 📞 on ann's DM and ann's 📞 on a message the bot never DMed are ignored, silently."""
    async with process(settings, clock, ReactionLog()) as (services, _):
        dm = await prompt_by_dm(services, fake)

    log = ReactionLog()
    async with process(settings, clock, log) as (services, _):
        await fake.react(dm, "📞", user=fake.bob)
        await fake.react(dm, "📞", user=fake.bob, added=False)
        for added in (True, False):
            await fake.react(
                UNKNOWN_MESSAGE, "📞", user=fake.ann, channel_id=dm.channel_id, added=added
            )
        await fake.react(dm, "📫", user=fake.ann)  # a valid event after them: a point to wait for
        event, user, _ = await log.next()
        assert (event.emoji, user) == ("📫", str(fake.ann.id))
        await fake.until(lambda: thanks(fake))
        await services.actions.batcher.idle()
        assert log.events.empty()
        assert await stored(services) == [(str(fake.ann.id), "voicemail")]
    assert fake.dm_messages(fake.bob) == []
    assert len(fake.dm_messages(fake.ann)) == 2  # the prompt and the one thank-you
    assert fake.matching("GET", rf"/channels/\d+/messages/{UNKNOWN_MESSAGE}") == []
