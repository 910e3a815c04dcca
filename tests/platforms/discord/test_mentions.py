"""Members named on Discord, end to end: the real discord.py client, every cog and the fake
Discord. /leaderboard names people with Discord mentions, which ping no one; an odd user id or
text copying the mention marker is shown as text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import pytest

from bot.app import cog_modules
from bot.cogkit import Cog, Context, Opt, command
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.messages import Message, mention
from bot.platforms.discord.host import DiscordHost
from bot.platforms.discord.render import render
from bot.services import Services

from ...fakes.discord_server import GUILD_ID, FakeDiscord, FakeMessage, running_host
from ..leaderboard_world import report_calls

ODD_ID = "<@&4000000000000000001>x"  # not a Discord id: it must not become a role mention
FORGED_KEY = "0123456789abcdef"  # a marker made outside mention() has some other key


class Greeter(Cog):
    """Names the member who asks, after the text they typed."""

    name = "greeter"
    description = "Greetings for tests."

    @command("greet", "Greet me after some text.")
    async def greet(self, ctx: Context, text: Annotated[str, Opt("Text")]) -> Message:
        return Message(body=f"{text} {mention(ctx.member.user_id)}")


@pytest.fixture
async def board_host(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    """Every cog in cogs/ and the greeter, connected to the fake Discord."""
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.load_extensions(cog_modules())
    await bot.add_cog(Greeter())
    async with running_host(bot):
        yield bot


async def leaderboard(
    fake: FakeDiscord, services: Services, clock: ManualClock, calls: dict[str, int]
) -> FakeMessage:
    """The calls reported in the fake's server, then ann's /leaderboard as the channel sees it."""
    olga = str(fake.olga.id)
    await report_calls(services, clock, Platform.DISCORD, str(GUILD_ID), olga, calls)
    return await (await fake.command("leaderboard", user=fake.ann)).answer()


async def test_the_leaderboard_names_members_with_mentions(
    board_host: DiscordHost, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """ann (2 calls) and bob (1) are listed as <@id>, which Discord shows as their names."""
    board = await leaderboard(fake, services, clock, {str(fake.ann.id): 2, str(fake.bob.id): 1})
    assert not board.ephemeral
    assert board.embeds[0]["description"] == (
        f"1. <@{fake.ann.id}>: 2 actions\n2. <@{fake.bob.id}>: 1 action"
    )


async def test_the_leaderboard_pings_no_one(
    board_host: DiscordHost, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """The leaderboard, like every message of the scenario, allows no mention at all."""
    board = await leaderboard(fake, services, clock, {str(fake.ann.id): 1, str(fake.bob.id): 1})
    assert board.allowed_mentions == {"parse": []}
    assert [m.allowed_mentions for m in fake.messages.values()] == [{"parse": []}] * len(
        fake.messages
    )


async def test_an_odd_user_id_is_shown_as_text(
    board_host: DiscordHost, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """A member whose id is not a Discord id is listed as @id, with no mention syntax."""
    board = await leaderboard(fake, services, clock, {str(fake.ann.id): 2, ODD_ID: 1})
    lines = board.embeds[0]["description"].splitlines()
    assert lines[0] == f"1. <@{fake.ann.id}>: 2 actions"
    assert lines[1] == "2. @<\u200b@&4000000000000000001>x: 1 action"
    assert "<@&" not in board.text()


async def test_text_copying_the_marker_is_shown_as_text(
    board_host: DiscordHost, fake: FakeDiscord
) -> None:
    """Typed text shaped like a mention marker (for bob) stays text; the cog's own mention works."""
    forged = f"\ufdd0{FORGED_KEY}{fake.bob.id}\ufdd1"
    reply = await (await fake.command("greet", {"text": f"Hi {forged}"}, user=fake.ann)).answer()
    assert reply.embeds[0]["description"] == f"Hi {FORGED_KEY}{fake.bob.id} <@{fake.ann.id}>"
    assert f"<@{fake.bob.id}>" not in reply.text()


def test_titles_and_footers_show_the_id() -> None:
    """Discord shows no mentions in titles, field names and footers: there a member is @id."""
    rendered = render(Message(title=f"Hi {mention('123')}", footer=f"by {mention('123')}"))
    [embed] = rendered.embeds
    assert (embed.title, embed.footer.text) == ("Hi @123", "by @123")
