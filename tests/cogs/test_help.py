"""/help in the console: headings that read as headings, and commands in aligned columns."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript

ENTRY = re.compile(r"^     (/\S.*?)  +(\S.*)$")  # a command and its help, under a heading
MORE = re.compile(r"^ {6,}(\S.*)$")  # a wrapped help line, or the help under a long usage


async def help_text(console: ConsoleHost, transcript: Transcript, who: str) -> str:
    await console.handle(f"/as {who}")
    transcript.clear()
    await console.handle("/help")
    return transcript.text


async def test_headings_read_as_headings(console: ConsoleHost, transcript: Transcript) -> None:
    """Each feature's heading is a line of its own, without a full stop or a colon after it."""
    text = await help_text(console, transcript, "olga organizer")
    headings = [
        line[3:]
        for line in text.splitlines()
        if re.match(r"^   \S", line) and not line.startswith("   Type /help")
    ]
    assert "Help and about this bot" in headings
    assert "Find who represents you" in headings
    for heading in headings:
        assert heading[0].isupper() and not heading.endswith((".", ":")), heading
    assert ".:" not in text


async def test_help_starts_in_one_column(console: ConsoleHost, transcript: Transcript) -> None:
    """Every command's help, and every wrapped line of it, starts at the same column."""
    text = await help_text(console, transcript, "olga organizer")
    starts, entries = set(), 0
    for line in text.splitlines():
        entry, more = ENTRY.match(line), MORE.match(line)
        if entry:
            entries += 1
            starts.add(entry.start(2))
        elif more:
            starts.add(more.start(1))
    assert entries > 20 and len(starts) == 1, (entries, starts)
    assert "/schedule pause <number>" in text and "/reps <zip>" in text


async def test_members_see_the_same_layout(console: ConsoleHost, transcript: Transcript) -> None:
    """A member's shorter list is laid out the same way, with a one-command group under its
    heading rather than beside it."""
    text = await help_text(console, transcript, "ann")
    lines = text.splitlines()
    assert "   Campaigns: what this community calls about" in lines
    [campaigns] = [ln for ln in lines if ln.startswith("     /campaigns ")]
    assert campaigns.endswith("List the running campaigns (organizers see every one).")
    assert "/schedule" not in text


async def test_data_a_day_old_reads_one_day(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """/about says "1 day old", not "1 days old", when a day is the limit and it has passed."""
    full_console.services.settings.data_max_age_days = 1
    built = full_console.services.directory.current().freshness.built_at
    clock.set(built + timedelta(days=1, hours=1))
    await full_console.handle("/about")
    assert "It is 1 day old" in transcript.text and "1 days" not in transcript.text


async def test_about_is_true_about_street_addresses(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """The bot offers a street-address form, so /about says when it asks for one and where it
    goes, instead of promising it never asks."""
    await full_console.handle("/about")
    text = " ".join(transcript.text.split())
    assert "never asks for your name or street address" not in text
    assert "It asks for a street address only if you choose to find your district from it" in text
    assert "goes once to the U.S. Census Bureau and is never kept" in text
