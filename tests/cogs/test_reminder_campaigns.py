"""Which campaign a reminder carries: the member's choice, else the main campaign organizers
mark, else the oldest running; a choice that stops running falls back, and the reminder says so."""

from __future__ import annotations

import re

import pytest

from bot.domain.campaign_models import CampaignStatus
from bot.domain.models import Platform
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

IRS = "Keep tax records confidential"
DATA = "Protect the data"


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def dms(transcript: Transcript, user: str) -> list[str]:
    """The title line of each direct message to ``user``."""
    return re.findall(rf"^#\d+ \(direct message to {user}\) (.*)$", transcript.text, re.M)


async def chosen_id(services: Services, user: str) -> int | None:
    row = await services.db.fetchone(
        "SELECT s.campaign_id FROM reminder_state s JOIN members m ON m.id = s.member_id "
        "WHERE m.user_id = ?",
        (user,),
    )
    assert row is not None, f"{user} has no reminders"
    return row[0]


@pytest.fixture
async def two(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> ConsoleHost:
    """The IRS campaign (imported first, so the oldest) and a newer 'Protect the data', both
    running; ann has a ZIP. The transcript starts empty."""
    await feed(full_console, "/as olga organizer", "/campaign import irs-data-privacy")
    olga = (await full_console._context()).actor
    fields = {"title": DATA, "ask": "Protect the data.", "script": "Hi {lawmaker}, protect it."}
    created = await full_services.campaigns.create(olga, fields)
    await full_services.campaigns.set_status(olga, created.slug, CampaignStatus.ACTIVE)
    await feed(full_console, "/as ann", "/setzip 05401")
    transcript.clear()
    return full_console


async def test_the_oldest_running_campaign_is_carried_until_organizers_mark_a_main_one(
    two: ConsoleHost, transcript: Transcript
) -> None:
    """No main campaign: the IRS one (the oldest). Marked main: Protect the data, shown in
    /campaign show and /campaigns, and what /remind on says."""
    await feed(two, "/remind on")
    assert f"Your reminder carries {IRS} (the oldest running campaign)." in transcript.text
    await feed(two, "/as olga organizer", "/campaign main protect-the-data")
    assert "protect-the-data is the main campaign. Reminders carry it" in transcript.text
    transcript.clear()
    await feed(two, "/campaign show protect-the-data", "/campaigns", "/campaign main")
    assert "Main campaign: yes: reminders carry it" in transcript.text
    assert f"protect-the-data {DATA} (active, main)" in transcript.text
    assert f"The main campaign is protect-the-data ({DATA})." in transcript.text
    await feed(two, "/as ann", "/campaigns", "/remind on")
    assert "(main)" in transcript.text
    assert f"Your reminder carries {DATA} (the main campaign)." in transcript.text


async def test_a_member_chooses_the_campaign_and_the_reminder_carries_it_first(
    two: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/remind campaign irs-data-privacy: the reminder's script is the IRS one even though the
    other is the main campaign; /remind campaign main goes back."""
    await feed(two, "/as olga organizer", "/campaign main protect-the-data", "/as ann")
    await feed(two, "/remind on", "/remind campaign irs-data-privacy")
    assert f"Your reminder carries {IRS} (your choice)." in transcript.text
    await feed(two, "/as olga organizer", "/clock advance 2h")  # Monday 09:00 in Vermont
    assert dms(transcript, "ann") == [f"Your calls: {IRS}"]
    await feed(two, "/as ann", "/remind campaign main")
    assert f"Your reminder carries {DATA} (the main campaign)." in transcript.text
    assert await chosen_id(full_services, "ann") is None


async def test_a_chosen_campaign_that_stops_running_falls_back_and_says_so(
    two: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """The chosen campaign is paused: the reminder carries the main one and says why; the choice
    is kept, so it counts again once the campaign resumes."""
    await feed(two, "/as olga organizer", "/campaign main irs-data-privacy", "/as ann")
    await feed(two, "/remind on", "/remind campaign protect-the-data")
    await feed(two, "/as olga organizer", "/campaign pause protect-the-data", "/clock advance 2h")
    assert dms(transcript, "ann") == [f"Your calls: {IRS}"]
    assert (
        f"{DATA}, the campaign you chose for your reminders, is not running right now, so this "
        f"one carries {IRS} (the main campaign)." in transcript.text
    )
    await feed(two, "/campaign resume protect-the-data", "/clock advance 1d")
    assert dms(transcript, "ann")[-1] == f"Your calls: {DATA}"


async def test_an_archived_choice_has_ended(
    two: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A chosen campaign that was archived has ended, and the reminder says so."""
    await feed(two, "/remind on", "/remind campaign protect-the-data")
    await feed(two, "/as olga organizer", "/campaign archive protect-the-data", "/clock advance 2h")
    assert f"{DATA}, the campaign you chose for your reminders, has ended" in transcript.text


@pytest.mark.parametrize(
    ("lines", "sentence"),
    [
        (("/remind campaign irs-data-privacy",), "Your reminders are off: turn them on"),
        (("/remind on", "/remind campaign no-such"), "There is no campaign called no-such."),
        (
            (
                *("/as olga organizer", "/campaign pause irs-data-privacy", "/as ann"),
                *("/remind on", "/remind campaign irs-data-privacy"),
            ),
            "irs-data-privacy is paused right now",
        ),
        (
            (
                "/remind on",
                "/remind campaign",
            ),
            "needs",
        ),
    ],
)
async def test_a_choice_that_cannot_be_made_is_explained_and_changes_nothing(
    two: ConsoleHost,
    transcript: Transcript,
    full_services: Services,
    lines: tuple[str, ...],
    sentence: str,
) -> None:
    """Reminders off, an unknown or paused campaign: one sentence, no choice stored."""
    await feed(two, *lines)
    assert sentence in transcript.text.strip().splitlines()[-1]
    rows = await full_services.db.fetchall("SELECT campaign_id FROM reminder_state")
    assert [r[0] for r in rows] in ([], [None])


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("/campaign main no-such", "There is no campaign called no-such."),
        ("/campaign main off", "No campaign is marked as the main one: nothing to undo."),
        ("/as ann", "Only organizers"),
    ],
)
async def test_bad_main_marks_are_explained(
    two: ConsoleHost, transcript: Transcript, full_services: Services, line: str, sentence: str
) -> None:
    """An unknown campaign, nothing to undo, a member: one sentence each, nothing marked."""
    await feed(two, "/as olga organizer", line)
    if line == "/as ann":
        await feed(two, "/campaign main irs-data-privacy")
    assert sentence in transcript.text
    assert await full_services.db.fetchall("SELECT * FROM main_campaigns") == []


async def test_an_archived_campaign_cannot_be_main_and_off_unmarks(
    two: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Archived: refused. Marked, then off: no main campaign, and the answer says what is
    carried instead."""
    await feed(two, "/as olga organizer", "/campaign archive protect-the-data")
    await feed(two, "/campaign main protect-the-data")
    assert "protect-the-data is archived: it is over, so it can't be the main campaign." in (
        transcript.text
    )
    await feed(two, "/campaign main irs-data-privacy", "/campaign main irs-data-privacy")
    assert "irs-data-privacy is already the main campaign." in transcript.text
    await feed(two, "/campaign main off")
    assert "No campaign is marked as the main one now." in transcript.text
    assert await full_services.db.fetchall("SELECT * FROM main_campaigns") == []


async def test_the_choice_is_member_data_shown_by_privacy_and_erased(
    two: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/privacy names the chosen campaign; /remind off drops it; /forgetme erases it."""
    await feed(two, "/remind on", "/remind campaign protect-the-data", "/privacy")
    assert f"Your reminders carry: {DATA} (your choice)" in transcript.text
    await feed(two, "/remind off", "/remind on")
    assert await chosen_id(full_services, "ann") is None
    await feed(two, "/remind campaign protect-the-data")
    ann = await full_services.members.actor(Platform.CONSOLE, "console", "ann", False)
    token = await full_services.privacy.request_erase(ann.member)
    await full_services.privacy.confirm_erase(ann, token)
    assert await full_services.db.fetchall("SELECT * FROM reminder_state") == []
