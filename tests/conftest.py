"""Shared fixtures: settings on a temporary folder, services on a real database, a console.

The database is a real SQLite file, or, when ORGBOT_TEST_POSTGRES_URL names a PostgreSQL server
(``make test`` starts a throwaway one), a fresh PostgreSQL database for each test: see
:func:`database_url`. On that run, tests that use no database are deselected (they ran on the
SQLite run), ``sqlite_only`` tests are skipped, and ``postgres`` tests run.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_services, close_services
from bot.civic.sync import sync
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.storage.sqlite.database import Database as SqliteDatabase

from .postgres_server import Databases

REPO_ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get("ORGBOT_TEST_POSTGRES_URL") or None
DATABASE_FIXTURE = "database_url"


class Transcript:
    """Collects what the console host writes, for assertions."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.append(text + "\n")

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def clear(self) -> None:
        self.lines.clear()


MIRROR = REPO_ROOT.parent / "shared" / "civic-data"


@pytest.fixture(autouse=True)
def root_logger_restored() -> Iterator[None]:
    """A test that runs ``orgbot``'s main in-process leaves no handler of its logging set-up on
    the root logger: that handler writes to the test's captured stderr, which is closed once the
    test ends, so a later test at DEBUG would hit a logging error from aiosqlite's thread."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if type(handler) is logging.StreamHandler:  # configure_logging's; pytest's are subclasses
            root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The offline mirror of the lawmaker data; CI has it beside the repo, so never skip."""
    if not (MIRROR / "legislators-current.json").exists():
        pytest.fail(f"The civic-data mirror is missing at {MIRROR}; tests need it beside the repo.")
    return MIRROR


@pytest.fixture(scope="session")
def full_data_dir(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the index built once per session from the full mirror."""
    folder = tmp_path_factory.mktemp("civic-full")
    asyncio.run(sync(folder, str(mirror)))
    return folder


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        database_url=database_url,
        data_dir=tmp_path / "civic",
        console_output_dir=tmp_path / "console",
    )


@pytest.fixture
def full_settings(tmp_path: Path, full_data_dir: Path, database_url: str | None) -> Settings:
    """Settings whose lawmaker data is the full mirror (read-only, shared by the session)."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        database_url=database_url,
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
    )


@pytest.fixture
async def full_services(full_settings: Settings, clock: ManualClock) -> AsyncIterator[Services]:
    built = await build_services(full_settings, clock)
    yield built
    await close_services(built)


@pytest.fixture
async def full_console(full_services: Services, transcript: Transcript) -> ConsoleHost:
    """A console host on the full lawmaker data."""
    return await start_console(full_services, transcript)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def services(settings: Settings, clock: ManualClock) -> AsyncIterator[Services]:
    built = await build_services(settings, clock)
    yield built
    await close_services(built)


@pytest.fixture
def transcript() -> Transcript:
    return Transcript()


@pytest.fixture
async def console(services: Services, transcript: Transcript) -> ConsoleHost:
    return await start_console(services, transcript)  # type: ignore[arg-type]


# The backend of the run: SQLite, or PostgreSQL when ORGBOT_TEST_POSTGRES_URL is set.


def pytest_configure(config: pytest.Config) -> None:
    # A developer's own ORGBOT_DATABASE_URL must never reach a test (nor its data a test's).
    os.environ.pop("ORGBOT_DATABASE_URL", None)
    _watch_sqlite_opens()


def pytest_report_header(config: pytest.Config) -> str:
    if POSTGRES_URL is None:
        return "database: SQLite (set ORGBOT_TEST_POSTGRES_URL for PostgreSQL; make test does)"
    return f"database: PostgreSQL at {POSTGRES_URL}, a fresh database for each test"


def uses_database(item: pytest.Item) -> bool:
    """Whether ``item`` requests a database, itself or through its fixtures."""
    return DATABASE_FIXTURE in getattr(item, "fixturenames", ()) or bool(
        item.get_closest_marker("postgres")
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES_URL is None:
        skip = pytest.mark.skip(
            reason="tests the PostgreSQL backend: runs when ORGBOT_TEST_POSTGRES_URL names a "
            "server (make test starts one when PostgreSQL is installed)"
        )
        for item in items:
            if item.get_closest_marker("postgres"):
                item.add_marker(skip)
        return
    no_database = [item for item in items if not uses_database(item)]
    if no_database:
        config.hook.pytest_deselected(items=no_database)
        items[:] = [item for item in items if uses_database(item)]
    skip = pytest.mark.skip(reason="tests SQLite-only behaviour (its file, lock or backup API)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[Databases | None]:
    """On the PostgreSQL run, makes each test's database from a template migrated once."""
    if POSTGRES_URL is None:
        yield None
        return
    prefix = os.environ.get("ORGBOT_TEST_DATABASE_PREFIX", "orgbot_test_")
    databases = Databases(POSTGRES_URL, f"{prefix}{os.getpid()}_")
    try:
        databases.create_template(_migrate_postgres)
        _used_databases.append(databases)
        yield databases
    finally:
        databases.close()


_used_databases: list[Databases] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for databases in _used_databases:
        n = max(databases.handed_out, 1)
        terminalreporter.write_line(
            f"PostgreSQL: {databases.handed_out} test databases; tests waited "
            f"{databases.waited_s:.1f} s for them in all ({databases.waited_s / n * 1000:.0f} ms "
            "each on average; each is copied while the test before runs)"
        )


async def _migrate_postgres(url: str) -> None:
    from bot.storage.migrations import migrate
    from bot.storage.postgres.database import PostgresDatabase

    db = await PostgresDatabase.open(url)
    try:
        await migrate(db)
    finally:
        await db.close()


@pytest.fixture
def database_url(
    postgres_databases: Databases | None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str | None]:
    """Request this (in a test or in a fixture) wherever a test stores anything.

    On the SQLite run it is None. On the PostgreSQL run it is the URL of a new, migrated
    database of this test's own, also set as ORGBOT_DATABASE_URL so that settings loaded in the
    test and bot processes it starts use it; the database is dropped after the test."""
    if postgres_databases is None:
        yield None
        return
    name = postgres_databases.create()
    url = postgres_databases.url(name)
    monkeypatch.setenv("ORGBOT_DATABASE_URL", url)
    yield url
    postgres_databases.drop(name)


# Each run checks that the other cannot miss what a test stores. On the SQLite run, a test that
# stores without requesting `database_url` fails: the PostgreSQL run would deselect it. On the
# PostgreSQL run, a test that still stores in an SQLite file fails: it is not testing PostgreSQL.
_sqlite_opened: list[str] = []


def _watch_sqlite_opens() -> None:
    opening = SqliteDatabase.open.__func__  # type: ignore[attr-defined]

    async def recording_open(
        cls: type[SqliteDatabase], path: Path | str, *args: Any, **kwargs: Any
    ) -> SqliteDatabase:
        _sqlite_opened.append(str(path))
        return await opening(cls, path, *args, **kwargs)

    SqliteDatabase.open = classmethod(recording_open)  # type: ignore[method-assign,assignment]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _sqlite_opened.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    result = yield
    if item.get_closest_marker("sqlite_only") or item.get_closest_marker("postgres"):
        return result
    tmp = getattr(item, "funcargs", {}).get("tmp_path")
    files = sorted(str(p) for p in tmp.rglob("*.sqlite3")) if isinstance(tmp, Path) else []
    if POSTGRES_URL is None and not uses_database(item) and (_sqlite_opened or files):
        pytest.fail(
            f"{item.nodeid} stores in a database ({(_sqlite_opened + files)[0]}) but requests "
            f"no `{DATABASE_FIXTURE}` fixture, so the PostgreSQL run would leave it out: "
            "request it (or the settings fixture), or mark the test sqlite_only.",
            pytrace=False,
        )
    on_sqlite = [path for path in _sqlite_opened if path != ":memory:"] + files
    if POSTGRES_URL is not None and on_sqlite:
        pytest.fail(
            f"{item.nodeid} stored in SQLite ({on_sqlite[0]}) on the PostgreSQL run: build its "
            f"settings with the `{DATABASE_FIXTURE}` fixture's URL (load_settings reads "
            "ORGBOT_DATABASE_URL), or mark the test sqlite_only.",
            pytrace=False,
        )
    return result
