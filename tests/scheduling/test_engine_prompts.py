"""Scheduled prompts: fired by the clock, exactly once per slot, across restarts and DST."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_services, close_services
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.clock import ManualClock, iso
from bot.domain.models import Actor
from bot.domain.schedule_models import DispatchKind
from bot.i18n.stored import kept
from bot.services import Services
from bot.settings import Settings
from bot.storage.schedules import DispatchRepository

from .conftest import CANNOT_POST, RecordingPort, running_campaign

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_7AM = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # 07:00 in New York


def shown(port: RecordingPort, channel: str = "calls") -> list[str]:
    return [s.at.astimezone(NEW_YORK).strftime("%a %m-%d %H:%M %Z") for s in port.posts(channel)]


async def dispatches(services: Services) -> list[tuple[str, str, str | None]]:
    rows = await services.db.fetchall(
        "SELECT slot, status, detail FROM dispatches WHERE kind = 'prompt' ORDER BY slot"
    )
    return [(r["slot"], r["status"], r["detail"]) for r in rows]


async def test_weekdays_at_nine_posts_exactly_the_due_prompts(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """From Thursday 07:00 over three days: Thursday and Friday at 09:00, nothing at weekends."""
    clock.set(MONDAY_7AM + timedelta(days=3))
    await services.schedules.add(organizer, campaign.slug, "calls", "weekdays 09:00")
    await services.scheduler.engine.advance(timedelta(days=3))
    assert shown(port) == ["Thu 01-08 09:00 EST", "Fri 01-09 09:00 EST"]
    assert all(p.message.title == campaign.title for p in port.posts())


async def test_each_prompt_is_posted_at_its_own_time(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Jumping three days fires each slot with the clock at that slot, in order."""
    await services.schedules.add(organizer, campaign.slug, "calls", "weekdays 09:00")
    await services.scheduler.engine.advance(timedelta(days=3))
    assert shown(port) == ["Mon 01-05 09:00 EST", "Tue 01-06 09:00 EST", "Wed 01-07 09:00 EST"]
    prompts = await services.prompts.for_campaign(organizer.community.id, campaign.id)
    assert len(prompts) == 3


async def test_ticking_again_posts_nothing_more(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Once a slot is handled, more ticks at the same time (or later) never post it again."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=2, minutes=30))
    for _ in range(3):
        await services.scheduler.engine.tick()
    assert len(port.posts()) == 1
    assert [status for _, status, _ in await dispatches(services)] == ["sent"]


async def test_two_processes_on_one_database_post_a_slot_once(
    settings: Settings, services: Services, clock: ManualClock, organizer: Actor, campaign: Campaign
) -> None:
    """Two schedulers ticking at once on the same database: the dispatch log lets one post."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    other = await build_services(settings, clock)
    try:
        ports = [RecordingPort(clock), RecordingPort(clock)]
        services.scheduler.attach(ports[0])
        other.scheduler.attach(ports[1])
        clock.set(MONDAY_7AM + timedelta(hours=2))
        await asyncio.gather(services.scheduler.engine.tick(), other.scheduler.engine.tick())
    finally:
        await close_services(other)
    assert len(ports[0].posts()) + len(ports[1].posts()) == 1


async def test_a_slot_missed_within_the_grace_window_is_posted_once_after_a_restart(
    settings: Settings, services: Services, clock: ManualClock, organizer: Actor, campaign: Campaign
) -> None:
    """Down at 09:00, back at 09:40: the 09:00 prompt goes out once, at 09:40."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await close_services(services)
    clock.set(MONDAY_7AM + timedelta(hours=2, minutes=40))
    restarted = await build_services(settings, clock)
    try:
        port = RecordingPort(clock)
        restarted.scheduler.attach(port)
        await restarted.scheduler.engine.tick()
        await restarted.scheduler.engine.tick()
    finally:
        await close_services(restarted)
    assert shown(port) == ["Mon 01-05 09:40 EST"]


async def test_an_older_missed_slot_is_skipped_and_the_organizer_told(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """A slot more than the grace window late is not posted; the schedule and its maker say so."""
    added = await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    clock.set(MONDAY_7AM + timedelta(hours=3, minutes=5))
    await services.scheduler.engine.tick()
    assert port.posts() == []
    [view] = await services.schedules.views(organizer.community)
    assert str(kept(view.schedule.notice)) == (
        "Skipped the post due Mon 2026-01-05 09:00 EST: the bot was not running then, and posts "
        "more than 60 minutes late are not sent."
    )
    [told] = port.dms("olga")
    assert told.message.title == f"Schedule #{added.schedule.id} needs a look"
    assert str(kept(view.schedule.notice)) in told.message.body


async def test_a_spanish_organizer_is_told_of_a_skipped_post_in_spanish(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """The notice is kept as its message and values (read in each reader's language by
    /schedule list) and DMed to the organizer who made the schedule in their own language."""
    await services.members.set_language(organizer.member, "es")
    added = await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    clock.set(MONDAY_7AM + timedelta(hours=3, minutes=5))
    await services.scheduler.engine.tick()
    [view] = await services.schedules.views(organizer.community)
    assert str(kept(view.schedule.notice)).startswith("Skipped")
    [told] = port.dms("olga")
    assert told.message.title == f"La programación #{added.schedule.id} necesita revisión"
    assert told.message.body == (
        "Se omitió la publicación del lun 2026-01-05 09:00 EST: el bot no estaba funcionando "
        "entonces, y no se envían publicaciones con más de 60 minutos de retraso.\n\n"
        "/schedule list muestra tus programaciones."
    )


async def test_a_post_interrupted_by_a_crash_is_never_posted_again(
    settings: Settings, services: Services, clock: ManualClock, organizer: Actor, campaign: Campaign
) -> None:
    """A claim left 'sending' (the process died mid-post) is marked interrupted, not re-sent."""
    added = await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    slot = MONDAY_7AM + timedelta(hours=2)
    clock.set(slot + timedelta(seconds=1))
    claimed = await services.db.fetchone("SELECT count(*) FROM dispatches")
    assert claimed is not None and claimed[0] == 0
    await _claim_without_finishing(services, organizer, added.schedule.id, slot)
    await close_services(services)
    restarted = await build_services(settings, clock)
    try:
        port = RecordingPort(clock)
        restarted.scheduler.attach(port)
        await restarted.scheduler.engine.advance(timedelta(minutes=5))
        [(_, status, detail)] = await dispatches(restarted)
        [view] = await restarted.schedules.views(organizer.community)
    finally:
        await close_services(restarted)
    assert port.posts() == []
    assert status == "interrupted" and "not sent again" in (detail or "")
    assert view.schedule.notice is not None
    assert "It was not posted again, so it can't appear twice" in str(kept(view.schedule.notice))
    assert len(port.dms("olga")) == 1


async def _claim_without_finishing(
    services: Services, organizer: Actor, schedule_id: int, slot: datetime
) -> None:
    """What a process killed between claiming a slot and finishing it leaves behind."""
    assert await DispatchRepository(services.db).claim(
        organizer.community.id,
        DispatchKind.PROMPT,
        f"schedule:{schedule_id}",
        iso(slot),
        slot,
        schedule_id=schedule_id,
    )


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (CampaignStatus.PAUSED, "is paused right now"),
        (CampaignStatus.ARCHIVED, "is archived: it is over"),
    ],
)
async def test_a_campaign_that_is_not_running_posts_nothing_and_says_why(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    status: CampaignStatus,
    reason: str,
) -> None:
    """Paused or archived after scheduling: the slot passes with no post, and the log and
    /schedule list say why."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.campaigns.set_status(organizer, campaign.slug, status)
    await services.scheduler.engine.advance(timedelta(hours=3))
    assert port.posts() == []
    [(_, logged, detail)] = await dispatches(services)
    assert logged == "stopped" and reason in (detail or "")
    [view] = await services.schedules.views(organizer.community)
    state = str(view.state)
    assert state.startswith("not posting:") and reason in state


async def test_a_campaign_that_ended_stops_its_prompts(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """A campaign ending on Tuesday: Monday and Tuesday post, Wednesday does not."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.campaigns.set_dates(organizer, campaign.slug, "-", "2026-01-06")
    await services.scheduler.engine.advance(timedelta(days=3))
    assert shown(port) == ["Mon 01-05 09:00 EST", "Tue 01-06 09:00 EST"]
    assert [status for _, status, _ in await dispatches(services)] == ["sent", "sent", "stopped"]


async def test_a_channel_the_bot_cannot_post_in_fails_clearly_and_others_go_on(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """The locked channel's post fails with the platform's reason, recorded and told; the other
    schedule posts."""
    port.locked_channels.add("locked")
    other = await running_campaign(services, organizer, "Second cause")
    locked = await services.schedules.add(organizer, campaign.slug, "locked", "daily 09:00")
    await services.schedules.add(organizer, other.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=3))
    assert [p.message.title for p in port.posts()] == ["Second cause"]
    rows = await services.db.fetchall(
        "SELECT schedule_id, status, detail FROM dispatches ORDER BY schedule_id"
    )
    assert (rows[0]["schedule_id"], rows[0]["status"]) == (locked.schedule.id, "failed")
    assert rows[0]["detail"] == CANNOT_POST
    [failure] = await services.schedules.failures(organizer)
    assert (str(kept(failure.target)), str(kept(failure.reason))) == ("channel locked", CANNOT_POST)
    [told] = port.dms("olga")
    assert CANNOT_POST in told.message.body and "could not be posted in locked" in told.message.body


async def test_pause_resume_and_remove_take_effect_at_once(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Paused over Monday's slot: nothing, and nothing made up on resume; removed: nothing."""
    added = await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    number = added.schedule.id
    await services.schedules.pause(organizer, number)
    await services.scheduler.engine.advance(timedelta(hours=3))
    await services.schedules.resume(organizer, number)
    await services.scheduler.engine.advance(timedelta(days=1))
    await services.schedules.remove(organizer, number)
    await services.scheduler.engine.advance(timedelta(days=2))
    assert shown(port) == ["Tue 01-06 09:00 EST"]


async def test_a_schedule_with_an_end_date_stops_after_it(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """'daily 09:00 until 2026-01-06' posts Monday and Tuesday only."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00 until 2026-01-06")
    await services.scheduler.engine.advance(timedelta(days=4))
    assert shown(port) == ["Mon 01-05 09:00 EST", "Tue 01-06 09:00 EST"]


async def test_spring_forward_neither_doubles_nor_misses(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """02:30 daily over the March change: once each day; on the change day at 03:30 EDT."""
    clock.set(datetime(2026, 3, 7, 0, 0, tzinfo=NEW_YORK))
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 02:30")
    await services.scheduler.engine.advance(timedelta(days=3))
    assert shown(port) == ["Sat 03-07 02:30 EST", "Sun 03-08 03:30 EDT", "Mon 03-09 02:30 EDT"]


async def test_fall_back_neither_doubles_nor_misses(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """01:30 daily over the November change: once each day, the first 01:30 on the change day."""
    clock.set(datetime(2026, 10, 31, 0, 0, tzinfo=NEW_YORK))
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 01:30")
    await services.scheduler.engine.advance(timedelta(days=3))
    assert shown(port) == ["Sat 10-31 01:30 EDT", "Sun 11-01 01:30 EDT", "Mon 11-02 01:30 EST"]


async def test_a_schedule_in_another_zone_fires_on_its_own_clock(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """'daily 09:00 America/Los_Angeles' posts at noon in New York."""
    await services.schedules.add(
        organizer, campaign.slug, "calls", "daily 09:00 America/Los_Angeles"
    )
    await services.scheduler.engine.advance(timedelta(days=1))
    assert shown(port) == ["Mon 01-05 12:00 EST"]


async def test_nothing_is_posted_for_a_platform_whose_host_is_not_running(
    services: Services, organizer: Actor, campaign: Campaign
) -> None:
    """With no host for the community's platform, slots wait (and are not marked handled)."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=3))
    assert await dispatches(services) == []
    [view] = await services.schedules.views(organizer.community)
    assert view.schedule.checked_until == MONDAY_7AM
