"""`orgbot db migrate`, `db check` and `db backup` on PostgreSQL, as an operator runs them, with a
password in ORGBOT_DATABASE_URL that nothing prints."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from bot.__main__ import main
from bot.storage.migrations import bundled_migrations

from .conftest import needs_server

pytestmark = needs_server
PASSWORD = "hunter2-not-shown"  # the test server trusts its clients: any password will do


def with_password(url: str) -> str:
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    netloc = f"{user.partition(':')[0]}:{PASSWORD}@{host}" if at else parts.netloc
    return urlunsplit(parts._replace(netloc=netloc))


def orgbot(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--env-file", os.devnull, "db", *args])
    out, err = capsys.readouterr()
    assert PASSWORD not in out + err
    return code, (out + err).strip()


def test_migrate_check_and_backup(
    empty_postgres: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ORGBOT_DATABASE_URL", with_password(empty_postgres))
    code, said = orgbot(capsys, "check")
    known = bundled_migrations("postgresql")[-1].version
    assert code == 1
    assert f"schema version 0, this bot's is {known}: run `orgbot db migrate`" in said
    assert orgbot(capsys, "migrate") == (0, f"Applied migrations: {list(range(1, known + 1))}")
    assert orgbot(capsys, "migrate") == (0, "The schema is up to date.")
    assert orgbot(capsys, "check") == (0, "ok")

    target = tmp_path / "backups" / "orgbot.dump"
    code, said = orgbot(capsys, "backup", str(target))
    assert code == 0, said
    assert said.startswith(f"Backed up {empty_postgres} to {target} with pg_dump")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    code, said = orgbot(capsys, "backup", str(target))
    assert (code, said) == (
        2,
        f"orgbot: {target} already exists; choose a new file name for the backup.",
    )


def test_backup_without_pg_dump_says_how(
    empty_postgres: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ORGBOT_DATABASE_URL", with_password(empty_postgres))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump there
    code, said = orgbot(capsys, "backup", str(tmp_path / "x.dump"))
    assert code == 2
    assert said.startswith("orgbot: pg_dump is not installed here")
    assert f"'{empty_postgres}'" in said and "\n" not in said
    assert not (tmp_path / "x.dump").exists()
