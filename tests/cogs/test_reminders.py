"""The reminders cog: /remind on|off, and the Snooze and Stop buttons on a reminder."""

from __future__ import annotations

import re

import pytest

from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


async def reminders_of(services: Services, name: str) -> tuple[bool, str | None]:
    actor = await services.members.actor(Platform.CONSOLE, "console", name, False)
    return actor.member.reminders_enabled, actor.member.reminder_time


def last_dm(transcript: Transcript, user: str) -> int:
    found = re.findall(rf"^#(\d+) \(direct message to {user}\)", transcript.text, re.M)
    assert found, f"no direct message to {user}"
    return int(found[-1])


@pytest.fixture
async def campaign(full_console: ConsoleHost, transcript: Transcript) -> ConsoleHost:
    """The shipped IRS campaign imported by olga; the transcript starts empty."""
    await feed(full_console, "/as olga organizer", "/campaign import irs-data-privacy")
    transcript.clear()
    return full_console


async def test_remind_on_uses_nine_weekdays_and_the_zip_s_time_zone(
    campaign: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """With a San Francisco ZIP: weekdays at 09:00 Pacific, saying where the zone came from,
    that weekends and holidays are left out, how to get every day, and the campaign carried."""
    await feed(campaign, "/as bob", "/setzip 94103", "/remind on")
    assert (
        "Weekday reminders are on: every weekday at 09:00 America/Los_Angeles (from your ZIP "
        "code 94103). The next one comes Mon 2026-01-05 09:00 PST." in transcript.text
    )
    assert (
        "Monday to Friday: none on Saturday, Sunday or a federal holiday, when congressional "
        "offices are closed. For every day: /remind on days:every day." in transcript.text
    )
    assert (
        "Your reminder carries Keep tax records confidential (the oldest running campaign)."
        in transcript.text
    )
    assert await reminders_of(full_services, "bob") == (True, "09:00")


async def test_a_time_and_zone_can_be_given(
    campaign: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/remind on 7:30pm America/Chicago is kept as 19:30 in Chicago."""
    await feed(campaign, "/as ann", "/remind on 7:30pm America/Chicago")
    assert "every weekday at 19:30 America/Chicago (from the time zone you set)" in transcript.text
    assert await reminders_of(full_services, "ann") == (True, "19:30")


async def test_a_member_without_a_zip_is_told_to_save_one(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    """No ZIP: the community's zone, and a note that /setzip makes reminders useful."""
    await feed(campaign, "/as cara", "/remind on")
    assert "(from this community's time zone)" in transcript.text
    assert "save your ZIP code with /setzip" in transcript.text


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("/remind on 25:00", "'25:00' is not a time: hours go 0-23 and minutes 0-59."),
        ("/remind on soon", "'soon' is not a time I understand."),
        ("/remind on 9:00 Mars/Olympus", "'Mars/Olympus' is not a time zone I know."),
    ],
)
async def test_bad_times_and_zones_change_nothing(
    campaign: ConsoleHost,
    transcript: Transcript,
    full_services: Services,
    line: str,
    sentence: str,
) -> None:
    """A malformed time or zone is explained, and reminders stay off."""
    await feed(campaign, "/as ann", line)
    assert sentence in transcript.text
    assert await reminders_of(full_services, "ann") == (False, None)


async def test_remind_off(campaign: ConsoleHost, transcript: Transcript) -> None:
    """/remind off turns them off; a second time says they were already off."""
    await feed(campaign, "/as ann", "/remind on", "/remind off", "/remind off")
    assert (
        "Your reminders are off. /remind on turns them back on: Monday to Friday (add "
        "days:every day for every day)." in transcript.text
    )
    assert "Your reminders were already off." in transcript.text


async def test_snooze_and_stop_buttons_on_the_reminder(
    campaign: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """Snooze brings the reminder back an hour later, once; Stop ends them."""
    await feed(campaign, "/as ann", "/setzip 05401", "/remind on", "/as olga organizer")
    await feed(campaign, "/clock advance 2h")  # Monday 09:00 in Vermont
    first = last_dm(transcript, "ann")
    await feed(campaign, "/as ann", f"/press {first} Snooze 1 hour")
    assert "Snoozed: I'll remind you again at Mon 2026-01-05 10:00 EST." in transcript.text
    await feed(campaign, "/as olga organizer", "/clock advance 1h")
    second = last_dm(transcript, "ann")
    assert second > first
    await feed(campaign, "/as ann", f"/press {second} Stop reminders")
    assert "Your reminders are off." in transcript.text
    await feed(campaign, "/as olga organizer", "/clock advance 2d")
    assert last_dm(transcript, "ann") == second
    await feed(campaign, "/as ann", f"/press {second} Snooze 1 hour")
    assert "Your reminders are off, so there is nothing to snooze." in transcript.text


async def test_the_clock_is_for_organizers(
    campaign: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """Members may look at the console clock but not move it; bad durations are explained."""
    before = clock.now()
    await feed(campaign, "/as ann", "/clock show", "/clock advance 1d")
    assert "It is Mon 2026-01-05 07:00 EST." in transcript.text
    assert "Only organizers can do that." in transcript.text
    await feed(campaign, "/as olga organizer", "/clock advance soon", "/clock advance 0h")
    assert "'soon' is not a duration. Write it like 1d, 3h, 45m or 1d2h." in transcript.text
    assert "Move the clock forward by more than nothing" in transcript.text
    await feed(campaign, "/clock set 2026-02-30 08:00", "/clock spin")
    assert "'2026-02-30 08:00' is not a day and time." in transcript.text
    assert "Usage: /clock show, /clock advance 1d" in transcript.text
    assert clock.now() == before


async def test_remind_on_weekdays_says_so_and_when_the_next_comes(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    """On a Saturday, days:weekdays: every weekday at 09:00, the next one on Monday."""
    await feed(campaign, "/as olga organizer", "/clock set 2026-01-10 08:00")
    await feed(campaign, "/as ann", "/setzip 05401", "/remind on days:weekdays")
    assert (
        "Weekday reminders are on: every weekday at 09:00 America/New_York (from your ZIP code "
        "05401). The next one comes Mon 2026-01-12 09:00 EST." in transcript.text
    )
    assert "none on Saturday, Sunday or a federal holiday" in transcript.text


async def test_remind_on_without_days_keeps_the_days_chosen_before(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    """A member who chose every day and changes the time keeps every day, and is told so."""
    await feed(campaign, "/as ann", "/remind on 9:00 days:every day", "/remind on 10:00")
    assert "Daily reminders are on: every day at 10:00" in transcript.text
    assert "Every day (as before: a /remind on without days keeps them)." in transcript.text


async def test_a_bad_days_value_is_explained_and_changes_nothing(
    campaign: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """days:someday gets one sentence naming what works; reminders stay as they were."""
    await feed(campaign, "/as ann", "/remind on days:someday")
    assert (
        "'someday' is not a choice of days I know: write every day (or daily), or weekdays for "
        "Monday to Friday in your time zone." in transcript.text
    )
    assert "Traceback" not in transcript.text
    assert await reminders_of(full_services, "ann") == (False, None)
    await feed(campaign, "/remind on 8:00", "/remind on 11:00 days:someday")
    assert await reminders_of(full_services, "ann") == (True, "08:00")


async def test_days_completion_offers_both_choices(campaign: ConsoleHost) -> None:
    """Autocomplete for days offers every day and weekdays, narrowed by what was typed."""
    ctx = await campaign._context()
    assert await campaign.dispatcher.complete(ctx, "reminder_days", "") == [
        ("weekdays", "weekdays"),
        ("every day", "every day"),
    ]
    assert await campaign.dispatcher.complete(ctx, "reminder_days", "We") == [
        ("weekdays", "weekdays")
    ]


@pytest.mark.parametrize(
    ("line", "plan"),
    [
        ("/remind on days:every day", "every day at 09:00 America/New_York"),
        ("/remind on every day", "every day at 09:00 America/New_York"),
        ("/remind on 8:30 every day", "every day at 08:30 America/New_York"),
        ("/remind on daily", "every day at 09:00 America/New_York"),
        ("/remind on 7:30 pm weekdays America/Chicago", "every weekday at 19:30 America/Chicago"),
        ("/remind on weekdays 7am", "every weekday at 07:00 America/New_York"),
        ("/remind on days:mon-fri", "every weekday at 09:00 America/New_York"),
    ],
)
async def test_days_time_and_zone_need_no_quotes(
    campaign: ConsoleHost, transcript: Transcript, line: str, plan: str
) -> None:
    """'every day' and the rest are understood unquoted, in any order, by the shape of words."""
    await feed(campaign, "/as ann", line)
    assert f"reminders are on: {plan} (from" in transcript.text, transcript.text


@pytest.mark.parametrize(
    "line",
    [
        "/remind on " + "9" * 19,
        "/remind on days:" + "every " * 5,
        "/remind on every night",
        "/remind on 9:00 10:00",
        "/remind on days:weekdays until never",
        "/remind on Mars/Olympus/" + "x" * 40,
        "/remind on 'every day",
        "/remind on cron 0 9 * * 1-5",
        "/remind on \u200bweekdays",
        "/remind on " + "am " * 6,
    ],
)
async def test_hostile_reminder_settings_get_one_line_and_change_nothing(
    campaign: ConsoleHost, transcript: Transcript, full_services: Services, line: str
) -> None:
    """Long, repeated or broken input: one friendly sentence, nothing turned on."""
    await feed(campaign, "/as ann")
    transcript.clear()
    await feed(campaign, line)
    header, *body = transcript.text.strip().splitlines()
    assert "⚠" in header and len(body) == 1, transcript.text
    assert "Traceback" not in transcript.text and "went wrong" not in transcript.text
    assert await reminders_of(full_services, "ann") == (False, None)


async def test_help_says_weekdays_are_the_default_and_how_to_get_every_day(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    """/help lists /remind on with its default days and the every-day choice, and
    /remind campaign."""
    await feed(campaign, "/as ann", "/help")
    text = " ".join(transcript.text.split())
    assert (
        "Monday to Friday at 09:00 unless you say otherwise (days:every day for every day)" in text
    )
    assert "Choose which campaign your reminder carries" in text
