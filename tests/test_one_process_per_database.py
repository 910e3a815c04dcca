"""One orgbot process per database: an OS lock beside the database file, held while it runs.

With real processes: a first ``orgbot run`` (the console, no token) is started and waited for
until it holds the lock; a second ``run`` or ``console`` on the same database is refused at once
with one line naming the lock file and the first one's pid, while the read-only ``db check``
and ``console --fresh`` (its own database in memory) still run; after ``kill -9`` of the first,
a third starts.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from bot.storage.sqlite.process_lock import DatabaseInUse, ProcessLock, lock_database, lock_path_for

from .orgbot_process import WAIT, assert_one_line_error, orgbot, orgbot_env, start

pytestmark = pytest.mark.sqlite_only  # the SQLite file's lock (PostgreSQL is shared by design)


async def wait_for_line(stream: asyncio.StreamReader, text: str) -> None:
    seen = []
    while True:
        line = (await asyncio.wait_for(stream.readline(), WAIT)).decode()
        if not line:
            pytest.fail(f"never saw {text!r}; the process wrote:\n{''.join(seen)}")
        if text in line:
            return
        seen.append(line)


async def test_a_second_process_is_refused_until_the_first_is_killed(
    tmp_path: Path, full_data_dir: Path
) -> None:
    """Refused with exit 1 and one line while the first runs; kill -9 frees the database."""
    env = orgbot_env(tmp_path, full_data_dir)
    script = tmp_path / "help.txt"
    script.write_text("/help\n")
    lock = tmp_path / "orgbot.sqlite3.lock"
    first = await start("run", env=env)  # its stdin stays open: the console waits at its prompt
    try:
        assert first.stdout is not None
        await wait_for_line(first.stdout, "organizer-bot console.")

        for args in (("run",), ("console",), ("console", "--script", str(script))):
            refused = await orgbot(*args, env=env)
            assert refused.code == 1, refused
            assert_one_line_error(refused, f"(pid {first.pid})", str(lock), "stop it first")
            assert refused.stdout == ""
        migrate = await orgbot("db", "migrate", env=env)
        assert migrate.code == 1 and f"(pid {first.pid})" in migrate.stderr

        check = await orgbot("db", "check", env=env)  # read-only: fine beside the bot
        assert (check.code, check.stdout) == (0, "ok\n"), check
        fresh = await orgbot("console", "--fresh", "--script", str(script), env=env)
        assert fresh.code == 0 and "Commands" in fresh.stdout, fresh

        first.kill()  # SIGKILL: no clean-up runs, the OS drops the lock
        await asyncio.wait_for(first.wait(), WAIT)
        third = await orgbot("console", "--script", str(script), env=env)
        assert third.code == 0, third.stderr
        assert "Commands" in third.stdout and "Traceback" not in third.stderr
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()


def test_the_lock_names_its_holder_and_is_let_go(tmp_path: Path) -> None:
    """A second acquire, even in the same process, is refused with the holder's pid; after
    release the pid is cleared and the lock can be taken again."""
    database = tmp_path / "data" / "orgbot.sqlite3"  # its folder does not exist yet
    held = ProcessLock.acquire(database)
    try:
        assert held.path == lock_path_for(database) == database.with_name("orgbot.sqlite3.lock")
        assert held.path.read_text() == f"{os.getpid()}\n"
        with pytest.raises(DatabaseInUse) as refused:
            ProcessLock.acquire(database)
        assert refused.value.pid == os.getpid()
        assert str(held.path) in refused.value.message
    finally:
        held.release()
    assert held.path.read_text() == ""
    held.release()  # twice is harmless
    again = ProcessLock.acquire(database)
    again.release()


def test_a_link_to_the_database_shares_its_lock(tmp_path: Path) -> None:
    """Two paths to one file (a symbolic link) are one database, so one lock."""
    database = tmp_path / "orgbot.sqlite3"
    database.touch()
    (tmp_path / "link.sqlite3").symlink_to(database)
    held = ProcessLock.acquire(database)
    try:
        with pytest.raises(DatabaseInUse):
            ProcessLock.acquire(tmp_path / "link.sqlite3")
    finally:
        held.release()


def test_the_in_memory_database_takes_no_lock() -> None:
    """`orgbot console --fresh` shares nothing with another process."""
    assert lock_database(Path(":memory:")) is None
