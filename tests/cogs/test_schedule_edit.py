"""/schedule edit on the console: the answer, posts that move with the clock, and bad input."""

from __future__ import annotations

import pytest

from bot.domain.campaign_models import CampaignStatus
from bot.domain.models import Platform
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript
from .test_schedule import SLUG, feed, organizer  # noqa: F401 (the organizer fixture)


async def rows(services: Services) -> list[tuple]:
    found = await services.db.fetchall("SELECT * FROM schedules ORDER BY id")
    return [tuple(r) for r in found]


def fired(transcript: Transcript) -> list[str]:
    return [
        line.strip()
        for line in transcript.text.splitlines()
        if "schedule #" in line and ": posted" in line
    ]


async def test_edit_answers_with_the_schedule_and_its_next_posts(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
) -> None:
    """The answer names the same number, the new rule and channel, and the next posts."""
    await feed(organizer, f"/schedule add {SLUG} calls daily 09:00")
    transcript.clear()
    await feed(organizer, '/schedule edit 1 "weekdays 17:30" <#C77|ops>')
    text = transcript.text
    assert f"Schedule #1: {SLUG} in C77, every weekday at 17:30 (America/New_York)." in text
    assert "Mon 2026-01-05 17:30 EST" in text and "Fri 2026-01-09 17:30 EST" in text
    assert [(r[3], r[4]) for r in await rows(services)] == [("C77", "weekdays at 17:30")]


async def test_edited_time_moves_the_posts_without_a_second_post_that_day(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
) -> None:
    """09:00 edited to 09:30 at 09:15: Monday 09:00, then Tuesday and Wednesday at 09:30."""
    await feed(organizer, f"/schedule add {SLUG} calls daily 09:00", "/clock advance 2h15m")
    await feed(organizer, "/schedule edit 1 when:'daily 09:30'")
    assert "Skipped today's post at Mon 2026-01-05 09:30 EST" in transcript.text
    assert "Tue 2026-01-06 09:30 EST" in transcript.text
    await feed(organizer, "/clock advance 50h")
    assert fired(transcript) == [
        "Mon 2026-01-05 09:00 EST: schedule #1: posted protect-the-data in calls",
        "Tue 2026-01-06 09:30 EST: schedule #1: posted protect-the-data in calls",
        "Wed 2026-01-07 09:30 EST: schedule #1: posted protect-the-data in calls",
    ]


async def test_edited_channel_gets_the_next_post(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
) -> None:
    """After Monday's post in calls, channel:ops sends Tuesday's post to ops."""
    await feed(organizer, f"/schedule add {SLUG} calls daily 09:00", "/clock advance 3h")
    await feed(organizer, "/schedule edit 1 channel:ops", "/clock advance 1d")
    assert fired(transcript) == [
        "Mon 2026-01-05 09:00 EST: schedule #1: posted protect-the-data in calls",
        "Tue 2026-01-06 09:00 EST: schedule #1: posted protect-the-data in ops",
    ]


async def stored_when(services: Services) -> list[tuple]:
    found = await services.db.fetchall(
        "SELECT channel_id, recurrence, timezone, starts_on, ends_on FROM schedules ORDER BY id"
    )
    return [tuple(r) for r in found]


async def test_a_time_alone_keeps_the_weekday_rule(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
) -> None:
    """/schedule edit 1 12:00 on a weekdays schedule posts weekdays at 12:00, and says so."""
    await feed(organizer, f"/schedule add {SLUG} calls weekdays 09:00", "/schedule edit 1 12:00")
    assert f"Schedule #1: {SLUG} in calls, every weekday at 12:00" in transcript.text
    assert "Sat 2026-01-10" not in transcript.text
    assert await stored_when(services) == [
        ("calls", "weekdays at 12:00", "America/New_York", None, None)
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/schedule edit 1 weekdays 12:00", ("calls", "weekdays at 12:00")),
        ("/schedule edit 1 daily 09:30", ("calls", "daily at 09:30")),
        ("/schedule edit 1 mon, wed at 5pm", ("calls", "mon,wed at 17:00")),
        ("/schedule edit 1 weekdays 17:30 <#C77|ops>", ("C77", "weekdays at 17:30")),
        ("/schedule edit 1 ops daily 08:00", ("ops", "daily at 08:00")),
        ("/schedule edit 1 ops", ("ops", "tue,thu at 09:00")),
        ("/schedule edit 1 #daily", ("daily", "tue,thu at 09:00")),
        ("/schedule edit 1 here 10am", ("console", "tue,thu at 10:00")),
        ("/schedule edit 1 weekdays 12:00 America/Chicago", ("calls", "weekdays at 12:00")),
    ],
)
async def test_when_and_channel_need_no_quotes(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
    line: str,
    expected: tuple[str, str],
) -> None:
    """Days and a time, a channel before or after them, or a channel alone: all unquoted."""
    await feed(organizer, f"/schedule add {SLUG} calls tue,thu 09:00", line)
    assert "Schedule changed" in transcript.text, transcript.text
    assert [row[:2] for row in await stored_when(services)] == [expected]


async def test_an_edit_keeps_the_zone_and_dates_it_does_not_name(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
) -> None:
    """A Chicago schedule ending in March keeps both through a new time; until never ends the
    end date; a cron schedule keeps its days."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls weekdays 09:00 America/Chicago until 2026-03-31",
        "/schedule edit 1 10:30",
    )
    assert "Dates: now to 2026-03-31." in transcript.text
    assert await stored_when(services) == [
        ("calls", "weekdays at 10:30", "America/Chicago", None, "2026-03-31")
    ]
    await feed(organizer, "/schedule edit 1 11:00 until never")
    assert await stored_when(services) == [
        ("calls", "weekdays at 11:00", "America/Chicago", None, None)
    ]
    await feed(organizer, f"/schedule add {SLUG} ops cron 0 9 1,15 * *", "/schedule edit 2 17:45")
    assert (await stored_when(services))[1][:2] == ("ops", "cron 45 17 1,15 * *")


@pytest.mark.parametrize(
    "line",
    [
        "/schedule edit 1 " + "9" * 150,
        "/schedule edit 1 " + "mon-tue-" * 20 + " 12:00",
        "/schedule edit 1 " + "<#" * 90,
        "/schedule edit 1 weekdays 12:00 ops extra",
        "/schedule edit 1 12:00 until 2026-02-30",
        "/schedule edit 1 12:00 from 2026-05-01 until 2026-04-01",
        "/schedule edit 1 12:00 until never until 2026-04-01",
        "/schedule edit 1 cron */0 * * * *",
        "/schedule edit 1 'weekdays 12:00",
        "/schedule edit 1 at lunchtime",
        "/schedule edit 1 \u200b12:00",
        "/schedule edit 1 " + "a " * 120,
        "/schedule edit 1 daily 9:75 ops",
    ],
)
async def test_hostile_edits_get_one_friendly_line_and_change_nothing(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
    line: str,
) -> None:
    """Long, repeated, broken or nonsensical input: one sentence, no traceback, nothing moved."""
    await feed(organizer, f"/schedule add {SLUG} calls weekdays 09:00")
    before = await rows(services)
    transcript.clear()
    await feed(organizer, line)
    header, *body = transcript.text.strip().splitlines()
    assert "⚠" in header and len(body) == 1, transcript.text
    assert "Traceback" not in transcript.text and "went wrong" not in transcript.text
    assert await rows(services) == before


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("/schedule edit 7 channel:ops", "There is no schedule #7. /schedule list shows them."),
        ("/schedule edit 1", "Say what to change: a new when, a new channel, or both"),
        ("/schedule edit 1 'daily 9:75'", "'9:75' is not a time"),
        ("/schedule edit 1 'daily 09:00 Europe/Atlantis'", "is not a time zone I know"),
        ("/schedule edit 1 'cron 0 9 * *'", "A cron expression has 5 fields"),
        ("/schedule edit 1 daily", "At what time?"),
        (
            "/schedule edit one channel:ops",
            "The schedule number must be a whole number, not 'one'.",
        ),
    ],
)
async def test_bad_edits_are_explained_and_change_nothing(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
    line: str,
    sentence: str,
) -> None:
    """Unknown numbers, no change and a bad when each get a sentence; the schedule stays."""
    await feed(organizer, f"/schedule add {SLUG} calls daily 09:00")
    before = await rows(services)
    await feed(organizer, line)
    assert sentence in transcript.text
    assert "Traceback" not in transcript.text
    assert await rows(services) == before


async def test_members_cannot_edit(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
) -> None:
    """A member's /schedule edit is refused and the schedule is unchanged."""
    await feed(organizer, f"/schedule add {SLUG} calls daily 09:00")
    before = await rows(services)
    await feed(organizer, "/as ann", "/schedule edit 1 channel:ops")
    assert "Only organizers can do that." in transcript.text
    assert await rows(services) == before


async def test_another_communitys_schedule_cannot_be_edited(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    services: Services,
) -> None:
    """Schedule #1 of another community is 'no such schedule' here, and stays as it was."""
    outsider = await services.members.actor(Platform.CONSOLE, "other-team", "oscar", True)
    theirs = await services.campaigns.create(
        outsider, {"title": "Theirs", "ask": "Ask.", "script": "Hi {lawmaker}."}
    )
    await services.campaigns.set_status(outsider, theirs.slug, CampaignStatus.ACTIVE)
    await services.schedules.add(outsider, theirs.slug, "calls", "daily 09:00")
    before = await rows(services)
    await feed(organizer, "/schedule edit 1 'daily 10:00' ops")
    assert "There is no schedule #1. /schedule list shows them." in transcript.text
    assert await rows(services) == before


async def test_help_shows_the_edit_usage(
    organizer: ConsoleHost,  # noqa: F811
    transcript: Transcript,
) -> None:
    """/help schedule edit shows its options in order."""
    await feed(organizer, "/help schedule edit")
    assert "/schedule edit <number> [when] [channel...]" in transcript.text


async def test_slack_and_discord_offer_the_edit_subcommand(
    organizer: ConsoleHost,  # noqa: F811
) -> None:
    """The Slack usage hint lists edit; Discord gets /schedule edit with its three options."""
    from bot.platforms.discord.commands import build_commands
    from bot.platforms.slack.manifest import slash_commands

    slack = {c["command"]: c for c in slash_commands(organizer.registry)}
    assert "| edit |" in slack["/schedule"]["usage_hint"]

    async def nothing(*_: object) -> None:
        return None

    built = build_commands(organizer.registry, nothing, nothing, 2000)  # type: ignore[arg-type]
    group = next(c for c in built if c.name == "schedule")
    edit = group.get_command("edit")  # type: ignore[union-attr]
    assert edit is not None
    assert [(p.name, p.required) for p in edit.parameters] == [
        ("number", True),
        ("when", False),
        ("channel", False),
    ]
