"""Sync from a mirror URL, served by a local aiohttp server that can misbehave."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from bot.civic import INDEX_FILENAME, DirectoryStore, FetchOptions, SyncError
from tests.civic.civic_fakes import SMALL


async def test_sync_from_a_url_mirror(store: DirectoryStore, file_server: Any, usps: Any) -> None:
    messages: list[str] = []
    report = await store.sync(file_server.url + "/", messages.append, minimums=SMALL, usps=usps)
    assert sorted(file_server.requests) == sorted(
        [
            "legislators-current.json",
            "legislators-district-offices.json",
            "committees-current.json",
            "committee-membership-current.json",
            "zccd.csv",
        ]
    )
    assert any(m.startswith("Downloading zccd.csv from http://127.0.0.1:") for m in messages)
    origins = {s.name: s for s in report.sources}
    assert origins["zccd.csv"].origin == file_server.url + "/zccd.csv"
    assert origins["zccd.csv"].last_modified == "Mon, 15 Jun 2026 00:00:00 GMT"
    assert store.current().lookup_zip("05401").senators


FAILURES = [
    ("500", "zccd.csv", "failed: the server answered HTTP 500"),
    ("drop", "committees-current.json", "Downloading committees-current.json from http"),
    ("truncated", "legislators-current.json", "was cut off"),
    ("short", "committee-membership-current.json", "is not valid JSON"),
    ("short", "zccd.csv", "zccd.csv line"),
]


@pytest.mark.parametrize(("mode", "name", "words"), FAILURES)
async def test_network_failures_keep_the_good_index(
    store: DirectoryStore, file_server: Any, usps: Any, mode: str, name: str, words: str
) -> None:
    good = store.current()
    before = store.path.read_bytes()
    file_server.modes[name] = mode
    with pytest.raises(SyncError) as caught:
        await store.sync(file_server.url, minimums=SMALL, usps=usps)
    assert words in caught.value.message
    assert caught.value.source == name
    assert store.path.read_bytes() == before
    assert store.current() is good
    assert [p.name for p in store.data_dir.iterdir()] == [INDEX_FILENAME]


async def test_a_server_that_never_answers_times_out(
    store: DirectoryStore, file_server: Any, usps: Any
) -> None:
    file_server.modes["zccd.csv"] = "hang"
    options = FetchOptions(read_timeout=0.3, total_timeout=5)
    with pytest.raises(SyncError, match=r"Downloading zccd\.csv from .* timed out"):
        await store.sync(file_server.url, minimums=SMALL, usps=usps, fetch_options=options)


async def test_missing_file_on_the_mirror(
    store: DirectoryStore, file_server: Any, usps: Any
) -> None:
    (file_server.folder / "zccd.csv").unlink()
    with pytest.raises(SyncError, match="HTTP 404"):
        await store.sync(file_server.url, minimums=SMALL, usps=usps)


async def test_nothing_listening(store: DirectoryStore, usps: Any) -> None:
    with socket.socket() as bound:  # an ephemeral port that is bound but not listening
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        with pytest.raises(SyncError, match=r"Downloading .* failed"):
            await store.sync(f"http://127.0.0.1:{port}/data", minimums=SMALL, usps=usps)
