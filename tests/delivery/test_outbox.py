"""The outbox: background sends go to the platform's host; failures are recorded, never fatal."""

from __future__ import annotations

import logging

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import Unavailable
from bot.domain.models import Actor, Platform
from bot.i18n.stored import kept
from bot.messages import Message
from bot.services import Services

from ..scheduling.conftest import CANNOT_DM, CANNOT_POST, RecordingPort


@pytest.fixture
def port(services: Services, clock: ManualClock) -> RecordingPort:
    recording = RecordingPort(clock)
    services.scheduler.attach(recording)
    return recording


@pytest.fixture
async def olga(services: Services) -> Actor:
    return await services.members.actor(Platform.CONSOLE, "console", "olga", True)


async def test_a_refusal_is_recorded_and_the_next_send_goes_out(
    services: Services, port: RecordingPort, olga: Actor
) -> None:
    """A channel the bot cannot post in: the sentence is recorded and raised; others work."""
    outbox = services.scheduler.outbox
    port.locked_channels.add("locked")
    with pytest.raises(Exception, match="doesn't allow the bot") as info:
        await outbox.post(olga.community, "locked", Message(body="x"), purpose="a test post")
    await outbox.post(olga.community, "calls", Message(body="y"), purpose="a test post")
    assert getattr(info.value, "message", "") == CANNOT_POST
    [failure] = await services.schedules.failures(olga)
    assert tuple(str(kept(x)) for x in (failure.purpose, failure.target, failure.reason)) == (
        "a test post",
        "channel locked",
        CANNOT_POST,
    )
    assert [s.where for s in port.sent] == ["calls"]


async def test_a_dm_failure_names_no_one(
    services: Services, port: RecordingPort, olga: Actor
) -> None:
    """A refused DM is recorded against the member, without their platform id in the text."""
    ann = await services.members.actor(Platform.CONSOLE, "console", "ann", False)
    port.closed_dms.add("ann")
    with pytest.raises(Unavailable):
        await services.scheduler.outbox.send_dm(
            ann.community, ann.member, Message(body="x"), purpose="daily reminder"
        )
    [failure] = await services.schedules.failures(olga)
    said = (str(kept(failure.target)), str(kept(failure.reason)))
    assert said == ("a member's direct messages", CANNOT_DM)
    assert "ann" not in failure.target + failure.reason


async def test_an_unexpected_error_is_logged_recorded_and_told_plainly(
    services: Services, port: RecordingPort, olga: Actor, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug in a host is logged with its traceback; the record and the error are sentences."""

    async def broken(*args: object) -> None:
        raise KeyError("boom")

    port.post = broken  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR), pytest.raises(Unavailable) as info:
        await services.scheduler.outbox.post(
            olga.community, "calls", Message(body="x"), purpose="a test post"
        )
    assert any(record.exc_info for record in caplog.records)
    assert "unexpected error" in info.value.message
    [failure] = await services.schedules.failures(olga)
    assert "the bot's log has the details" in str(kept(failure.reason))


async def test_no_host_for_the_platform_is_a_clear_error(services: Services, olga: Actor) -> None:
    """Nothing attached for the community's platform: Unavailable, saying which platform."""
    with pytest.raises(Unavailable, match="No console host is running"):
        await services.scheduler.outbox.post(
            olga.community, "calls", Message(body="x"), purpose="a test post"
        )
