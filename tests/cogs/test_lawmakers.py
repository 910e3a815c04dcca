"""The lawmakers cog on the full mirror data, driven through the console host."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.domain.models import Platform
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript


async def run(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        assert await console.handle(line)
    return transcript.text


async def test_vermont_gets_two_senators_and_its_at_large_member(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """05401 lists Sanders, Welch and Vermont's at-large House member with DC phones."""
    text = await run(full_console, transcript, "/reps 05401")
    assert "Sen. Bernard Sanders (I-VT)" in text
    assert "Sen. Peter Welch (D-VT)" in text
    assert "(D-VT-AL)" in text
    assert "DC office: (202) 224-5141" in text
    assert "Nearest district office:" in text
    assert "Choose your district" not in text


async def test_dc_gets_its_delegate_and_no_senators(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """20500 lists D.C.'s delegate and says there are no senators."""
    text = await run(full_console, transcript, "/reps 20500")
    assert "Del. Eleanor Holmes Norton (D-DC-AL)" in text
    assert "has no senators" in text
    assert "Sen." not in text


async def test_split_zip_lists_candidates_and_offers_a_picker(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A ZIP spanning districts says so, lists each member, and the choice is remembered."""
    text = await run(full_console, transcript, "/as ann", "/reps 02134-1234")
    assert "Using 02134 (the first five digits of your ZIP+4)." in text
    assert "spans 2 House districts" in text
    assert "(D-MA-7)" in text and "(D-MA-8)" in text
    assert "(1) MA-7: Rep. Ayanna Pressley" in text
    number = max(full_console.messages)
    text = await run(full_console, transcript, f"/select {number} MA-8", "/myreps")
    assert "Saved: your district is MA-8." in text
    assert "(D-MA-8)" in text and "(D-MA-7)" not in text.split("/myreps")[-1]
    actor = await full_services.members.actor(Platform.CONSOLE, "console", "ann", False)
    assert (actor.member.zip, actor.member.district) == (None, "MA-8")  # district only


async def test_picker_refuses_a_district_the_zip_does_not_touch(full_services: Services) -> None:
    """A forged select value cannot save an unrelated district."""
    actor = await full_services.members.actor(Platform.CONSOLE, "c", "eve", False)
    with pytest.raises(InvalidInput, match="not one of the districts"):
        await full_services.lawmakers.choose_district(actor.member, "02134", "TX-1")


async def test_setzip_saves_zip_and_single_district(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/setzip keeps the ZIP (and the district when there is only one), privately."""
    text = await run(full_console, transcript, "/as bo", "/setzip 05401")
    assert "(only you can see this)" in text
    assert "Saved your ZIP 05401 and district VT-AL" in text
    assert "never a street address" in text
    actor = await full_services.members.actor(Platform.CONSOLE, "console", "bo", False)
    assert (actor.member.zip, actor.member.district) == ("05401", "VT-AL")
    text = await run(full_console, transcript, "/setzip clear", "/myreps")
    assert "no longer stored" in text
    assert "You haven't saved a ZIP code yet" in text


async def test_setzip_on_a_split_zip_asks_for_the_district(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """Saving a split ZIP keeps the ZIP and offers the picker."""
    text = await run(full_console, transcript, "/as cy", "/setzip 02134")
    assert "Saved your ZIP 02134." in text
    assert "Choose your district" in text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abcde", "only digits"),
        ("123", "5 digits"),
        ("1234567", "5 digits"),
        ("٠٢١٣٤", "digits 0-9"),
        ("00000", "not a real ZIP code"),
        ("11111", "could not find ZIP code 11111"),
    ],
)
async def test_bad_zips_get_a_clear_sentence(
    full_console: ConsoleHost, transcript: Transcript, typed: str, expected: str
) -> None:
    """Malformed and unknown ZIPs are answered privately with a reason, and nothing is saved."""
    text = await run(full_console, transcript, "/as dee", f"/setzip {typed}", "/myreps")
    assert expected in text
    assert "⚠" in text
    assert "You haven't saved a ZIP code yet" in text


async def test_vacant_seat_says_vacant(
    full_console: ConsoleHost, transcript: Transcript, mirror: Path
) -> None:
    """A ZIP in a vacant district says so instead of naming anyone."""
    vacant = full_console.services.lawmakers.directory.vacancies()[0]
    with (mirror / "zccd.csv").open() as rows:
        zip5 = next(
            row["zcta"]
            for row in csv.DictReader(rows)
            if row["state_abbr"] == vacant.state and int(row["cd"]) == vacant.district
        )
    text = await run(full_console, transcript, f"/reps {zip5}")
    assert f"{vacant.label} House seat: vacant" in text
    assert "(202) 224-3121" in text


async def test_po_box_zip_gives_senators_and_explains_the_house(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """A ZIP with no ZIP area in a many-district state, and no location to find the nearest
    ones from (Hicksville, NY's PO boxes: the zipcodes package puts them at 0, 0), still yields
    its senators."""
    text = await run(full_console, transcript, "/reps 11805")
    assert "PO box or business ZIP" in text
    assert text.count("Sen. ") == 2
    assert "Rep. " not in text


async def test_lawmaker_search_and_committee(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """Name search is accent-insensitive; committees list their chair and members."""
    text = await run(full_console, transcript, "/lawmaker sanchez")
    assert "Sánchez" in text
    text = await run(full_console, transcript, "/committee HSWM", "/committee senate finance")
    assert "House Committee on Ways and Means (HSWM)" in text
    assert "Senate Committee on Finance (SSFI)" in text
    assert "Chair:" in text
    text = await run(
        full_console, transcript, "/lawmaker qqqq", "/committee nonsense", "/lawmaker a"
    )
    assert text.count("⚠") == 3


async def test_completions_suggest_lawmakers_and_committees(full_console: ConsoleHost) -> None:
    """Autocomplete sources answer from the directory."""
    ctx = await full_console._context()
    lawmakers = await full_console.dispatcher.complete(ctx, "lawmakers", "welch")
    assert any("Welch" in label for label, _ in lawmakers)
    committees = await full_console.dispatcher.complete(ctx, "committees", "ways")
    assert ("House Committee on Ways and Means (HSWM)", "HSWM") in committees


async def test_without_data_lookups_say_what_to_do(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """With no index yet, lookups tell the person data is missing instead of failing."""
    text = await run(console, transcript, "/reps 05401")
    assert "orgbot data sync" in text


async def test_about_tells_organizers_how_to_refresh_stale_data(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """Data older than the setting is flagged, with the refresh command for organizers."""
    built = full_console.services.directory.current().freshness.built_at
    clock.set(built + timedelta(days=2))
    text = await run(full_console, transcript, "/about")
    assert "Lawmaker data: built" in text and "days old" not in text
    clock.set(built + timedelta(days=45))
    text = await run(full_console, transcript, "/about")
    assert "It is 45 days old: refresh it with orgbot data sync" in text
    text = await run(full_console, transcript, "/as member", "/about")
    assert "45 days old" in text and "orgbot data sync" not in text


def test_first_start_syncs_the_data_then_answers(
    tmp_path: Path, mirror: Path, database_url: str | None
) -> None:
    """`orgbot run` with no index and no tokens syncs from the mirror, then serves /reps."""
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
        "ORGBOT_DATA_MIRROR": str(mirror),
    }
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="/reps 05401\n/quit\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No lawmaker data yet" in result.stderr and "Installed" in result.stderr
    assert "Sen. Bernard Sanders (I-VT)" in result.stdout
    assert (tmp_path / "civic" / "civic-index.json").exists()


def test_data_sync_failure_keeps_the_old_index(tmp_path: Path, mirror: Path) -> None:
    """`orgbot data sync` from a broken mirror says why and leaves the good index alone."""
    env = {**os.environ, "ORGBOT_DATA_DIR": str(tmp_path / "civic")}
    command = [sys.executable, "-m", "bot", "data", "sync", "--mirror"]
    good = subprocess.run(
        [*command, str(mirror)], capture_output=True, text=True, env=env, timeout=120
    )
    assert good.returncode == 0, good.stderr
    index = tmp_path / "civic" / "civic-index.json"
    before = index.read_bytes()
    broken = tmp_path / "broken"
    broken.mkdir()
    for item in mirror.iterdir():
        if item.name != "zccd.csv":
            (broken / item.name).write_bytes(item.read_bytes())
    bad = subprocess.run(
        [*command, str(broken)], capture_output=True, text=True, env=env, timeout=120
    )
    assert bad.returncode == 1
    assert "zccd.csv" in bad.stderr and "Traceback" not in bad.stderr
    assert index.read_bytes() == before
