"""Editing a schedule: posts move to the new time or channel, and no slot is posted twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.domain.models import Actor
from bot.scheduling.prompt_job import PromptJob
from bot.services import Services
from bot.storage.schedules import ScheduleRepository

from .conftest import RecordingPort, actor_of, running_campaign

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_7AM = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # 07:00 in New York


def shown(port: RecordingPort, channel: str = "calls") -> list[str]:
    return [s.at.astimezone(NEW_YORK).strftime("%a %H:%M") for s in port.posts(channel)]


async def prompt_slots(services: Services) -> list[tuple[str, str, str | None]]:
    rows = await services.db.fetchall(
        "SELECT slot, status, channel_id FROM dispatches WHERE kind = 'prompt' ORDER BY slot"
    )
    return [(r["slot"], r["status"], r["channel_id"]) for r in rows]


async def schedule_rows(services: Services) -> list[tuple]:
    rows = await services.db.fetchall("SELECT * FROM schedules ORDER BY id")
    return [tuple(r) for r in rows]


async def test_moving_the_time_after_todays_post_posts_nothing_more_today(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Daily 09:00 edited to 09:30 at 09:15 (after today's post): next post is tomorrow 09:30."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=2, minutes=15))
    edited = await services.schedules.edit(organizer, 1, "daily 09:30", None)
    assert edited.schedule.id == 1
    assert edited.next_fires[0].astimezone(NEW_YORK).strftime("%a %H:%M") == "Tue 09:30"
    assert any("Skipped today's post at Mon 2026-01-05 09:30 EST" in str(n) for n in edited.notes)
    await services.scheduler.engine.advance(timedelta(days=2, hours=1))
    assert shown(port) == ["Mon 09:00", "Tue 09:30", "Wed 09:30"]
    assert [status for _, status, _ in await prompt_slots(services)] == ["sent"] * 3


async def test_moving_the_time_before_todays_post_posts_at_the_new_time_today(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Edited at 08:00, before the 09:00 post, the day's one post goes out at 09:30 instead."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=1))
    edited = await services.schedules.edit(organizer, 1, "daily 09:30", None)
    assert edited.notes == []
    await services.scheduler.engine.advance(timedelta(days=1, hours=2))
    assert shown(port) == ["Mon 09:30", "Tue 09:30"]


async def test_a_second_daily_time_added_by_an_edit_still_posts_today(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Daily 09:00 edited at 09:15 to 09:00 and 17:00: 17:00 posts today (two a day, one sent)."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=2, minutes=15))
    await services.schedules.edit(organizer, 1, "cron 0 9,17 * * *", None)
    await services.scheduler.engine.advance(timedelta(hours=24))
    assert shown(port) == ["Mon 09:00", "Mon 17:00", "Tue 09:00"]


async def test_a_slot_not_yet_posted_at_the_edit_is_not_posted_besides_the_new_one(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """The bot was behind at 09:00; edited to 09:30 at 09:05: one post that day, at 09:30."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    clock.set(MONDAY_7AM + timedelta(hours=2, minutes=5))  # no tick at 09:00
    await services.schedules.edit(organizer, 1, "daily 09:30", None)
    await services.scheduler.engine.advance(timedelta(hours=1))
    assert shown(port) == ["Mon 09:30"]


async def test_a_tick_holding_the_schedule_from_before_the_edit_posts_nothing(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """A tick that read the schedule before an edit cannot post the old slot after it."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    clock.set(MONDAY_7AM + timedelta(hours=2))
    (stale,) = await ScheduleRepository(services.db).running()
    await services.schedules.edit(organizer, 1, None, "ops")
    job = next(j for j in services.scheduler.engine.jobs if isinstance(j, PromptJob))
    await job._run(stale, organizer.community, clock.now())
    assert port.sent == [] and await prompt_slots(services) == []


async def test_moving_the_channel_sends_the_next_post_there(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """After Monday's post in calls, the channel becomes ops: Tuesday's post lands in ops."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=3))
    edited = await services.schedules.edit(organizer, 1, None, "ops")
    changed = edited.schedule
    assert (changed.channel_id, changed.recurrence.text) == ("ops", "daily at 09:00")
    await services.scheduler.engine.advance(timedelta(days=1))
    assert shown(port, "calls") == ["Mon 09:00"]
    assert shown(port, "ops") == ["Tue 09:00"]
    assert [channel for _, _, channel in await prompt_slots(services)] == ["calls", "ops"]


async def test_a_new_when_takes_its_own_time_zone(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """'daily 09:00 America/Chicago' posts at 10:00 New York time, and keeps the zone."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    edited = await services.schedules.edit(organizer, 1, "daily 09:00 America/Chicago", None)
    assert edited.schedule.timezone == "America/Chicago"
    await services.scheduler.engine.advance(timedelta(hours=4))
    assert shown(port) == ["Mon 10:00"]


async def test_bad_edits_are_refused_and_change_nothing(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Unknown id, no change, a bad when, a member, a clash: each refused, nothing stored moves."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 17:00")
    before = await schedule_rows(services)
    member = await actor_of(services, "ann")
    attempts = [
        (organizer, 9, "daily 10:00", None, NotFound, "There is no schedule #9."),
        (organizer, 1, None, None, InvalidInput, "Say what to change"),
        (organizer, 1, " ", "", InvalidInput, "Say what to change"),
        (organizer, 1, "daily 9:75", None, InvalidInput, "'9:75' is not a time"),
        (organizer, 1, "daily 09:00 until 2025-12-31", None, InvalidInput, "would never post"),
        (organizer, 1, None, "two words", InvalidInput, "can't be blank or have spaces"),
        (member, 1, "daily 10:00", None, NotAllowed, "Only organizers"),
        (organizer, 2, "daily 09:00", None, Conflict, "would be posted twice"),
    ]
    for actor, number, when, channel, error, sentence in attempts:
        with pytest.raises(error) as refused:
            await services.schedules.edit(actor, number, when, channel)
        assert sentence in refused.value.message
    assert await schedule_rows(services) == before


async def test_another_communitys_schedule_is_no_such_schedule(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """An organizer cannot edit a schedule of another community: it does not exist for them."""
    outsider = await services.members.actor(
        organizer.community.platform, "other-team", "oscar", True
    )
    theirs = await running_campaign(services, outsider, "Their campaign")
    await services.schedules.add(outsider, theirs.slug, "calls", "daily 09:00")
    before = await schedule_rows(services)
    with pytest.raises(NotFound) as refused:
        await services.schedules.edit(organizer, 1, "daily 10:00", "ops")
    assert refused.value.message == "There is no schedule #1. /schedule list shows them."
    assert await schedule_rows(services) == before


async def test_a_time_alone_keeps_the_days_and_posts_only_on_them(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Weekdays 09:00 edited to '12:00' on Friday after its post: next Monday at noon, not the
    weekend."""
    await services.schedules.add(organizer, campaign.slug, "calls", "weekdays 09:00")
    await services.scheduler.engine.advance(timedelta(days=4, hours=3))  # Friday 10:00
    edited = await services.schedules.edit(organizer, 1, "12:00", None)
    assert edited.schedule.recurrence.text == "weekdays at 12:00"
    await services.scheduler.engine.advance(timedelta(days=3, hours=3))
    week = ["Mon 09:00", "Tue 09:00", "Wed 09:00", "Thu 09:00", "Fri 09:00"]
    assert shown(port) == [*week, "Mon 12:00"]
