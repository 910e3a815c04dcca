"""Reconnects, replays, slow handlers and refused answers: answered once, never a crash."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.platforms.discord.host import DiscordHost
from bot.services import Services

from ...fakes.discord_server import (
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    EPHEMERAL,
    FakeDiscord,
    running_host,
)
from ...fakes.sample_cog import SampleCog

CALLBACK = r"/interactions/\d+/[^/]+/callback"


@pytest.fixture
async def deferring(
    services: Services, fake: FakeDiscord, sample: SampleCog
) -> AsyncIterator[DiscordHost]:
    """A host that defers every interaction before running its handler (as for slow work)."""
    host = DiscordHost(services, guild_ready_timeout=0.05, defer_after=0)
    await host.load_extension("cogs.help")
    await host.add_cog(sample)
    async with running_host(host):
        yield host


@pytest.mark.parametrize("close_code", [None, 4000], ids=["reconnect-op", "disconnect"])
async def test_replayed_interaction_after_resume_is_answered_once(
    host: DiscordHost, fake: FakeDiscord, sample: SampleCog, close_code: int | None
) -> None:
    """After a resume that replays a button press, the cog ran once and Discord got one answer."""
    made = await (await fake.command("thing make", {"name": "box"}, user=fake.olga)).answer()
    press = await fake.press(made, "sample.poke:box", user=fake.ann)
    await press.answer()
    await fake.reconnect([("INTERACTION_CREATE", press.payload)], close_code=close_code)
    assert fake.resumes[-1]["session_id"] == "session-1"
    later = await (await fake.command("echo", {"times": 1, "text": "still here"})).answer()
    assert later.text() == "still here"
    assert sample.pressed == ["box"]
    assert len(press.callbacks) == 1 and press.failures == []
    assert len(fake.identifies) == 1  # resumed, not re-identified


async def test_already_answered_interaction_is_handled_gracefully(
    host: DiscordHost, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord's 40060 (answered elsewhere) is logged calmly: no error follow-up, no crash."""
    caplog.set_level(logging.INFO, logger="bot.platforms.discord")
    fake.fail("POST", CALLBACK, 400, 40060, "Interaction has already been acknowledged.")
    inter = await fake.command("echo", {"times": 1})
    await fake.wait_request("POST", CALLBACK, status=400)
    later = await (await fake.command("echo", {"times": 1, "text": "next"})).answer()
    assert later.text() == "next"
    assert fake.matching("POST", rf"/webhooks/\d+/{inter.token}") == []
    assert "already answered" in caplog.text
    assert "Traceback" not in caplog.text


async def test_expired_interaction_is_logged_not_crashed(
    host: DiscordHost, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """An answer that came too late (10062 Unknown interaction) is a warning, nothing more."""
    fake.fail("POST", CALLBACK, 404, 10062, "Unknown interaction")
    await fake.command("echo", {"times": 1})
    await fake.wait_request("POST", CALLBACK, status=404)
    later = await (await fake.command("echo", {"times": 1, "text": "next"})).answer()
    assert later.text() == "next"
    assert "expired before its answer was sent" in caplog.text


async def test_refused_answer_becomes_an_apology(
    host: DiscordHost, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """If Discord rejects an answer (bad body), the person still gets a private apology."""
    fake.fail("POST", CALLBACK, 400, 50035, "Invalid Form Body")
    inter = await fake.command("echo", {"times": 1})
    reply = await fake.until(lambda: inter.original)
    assert reply.ephemeral
    assert "Discord wouldn't show that answer" in reply.text()
    assert "could not answer interaction" in caplog.text


async def test_slow_command_shows_thinking_then_the_answer(
    deferring: DiscordHost, fake: FakeDiscord
) -> None:
    """A deferred public command shows "thinking" publicly, then its answer replaces it."""
    inter = await fake.command("echo", {"times": 2})
    reply = await inter.answer()
    assert inter.callback_type == DEFERRED_MESSAGE and inter.deferred_flags == 0
    assert reply.text() == "hi hi" and not reply.ephemeral
    assert fake.matching("PATCH", rf"/webhooks/\d+/{inter.token}/messages/@original")


async def test_slow_private_command_thinks_privately(
    deferring: DiscordHost, fake: FakeDiscord
) -> None:
    """An ephemeral command defers ephemerally, so nobody else sees it thinking."""
    inter = await fake.command("help")
    reply = await inter.answer()
    assert inter.deferred_flags == EPHEMERAL
    assert reply.ephemeral and "/echo" in reply.text()


async def test_slow_private_answer_to_a_public_command_stays_private(
    deferring: DiscordHost, fake: FakeDiscord
) -> None:
    """A public "thinking" message is deleted and a private follow-up carries the error."""
    inter = await fake.command("thing show", {"name": "cup"})
    reply = await inter.answer()
    assert reply.ephemeral and reply.text() == "There is no thing called cup."
    assert fake.matching("DELETE", rf"/webhooks/\d+/{inter.token}/messages/@original")


async def test_slow_button_acknowledges_then_follows_up(
    deferring: DiscordHost, fake: FakeDiscord, sample: SampleCog
) -> None:
    """A deferred button press is acknowledged silently; the private answer follows."""
    made = await (await fake.command("thing make", {"name": "box"}, user=fake.olga)).answer()
    press = await fake.press(made, "sample.poke:box", user=fake.bob)
    reply = await press.answer()
    assert press.callback_type == DEFERRED_UPDATE
    assert reply.ephemeral and reply.text() == f"poked box as {fake.bob.id}"


async def test_slow_form_is_explained(deferring: DiscordHost, fake: FakeDiscord) -> None:
    """A form that comes after a defer cannot open a modal: the person is told to retry."""
    reply = await (await fake.command("note")).answer()
    assert "too long to open the form" in reply.text()
