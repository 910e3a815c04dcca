"""The Database object: pragmas, transactions, and clear errors for bad files."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.errors import StartupError, Unavailable
from bot.storage.migrations import migrate
from bot.storage.sqlite.database import Database
from bot.storage.unavailable import BUSY_MESSAGE, READ_ONLY_MESSAGE

pytestmark = pytest.mark.sqlite_only  # SQLite's own database object


async def _migrated(path: Path, busy_ms: int = 5000) -> Database:
    db = await Database.open(path, busy_ms)
    await migrate(db)
    return db


async def _add_community(db: Database, external_id: str) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO communities (platform, external_id, timezone, created_at) "
            "VALUES ('console', ?, 'UTC', 'now')",
            (external_id,),
        )


async def test_pragmas_are_set(tmp_path: Path) -> None:
    """WAL mode, foreign keys and the busy timeout are on."""
    db = await Database.open(tmp_path / "db.sqlite3", busy_timeout_ms=1234)
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
    assert (await db.fetchone("PRAGMA busy_timeout"))[0] == 1234
    await db.close()


async def test_file_is_private_to_its_owner(tmp_path: Path) -> None:
    """The database file is created readable and writable by its owner only."""
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    await db.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    """An exception inside a transaction leaves nothing behind."""
    db = await _migrated(tmp_path / "db.sqlite3")
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (platform, external_id, timezone, created_at) "
                "VALUES ('console', 'a', 'UTC', 'now')"
            )
            raise RuntimeError("boom")
    assert (await db.fetchone("SELECT count(*) FROM communities"))[0] == 0
    await db.close()


async def test_corrupt_file_refuses_to_start_with_one_line(tmp_path: Path) -> None:
    """A file that is not SQLite gives the operator a sentence, not a traceback."""
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StartupError, match="not a valid SQLite file") as info:
        db = await Database.open(path)
        await migrate(db)
    assert "\n" not in info.value.message
    assert path.read_bytes().startswith(b"this is not a database")  # nothing overwritten


async def test_read_only_database_at_start(tmp_path: Path) -> None:
    """Migrations on a database that cannot be written stop start-up with a clear line."""
    db = await Database.open(tmp_path / "db.sqlite3")
    await db.fetchone("PRAGMA query_only = ON")
    with pytest.raises(StartupError, match="cannot be written"):
        await migrate(db)
    await db.close()


async def test_read_only_database_while_running(tmp_path: Path) -> None:
    """A write to a read-only database tells the person, and stored rows are intact."""
    db = await _migrated(tmp_path / "db.sqlite3")
    await _add_community(db, "kept")
    await db.fetchone("PRAGMA query_only = ON")
    with pytest.raises(Unavailable) as info:
        await _add_community(db, "new")
    assert info.value.message == READ_ONLY_MESSAGE
    rows = await db.fetchall("SELECT external_id FROM communities")
    assert [r[0] for r in rows] == ["kept"]
    await db.close()


async def test_an_error_inside_a_transaction_is_the_projects_own(tmp_path: Path) -> None:
    """A statement refused inside a transaction (the file turned read-only after BEGIN) is the
    project's Unavailable with its sentence, never sqlite3's error; the transaction is rolled
    back and the database still answers."""
    db = await _migrated(tmp_path / "db.sqlite3")
    await _add_community(db, "kept")
    with pytest.raises(Unavailable) as info:
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (platform, external_id, timezone, created_at) "
                "VALUES ('console', 'first', 'UTC', 'now')"
            )
            await tx.execute("PRAGMA query_only = ON")
            await tx.execute(
                "INSERT INTO communities (platform, external_id, timezone, created_at) "
                "VALUES ('console', 'second', 'UTC', 'now')"
            )
    assert info.value.message == READ_ONLY_MESSAGE
    await db.fetchone("PRAGMA query_only = OFF")
    rows = await db.fetchall("SELECT external_id FROM communities")
    assert [r[0] for r in rows] == ["kept"]
    await _add_community(db, "after")
    await db.close()


async def test_locked_database_says_busy_and_loses_nothing(tmp_path: Path) -> None:
    """Another process holding the write lock yields 'busy, try again', and no data is lost."""
    path = tmp_path / "db.sqlite3"
    db = await _migrated(path, busy_ms=50)
    await _add_community(db, "kept")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(Unavailable) as info:
            await _add_community(db, "blocked")
        assert info.value.message == BUSY_MESSAGE
    finally:
        other.execute("ROLLBACK")
        other.close()
    await _add_community(db, "after")
    rows = await db.fetchall("SELECT external_id FROM communities ORDER BY id")
    assert [r[0] for r in rows] == ["kept", "after"]
    await db.close()


async def test_integrity_check_passes_on_a_sound_file(tmp_path: Path) -> None:
    """A healthy database reports no problems."""
    db = await _migrated(tmp_path / "db.sqlite3")
    assert await db.integrity_check() == []
    await db.close()


async def test_backup_while_the_bot_writes(tmp_path: Path) -> None:
    """`orgbot db backup` copies a database another process has open, privately and soundly."""
    path = tmp_path / "db.sqlite3"
    running = await _migrated(path)
    await _add_community(running, "before")
    target = tmp_path / "backups" / "copy.sqlite3"
    env = {**os.environ, "ORGBOT_DATABASE_PATH": str(path)}
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "db", "backup", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    await _add_community(running, "after")  # the running bot keeps working
    copy = sqlite3.connect(target)
    assert [r[0] for r in copy.execute("SELECT external_id FROM communities")] == ["before"]
    copy.close()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    again = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "db", "backup", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    await running.close()


async def test_db_check_reports_ok(tmp_path: Path) -> None:
    """`orgbot db check` runs the integrity check on a sound file."""
    path = tmp_path / "db.sqlite3"
    db = await _migrated(path)
    await db.close()
    env = {**os.environ, "ORGBOT_DATABASE_PATH": str(path)}
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "db", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok"
