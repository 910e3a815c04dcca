"""Sync from a mirror folder: checks, atomic install, and the store that serves the index."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.civic import INDEX_FILENAME, DirectoryStore, SyncError, index_path
from bot.domain.errors import Unavailable
from tests.civic.civic_fakes import LEGISLATORS, SMALL, ZCCD_ROWS, write_mirror, zccd_text


async def test_sync_installs_an_index_and_reports(
    run_sync: Callable[..., Any], fake_mirror: Path, data_dir: Path
) -> None:
    messages: list[str] = []
    report = await run_sync(fake_mirror, progress=messages.append)
    assert report.path == data_dir / INDEX_FILENAME == index_path(data_dir)
    assert report.path.is_file() and report.index_bytes == report.path.stat().st_size
    assert (report.members, report.senators, report.house_members) == (12, 5, 7)
    assert {"NH", "CA-14"} <= set(report.vacancies) and "VT" not in report.vacancies
    assert report.zctas == 9 and report.split_zctas == 2
    assert report.zip_codes == 13  # 15 USPS ZIPs less the military and Micronesian ones
    assert any("Fetched zccd.csv" in m for m in messages)
    assert messages[-1] == report.summary()
    assert [p.name for p in data_dir.iterdir()] == [INDEX_FILENAME]  # no temp files left


def _broken(tmp_path: Path, **files: bytes | str | None) -> Path:
    return write_mirror(tmp_path / "broken", **files)


TRUNCATED_JSON = json.dumps(LEGISLATORS)[:700]
BAD_CASES = [
    ({"legislators_current_json": None}, "has no legislators-current.json"),
    ({"zccd_csv": None}, "has no zccd.csv"),
    ({"legislators_current_json": TRUNCATED_JSON}, "legislators-current.json is not valid JSON"),
    ({"committees_current_json": "{not json"}, "committees-current.json is not valid JSON"),
    ({"committee_membership_current_json": "[]"}, "does not hold a JSON object"),
    ({"legislators_district_offices_json": b"\xff\xfe["}, "is not UTF-8 text"),
    ({"legislators_current_json": json.dumps(LEGISLATORS[:3])}, "lists only 3 legislators"),
    ({"zccd_csv": zccd_text()[:-9]}, "zccd.csv line 12 has 2 columns instead of 4"),
    ({"zccd_csv": zccd_text() + "72,PR,00,1\n"}, "zccd.csv line 13 is malformed"),
    ({"zccd_csv": zccd_text() + "72,PR,00602,x\n"}, "bad district number"),
    ({"zccd_csv": "state,zip,district\n"}, "lacks the columns"),
    ({"zccd_csv": zccd_text(ZCCD_ROWS[:3])}, "has only 3 rows"),
    (
        {"legislators_current_json": json.dumps([{"id": {}}, *LEGISLATORS])},
        "record 1 has no valid bioguide id",
    ),
    (
        {"legislators_current_json": json.dumps([*LEGISLATORS, LEGISLATORS[0]])},
        "lists bioguide id S000033 twice",
    ),
]


@pytest.mark.parametrize(("files", "words"), BAD_CASES)
async def test_bad_mirror_gives_a_clear_error_and_keeps_the_good_index(
    store: DirectoryStore, tmp_path: Path, usps: Any, files: dict[str, Any], words: str
) -> None:
    good = store.current()
    before = store.path.read_bytes()
    with pytest.raises(SyncError) as caught:
        await store.sync(str(_broken(tmp_path, **files)), minimums=SMALL, usps=usps)
    assert words in caught.value.message
    assert store.path.read_bytes() == before
    assert store.current() is good
    assert good.lookup_zip("05401").senators
    assert sorted(p.name for p in store.data_dir.iterdir()) == [INDEX_FILENAME]


async def test_missing_house_district_names_the_record(
    run_sync: Callable[..., Any], tmp_path: Path
) -> None:
    legislators = json.loads(json.dumps(LEGISLATORS))
    del legislators[2]["terms"][-1]["district"]
    broken = _broken(tmp_path, legislators_current_json=json.dumps(legislators))
    with pytest.raises(SyncError, match=r"record 3 \(B001318\) is a House member with no district"):
        await run_sync(broken)


async def test_missing_mirror_folder(run_sync: Callable[..., Any], tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="does not exist"):
        await run_sync(tmp_path / "nowhere")


async def test_too_small_usps_table_is_refused(
    run_sync: Callable[..., Any], fake_mirror: Path, data_dir: Path
) -> None:
    with pytest.raises(SyncError, match="lists only 15 ZIPs"):
        await run_sync(fake_mirror, minimums=SMALL.__class__(usps_zips=40_000, **_small_but_usps()))
    assert not data_dir.exists() or not any(data_dir.iterdir())


def _small_but_usps() -> dict[str, int]:
    fields = ("legislators", "senators", "representatives", "members_with_offices",
              "committees", "memberships", "zccd_rows")  # fmt: skip
    return {f: getattr(SMALL, f) for f in fields}


def test_store_without_index_tells_the_operator(data_dir: Path) -> None:
    store = DirectoryStore(data_dir)
    with pytest.raises(Unavailable, match="orgbot data sync"):
        store.current()
    assert store.loaded() is None


def test_damaged_index_without_good_one_is_unavailable(data_dir: Path) -> None:
    data_dir.mkdir()
    index_path(data_dir).write_text('{"format": "something else"}')
    store = DirectoryStore(data_dir)
    for _ in range(2):  # the second time from memory: the file has not changed
        with pytest.raises(Unavailable, match=r"damaged.*orgbot data sync"):
            store.current()
    index_path(data_dir).write_text("{truncated")
    with pytest.raises(Unavailable, match="orgbot data sync"):
        DirectoryStore(data_dir).current()


async def test_store_picks_up_a_new_index_without_restart(
    store: DirectoryStore, run_sync: Callable[..., Any], tmp_path: Path
) -> None:
    now = [100.0]
    watcher = DirectoryStore(store.data_dir, monotonic=lambda: now[0])
    first = watcher.current()
    assert watcher.current() is first
    # Another process (the CLI) syncs a new mirror where CA-14 is no longer vacant.
    new_member = json.loads(json.dumps(LEGISLATORS[8]))
    new_member["id"]["bioguide"] = "N000001"
    new_member["terms"][-1]["district"] = 14
    newer = _broken(tmp_path, legislators_current_json=json.dumps([*LEGISLATORS, new_member]))
    await run_sync(newer, target=store.data_dir)
    now[0] += 0.5
    assert watcher.current() is first  # checked at most about once per second
    now[0] += 0.6
    second = watcher.current()
    assert second is not first
    assert [s.vacant for s in second.lookup_zip("94536").house] == [False]
    now[0] += 5
    assert watcher.current() is second  # unchanged file: no reload


async def test_store_keeps_the_good_directory_when_the_file_is_damaged(
    store: DirectoryStore,
) -> None:
    now = [0.0]
    watcher = DirectoryStore(store.data_dir, monotonic=lambda: now[0])
    good = watcher.current()
    store.path.write_text("{damaged")
    now[0] += 2
    assert watcher.current() is good
    store.path.unlink()
    now[0] += 2
    assert watcher.current() is good


async def test_in_process_sync_is_installed_at_once(
    store: DirectoryStore, fake_mirror: Path, usps: Any
) -> None:
    before = store.current()
    report = await store.sync(str(fake_mirror), minimums=SMALL, usps=usps)
    assert store.current() is report.directory is not before
