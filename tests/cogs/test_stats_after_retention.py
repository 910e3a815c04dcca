"""After retention (or erasure) leaves only anonymous counts, the numbers people read still
make sense: no "0 members acted" or "No one to show yet" beside actions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

MONDAY = datetime(2026, 1, 5, 15, 30, tzinfo=UTC)


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def folded(
    full_console: ConsoleHost, full_services: Services, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """Three members reported on Monday; a 1-day retention folded it all by Thursday."""
    clock.set(MONDAY)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/privacy retention 1",
    )
    for name in ("ann", "bob", "cat"):
        await feed(full_console, f"/as {name}", "/press 2 📞 Made contact")
    await feed(full_console, "/as olga organizer", "/clock advance 3d")
    left = await full_services.db.fetchone("SELECT count(*) FROM actions")
    assert left is not None and left[0] == 0
    transcript.clear()
    return full_console


async def test_the_live_count_shows_the_actions_without_zero_members(
    folded: ConsoleHost, transcript: Transcript
) -> None:
    """The prompt posted again counts 3 actions, and does not say 0 members acted."""
    await feed(folded, "/prompt post irs-data-privacy")
    assert "So far: 3 actions" in transcript.text
    assert "0 members" not in transcript.text


async def test_stats_and_the_leaderboard_explain_anonymous_counts(
    folded: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """/stats says no member is linked; /leaderboard does not invite a first report."""
    await feed(folded, "/stats irs-data-privacy all", "/leaderboard all")
    text = transcript.text
    assert "Actions: 3\n   Members: none linked (the reports left are anonymous counts)" in text
    assert "No one to show yet" not in text
    assert "kept only as anonymous counts" in text
    assert "Community: 3 actions, no longer linked to members" in text
    assert "by 0 members" not in text
