"""Reminder days: every day, or Monday to Friday in the member's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.reminders import parse_days
from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.domain.models import Actor
from bot.services import Services
from bot.storage.schedules import ReminderRepository

from .conftest import RecordingPort, actor_of

NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
SUNDAY_NIGHT = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)  # Sunday 22:00 in New York
WEEKDAYS = ["Mon 09:00", "Tue 09:00", "Wed 09:00", "Thu 09:00", "Fri 09:00"]


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


async def member(services: Services, name: str, zip5: str = "05401") -> Actor:
    actor = await actor_of(services, name)
    await services.lawmakers.save_zip(actor.member, zip5)
    return await actor_of(services, name)


def local_times(port: RecordingPort, user: str, zone: ZoneInfo) -> list[str]:
    return [s.at.astimezone(zone).strftime("%a %H:%M") for s in port.dms(user)]


async def test_weekdays_skip_the_weekend_and_every_day_keeps_seven(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """Over a week, a new member (weekdays by default) gets Monday to Friday once each; every
    day gets seven."""
    await full_services.reminders.turn_on(await member(full_services, "ann"))
    await full_services.reminders.turn_on(await member(full_services, "bob"), days_text="daily")
    await full_services.scheduler.engine.advance(timedelta(days=7))
    assert local_times(port, "ann", NEW_YORK) == WEEKDAYS
    assert local_times(port, "bob", NEW_YORK) == [*WEEKDAYS, "Sat 09:00", "Sun 09:00"]


async def test_the_weekend_is_the_members_own(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """In Auckland, Monday 09:00 is Sunday afternoon in New York: it comes; Saturday's (Friday
    afternoon in New York) does not."""
    clock.set(datetime(2026, 1, 10, 12, 0, tzinfo=NEW_YORK))  # Sunday 06:00 in Auckland
    ann = await member(full_services, "ann")
    await full_services.reminders.turn_on(ann, "09:00", "Pacific/Auckland", "weekdays")
    await full_services.scheduler.engine.advance(timedelta(days=7))
    assert local_times(port, "ann", AUCKLAND) == WEEKDAYS
    assert local_times(port, "ann", NEW_YORK) == [
        "Sun 15:00",
        "Mon 15:00",
        "Tue 15:00",
        "Wed 15:00",
        "Thu 15:00",
    ]


async def test_turned_on_on_a_saturday_the_next_comes_monday(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """Saturday 08:00: the plan says Monday 09:00, and nothing comes before it."""
    clock.set(datetime(2026, 1, 10, 8, 0, tzinfo=NEW_YORK))
    ann = await member(full_services, "ann")
    plan = await full_services.reminders.turn_on(ann, days_text="weekdays")
    assert plan.next_at == datetime(2026, 1, 12, 9, 0, tzinfo=NEW_YORK)
    assert plan.summary == "every weekday at 09:00"
    await full_services.scheduler.engine.advance(timedelta(days=2, hours=2))
    assert [s.at for s in port.dms("ann")] == [plan.next_at]


async def test_remind_on_again_without_days_or_time_keeps_them(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """Every day at 08:00, then /remind on with a new time only: still every day; then with
    days only: still 10:00. New reminders are weekdays."""
    ann = await member(full_services, "ann")
    repo = ReminderRepository(full_services.db)
    await full_services.reminders.turn_on(ann, "08:00", days_text="every day")
    plan = await full_services.reminders.turn_on(ann, "10:00")
    assert not plan.weekdays_only and plan.days_kept
    plan = await full_services.reminders.turn_on(ann, days_text="weekdays")
    assert plan.weekdays_only and not plan.days_kept and plan.summary == "every weekday at 10:00"
    subscription = await repo.subscription(ann.member.id)
    assert subscription is not None and subscription.weekdays_only
    bob = await member(full_services, "bob")
    assert (await full_services.reminders.turn_on(bob)).summary == "every weekday at 09:00"


async def test_a_bad_days_value_changes_nothing(
    full_services: Services, port: RecordingPort, irs: Campaign
) -> None:
    """days 'someday' is refused before anything is stored: time, zone and days stay."""
    ann = await member(full_services, "ann")
    repo = ReminderRepository(full_services.db)
    await full_services.reminders.turn_on(ann, "09:00", "", "weekdays")
    with pytest.raises(InvalidInput, match="'someday' is not a choice of days"):
        await full_services.reminders.turn_on(ann, "11:00", "America/Chicago", "someday")
    subscription = await repo.subscription(ann.member.id)
    assert subscription is not None
    assert subscription.weekdays_only and subscription.at.strftime("%H:%M") == "09:00"
    assert subscription.member.timezone is None


@pytest.mark.parametrize(
    ("text", "weekdays_only"),
    [("", None), ("every day", False), ("daily", False), ("weekdays", True), ("Mon-Fri", True)],
)
def test_days_words_read_like_schedules(text: str, weekdays_only: bool | None) -> None:
    """The schedules' own words for every day and for Monday to Friday are understood; nothing
    said is None (keep what they had, or weekdays for new reminders)."""
    assert parse_days(text) is weekdays_only


@pytest.mark.parametrize(
    "text", ["someday", "weekends", "mon,wed", "cron 0 9 * * 1-5", "weekdays until never"]
)
def test_other_days_are_refused_with_what_works(text: str) -> None:
    """Anything but every day or weekdays gets one sentence naming both."""
    with pytest.raises(InvalidInput, match="write every day \\(or daily\\), or weekdays"):
        parse_days(text)


async def test_weekdays_skip_federal_holidays_and_every_day_does_not(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """Thanksgiving week: a weekdays member gets Monday to Wednesday and Friday; every day
    still comes on Thanksgiving."""
    clock.set(datetime(2026, 11, 22, 12, 0, tzinfo=NEW_YORK))  # Sunday noon
    await full_services.reminders.turn_on(await member(full_services, "ann"), days_text="weekdays")
    await full_services.reminders.turn_on(await member(full_services, "bob"), days_text="daily")
    await full_services.scheduler.engine.advance(timedelta(days=7))
    assert local_times(port, "ann", NEW_YORK) == [
        "Mon 09:00",
        "Tue 09:00",
        "Wed 09:00",
        "Fri 09:00",
    ]
    assert "Thu 09:00" in local_times(port, "bob", NEW_YORK)


async def test_the_holiday_is_judged_by_the_members_own_date(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """In Auckland, Thanksgiving morning is Wednesday afternoon in New York: no reminder then;
    Wednesday and Friday mornings in Auckland still come."""
    clock.set(datetime(2026, 11, 24, 12, 0, tzinfo=NEW_YORK))  # Wednesday 06:00 in Auckland
    ann = await member(full_services, "ann")
    await full_services.reminders.turn_on(ann, "09:00", "Pacific/Auckland", "weekdays")
    await full_services.scheduler.engine.advance(timedelta(days=3))
    assert local_times(port, "ann", AUCKLAND) == ["Wed 09:00", "Fri 09:00"]


async def test_turned_on_the_evening_before_a_holiday_the_next_comes_after_it(
    full_services: Services, port: RecordingPort, irs: Campaign, clock: ManualClock
) -> None:
    """The evening before the national day of mourning for President Carter (Thursday 9 January
    2025), the plan says Friday, and nothing comes on Thursday."""
    clock.set(datetime(2025, 1, 8, 20, 0, tzinfo=NEW_YORK))
    plan = await full_services.reminders.turn_on(
        await member(full_services, "ann"), "", "", "weekdays"
    )
    assert plan.next_at == datetime(2025, 1, 10, 9, 0, tzinfo=NEW_YORK)
    await full_services.scheduler.engine.advance(timedelta(days=2))
    assert [s.at for s in port.dms("ann")] == [plan.next_at]
