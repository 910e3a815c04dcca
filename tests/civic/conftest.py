"""Fixtures for the lawmaker directory: a tiny fake mirror written by the tests themselves, a
tiny USPS table, and (for the full-data tests) the offline mirror of the real data."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.civic import Directory, DirectoryStore, sync
from bot.civic.usps import UspsTable, usps_table_from_records
from tests.civic.civic_fakes import SMALL, USPS_RECORDS, write_mirror

REPO_ROOT = Path(__file__).resolve().parents[2]
FULL_MIRROR = REPO_ROOT.parent / "shared" / "civic-data"


@pytest.fixture
def usps() -> UspsTable:
    return usps_table_from_records(USPS_RECORDS, "test USPS table")


@pytest.fixture
def fake_mirror(tmp_path: Path) -> Path:
    return write_mirror(tmp_path / "mirror")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run_sync(data_dir: Path, usps: UspsTable) -> Callable[..., Any]:
    """``await run_sync(mirror)``: a sync with the small minimums and the test USPS table."""

    async def go(mirror: Path | str, target: Path | None = None, **options: Any) -> Any:
        options.setdefault("minimums", SMALL)
        options.setdefault("usps", usps)
        return await sync(target or data_dir, str(mirror), **options)

    return go


@pytest.fixture
async def directory(run_sync: Callable[..., Any], fake_mirror: Path) -> Directory:
    report = await run_sync(fake_mirror)
    return report.directory


@pytest.fixture
async def store(data_dir: Path, fake_mirror: Path, usps: UspsTable) -> DirectoryStore:
    """A store holding a good index built from the fake mirror."""
    held = DirectoryStore(data_dir)
    await held.sync(str(fake_mirror), minimums=SMALL, usps=usps)
    return held


class FileServer:
    """Serves a mirror folder on 127.0.0.1 (ephemeral port); ``modes`` break chosen files:
    "500", "drop" (close before answering), "truncated" (close mid-body), "short" (a complete
    HTTP answer holding half the file), "hang" (never answers until the test ends)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.modes: dict[str, str] = {}
        self.release = asyncio.Event()
        self.requests: list[str] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.requests.append(name)
        path = self.folder / name
        if not path.is_file():
            return web.Response(status=404)
        data = path.read_bytes()
        mode = self.modes.get(name, "ok")
        if mode == "500":
            return web.Response(status=500, text="upstream broke")
        if mode == "hang":
            await self.release.wait()
            return web.Response(status=503)
        if mode == "drop":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=200)
        if mode == "short":
            return web.Response(body=data[: len(data) // 2])
        if mode == "truncated":
            response = web.StreamResponse(headers={"Content-Length": str(len(data))})
            await response.prepare(request)
            await response.write(data[: len(data) // 2])
            assert request.transport is not None
            request.transport.close()
            return response
        return web.Response(body=data, headers={"Last-Modified": "Mon, 15 Jun 2026 00:00:00 GMT"})


@pytest.fixture
async def file_server(fake_mirror: Path) -> AsyncIterator[FileServer]:
    server = FileServer(fake_mirror)
    app = web.Application()
    app.router.add_get("/data/{name}", server.handle)
    runner = web.AppRunner(app, shutdown_timeout=0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    server.url = f"http://{host}:{port}/data"
    try:
        yield server
    finally:
        server.release.set()
        await runner.cleanup()


@pytest.fixture(scope="session")
def full_mirror() -> Path:
    if not (FULL_MIRROR / "legislators-current.json").is_file():
        pytest.fail(
            f"The offline civic-data mirror is missing at {FULL_MIRROR}; the full-data tests "
            "need it (see its README.md)."
        )
    return FULL_MIRROR


@pytest.fixture(scope="session")
def full_report(full_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One real sync from the offline mirror, shared by the full-data tests."""
    target = tmp_path_factory.mktemp("full-data")
    return asyncio.run(sync(target, str(full_mirror)))


@pytest.fixture(scope="session")
def full(full_report: Any) -> Directory:
    return full_report.directory
