"""The schedule cog: /schedule add|list|pause|resume|remove|next|digest|failures, and bad input."""

from __future__ import annotations

import pytest

from bot.domain.campaign_models import CampaignStatus
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

TITLE = "Protect the data"
SLUG = "protect-the-data"


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def organizer(
    console: ConsoleHost, services: Services, transcript: Transcript
) -> ConsoleHost:
    """olga (an organizer) with a running campaign; the transcript starts empty."""
    await feed(console, "/as olga organizer")
    actor = await console._context()
    created = await services.campaigns.create(
        actor.actor, {"title": TITLE, "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
    )
    await services.campaigns.set_status(actor.actor, created.slug, CampaignStatus.ACTIVE)
    transcript.clear()
    return console


async def stored(services: Services) -> list[tuple[str, str]]:
    rows = await services.db.fetchall("SELECT channel_id, recurrence FROM schedules ORDER BY id")
    return [(r["channel_id"], r["recurrence"]) for r in rows]


async def test_add_confirms_the_schedule_and_its_next_posts(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """/schedule add answers with the schedule's number, its rule and the next five posts."""
    await feed(organizer, f"/schedule add {SLUG} calls weekdays 09:00")
    assert (
        f"Schedule #1: {SLUG} in calls, every weekday at 09:00 (America/New_York)."
        in transcript.text
    )
    for day in ("Mon 2026-01-05", "Tue 2026-01-06", "Wed 2026-01-07", "Thu 2026-01-08"):
        assert f"{day} 09:00 EST" in transcript.text
    assert await stored(services) == [("calls", "weekdays at 09:00")]


async def test_a_channel_mention_or_here_names_the_channel(
    organizer: ConsoleHost, services: Services
) -> None:
    """'<#C123>' is the channel C123; 'here' is the channel the command was typed in."""
    await feed(organizer, f"/schedule add {SLUG} <#C123|calls> daily 9am")
    await feed(organizer, f"/schedule add {SLUG} here daily 5pm")
    assert await stored(services) == [("C123", "daily at 09:00"), ("console", "daily at 17:00")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"/schedule add {SLUG} weekdays 09:30", ("console", "weekdays at 09:30")),
        (f"/schedule add {SLUG} calls weekdays 09:30", ("calls", "weekdays at 09:30")),
        (f"/schedule add {SLUG} weekdays 09:30 calls", ("calls", "weekdays at 09:30")),
        (f"/schedule add {SLUG} #daily daily 9am", ("daily", "daily at 09:00")),
        (
            f"/schedule add {SLUG} 1234567890123 mon-fri at 5pm",
            ("1234567890123", "weekdays at 17:00"),
        ),
    ],
)
async def test_the_channel_and_the_when_need_no_quotes(
    organizer: ConsoleHost, transcript: Transcript, services: Services, line: str, expected: tuple
) -> None:
    """A when right after the slug posts here; a channel before or after the when is read as
    one; a channel named like a day is written with its #; a Discord channel id is a channel."""
    await feed(organizer, line)
    assert "Scheduled" in transcript.text, transcript.text
    assert await stored(services) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        f"/schedule add {SLUG} " + "9" * 150,
        f"/schedule add {SLUG} calls " + "mon-tue-" * 20 + " 12:00",
        f"/schedule add {SLUG} " + "<#" * 90,
        f"/schedule add {SLUG} calls weekdays 12:00 ops",
        f"/schedule add {SLUG} calls cron */0 * * * *",
        f"/schedule add {SLUG} \u200b weekdays 12:00",
        f"/schedule add {SLUG} calls " + "a " * 90,
        f"/schedule add {SLUG} calls 'weekdays",
        f"/schedule add {SLUG} calls daily 09:00 until never until 2026-03-01",
    ],
)
async def test_hostile_adds_get_one_friendly_line_and_store_nothing(
    organizer: ConsoleHost, transcript: Transcript, services: Services, line: str
) -> None:
    """Long, repeated, broken or nonsensical input: one sentence, no traceback, nothing kept."""
    await feed(organizer, line)
    header, *body = transcript.text.strip().splitlines()
    assert "⚠" in header and len(body) == 1, transcript.text
    assert "Traceback" not in transcript.text and "went wrong" not in transcript.text
    assert await stored(services) == []


async def test_members_cannot_schedule(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """A member's /schedule add is refused and stores nothing."""
    await feed(organizer, "/as ann", f"/schedule add {SLUG} calls daily 09:00")
    assert "Only organizers can do that." in transcript.text
    assert await stored(services) == []


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (f"/schedule add {SLUG} calls weekdays 9:75", "'9:75' is not a time"),
        (f"/schedule add {SLUG} calls daily at lunchtime", "'lunchtime' is not a time"),
        (f"/schedule add {SLUG} calls cron 0 25 * * *", "The cron hour field must be between"),
        (f"/schedule add {SLUG} calls cron 0 9 * *", "A cron expression has 5 fields"),
        (f"/schedule add {SLUG} calls daily 09:00 Europe/Atlantis", "is not a time zone I know"),
        (f"/schedule add {SLUG} calls daily 09:00 until 2025-12-31", "would never post"),
        ("/schedule add no-such calls daily 09:00", "There is no campaign called no-such."),
        (f"/schedule add {SLUG} calls", "/schedule add needs the timing (when: weekdays"),
    ],
)
async def test_bad_input_is_explained_and_nothing_is_stored(
    organizer: ConsoleHost, transcript: Transcript, services: Services, line: str, sentence: str
) -> None:
    """Malformed times, cron expressions, zones, dates and names each get a clear sentence."""
    await feed(organizer, line)
    assert sentence in transcript.text
    assert "Traceback" not in transcript.text
    assert await stored(services) == []


async def test_an_archived_campaign_cannot_be_scheduled(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """Scheduling an archived campaign is refused, saying it is over."""
    await feed(organizer, f"/campaign archive {SLUG}", f"/schedule add {SLUG} calls daily 09:00")
    assert f"{SLUG} is archived: it is over, so it can't be scheduled." in transcript.text
    assert await stored(services) == []


async def test_a_paused_campaign_can_be_scheduled_with_a_warning(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """A paused campaign's schedule is kept, and the answer says nothing posts until it runs."""
    await feed(organizer, f"/campaign pause {SLUG}", f"/schedule add {SLUG} calls daily 09:00")
    assert (
        "Nothing will post until it runs: protect-the-data is paused right now" in transcript.text
    )
    assert await stored(services) == [("calls", "daily at 09:00")]


async def test_a_schedule_posting_the_same_campaign_at_the_same_minute_is_refused(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """Daily 09:00 then weekdays 09:00 in the same channel would post twice: refused, naming #1."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls daily 09:00",
        f"/schedule add {SLUG} calls weekdays 9am",
    )
    assert (
        "Schedule #1 (every day at 09:00) already posts this campaign in that channel at "
        "Mon 2026-01-05 09:00 EST, so it would be posted twice." in transcript.text
    )
    assert await stored(services) == [("calls", "daily at 09:00")]


async def test_overlap_is_judged_in_real_time_across_zones(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """09:00 in Chicago is 10:00 in New York: it clashes with a 10:00 New York schedule."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls daily 10:00",
        f"/schedule add {SLUG} calls daily 09:00 America/Chicago",
    )
    assert "would be posted twice" in transcript.text
    assert len(await stored(services)) == 1


async def test_another_time_or_channel_is_allowed_and_noted(
    organizer: ConsoleHost, transcript: Transcript, services: Services
) -> None:
    """A second schedule of the campaign in the same channel at 17:00 is kept, with a note."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls daily 09:00",
        f"/schedule add {SLUG} calls daily 17:00",
        f"/schedule add {SLUG} other daily 09:00",
    )
    assert "Schedule #1 also posts it there (every day at 09:00)." in transcript.text
    assert len(await stored(services)) == 3


async def test_list_says_why_a_schedule_is_not_posting(
    organizer: ConsoleHost, transcript: Transcript
) -> None:
    """After the campaign is paused, /schedule list says so and how to restart it."""
    await feed(organizer, f"/schedule add {SLUG} calls weekdays 09:00", f"/campaign pause {SLUG}")
    transcript.clear()
    await feed(organizer, "/schedule list")
    assert f"#1 {SLUG}:" in transcript.text
    assert "every weekday at 09:00 (America/New_York) in calls" in transcript.text
    assert (
        f"State: not posting: {SLUG} is paused right now; /campaign resume {SLUG} restarts it."
        in transcript.text
    )


async def test_list_shows_the_next_post_and_the_last_one(
    organizer: ConsoleHost, transcript: Transcript
) -> None:
    """A posting schedule shows its next post; after the clock passes a slot, its outcome."""
    await feed(organizer, f"/schedule add {SLUG} calls daily 09:00", "/clock advance 3h")
    transcript.clear()
    await feed(organizer, "/schedule list")
    assert "State: posting" in transcript.text
    assert "Next: Tue 2026-01-06 09:00 EST" in transcript.text
    assert "Last: sent" in transcript.text


async def test_next_lists_five_posts_in_the_community_zone(
    organizer: ConsoleHost, transcript: Transcript
) -> None:
    """/schedule next merges the schedules' next posts, shown in New York time."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls mon,wed 09:00 America/Los_Angeles",
        f"/schedule add {SLUG} other tue 08:00",
    )
    transcript.clear()
    await feed(organizer, "/schedule next")
    lines = [line.strip() for line in transcript.lines[-1].strip().splitlines()[1:]]
    assert lines == [
        f"Mon 2026-01-05 12:00 EST: {SLUG} in calls (#1)",
        f"Tue 2026-01-06 08:00 EST: {SLUG} in other (#2)",
        f"Wed 2026-01-07 12:00 EST: {SLUG} in calls (#1)",
        f"Mon 2026-01-12 12:00 EST: {SLUG} in calls (#1)",
        f"Tue 2026-01-13 08:00 EST: {SLUG} in other (#2)",
    ]


async def test_pause_resume_and_remove(organizer: ConsoleHost, transcript: Transcript) -> None:
    """Each answers with what it did; doing it twice or on an unknown number is explained."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls daily 09:00",
        "/schedule pause 1",
        "/schedule pause 1",
        "/schedule resume 1",
        "/schedule resume 1",
        "/schedule remove 1",
        "/schedule remove 1",
        "/schedule pause abc",
    )
    text = transcript.text
    assert "Paused schedule #1. /schedule resume 1 restarts it" in text
    assert "Schedule #1 is already paused." in text
    assert "Resumed schedule #1. Next post: Mon 2026-01-05 09:00 EST." in text
    assert "Schedule #1 is not paused." in text
    assert "Removed schedule #1 (every day at 09:00)." in text
    assert "There is no schedule #1. /schedule list shows them." in text
    assert "The schedule number must be a whole number, not 'abc'." in text


async def test_resuming_into_an_overlap_is_refused(
    organizer: ConsoleHost, transcript: Transcript
) -> None:
    """A paused schedule cannot be resumed while another posts the same thing at its time."""
    await feed(
        organizer,
        f"/schedule add {SLUG} calls daily 09:00",
        "/schedule pause 1",
        f"/schedule add {SLUG} calls weekdays 09:00",
        "/schedule resume 1",
    )
    assert "Schedule #2 (every weekday at 09:00) already posts this campaign" in transcript.text


async def test_digest_is_set_and_stopped(organizer: ConsoleHost, transcript: Transcript) -> None:
    """/schedule digest <channel> turns it on (list says where); 'off' turns it off."""
    await feed(organizer, "/schedule digest organizers", "/schedule list")
    assert "Every morning yesterday's numbers will be posted in organizers" in transcript.text
    assert "Daily digest: organizers." in transcript.text
    await feed(organizer, "/schedule digest off", "/schedule digest off")
    assert "Stopped the daily digest." in transcript.text
    assert "There was no digest." in transcript.text


async def test_failures_lists_what_could_not_be_delivered(
    organizer: ConsoleHost, transcript: Transcript
) -> None:
    """Nothing failed: it says so."""
    await feed(organizer, "/schedule failures")
    assert "Every message lately was delivered." in transcript.text
