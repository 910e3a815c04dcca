"""/reps, /about and scripts say which Congress's districts they use, and never present a
district from a map that has since changed as certain (TX, CA, ... for the 120th Congress)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.civic.sync import sync
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services
from bot.settings import load_settings

from ..conftest import Transcript

SWORN_IN_120TH = datetime(2027, 1, 5, 15, 0, tzinfo=UTC)  # a Tuesday of the 120th Congress
AUSTIN, DALLAS, BURLINGTON = "78701", "75201", "05401"
CHANGED = "Texas's House district lines changed for the 120th Congress"
TEXAS_LOOKUP = "https://wrm.capitol.texas.gov/"
HOUSE_FINDER = "https://www.house.gov/representatives/find-your-representative"


async def run(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        assert await console.handle(line)
    return transcript.text


@pytest.fixture(scope="session")
def data_of_120th(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full mirror with the legislators file of the 120th Congress (every House term starts
    on 3 January 2027) and the 119th's ZIP table, synced once."""
    folder = tmp_path_factory.mktemp("mirror-120")
    for name in mirror.glob("*.json"):
        shutil.copy(name, folder / name.name)
    shutil.copy(mirror / "zccd.csv", folder / "zccd.csv")
    path = folder / "legislators-current.json"
    records = json.loads(path.read_text())
    for record in records:
        if record["terms"][-1]["type"] == "rep":
            record["terms"][-1]["start"] = "2027-01-03"
    path.write_text(json.dumps(records))
    data = tmp_path_factory.mktemp("civic-120")
    asyncio.run(sync(data, str(folder)))
    return data


@pytest.fixture
async def console_120(
    tmp_path: Path, data_of_120th: Path, transcript: Transcript, database_url: str | None
) -> AsyncIterator[ConsoleHost]:
    settings = load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=data_of_120th,
        console_output_dir=tmp_path / "console",
    )
    services = await build_services(settings, ManualClock())  # 2026: the calendar says 119th
    try:
        yield await start_console(services, transcript)  # type: ignore[arg-type]
    finally:
        await close_services(services)


async def test_reps_footer_and_about_name_the_congress(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """Today's data: districts of the 119th Congress, in /reps's footer and /about."""
    text = await run(full_console, transcript, f"/reps {DALLAS}")
    assert "Data: districts of the 119th Congress." in text
    assert CHANGED not in text  # the 119th Congress's members sit on the 119th's lines
    text = await run(full_console, transcript, "/about")
    assert "districts of the 119th Congress" in text


async def test_after_3_january_2027_a_redrawn_states_district_is_only_a_candidate(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """The ZIP table of the 119th Congress once the 120th sits: Texas says its lines changed,
    names the old table's district and where to confirm it; Vermont (not redrawn) does not."""
    clock.set(SWORN_IN_120TH)
    text = await run(full_console, transcript, "/as ann", f"/reps {DALLAS}")
    assert CHANGED in text
    assert "ZIP 75201 lay in TX-30 on the old map, which may not be your district now" in text
    assert TEXAS_LOOKUP in text and HOUSE_FINDER in text
    assert "street address" in text
    assert "Sen. " in text  # senators are still listed, unaffected
    text = await run(full_console, transcript, f"/reps {BURLINGTON}")
    assert "House district lines changed" not in text
    # the footer: the data is the 119th's, and the 120th sits
    assert (
        "Data: districts of the 119th Congress; the 120th Congress has sat since 3 January" in text
    )


async def test_a_mixed_sync_says_so_everywhere_and_keeps_the_district_unsaved(
    console_120: ConsoleHost, transcript: Transcript
) -> None:
    """Legislators of the 120th, ZIP table of the 119th: /about and the /reps footer say so,
    Texas ZIPs are uncertain, and /setzip keeps the ZIP but not the old table's district."""
    text = await run(console_120, transcript, "/about")
    assert "members of the 120th Congress" in text
    assert "the 119th Congress's districts" in text
    text = await run(console_120, transcript, "/as ann", f"/setzip {AUSTIN}")
    assert CHANGED in text
    assert "Saved your ZIP 78701." in text and "and district" not in text
    assert "Data: members of the 120th Congress" in text
    text = await run(console_120, transcript, "/myreps")
    assert CHANGED in text


async def test_a_script_says_the_lines_changed(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock, full_services: Services
) -> None:
    """A Texas member's script (what reminders carry too) has the note and the lookup."""
    clock.set(SWORN_IN_120TH)
    await run(
        full_console,
        transcript,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as ann",
        f"/setzip {DALLAS}",
    )
    text = await run(full_console, transcript, "/script irs-data-privacy")
    assert CHANGED in text and TEXAS_LOOKUP in text
    actor = await full_services.members.actor(
        full_console.platform, full_console.session, "ann", False
    )
    campaign = (await full_services.campaigns.running(actor.community))[0]
    script = full_services.scripts.build(actor.member, campaign)
    assert any(CHANGED in note for note in map(str, script.notes))


async def test_a_reminder_says_the_lines_changed(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """A Texas member's reminder, sent once the 120th Congress sits, carries the note."""
    clock.set(datetime(2027, 1, 5, 12, 0, tzinfo=UTC))  # Tuesday, 06:00 in Dallas
    await run(
        full_console,
        transcript,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/as ann",
        f"/setzip {DALLAS}",
        "/remind on",
        "/as olga organizer",
    )
    text = await run(full_console, transcript, "/clock advance 3h")  # 09:00 in Dallas
    assert "(direct message to ann)" in text
    assert CHANGED in text and TEXAS_LOOKUP in text
