"""Settings: layered sources, one clear line for a bad value, documented in .env.example."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.domain.errors import StartupError
from bot.platforms.slack.config import SlackConfig
from bot.settings import Settings, load_settings

from .conftest import REPO_ROOT


def test_defaults_come_from_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing set, the shipped defaults (bot/resources/defaults.toml) apply."""
    monkeypatch.delenv("ORGBOT_TIMEZONE", raising=False)
    settings = load_settings(env_file=None)
    assert settings.timezone == "America/New_York"
    assert settings.database_path == Path("data/orgbot.sqlite3")
    assert not settings.has_discord and not settings.has_slack


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """ORGBOT_* variables and the platforms' usual secret names are read."""
    monkeypatch.setenv("ORGBOT_TIMEZONE", "America/Chicago")
    monkeypatch.setenv("DISCORD_TOKEN", "abc.def")
    settings = load_settings(env_file=None)
    assert settings.timezone == "America/Chicago"
    assert settings.has_discord
    assert "abc.def" not in repr(settings)  # secrets never print


def test_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A .env file sets values too."""
    monkeypatch.delenv("ORGBOT_MAX_TEXT_LENGTH", raising=False)
    env = tmp_path / ".env"
    env.write_text("ORGBOT_MAX_TEXT_LENGTH=300\n")
    assert load_settings(env_file=env).max_text_length == 300


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("ORGBOT_DB_BUSY_TIMEOUT_MS", "soon", "ORGBOT_DB_BUSY_TIMEOUT_MS"),
        ("ORGBOT_TIMEZONE", "Mars/Olympus", "ORGBOT_TIMEZONE"),
        ("ORGBOT_LOG_LEVEL", "loud", "ORGBOT_LOG_LEVEL"),
        ("ORGBOT_MAX_TEXT_LENGTH", "5", "ORGBOT_MAX_TEXT_LENGTH"),
        ("ORGBOT_HTTP_HOST", "every interface", "ORGBOT_HTTP_HOST"),
        ("ORGBOT_HTTP_HOST", "-bad-.example", "ORGBOT_HTTP_HOST"),
        ("ORGBOT_HTTP_PORT", "eighty", "ORGBOT_HTTP_PORT"),
        ("ORGBOT_HTTP_PORT", "70000", "ORGBOT_HTTP_PORT"),
        ("ORGBOT_LOG_FORMAT", "xml", "ORGBOT_LOG_FORMAT"),
    ],
)
def test_malformed_setting_names_itself_in_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    """A bad value gives one line that names the setting."""
    monkeypatch.setenv(name, value)
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None)
    assert expected in info.value.message
    assert "\n" not in info.value.message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "0.0.0.0"),
        ("127.0.0.1", "127.0.0.1"),
        (" :: ", "::"),
        ("bot.internal", "bot.internal"),
    ],
)
def test_the_http_host_is_settable(
    monkeypatch: pytest.MonkeyPatch, given: str | None, expected: str
) -> None:
    """ORGBOT_HTTP_HOST: every interface by default (containers), or any address or name."""
    monkeypatch.delenv("ORGBOT_HTTP_HOST", raising=False)
    if given is not None:
        monkeypatch.setenv("ORGBOT_HTTP_HOST", given)
    settings = load_settings(env_file=None)
    assert settings.http_host == expected
    http_mode = {
        "slack_bot_token": SecretStr("xoxb-1"),
        "slack_mode": "http",
        "slack_signing_secret": SecretStr("s3cret"),
    }
    config = SlackConfig.from_settings(settings.model_copy(update=http_mode))
    assert config.http_host == expected


@pytest.mark.parametrize(
    ("env", "port"),
    [
        ({}, None),  # no server: the default
        ({"ORGBOT_HTTP_PORT": ""}, None),
        ({"ORGBOT_HTTP_PORT": "8080"}, 8080),
        ({"ORGBOT_SLACK_HTTP_PORT": "3001"}, None),  # only Slack's HTTP mode reads it
        ({"SLACK_BOT_TOKEN": "xoxb-1", "ORGBOT_SLACK_MODE": "http"}, 3000),
        (
            {
                "SLACK_BOT_TOKEN": "xoxb-1",
                "ORGBOT_SLACK_MODE": "http",
                "ORGBOT_SLACK_HTTP_PORT": "3001",
            },
            3001,
        ),
        (
            {
                "SLACK_BOT_TOKEN": "xoxb-1",
                "ORGBOT_SLACK_MODE": "http",
                "ORGBOT_HTTP_PORT": "8080",
                "ORGBOT_SLACK_HTTP_PORT": "3001",
            },
            8080,
        ),
    ],
)
def test_the_http_server_runs_on_http_port_or_for_slack_http_mode(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], port: int | None
) -> None:
    """ORGBOT_HTTP_PORT turns the server on; Slack's HTTP mode needs it, and then reads the
    older ORGBOT_SLACK_HTTP_PORT (3000 by default) when ORGBOT_HTTP_PORT is unset. The Slack
    host serves on that same port."""
    for name in (
        "ORGBOT_HTTP_PORT",
        "ORGBOT_SLACK_HTTP_PORT",
        "SLACK_BOT_TOKEN",
        "ORGBOT_SLACK_MODE",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, given in env.items():
        monkeypatch.setenv(name, given)
    settings = load_settings(env_file=None)
    assert settings.web_port == port
    if port is not None and settings.has_slack:
        secret = {"slack_signing_secret": SecretStr("s3cret")}
        assert SlackConfig.from_settings(settings.model_copy(update=secret)).http_port == port


@pytest.mark.parametrize(
    ("given", "expected"), [(None, "text"), ("JSON", "json"), ("text", "text")]
)
def test_the_log_format_is_text_unless_json_is_asked(
    monkeypatch: pytest.MonkeyPatch, given: str | None, expected: str
) -> None:
    """ORGBOT_LOG_FORMAT: text by default, json when asked (any case)."""
    monkeypatch.delenv("ORGBOT_LOG_FORMAT", raising=False)
    if given is not None:
        monkeypatch.setenv("ORGBOT_LOG_FORMAT", given)
    assert load_settings(env_file=None).log_format == expected


def test_malformed_defaults_file(tmp_path: Path) -> None:
    """A broken defaults file is reported, not a traceback."""
    bad = tmp_path / "defaults.toml"
    bad.write_text("timezone = [unclosed\n")
    with pytest.raises(StartupError, match="settings files"):
        load_settings(env_file=None, defaults_file=bad)


def test_env_example_documents_every_setting() -> None:
    """config/.env.example names every setting, so none is a secret to operators."""
    example = (REPO_ROOT / "config" / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    for name, info in Settings.model_fields.items():
        alias = getattr(info.validation_alias, "choices", [None])[0]
        assert (alias or f"ORGBOT_{name.upper()}") in documented, name


def test_nothing_is_read_at_import_time() -> None:
    """Importing the bot with broken settings in the environment does not fail."""
    code = "import bot.settings, bot.app, bot.__main__; print('ok')"
    env = {"ORGBOT_DB_BUSY_TIMEOUT_MS": "garbage", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "ok", result.stderr
