"""ORGBOT_DATABASE_URL picks PostgreSQL; its password is never shown; both backends keep the same
numbered migration history. None of these needs a server."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from bot.domain.errors import StartupError
from bot.logs import configure_logging
from bot.settings import load_settings
from bot.storage.migrations import bundled_migrations
from bot.storage.open import database_name, open_database, process_lock
from bot.storage.postgres.database import rows_changed
from bot.storage.postgres.url import password_of, passwords_in, without_password

URL = "postgresql://orgbot:s3cr%40t@db.example:5432/orgbot?sslmode=require"


def test_both_backends_have_the_same_numbered_history() -> None:
    sqlite = [(m.version, m.name) for m in bundled_migrations("sqlite")]
    postgres = [(m.version, m.name) for m in bundled_migrations("postgresql")]
    assert sqlite == postgres
    assert len(postgres) >= 16


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (URL, "postgresql://orgbot@db.example:5432/orgbot?sslmode=require"),
        ("postgresql://u:p@h1:1,h2:2/d", "postgresql://u@h1:1,h2:2/d"),
        ("postgres://h/d?password=p&application_name=x", "postgres://h/d?application_name=x"),
        ("postgresql://:only@h/d", "postgresql://h/d"),
        ("postgresql://u@[::1]:5432/d", "postgresql://u@[::1]:5432/d"),
    ],
)
def test_a_url_is_shown_without_its_password(url: str, shown: str) -> None:
    assert without_password(url) == shown


def test_passwords_for_redaction_and_for_pg_dump() -> None:
    assert passwords_in(URL) == ["s3cr%40t", "s3cr@t"]
    assert password_of(URL) == "s3cr@t"
    assert password_of("postgresql://h/d?password=p") == "p"
    assert password_of("postgresql://u@h/d") is None


@pytest.mark.parametrize(
    ("status", "count"),
    [("INSERT 0 3", 3), ("UPDATE 1", 1), ("DELETE 0", 0), ("SELECT 7", 7), ("CREATE TABLE", 0)],
)
def test_rows_changed_from_the_command_status(status: str, count: int) -> None:
    assert rows_changed(status) == count


def test_database_url_setting(tmp_path: Path) -> None:
    settings = load_settings(env_file=None, database_url=URL)
    assert settings.postgres_url == URL
    assert "s3cr@t" in settings.secret_values()  # logging redacts it wherever it appears
    assert URL not in repr(settings)
    assert database_name(settings) == without_password(URL)
    assert process_lock(settings) is None  # several processes share PostgreSQL by design
    default = load_settings(env_file=None, database_path=tmp_path / "x.sqlite3")
    assert default.postgres_url is None
    assert database_name(default) == str(tmp_path / "x.sqlite3")


def test_a_wrong_url_is_refused_without_echoing_it() -> None:
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None, database_url="mysql://root:hunter2@db/orgbot")
    assert "ORGBOT_DATABASE_URL" in info.value.message
    assert "hunter2" not in info.value.message


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_no_server_there_is_one_line_without_the_password() -> None:
    url = f"postgresql://orgbot:hunter2@127.0.0.1:{_free_port()}/orgbot"
    settings = load_settings(env_file=None, database_url=url)
    with pytest.raises(StartupError) as info:
        await open_database(settings)
    message = info.value.message
    assert "\n" not in message and "hunter2" not in message
    assert message.startswith(f"Cannot connect to PostgreSQL at {without_password(url)}")


def test_the_password_never_reaches_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    """A driver's message quoting the URL, or the password alone (of 8 characters or more, as
    for tokens), is logged without it."""
    long_one = "postgresql://orgbot:correct-horse-battery@db.example/orgbot"
    for url, quoted in ((URL, URL), (long_one, "correct-horse-battery")):
        settings = load_settings(env_file=None, database_url=url)
        configure_logging("INFO", settings.secret_values())
        try:
            logging.getLogger("asyncpg").error("cannot use %s", quoted)
        finally:
            root = logging.getLogger()
            for handler in list(root.handlers):
                root.removeHandler(handler)
        err = capsys.readouterr().err
        assert "cannot use [redacted]" in err
        assert "s3cr" not in err and "horse" not in err
