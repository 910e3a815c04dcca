"""Which map and which Congress: the index records each file's origin, date and Congress; the
source addresses are settings; upstream office ZIP errors are reported; the redistricting list
is data with sources."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.__main__ import data_sync
from bot.civic import SyncError
from bot.civic.congress import congress_of_terms, congress_on, congress_start, ordinal
from bot.civic.redistricting import HOUSE_FINDER, load_redistricting
from bot.civic.sources import DEFAULT_URLS, configured_sources
from bot.domain.errors import StartupError
from bot.settings import load_settings
from tests.civic.civic_fakes import LEGISLATORS, ZCCD_ROWS, write_mirror, zccd_text

from .conftest import FileServer

REDRAWN_2025 = ("TX", "CA", "MO", "NC", "OH", "UT")  # public reporting's six


def legislators_of_120th() -> str:
    """The fake legislators file as it reads once the 120th Congress is sworn in: every House
    member's current term starts on 3 January 2027."""
    records = json.loads(json.dumps(LEGISLATORS))
    for record in records:
        if record["terms"][-1]["type"] == "rep":
            record["terms"][-1]["start"] = "2027-01-03"
    return json.dumps(records)


@pytest.mark.parametrize(
    ("day", "congress"),
    [
        (date(2025, 1, 3), 119),
        (date(2026, 12, 6), 119),
        (date(2027, 1, 2), 119),
        (date(2027, 1, 3), 120),
        (date(2028, 11, 7), 120),
        (date(2029, 1, 3), 121),
        (date(2023, 1, 3), 118),
        (date(2025, 1, 2), 118),
    ],
)
def test_a_congress_begins_on_3_january_of_odd_years(day: date, congress: int) -> None:
    assert congress_on(day) == congress
    assert congress_on(congress_start(congress)) == congress


def test_a_legislators_file_is_of_its_latest_term_start() -> None:
    """A special election's later start does not move it; unreadable dates are skipped."""
    assert congress_of_terms(["2025-01-03", "2021-01-03", "2026-06-10"]) == 119
    assert congress_of_terms(["2027-01-03", "2025-01-03", "soon"]) == 120
    assert congress_of_terms(["", "n/a"]) is None
    assert [ordinal(n) for n in (119, 120, 121, 122, 123, 111, 112)] == [
        "119th", "120th", "121st", "122nd", "123rd", "111th", "112th",
    ]  # fmt: skip


async def test_the_index_records_each_files_origin_date_and_congress(
    run_sync: Callable[..., Any], fake_mirror: Path
) -> None:
    """Origin, sha256, the file's date, and the Congress: the legislators file's from its terms,
    the ZIP table's as declared for the default zccd.csv (the 119th)."""
    report = await run_sync(fake_mirror)
    sources = {s.name: s for s in report.sources}
    legislators, zccd = sources["legislators-current.json"], sources["zccd.csv"]
    assert legislators.congress == 119 and zccd.congress == 119
    assert zccd.origin == str(fake_mirror / "zccd.csv")
    assert len(zccd.sha256) == 64
    assert zccd.dated is not None and len(zccd.dated) == 10
    assert report.legislators_congress == 119 and report.zip_congress == 119
    assert "districts of the 119th Congress" in report.summary()
    assert report.directory.freshness.zip_congress == 119


async def test_a_sync_mixing_congresses_says_so(
    run_sync: Callable[..., Any], tmp_path: Path
) -> None:
    """A 120th Congress legislators file with the 119th's ZIP table: the summary says which is
    which and that a ZIP's district is not certain where lines changed."""
    mirror = write_mirror(tmp_path / "m120", legislators_current_json=legislators_of_120th())
    report = await run_sync(mirror)
    assert report.legislators_congress == 120 and report.zip_congress == 119
    summary = report.summary()
    assert "members of the 120th Congress" in summary
    assert "the 119th Congress's districts" in summary
    assert "not certain" in summary


async def test_a_congress_column_in_the_zip_table_is_read(
    run_sync: Callable[..., Any], tmp_path: Path
) -> None:
    """A ZIP table that names its Congress wins over the declared value; rows that disagree
    are refused, naming the line."""
    rows = "".join(",".join(r) + ",120\n" for r in ZCCD_ROWS)
    good = write_mirror(
        tmp_path / "good", zccd_csv="state_fips,state_abbr,zcta,cd,congress\n" + rows
    )
    report = await run_sync(good)
    assert report.zip_congress == 120
    assert "members of the 119th Congress" in report.summary()

    mixed = rows.replace(",120\n", ",119\n", 1)
    bad = write_mirror(
        tmp_path / "bad", zccd_csv="state_fips,state_abbr,zcta,cd,congress\n" + mixed
    )
    with pytest.raises(SyncError, match=r"zccd\.csv line 3 names another Congress"):
        await run_sync(bad, target=tmp_path / "other")


async def test_a_new_zip_table_installs_from_its_setting_without_a_code_change(
    run_sync: Callable[..., Any], file_server: FileServer, fake_mirror: Path
) -> None:
    """ORGBOT_SOURCE_ZCCD_URL (and its Congress) point the sync at another file; the index
    records where it came from, its date (Last-Modified) and its Congress."""
    (fake_mirror / "zccd-120.csv").write_text(zccd_text())
    settings = load_settings(
        env_file=None,
        source_zccd_url=f"{file_server.url}/zccd-120.csv",
        source_zccd_congress=120,
        **{f"source_{k}_url": f"{file_server.url}/{v.rsplit('/', 1)[1]}"
           for k, v in DEFAULT_URLS.items() if k != "zccd"},
    )  # fmt: skip
    sources = configured_sources(settings.source_urls, settings.source_zccd_congress)
    report = await run_sync("", sources=sources)
    zccd = next(s for s in report.sources if s.name == "zccd.csv")
    assert zccd.origin == f"{file_server.url}/zccd-120.csv"
    assert zccd.dated == "2026-06-15" and zccd.congress == 120
    assert "zccd-120.csv" in file_server.requests


def test_source_addresses_are_settings_with_todays_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shipped defaults are today's upstream addresses and the 119th Congress; an address
    that is not a URL is refused in one line naming the setting."""
    for key in DEFAULT_URLS:
        monkeypatch.delenv(f"ORGBOT_SOURCE_{key.upper()}_URL", raising=False)
    monkeypatch.delenv("ORGBOT_SOURCE_ZCCD_CONGRESS", raising=False)
    settings = load_settings(env_file=None)
    assert settings.source_urls == DEFAULT_URLS
    assert settings.source_zccd_congress == 119
    chosen = configured_sources(settings.source_urls, settings.source_zccd_congress)
    assert [s.url for s in chosen] == list(DEFAULT_URLS.values())

    monkeypatch.setenv("ORGBOT_SOURCE_ZCCD_URL", "https://example.org/zccd-120.csv")
    monkeypatch.setenv("ORGBOT_SOURCE_ZCCD_CONGRESS", "120")
    settings = load_settings(env_file=None)
    zccd = configured_sources(settings.source_urls, settings.source_zccd_congress)[-1]
    assert (zccd.url, zccd.congress) == ("https://example.org/zccd-120.csv", 120)

    monkeypatch.setenv("ORGBOT_SOURCE_ZCCD_URL", "zccd.csv")
    with pytest.raises(StartupError, match="ORGBOT_SOURCE_ZCCD_URL"):
        load_settings(env_file=None)


async def test_offices_whose_zip_does_not_exist_are_reported(
    run_sync: Callable[..., Any], tmp_path: Path
) -> None:
    """An office ZIP in neither the USPS table nor the ZIP areas is listed in the summary."""
    offices = json.loads(
        (write_mirror(tmp_path / "m") / "legislators-district-offices.json").read_text()
    )
    offices[0]["offices"][0]["zip"] = "00000-1234"
    mirror = write_mirror(tmp_path / "m", legislators_district_offices_json=json.dumps(offices))
    report = await run_sync(mirror)
    listed = {(e.bioguide, e.zip) for e in report.office_zip_errors}
    assert ("S000033", "00000-1234") in listed
    assert ("B001318", "05401") not in listed  # a ZIP the tables know
    assert "Upstream data errors" in report.summary()
    assert "Bernard Sanders (S000033), Burlington, VT: ZIP 00000-1234" in report.summary()


def test_the_full_mirror_has_an_office_with_a_zip_that_does_not_exist(full_report: Any) -> None:
    """The real data has at least one: Monroe, LA 70201 (Monroe's ZIPs are 712xx)."""
    assert any(
        e.zip == "70201" and e.city == "Monroe" and e.state == "LA"
        for e in full_report.office_zip_errors
    )
    assert "Monroe, LA: ZIP 70201" in full_report.summary()
    assert "districts of the 119th Congress" in full_report.summary()


async def test_orgbot_data_sync_prints_the_congress_and_the_upstream_errors(
    full_mirror: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`orgbot data sync` (its command function, with the settings' addresses) ends with the
    summary: which Congress's districts, and the offices whose ZIP does not exist."""
    settings = load_settings(env_file=None, data_dir=tmp_path / "civic")
    assert await data_sync(settings, str(full_mirror)) == 0
    printed = capsys.readouterr().err
    assert "Data: districts of the 119th Congress." in printed
    assert "Upstream data errors:" in printed and "Monroe, LA: ZIP 70201" in printed


def test_the_redistricting_list_is_data_with_sources() -> None:
    """The six states public reporting named change lines for the 120th Congress, each with
    https sources and a lookup; the rule flags a state only between the two maps."""
    table = load_redistricting()
    for state in REDRAWN_2025:
        redraw = table.states[state]
        assert redraw.changes and redraw.congress == 120
        assert redraw.sources and all(s.startswith("https://") for s in redraw.sources)
        assert redraw.lookup.startswith("https://")
    assert table.fallback_lookup == HOUSE_FINDER
    assert not table.states["VA"].changes
    assert table.changed("TX", 119, 119) is None  # members and map of the same Congress
    assert table.changed("TX", 119, 120) is table.states["TX"]  # 120th members, old map
    assert table.changed("TX", 120, 119) is table.states["TX"]  # new map, 119th members
    assert table.changed("TX", 120, 120) is None  # the new table installed
    assert table.changed("TX", None, 120) is table.states["TX"]  # unknown table: not trusted
    assert table.changed("VT", 119, 120) is None
    assert table.changed("VA", 119, 120) is None


def test_a_malformed_redistricting_entry_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("states:\n  TX:\n    changes: true\n    congress: soon\n    sources: [x]\n")
    with pytest.raises(ValueError, match="TX: congress must be a Congress number"):
        load_redistricting(bad)
