"""The core reaches storage only through its ports (bot/core/ports): it imports no repository,
no scheduler and no database driver, and hosts catch the project's errors, never a driver's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import REPO_ROOT
from .test_import_isolation import imported_modules

FORBIDDEN = ("bot.storage", "bot.scheduling", "sqlite3", "aiosqlite", "asyncpg")
PORTED = [
    "bot/core/action_batch.py",
    "bot/core/action_ledger.py",
    "bot/core/actions.py",
    "bot/core/after_sync.py",
    "bot/core/batcher.py",
    "bot/core/campaigns.py",
    "bot/core/members.py",
    "bot/core/privacy.py",
    "bot/core/prompts.py",
    "bot/core/reminders.py",
    "bot/core/schedules.py",
    "bot/core/settled_counts.py",
    "bot/core/stats.py",
    "bot/core/stats_warmup.py",
    "bot/core/streaks.py",
    *(str(p.relative_to(REPO_ROOT)) for p in sorted((REPO_ROOT / "bot/core/ports").glob("*.py"))),
]
DRIVER_FREE = [
    "bot/health.py",
    "bot/platforms/discord/dm_channels.py",
    "bot/platforms/discord/dm_routes.py",
    "bot/platforms/slack/dm_channels.py",
]


def _bad(path: Path, forbidden: tuple[str, ...]) -> set[str]:
    return {
        module
        for module in imported_modules(path)
        if any(module == f or module.startswith(f + ".") for f in forbidden)
    }


@pytest.mark.parametrize("name", PORTED)
def test_core_imports_no_storage(name: str) -> None:
    path = REPO_ROOT / name
    assert not _bad(path, FORBIDDEN), f"{name} imports {sorted(_bad(path, FORBIDDEN))}"


@pytest.mark.parametrize("name", DRIVER_FREE)
def test_no_driver_and_no_sqlite_backend(name: str) -> None:
    """Hosts and the health check work on any backend: no driver, no SQLite database class."""
    forbidden = ("sqlite3", "aiosqlite", "asyncpg", "bot.storage.sqlite")
    path = REPO_ROOT / name
    assert not _bad(path, forbidden), f"{name} imports {sorted(_bad(path, forbidden))}"
