"""The console's /clock fast: time runs on by itself, and what falls due is shown."""

from __future__ import annotations

import asyncio

from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.scheduling.console_clock import ClockControl
from bot.services import Services

from ..conftest import Transcript


async def test_a_fast_clock_fires_the_schedule_and_stops_when_asked(
    console: ConsoleHost, services: Services, transcript: Transcript, clock: ManualClock
) -> None:
    """/clock fast 1d runs the day on; the 09:00 prompt appears; /clock normal stops it."""
    control = ClockControl(clock, services.scheduler.engine, interval=0.01)
    console.add_control("clock", control, "clock")
    shown = asyncio.Event()
    write = console.write

    def watch(text: str) -> None:
        write(text)
        if "schedule #1: posted protect-the-data in calls" in text:
            shown.set()

    console.write = watch  # type: ignore[method-assign]
    assert await console.handle("/as olga organizer")
    actor = (await console._context()).actor
    created = await services.campaigns.create(
        actor, {"title": "Protect the data", "ask": "Ask.", "script": "Hi {lawmaker}."}
    )
    await services.campaigns.set_status(actor, created.slug, CampaignStatus.ACTIVE)
    assert await console.handle(f"/schedule add {created.slug} calls daily 09:00")
    assert await console.handle("/clock fast 1d")
    assert "The clock now runs 1d per second. /clock normal stops it." in transcript.text
    await asyncio.wait_for(shown.wait(), 10)
    assert await console.handle("/clock normal")
    assert "The clock runs at normal speed." in transcript.text
    stopped_at = clock.now()
    assert await console.handle("/clock normal")
    assert "It already did." in transcript.text
    assert clock.now() == stopped_at
