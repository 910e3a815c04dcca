"""Shared fixtures: settings on a temporary folder, services on a real SQLite file, a console."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.civic.sync import sync
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services
from bot.settings import Settings, load_settings

REPO_ROOT = Path(__file__).resolve().parents[1]


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
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=tmp_path / "civic",
        console_output_dir=tmp_path / "console",
    )


@pytest.fixture
def full_settings(tmp_path: Path, full_data_dir: Path) -> Settings:
    """Settings whose lawmaker data is the full mirror (read-only, shared by the session)."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
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
