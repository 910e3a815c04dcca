"""`orgbot db copy --to postgresql://...`: a SQLite community filled through the real services
moves to PostgreSQL, where the bot answers /stats, /mystats and /leaderboard the same; and the
copy refuses, in one line, a target that holds data, a source newer than the code and a server
it cannot reach (never printing the password)."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.app import build_services, close_services
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.messages import Message
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.runner import start_console
from bot.settings import Settings, load_settings
from bot.storage.copy import _Snapshot, copy_to_postgres
from bot.storage.migrations import bundled_migrations

from ...conftest import Transcript
from .conftest import needs_server

pytestmark = needs_server

MONDAY = datetime(2026, 1, 5, 15, 30, tzinfo=UTC)  # 10:30 in Washington
SLUG = "irs-data-privacy"
# What each person asks once the data is there: the answers must not depend on the backend.
ASKS = (
    ("olga organizer", f"/stats {SLUG} all"),
    ("olga organizer", f"/stats {SLUG} 7d"),
    ("olga organizer", "/stats"),
    ("olga organizer", "/leaderboard all"),
    ("olga organizer", "/leaderboard 30d"),
    ("ann", "/mystats"),
    ("cat", "/mystats"),
)


@dataclass(frozen=True)
class Shown:
    """What a person reads in an answer (its chart's pixels aside)."""

    title: str | None
    body: str
    fields: tuple[tuple[str, str], ...]
    footer: str | None


def shown(message: Message) -> Shown:
    fields = tuple((f.name, f.value) for f in message.fields)
    return Shown(message.title, message.body, fields, message.footer)


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line), line


def latest(console: ConsoleHost) -> int:
    return max(console.messages)


async def fill(console: ConsoleHost, clock: ManualClock) -> None:
    """Two days of a community: a campaign, a schedule, reminders, privacy settings, reports,
    a note, an opt-out, and a member who erased everything (their call stays, anonymous)."""
    clock.set(MONDAY)
    await feed(
        console,
        "/as olga organizer",
        f"/campaign import {SLUG}",
        f"/prompt post {SLUG}",
        f"/schedule add {SLUG} here weekdays 09:00",
        "/privacy retention 365",
        "/as ann",
        "/setzip 05401",
        "/remind on 09:00 days:weekdays",
        "/press 2 📞",
        "/as bob",
        "/privacy leaderboard off",
        "/press 2 📫",
    )
    clock.set(MONDAY + timedelta(days=1))
    await feed(console, "/as olga organizer", f"/prompt post {SLUG}")
    second = latest(console) - 1
    await feed(console, "/as ann", f"/press {second} 📫", "/as cat", f"/react {second} 🚫")
    await feed(console, "/as dan", "/press 2 📞", "/forgetme")  # the last member who came
    await feed(console, f"/press {latest(console)} Erase everything about me")


async def answers(console: ConsoleHost) -> list[Shown]:
    found = []
    for who, line in ASKS:
        await feed(console, f"/as {who}", line)
        found.append(shown(console.messages[latest(console)]))
    return found


def orgbot(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORGBOT_DATABASE_PATH": str(database)}
    env.pop("ORGBOT_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", os.devnull, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=110,
    )


def sqlite_settings(tmp_path: Path, data_dir: Path, database_url: str | None = None) -> Settings:
    """The SQLite file in ``tmp_path``, or with ``database_url`` the PostgreSQL database."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        database_url=database_url,
        data_dir=data_dir,
        console_output_dir=tmp_path / "console",
    )


async def test_a_copied_community_answers_the_same_on_postgresql(
    tmp_path: Path, full_data_dir: Path, empty_postgres: str
) -> None:
    """Filled on SQLite, copied, opened on PostgreSQL: the same stats; every table's count
    matches; ids are kept and a new member gets an id no one ever had."""
    clock = ManualClock()
    on_sqlite = sqlite_settings(tmp_path, full_data_dir)
    services = await build_services(on_sqlite, clock)
    console = await start_console(services, Transcript())  # type: ignore[arg-type]
    await fill(console, clock)
    before = await answers(console)
    assert dict(before[0].fields)["Actions"] == "5"  # dan's call stays, anonymous
    await close_services(services)
    source = sqlite3.connect(on_sqlite.database_path)
    highest_member = source.execute("SELECT seq FROM sqlite_sequence WHERE name = 'members'")
    (highest,) = highest_member.fetchone()
    (kept,) = source.execute("SELECT max(id) FROM members").fetchone()
    assert highest > kept  # dan's id was the last given, and dan is gone
    (anonymous,) = source.execute("SELECT count(*) FROM anonymous_action_counts").fetchone()
    assert anonymous == 1
    source.close()

    done = await asyncio.to_thread(
        orgbot, "db", "copy", "--to", empty_postgres, database=on_sqlite.database_path
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("OK: ") and "DIFFERENT" not in done.stdout
    counted = {line.split()[0]: line for line in lines[:-1]}
    for table in ("members", "actions", "schedules", "reminder_state", "privacy_settings"):
        assert table in counted
    assert "1 in SQLite" in counted["anonymous_action_counts"].replace("  ", " ")

    on_postgres = sqlite_settings(tmp_path, full_data_dir, database_url=empty_postgres)
    services = await build_services(on_postgres, clock)
    try:
        assert services.db.dialect == "postgresql"
        console = await start_console(services, Transcript())  # type: ignore[arg-type]
        assert await answers(console) == before
        newcomer = await services.members.actor(console.platform, console.session, "eve", False)
        assert newcomer.member.id == highest + 1
    finally:
        await close_services(services)


async def test_a_target_that_holds_data_is_refused(
    tmp_path: Path, full_data_dir: Path, empty_postgres: str
) -> None:
    """A second copy into the same database refuses in one line and changes nothing."""
    settings = sqlite_settings(tmp_path, full_data_dir)
    services = await build_services(settings, ManualClock())
    await services.members.actor(Platform.CONSOLE, "copy", "ann", False)
    await close_services(services)
    first = await asyncio.to_thread(
        orgbot, "db", "copy", "--to", empty_postgres, database=settings.database_path
    )
    assert first.returncode == 0, first.stderr
    again = await asyncio.to_thread(
        orgbot, "db", "copy", "--to", empty_postgres, database=settings.database_path
    )
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.count("\n") == 1 and "already holds data" in again.stderr
    conn = await asyncpg.connect(empty_postgres)
    try:
        assert await conn.fetchval("SELECT count(*) FROM members") == 1
    finally:
        await conn.close()


async def test_a_source_newer_than_the_code_is_refused(tmp_path: Path, empty_postgres: str) -> None:
    """A SQLite database from a newer bot is not copied: one line, nothing made in PostgreSQL."""
    settings = sqlite_settings(tmp_path, tmp_path / "civic")
    services = await build_services(settings, ManualClock())
    await close_services(services)
    newer = bundled_migrations("sqlite")[-1].version + 1
    source = sqlite3.connect(settings.database_path)
    source.execute("INSERT INTO schema_version VALUES (?, 'future', 'x')", (newer,))
    source.commit()
    source.close()
    done = await asyncio.to_thread(
        orgbot, "db", "copy", "--to", empty_postgres, database=settings.database_path
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert f"schema version {newer}" in done.stderr
    conn = await asyncpg.connect(empty_postgres)
    try:
        assert await conn.fetchval("SELECT to_regclass('members')") is None
    finally:
        await conn.close()


async def test_a_server_it_cannot_reach_is_refused_without_the_password(
    tmp_path: Path,
) -> None:
    """Nothing listens on the port: one line naming the server, never its password."""
    settings = sqlite_settings(tmp_path, tmp_path / "civic")
    services = await build_services(settings, ManualClock())
    await close_services(services)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://orgbot:s3cret-Pa55@127.0.0.1:{port}/orgbot"
    done = await asyncio.to_thread(
        orgbot, "db", "copy", "--to", url, database=settings.database_path
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert f"Cannot reach postgresql://orgbot@127.0.0.1:{port}/orgbot" in done.stderr
    assert "s3cret" not in done.stderr + done.stdout


async def test_a_count_that_differs_keeps_nothing(
    tmp_path: Path, empty_postgres: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a table's count differs after the copy, it is all rolled back and FAILED says which."""
    settings = sqlite_settings(tmp_path, tmp_path / "civic")
    services = await build_services(settings, ManualClock())
    await services.members.actor(Platform.CONSOLE, "copy", "ann", False)
    await close_services(services)
    counted = _Snapshot.count

    def one_more_member(self: _Snapshot, table: str) -> int:
        return counted(self, table) + (table == "members")

    monkeypatch.setattr(_Snapshot, "count", one_more_member)
    report = await copy_to_postgres(settings.database_path, empty_postgres)
    assert not report.ok
    assert report.lines()[-1].startswith("FAILED: counts differ in members;")
    assert [t.table for t in report.tables if not t.ok] == ["members"]
    conn = await asyncpg.connect(empty_postgres)
    try:
        assert await conn.fetchval("SELECT count(*) FROM communities") == 0
    finally:
        await conn.close()
