"""Stances in the console: callers tag what the office said after "made contact", /stances
shows the counts, calls, the latest note and a suggestion, and organizers set stances with
/stance set (in English or Spanish), with one-line errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
SANDERS = "Sen. Bernard Sanders (I-VT)"


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def posted(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """The IRS campaign imported and its prompt posted as message #2."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    transcript.clear()
    return full_console


async def heard(console: ConsoleHost, services: Services, name: str, tag: str) -> None:
    """``name`` calls Sen. Sanders from their script, reports contact and tags ``tag``."""
    actor = await services.members.actor(console.platform, console.session, name, False)
    await services.members.set_location(actor.member, "05401", "VT-AL")
    await feed(console, f"/as {name}", "/press 2 Get my script")
    await feed(console, f"/press {max(console.messages)} Sen. Sanders: Made contact")
    await feed(console, f"/press {max(console.messages)} {tag}")


async def test_tags_become_a_suggestion_an_organizer_accepts(
    posted: ConsoleHost, full_services: Services, transcript: Transcript
) -> None:
    """Three callers tag 'undecided'; /stances suggests it; /stance set accepts it."""
    await heard(posted, full_services, "ann", "supports")
    text = transcript.text
    assert "Did the office say where they stand?" in text
    assert "[supports]" in text and "[no answer on it]" in text
    assert "Noted: Sen. Bernard Sanders (I-VT)'s office, “supports”" in text
    await feed(posted, f"/press {max(posted.messages)} undecided")  # pressing again replaces it
    await heard(posted, full_services, "bob", "undecided")
    await heard(posted, full_services, "cat", "undecided")
    transcript.clear()
    await feed(posted, "/as olga organizer", "/stances")
    text = transcript.text
    assert f"{SANDERS}: unknown · 3 calls this week · heard: undecided 3" in text
    assert (
        f"3 callers this week heard “undecided” from {SANDERS}: "
        "/stance set S000033 undecided to accept" in text
    )
    transcript.clear()
    await feed(posted, "/stance set S000033 undecided per the DC office")
    text = transcript.text
    assert f"{SANDERS} is now marked “undecided” in " in text and "(was “unknown”)" in text
    assert "Based on what 3 callers heard this week." in text
    transcript.clear()
    await feed(posted, "/stances undecided")
    assert f"{SANDERS}: undecided · 3 calls" in transcript.text
    assert "to accept" not in transcript.text  # no suggestion of the stance already set
    transcript.clear()
    await feed(posted, "/stats irs-data-privacy", "/as bob", "/privacy")
    text = transcript.text
    assert f"Office notes: {SANDERS}: heard: undecided 3" in text  # tags beside the notes
    assert "1 call you tagged with what the office said" in text  # bob's /privacy
    assert f": {SANDERS}: “undecided”" in text
    history = await full_services.db.fetchall(
        "SELECT stance, note, from_undecided, from_supports FROM stance_history"
    )
    assert [tuple(r) for r in history] == [("undecided", "per the DC office", 3, 0)]


async def test_the_committee_filter_and_mistakes(
    posted: ConsoleHost, transcript: Transcript
) -> None:
    """committee:HSWM lists Ways and Means' members; bad words get one line each."""
    await feed(posted, "/stance set Sanders a favor", "/stances committee:HSWM")
    text = transcript.text
    assert f"{SANDERS} is now marked “supports”" in text
    assert "Stances: Keep tax records" in text and "Showing 25 of 45;" in text
    assert "(R-WV-1): unknown · 0 calls this week" in text  # Rep. Carol D. Miller
    assert SANDERS not in text.split("Stances:")[1]  # not on Ways and Means
    transcript.clear()
    await feed(
        posted,
        "/stance set S000033 maybe",
        "/stance set Nobodyatall undecided",
        "/stances committee:ZZZZ",
        "/as ann",
        "/stance set S000033 undecided",
    )
    text = transcript.text
    assert "'maybe' is not a stance. Use supports, opposes, undecided or unknown" in text
    assert 'No sitting member of Congress matches "nobodyatall"' in text
    assert 'No current committee matches "zzzz"' in text
    assert "Only organizers can do that." in text
    assert "Traceback" not in text


async def test_a_spanish_organizer_reads_stances_in_spanish(
    posted: ConsoleHost, transcript: Transcript
) -> None:
    """An organizer who reads Spanish sets 'en contra' and reads /stances in Spanish."""
    await feed(posted, "/language es")
    transcript.clear()
    await feed(posted, "/stance set S000033 en contra dijo que no", "/stances")
    text = transcript.text
    assert "ahora figura como «en contra» en Que los datos" in text
    assert "(antes: «se desconoce»)" in text
    assert "Posturas:" in text and "en contra · 0 llamadas esta semana" in text
    for english in ("now marked", "calls this week", "Stances:", "(was "):
        assert english not in text
    transcript.clear()
    await feed(posted, "/stance set S000033 quizás", "/stance set Nadiexyz indeciso")
    text = transcript.text
    assert "«quizás» no es una postura." in text
    assert "is not a stance" not in text and "No sitting member" not in text


async def test_the_history_says_who_set_each_stance(
    posted: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """/stance history lists each stance set, newest first, with its organizer and note (a
    note may name the campaign first)."""
    await feed(
        posted,
        "/stance set S000033 opposes campaign:irs-data-privacy staffer was firm",
        "/as pat organizer",
    )
    clock.set(datetime(2026, 1, 8, 15, 30, tzinfo=UTC))
    await feed(posted, "/stance set Sanders undecided")
    transcript.clear()
    await feed(posted, "/stance history S000033")
    text = transcript.text
    assert f"Stances of {SANDERS}: Keep tax records confidential" in text
    newest, oldest = (line.strip() for line in text.splitlines() if line.strip().startswith("•"))
    assert newest == "• Thursday, January 8: “undecided” by @pat"
    assert oldest == "• Tuesday, January 6: “opposes” by @olga · “staffer was firm”"
