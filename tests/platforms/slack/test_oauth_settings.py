"""Many-workspace mode's settings: SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, HTTP mode, and
ORGBOT_SECRET_KEY, without which no token is stored and the bot does not start (one line).
Tokens are sealed with the key, and a key that cannot open them stops the start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import StartupError
from bot.domain.models import Platform
from bot.platforms.slack.config import SlackConfig
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.settings import load_settings
from bot.storage.installations import InstallationRepository, StoredInstallation
from bot.storage.token_cipher import TokenCipher, WrongKey, new_key

from ...fakes.slack_server import (
    CLIENT_ID,
    CLIENT_SECRET,
    SIGNING_SECRET,
    TEAM_ID,
    FakeSlack,
    sign,
)
from .conftest import settle

SLACK_ENV = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "ORGBOT_SLACK_MODE",
    "ORGBOT_SECRET_KEY",
)
MANY = {
    "SLACK_CLIENT_ID": CLIENT_ID,
    "SLACK_CLIENT_SECRET": CLIENT_SECRET,
    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
    "ORGBOT_SLACK_MODE": "http",
}


def config_from(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> SlackConfig:
    for key in SLACK_ENV:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return SlackConfig.from_settings(load_settings(env_file=None))


def test_many_workspaces_are_configured_without_a_bot_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Client id and secret, HTTP mode and the key: distribution mode, secrets not in repr."""
    key = new_key()
    config = config_from(monkeypatch, MANY | {"ORGBOT_SECRET_KEY": key})
    assert config.distribution and config.bot_token is None and config.client_id == CLIENT_ID
    assert CLIENT_SECRET not in repr(config) and key not in repr(config)
    settings = load_settings(env_file=None)
    assert settings.has_slack and {CLIENT_SECRET, key} <= set(settings.secret_values())


def test_one_workspace_stays_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """SLACK_BOT_TOKEN alone is single-workspace mode, as before."""
    config = config_from(monkeypatch, {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert not config.distribution and config.bot_token == "xoxb-1"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        (MANY, "ORGBOT_SECRET_KEY"),
        (MANY | {"ORGBOT_SECRET_KEY": "not-a-fernet-key"}, "ORGBOT_SECRET_KEY"),
        (MANY | {"ORGBOT_SECRET_KEY": "", "SLACK_BOT_TOKEN": "xoxb-1"}, "not both"),
        ({k: v for k, v in MANY.items() if k != "SLACK_CLIENT_SECRET"}, "SLACK_CLIENT_SECRET"),
        (MANY | {"ORGBOT_SLACK_MODE": "socket", "ORGBOT_SECRET_KEY": "x"}, "ORGBOT_SLACK_MODE"),
    ],
)
def test_what_many_workspaces_lack_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], named: str
) -> None:
    """No key, an unusable key, a bot token as well, a missing secret, Socket Mode: one line."""
    with pytest.raises(StartupError) as info:
        config_from(monkeypatch, env)
    assert named in info.value.message and "\n" not in info.value.message


def test_a_malformed_client_id_names_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_CLIENT_ID", "my-app")
    with pytest.raises(StartupError, match="SLACK_CLIENT_ID"):
        load_settings(env_file=None)


def test_orgbot_run_refuses_many_workspaces_without_the_key(tmp_path: Path) -> None:
    """`orgbot run` with SLACK_CLIENT_ID but no ORGBOT_SECRET_KEY stops with exit 2 and one
    line naming the key, before it serves anything."""
    env = {k: v for k, v in os.environ.items() if k not in SLACK_ENV}
    env |= MANY | {
        "ORGBOT_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
        "ORGBOT_HTTP_PORT": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", os.devnull, "run"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orgbot: ") and "ORGBOT_SECRET_KEY" in lines[0]


def test_a_sealed_token_opens_with_its_key_only() -> None:
    """Sealing hides the token; the key opens it, another key does not, and a new key put
    first (the old one after a comma) still opens what the old one sealed."""
    old, new = new_key(), new_key()
    sealed = TokenCipher(old).seal("xoxb-secret-1")
    assert b"xoxb" not in sealed and TokenCipher(old).open(sealed) == "xoxb-secret-1"
    with pytest.raises(WrongKey):
        TokenCipher(new).open(sealed)
    assert TokenCipher(f"{new}, {old}").open(sealed) == "xoxb-secret-1"
    assert "xoxb" not in repr(TokenCipher(old)) and old not in repr(TokenCipher(old))


async def test_a_key_that_cannot_open_the_stored_tokens_stops_the_start(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    """Tokens stored with another key: start_http refuses in one line, serving nothing."""
    await InstallationRepository(services.db).save(
        StoredInstallation(
            "T0AAA1", None, "UB1", "BB1", TokenCipher(new_key()).seal("xoxb-1"), "2026-01-05"
        )
    )
    config = slack.config(
        mode="http",
        http_host="127.0.0.1",
        bot_token=None,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        secret_key=new_key(),
    )
    host = SlackHost(services, config)
    try:
        with pytest.raises(StartupError, match="ORGBOT_SECRET_KEY does not open"):
            await host.start_http(port=0)
        assert host.listening == []
    finally:
        await host.close()


async def test_a_new_key_put_first_seals_every_token_again_at_start(
    services: Services, slack: FakeSlack
) -> None:
    """ORGBOT_SECRET_KEY="new,old": the start seals the stored tokens with the new key, so
    the old one can then be dropped."""
    old, new = new_key(), new_key()
    repository = InstallationRepository(services.db)
    await repository.save(
        StoredInstallation("T0AAA1", None, "UB1", "BB1", TokenCipher(old).seal("xoxb-1"), "2026")
    )
    config = slack.config(
        mode="http",
        http_host="127.0.0.1",
        bot_token=None,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        secret_key=f"{new},{old}",
    )
    host = SlackHost(services, config)
    try:
        await host.start_http(port=0)
    finally:
        await host.close()
    stored = await repository.find("T0AAA1")
    assert stored is not None and TokenCipher(new).open(stored.sealed_token) == "xoxb-1"


async def test_one_workspace_ignores_uninstall_events(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    """Single-workspace mode keeps no installations: app_uninstalled changes nothing there and
    leaves no work waiting (removing the app is the operator's to handle)."""
    host = SlackHost(services, slack.config(mode="http", http_host="127.0.0.1"))
    port = await host.start_http(port=0)
    await services.members.actor(Platform.SLACK, TEAM_ID, "U1", False)
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": TEAM_ID,
            "event_id": "Ev0GONE",
            "event": {"type": "app_uninstalled"},
        }
    )
    headers = sign(body, int(clock.now().timestamp())) | {"Content-Type": "application/json"}
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
            ) as got,
        ):
            assert got.status == 404  # slack-bolt's answer to an event no listener takes
        await settle(host)
    finally:
        await host.close()
    row = await services.db.fetchone("SELECT count(*) FROM communities")
    assert row is not None and row[0] == 1
