"""Shutting down while a button press is being handled, on Slack: the real slack-bolt app over
Socket Mode, every cog, the fake Slack. The report is held on its way to the database (an
event the test controls) while the bot shuts down as ``orgbot run`` does (the host closes, then
the services). The handler either finishes before the database closes, or, if it cannot
within the wait, is cancelled and its person told in one sentence: never a closed-database
error or a traceback in the log."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import build_services, close_services, cog_modules
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.platforms.inflight import STOPPED_MIDWAY
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.slack_server import GENERAL, TEAM_ID, ApiCall, FakeSlack
from ...shutdown_gate import HeldReports, trouble
from ...stored import stored_rows

WAIT = 30.0
ORGANIZER = "UORG"


@dataclass
class Running:
    services: Services
    host: SlackHost
    prompt: ApiCall
    held: HeldReports
    closed: bool = False


@pytest.fixture
async def running(
    full_settings: Settings, clock: ManualClock, slack: FakeSlack
) -> AsyncIterator[Running]:
    """Every cog on Slack, a running campaign's prompt in #general, reports held."""
    slack.add_user(ORGANIZER, admin=True)
    services = await build_services(full_settings, clock)
    host = SlackHost(services, slack.config())
    await host.load_extensions(cog_modules())
    await host.start_socket_mode()
    await slack.connected()
    olga = await services.members.actor(Platform.SLACK, TEAM_ID, ORGANIZER, True)
    created = await services.campaigns.create(
        olga, {"title": "Protect the data", "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
    )
    await services.campaigns.set_status(olga, created.slug, CampaignStatus.ACTIVE)
    await (await slack.slash(f"/prompt post {created.slug}", user=ORGANIZER)).reply()
    prompt = await slack.next_call("chat.postMessage", lambda c: c.args["channel"] == GENERAL)
    bot = Running(services, host, prompt, HeldReports(services.actions.batcher))
    try:
        yield bot
    finally:
        if not bot.closed:  # the test failed before its shutdown
            bot.held.go_on.set()
            await shut_down(bot)


def actions(database: Path) -> list[tuple[str, str]]:
    return stored_rows(
        database, "SELECT m.user_id, a.outcome FROM actions a JOIN members m ON m.id = a.member_id"
    )


async def shut_down(running: Running, within: float | None = None) -> None:
    """As `orgbot run` stops: the host closes (its handlers first), then the services."""
    running.closed = True
    if within is not None:
        running.host.handler_wait = within
    await running.host.close()
    await close_services(running.services, *(() if within is None else (within,)))


async def test_a_press_being_handled_finishes_before_the_database_closes(
    running: Running, slack: FakeSlack, full_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The shutdown waits for the held report: it is saved, the member is thanked, and the
    log holds nothing alarming."""
    caplog.set_level(logging.INFO)
    pressed = await slack.click(running.prompt.blocks, "📞 Made contact", user="U1")
    await asyncio.wait_for(running.held.entered.wait(), WAIT)  # its ack may not be out yet
    stopping = asyncio.create_task(shut_down(running))
    await asyncio.wait_for(running.host.work.draining.wait(), WAIT)
    assert not stopping.done()  # waiting for the handler, database still open
    running.held.go_on.set()
    await asyncio.wait_for(stopping, WAIT)
    assert running.held.outcome == ["saved"]
    await pressed.ack()  # the acknowledgement went out before the connection closed
    assert "Counted: 📞 Made contact" in (await pressed.reply()).text
    assert actions(full_settings.database_path) == [("U1", "contact")]
    assert trouble(caplog.records) == []


async def test_a_press_that_cannot_finish_is_cut_off_cleanly(
    running: Running, slack: FakeSlack, full_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The held report is never let through: when the (short) wait is over the handler is
    cancelled before the database closes, the member is told in one sentence, nothing is
    saved, and the log holds no error or traceback."""
    caplog.set_level(logging.INFO)
    pressed = await slack.click(running.prompt.blocks, "📞 Made contact", user="U1")
    await asyncio.wait_for(running.held.entered.wait(), WAIT)  # its ack may not be out yet
    await asyncio.wait_for(shut_down(running, within=0.2), WAIT)
    assert running.held.outcome == ["cancelled"]
    await pressed.ack()
    assert str(STOPPED_MIDWAY) in (await pressed.reply()).text
    assert actions(full_settings.database_path) == []
    assert trouble(caplog.records) == []
