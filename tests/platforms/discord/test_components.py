"""Buttons and selects: routed by custom id, answered privately, still working after a restart."""

from __future__ import annotations

from bot.platforms.discord.host import DiscordHost
from bot.services import Services

from ...fakes.discord_server import FakeDiscord, FakeMessage, running_host
from ...fakes.sample_cog import SampleCog


async def made_thing(fake: FakeDiscord, name: str = "box") -> FakeMessage:
    """An organizer runs /thing make; returns the public message with its buttons and select."""
    return await (await fake.command("thing make", {"name": name}, user=fake.olga)).answer()


async def test_button_press_reaches_the_cog(
    host: DiscordHost, fake: FakeDiscord, sample: SampleCog
) -> None:
    """Pressing a button calls its handler with the button's value, as the presser."""
    message = await made_thing(fake)
    reply = await (await fake.press(message, "sample.poke:box", user=fake.bob)).answer()
    assert reply.ephemeral
    assert reply.text() == f"poked box as {fake.bob.id}"
    assert sample.pressed == ["box"]


async def test_select_choice_reaches_the_cog(host: DiscordHost, fake: FakeDiscord) -> None:
    """Choosing in a select calls its handler with the chosen value."""
    message = await made_thing(fake)
    reply = await (await fake.choose(message, "sample.size:", ["l"], user=fake.ann)).answer()
    assert reply.ephemeral and reply.text() == "size l"


async def test_stale_button_gets_a_friendly_answer(host: DiscordHost, fake: FakeDiscord) -> None:
    """A button whose handler no cog declares any more is answered kindly."""
    message = await made_thing(fake)
    reply = await (await fake.press(message, "gone.away:1")).answer()
    assert reply.ephemeral
    assert reply.text() == "That button is no longer in use. Run the command again for a fresh one."


async def test_button_without_namespace_gets_a_friendly_answer(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """A custom id that is not "cog.action:value" is just another stale button."""
    message = await made_thing(fake)
    reply = await (await fake.press(message, "")).answer()
    assert "no longer in use" in reply.text()


async def test_old_buttons_work_after_a_restart(services: Services, fake: FakeDiscord) -> None:
    """A new bot instance on the same database answers a button of the old one's message."""
    first = DiscordHost(services, guild_ready_timeout=0.05)
    await first.add_cog(SampleCog())
    async with running_host(first):
        message = await made_thing(fake)
    assert first.is_closed()

    cog = SampleCog()
    second = DiscordHost(services, guild_ready_timeout=0.05)
    await second.add_cog(cog)
    async with running_host(second):
        reply = await (await fake.press(message, "sample.poke:box", user=fake.ann)).answer()
        chosen = await (await fake.choose(message, "sample.size:", ["s"])).answer()
    assert reply.text() == f"poked box as {fake.ann.id}"
    assert chosen.text() == "size s"
    assert cog.pressed == ["box"]
    assert len(fake.identifies) == 2
