"""PO-box and business ZIPs (no ZIP area of their own) get the districts of the nearest ZIP
areas, as probable, never certain: in the directory, /reps, /setzip, /myreps and scripts.
On the real data (the offline mirror and the zipcodes package)."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import pytest
import zipcodes

from bot.app import build_services, close_services
from bot.civic import Directory
from bot.civic.geo import miles_between
from bot.civic.index_file import encode
from bot.civic.models import seat_label
from bot.civic.usps import usps_table_from_records
from bot.civic.ziptable import NEAREST_AREAS, NEAREST_MILES
from bot.cogkit import Context
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.domain.models import Platform
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services
from bot.settings import Settings
from tests.conftest import Transcript

HOUSTON_PO_BOXES = "77001"  # nearest areas: 77026, 77028, 77020, each in TX-18 and TX-29
WALL_STREET_PO_BOXES = "10008"  # nearest areas: 10004, 10007, 10278, all in NY-10


def zip_areas(mirror: Path) -> dict[str, set[tuple[str, int]]]:
    areas: dict[str, set[tuple[str, int]]] = {}
    with (mirror / "zccd.csv").open(newline="") as rows:
        for row in csv.DictReader(rows):
            areas.setdefault(row["zcta"], set()).add((row["state_abbr"], int(row["cd"])))
    return areas


def labels(result: Any) -> list[str]:
    return [seat.label for seat in result.house]


def test_po_box_zips_get_probable_districts_never_certain(full: Directory) -> None:
    houston = full.lookup_zip(HOUSTON_PO_BOXES)
    assert houston.probable and labels(houston) == ["TX-18", "TX-29"]
    assert houston.split and not houston.house_complete and houston.states == ("TX",)
    assert len(houston.senators) == 2
    wall_street = full.lookup_zip(WALL_STREET_PO_BOXES)
    assert wall_street.probable and labels(wall_street) == ["NY-10"]
    assert wall_street.split  # one probable district is still not a certain one
    burlington = full.lookup_zip("05402")  # Vermont's PO boxes: one district, so certain
    assert not burlington.probable and not burlington.split


def test_probable_districts_are_those_of_the_nearest_zip_areas(
    full: Directory, full_mirror: Path
) -> None:
    """Every PO-box or business ZIP of a state with several districts, checked against a plain
    search over all of the state's ZIP areas (the rule: the 3 nearest within 25 miles)."""
    areas = zip_areas(full_mirror)
    districts: dict[str, set[int]] = {}
    for seats in areas.values():
        for state, district in seats:
            districts.setdefault(state, set()).add(district)
    several = {state for state, found in districts.items() if len(found) > 1}
    places = {r["zip_code"]: r for r in zipcodes.list_all()}
    located = {}
    for zcta, seats in areas.items():
        lat, lon = float(places[zcta]["lat"]), float(places[zcta]["long"])
        if lat or lon:
            for state in {s for s, _ in seats}:
                own = sorted(d for s, d in seats if s == state)
                located.setdefault(state, []).append((lat, lon, zcta, own))
    answered = set(full.zip_codes())
    no_area = sorted(
        z for z, r in places.items() if z not in areas and r["state"] in several and z in answered
    )
    assert len(no_area) > 7_000
    probable = 0
    for zip5 in random.Random(16).sample(no_area, 400):
        record = places[zip5]
        lat, lon = float(record["lat"]), float(record["long"])
        result = full.lookup_zip(zip5)
        expected: list[str] = []
        if lat or lon:
            near = sorted(
                (miles_between(lat, lon, a, b), zcta, own)
                for a, b, zcta, own in located[record["state"]]
            )[:NEAREST_AREAS]
            for miles, _, own in near:
                if miles <= NEAREST_MILES:
                    expected += [seat_label(record["state"], d) for d in own]
        assert sorted(set(labels(result))) == sorted(set(expected)), zip5
        assert result.probable is bool(expected) and not result.house_complete, zip5
        probable += result.probable
    assert probable > 380  # nearly all: a few have no location, or no ZIP area near enough


def test_zero_zero_coordinates_mean_unknown(full: Directory) -> None:
    """The package puts some 800 ZIPs at 0, 0: no location, so no guess and no "nearest office"
    thousands of miles away."""
    table = usps_table_from_records(
        [{"zip_code": "90085", "city": "Los Angeles", "state": "CA", "lat": "0.0000",
          "long": "0.0000"}],
        "test",
    )  # fmt: skip
    assert table.places["90085"][3:] == [None, None]
    assert full.coordinates("90085") is None
    result = full.lookup_zip("90085")
    assert not result.probable and result.house == () and not result.house_complete


async def run(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        assert await console.handle(line)
    return transcript.text


async def test_reps_says_probably_and_offers_the_picker(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    text = await run(full_console, transcript, f"/reps {WALL_STREET_PO_BOXES}")
    assert f"ZIP {WALL_STREET_PO_BOXES} is for PO boxes or a single business" in text
    assert "The nearest neighbourhoods are in NY-10, so that is probably your district" in text
    assert "but not for certain" in text and "Choose your district" in text
    assert "(1) NY-10: Rep." in text
    text = await run(full_console, transcript, f"/reps {HOUSTON_PO_BOXES}")
    assert "The nearest neighbourhoods are in TX-18 or TX-29, so one of those is probably" in text
    assert "(1) TX-18: Rep." in text and "(2) TX-29: Rep." in text


async def test_setzip_saves_no_district_for_a_po_box_zip(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/setzip keeps the ZIP only; the member confirms a district from the picker."""
    text = await run(full_console, transcript, "/as ann", f"/setzip {WALL_STREET_PO_BOXES}")
    assert f"Saved your ZIP {WALL_STREET_PO_BOXES}. That is all" in text
    assert "so that is probably your district" in text
    row = await full_services.db.fetchone("SELECT zip, district FROM members WHERE user_id='ann'")
    assert row is not None and tuple(row) == (WALL_STREET_PO_BOXES, None)
    text = await run(full_console, transcript, "/myreps")
    assert "probably your district" in text
    number = max(full_console.messages)
    text = await run(full_console, transcript, f"/select {number} NY-10")
    assert "Saved: your district is NY-10." in text
    actor = await full_services.members.actor(Platform.CONSOLE, full_console.session, "ann", False)
    assert actor.member.district == "NY-10"
    with pytest.raises(InvalidInput, match="not one of the districts"):
        await full_services.lawmakers.choose_district(actor.member, HOUSTON_PO_BOXES, "TX-2")


async def test_scripts_say_probably(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services, clock: ManualClock
) -> None:
    """A script (and so a reminder) for a PO-box ZIP calls the probable House members as
    "may be your representative", with a note saying why."""
    await run(
        full_console,
        transcript,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    actor = await full_services.members.actor(Platform.CONSOLE, full_console.session, "ann", False)
    await full_services.members.set_location(actor.member, HOUSTON_PO_BOXES, None)
    text = await run(full_console, transcript, "/as ann", "/script irs-data-privacy")
    assert "the nearest neighbourhoods are in TX-18 or TX-29" in text
    assert "one of the House members is probably yours, not for certain" in text
    assert text.count("may be your representative") == 2
    assert "Sen. John Cornyn (R-TX), your senator" in text


def test_an_index_of_version_1_still_reads(full_report: Any, tmp_path: Path) -> None:
    """An index written before probable districts (version 1) loads: its PO-box ZIPs read as
    before (senators only) until the next sync rebuilds it."""
    index = json.loads(full_report.path.read_bytes())
    index["version"] = 1
    # What version 1 wrote: no fourth item, and no House seats for a PO-box ZIP.
    index["shapes"] = [[st, [] if guess else ids, done] for st, ids, done, guess in index["shapes"]]
    path = tmp_path / "civic-index.json"
    path.write_bytes(encode(index))
    old = Directory.load(path)
    houston = old.lookup_zip(HOUSTON_PO_BOXES)
    assert houston.house == () and not houston.probable and houston.split
    assert labels(old.lookup_zip("05401")) == ["VT-AL"]


async def test_an_index_of_another_version_asks_for_a_sync(
    settings: Settings, full_report: Any, clock: ManualClock, transcript: Transcript
) -> None:
    """An index from a newer (or unknown) version: one line asking the operator to sync."""
    index = json.loads(full_report.path.read_bytes())
    index["version"] = 99
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "civic-index.json").write_bytes(encode(index))
    services = await build_services(settings, clock)
    try:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        text = await run(console, transcript, f"/reps {HOUSTON_PO_BOXES}")
    finally:
        await close_services(services)
    assert "from another version: an operator needs to run orgbot data sync." in text
    assert "Traceback" not in text
    said = [line for line in text.splitlines() if "orgbot data sync" in line]
    assert len(said) == 1


NO_LOCATION_PO_BOXES = "11805"  # Hicksville, NY: the zipcodes package puts it at 0, 0


async def test_a_po_box_zip_with_no_guess_says_so_and_offers_the_address_form(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """No House district can be guessed: /reps offers the street-address form, and a script
    says why no House member is listed instead of leaving them out silently."""
    text = await run(full_console, transcript, f"/reps {NO_LOCATION_PO_BOXES}")
    assert "is a PO box or business ZIP" in text and "Rep. " not in text
    assert "[Find my district from my street address]" in text
    await run(full_console, transcript, "/as olga organizer", "/campaign import irs-data-privacy")
    actor = await full_services.members.actor(Platform.CONSOLE, full_console.session, "ann", False)
    await full_services.members.set_location(actor.member, NO_LOCATION_PO_BOXES, None)
    text = await run(full_console, transcript, "/as ann", "/script irs-data-privacy")
    assert "nothing near it tells your House district, so no House member is listed" in text
    assert "your representative" not in text


async def test_the_overview_says_probably(
    full_console: ConsoleHost, full_services: Services
) -> None:
    """The member's overview (Slack's App Home) names the probable district and where to
    confirm it, not "spans several districts"."""
    actor = await full_services.members.actor(Platform.CONSOLE, full_console.session, "ann", False)
    await full_services.members.set_location(actor.member, WALL_STREET_PO_BOXES, None)
    actor = await full_services.members.actor(Platform.CONSOLE, full_console.session, "ann", False)
    (overview,) = [s.handler for s in full_console.registry.summaries if s.cog == "lawmakers"]
    assert overview is not None
    message = await overview(Context(actor, full_console, "general"))
    assert message is not None
    assert "Your ZIP is for PO boxes or a business: probably NY-10; confirm with /reps." in (
        message.body
    )
    assert "spans several districts" not in message.body
