"""Personal reminders: each member's own morning, once a day, never after they acted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_services, close_services
from bot.core.reminders import SNOOZE_ACTION, STOP_ACTION
from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.models import Actor
from bot.i18n.stored import kept
from bot.services import Services
from bot.settings import Settings

from .conftest import CANNOT_DM, RecordingPort, actor_of

NEW_YORK = ZoneInfo("America/New_York")
SUNDAY_NIGHT = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)  # Sunday 22:00 in New York


@pytest.fixture
async def port(full_services: Services, clock: ManualClock) -> RecordingPort:
    recording = RecordingPort(clock)
    full_services.scheduler.attach(recording)
    clock.set(SUNDAY_NIGHT)
    return recording


@pytest.fixture
async def irs(full_services: Services, port: RecordingPort) -> Campaign:
    """The shipped IRS campaign (it calls the member's own lawmakers), running."""
    olga = await actor_of(full_services, "olga", organizer=True)
    return await full_services.campaigns.import_template(olga, "irs-data-privacy")


async def member(services: Services, name: str, zip5: str | None = None) -> Actor:
    actor = await actor_of(services, name)
    if zip5:
        await services.lawmakers.save_zip(actor.member, zip5)
        actor = await actor_of(services, name)
    return actor


def times(port: RecordingPort, user: str) -> list[str]:
    return [s.at.astimezone(NEW_YORK).strftime("%a %H:%M %Z") for s in port.dms(user)]


async def test_a_reminder_comes_at_the_members_own_nine_oclock(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """A Vermont member at 09:00 Eastern, a San Francisco member at 09:00 Pacific (noon)."""
    for name, zip5 in (("ann", "05401"), ("bob", "94103")):
        await full_services.reminders.turn_on(await member(full_services, name, zip5))
    await full_services.scheduler.engine.advance(timedelta(days=1))
    assert times(port, "ann") == ["Mon 09:00 EST"]
    assert times(port, "bob") == ["Mon 12:00 EST"]
    [reminder] = port.dms("ann")
    assert reminder.message.title == "Your calls: Keep tax records confidential"
    assert "Sen. Bernard Sanders (I-VT), your senator" in [f.name for f in reminder.message.fields]
    labels = [b.label for b in reminder.message.buttons]
    assert labels[-2:] == ["Snooze 1 hour", "Stop reminders"]
    assert [b.action for b in reminder.message.buttons][-2:] == [SNOOZE_ACTION, STOP_ACTION]
    assert not reminder.message.ephemeral


async def test_a_time_zone_set_by_the_member_wins_over_the_zip(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """A Vermont ZIP with reminders at 8:30am America/Chicago: 09:30 Eastern."""
    ann = await member(full_services, "ann", "05401")
    plan = await full_services.reminders.turn_on(ann, "8:30am", "America/Chicago")
    assert plan.zone.name == "America/Chicago" and str(plan.zone.source) == "the time zone you set"
    await full_services.scheduler.engine.advance(timedelta(days=1))
    assert times(port, "ann") == ["Mon 09:30 EST"]


async def test_no_reminder_on_a_day_the_member_already_acted(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """Acted at 08:00 on Monday: no Monday reminder; Tuesday's comes."""
    ann = await member(full_services, "ann", "05401")
    await full_services.reminders.turn_on(ann)
    clock.set(datetime(2026, 1, 5, 8, 0, tzinfo=NEW_YORK))
    await full_services.actions.report(ann, "voicemail", campaign_id=irs.id)
    await full_services.scheduler.engine.advance(timedelta(days=1, hours=2))
    assert times(port, "ann") == ["Tue 09:00 EST"]
    row = await full_services.db.fetchone(
        "SELECT status, detail FROM dispatches WHERE kind = 'reminder' AND slot = '2026-01-05'"
    )
    assert row is not None and tuple(row) == ("skipped", "already acted today")


async def test_a_member_without_a_zip_is_asked_once_then_reminded_after_saving_one(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """No ZIP: Monday brings one request for it, Tuesday nothing; after /setzip, reminders."""
    cara = await member(full_services, "cara")
    plan = await full_services.reminders.turn_on(cara)
    assert plan.needs_zip and str(plan.zone.source) == "this community's time zone"
    await full_services.scheduler.engine.advance(timedelta(days=2))
    [asked] = port.dms("cara")
    assert asked.message.title == "⏰ Your daily reminder: one thing first"
    assert "save it with /setzip" in asked.message.body
    await full_services.lawmakers.save_zip(cara.member, "05401")
    await full_services.scheduler.engine.advance(timedelta(days=1))
    assert times(port, "cara") == ["Mon 09:00 EST", "Wed 09:00 EST"]


async def test_snooze_reminds_once_an_hour_later(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """Snoozed at 09:00: one more reminder at 10:00, and no other."""
    ann = await member(full_services, "ann", "05401")
    await full_services.reminders.turn_on(ann)
    await full_services.scheduler.engine.advance(timedelta(hours=11))  # Monday 09:00
    until = await full_services.reminders.snooze(ann)
    await full_services.scheduler.engine.advance(timedelta(hours=5))
    assert until.astimezone(NEW_YORK).strftime("%H:%M") == "10:00"
    assert times(port, "ann") == ["Mon 09:00 EST", "Mon 10:00 EST"]
    assert port.dms("ann")[1].message.body.startswith("⏰ Your reminder, as snoozed.")


async def test_stopping_ends_the_reminders(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """After /remind off (or Stop) no reminder comes, and there is nothing to snooze."""
    ann = await member(full_services, "ann", "05401")
    await full_services.reminders.turn_on(ann)
    await full_services.scheduler.engine.advance(timedelta(hours=11))
    assert await full_services.reminders.turn_off(ann)
    await full_services.scheduler.engine.advance(timedelta(days=2))
    assert times(port, "ann") == ["Mon 09:00 EST"]
    assert not await full_services.reminders.turn_off(ann)


async def test_an_undeliverable_reminder_is_recorded_and_the_others_go_out(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """One member closed their DMs: their reminder is recorded as failed, the rest arrive."""
    port.closed_dms.add("cara")
    for name in ("ann", "cara", "dan"):
        await full_services.reminders.turn_on(await member(full_services, name, "05401"))
    await full_services.scheduler.engine.advance(timedelta(days=1))
    assert (len(port.dms("ann")), len(port.dms("cara")), len(port.dms("dan"))) == (1, 0, 1)
    olga = await actor_of(full_services, "olga", organizer=True)
    [failure] = await full_services.schedules.failures(olga)
    assert (str(kept(failure.purpose)), str(kept(failure.reason))) == ("daily reminder", CANNOT_DM)


async def test_no_reminder_when_no_campaign_is_running(
    full_services: Services, port: RecordingPort
) -> None:
    """With nothing running, reminders stay silent."""
    await full_services.reminders.turn_on(await member(full_services, "ann", "05401"))
    await full_services.scheduler.engine.advance(timedelta(days=1))
    assert port.dms("ann") == []


async def test_turning_reminders_on_after_the_time_starts_tomorrow(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """Turned on at 09:30 for 09:00: the first reminder is the next day's."""
    clock.set(datetime(2026, 1, 5, 9, 30, tzinfo=NEW_YORK))
    plan = await full_services.reminders.turn_on(await member(full_services, "ann", "05401"))
    assert plan.next_at.astimezone(NEW_YORK).strftime("%a %H:%M") == "Tue 09:00"
    await full_services.scheduler.engine.advance(timedelta(days=1))
    assert times(port, "ann") == ["Tue 09:00 EST"]


async def test_a_reminder_is_sent_once_a_day_across_a_restart(
    full_settings: Settings,
    full_services: Services,
    port: RecordingPort,
    irs: Campaign,
    clock: ManualClock,
) -> None:
    """Sent at 09:00; the bot restarts at 09:20 within the grace window: nothing more."""
    await full_services.reminders.turn_on(await member(full_services, "ann", "05401"))
    await full_services.scheduler.engine.advance(timedelta(hours=11))
    await close_services(full_services)
    clock.set(datetime(2026, 1, 5, 9, 20, tzinfo=NEW_YORK))
    restarted = await build_services(full_settings, clock)
    try:
        again = RecordingPort(clock)
        restarted.scheduler.attach(again)
        await restarted.scheduler.engine.tick()
    finally:
        await close_services(restarted)
    assert times(port, "ann") == ["Mon 09:00 EST"] and again.sent == []
