"""A ZIP+4 a member types is used for the lookup only: its last four digits are never stored.

Every path that takes a typed ZIP, through the console host on a real SQLite file: /setzip (a
split ZIP, a certain one, a PO-box one), the district picker after it, /reps, /myreps, the
"Get my script" form, a reminder built from the saved ZIP; then the database file, its WAL and
the logs (at DEBUG) are searched for the four digits.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import pytest

from bot.app import build_services, close_services
from bot.domain.clock import ManualClock
from bot.platforms.console.runner import start_console
from bot.settings import Settings
from tests.conftest import Transcript

PLUS_FOUR = "7319"  # digits that appear nowhere else in what these members do
TUESDAY_1030_EASTERN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)


def last_message(text: str) -> int:
    return int(re.findall(r"^#(\d+) ", text, re.M)[-1])


async def test_the_plus_four_digits_are_never_stored(
    full_settings: Settings,
    clock: ManualClock,
    transcript: Transcript,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    clock.set(TUESDAY_1030_EASTERN)
    services = await build_services(full_settings, clock)
    try:
        console = await start_console(services, transcript)  # type: ignore[arg-type]

        async def say(*lines: str) -> str:
            transcript.clear()
            for line in lines:
                assert await console.handle(line)
            return transcript.text

        await say(
            "/as olga organizer",
            "/campaign import irs-data-privacy",
            "/prompt post irs-data-privacy",
        )
        text = await say("/as ann", f"/setzip 02134-{PLUS_FOUR}")
        assert "Using 02134 (the first five digits of your ZIP+4)." in text
        await say(f"/select {last_message(text)} MA-8", "/remind on", "/myreps")
        text = await say("/as bob", f"/reps 02134-{PLUS_FOUR}")
        assert "spans 2 House districts" in text
        text = await say("/press 2 Get my script", f"02134-{PLUS_FOUR}")
        assert "Saved your ZIP code 02134 for next time" in text
        text = await say("/as cy", f"/setzip 05401-{PLUS_FOUR}")
        assert "Saved your ZIP 05401 and district VT-AL." in text
        text = await say("/as dee", f"/setzip 77001-{PLUS_FOUR}", "/myreps")
        assert "probably" in text
        text = await say(f"/select {last_message(text)} TX-18")
        assert "Saved: your district is TX-18." in text
        text = await say("/as olga organizer", "/clock advance 1d")
        assert "(direct message to ann)" in text  # the reminder, built from the saved ZIP
        rows = await services.db.fetchall(
            "SELECT user_id, zip, district FROM members WHERE zip IS NOT NULL ORDER BY user_id"
        )
        assert [tuple(r) for r in rows] == [
            ("ann", "02134", "MA-8"),
            ("bob", "02134", None),
            ("cy", "05401", "VT-AL"),
            ("dee", "77001", "TX-18"),
        ]
    finally:
        await close_services(services)
    if full_settings.postgres_url is None:  # nor anywhere in the SQLite file or its journal
        database = full_settings.database_path
        files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
        assert database in files
        stored = [path.name for path in files if PLUS_FOUR.encode() in path.read_bytes()]
        assert stored == []
    logged = PLUS_FOUR in caplog.text
    assert not logged, "the +4 digits are in the logs"
