"""deploy/orgbot.service, read as systemd reads it: hardened, the bot's files in its state
directory through settings that exist, secrets only in its environment file, `orgbot run`."""

from __future__ import annotations

import shlex
from pathlib import PurePosixPath

import pytest

from bot.__main__ import parser

from ..conftest import REPO_ROOT
from .deploy_files import secret_names, setting_names, unit_entries, unit_values

UNIT = REPO_ROOT / "deploy" / "orgbot.service"
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectControlGroups": "yes",
    "RestrictSUIDSGID": "yes",
    "CapabilityBoundingSet": "",
}


@pytest.fixture(scope="module")
def service() -> list[tuple[str, str]]:
    sections = unit_entries(UNIT.read_text(encoding="utf-8"))
    assert unit_values(sections["Install"], "WantedBy") == ["multi-user.target"]
    return sections["Service"]


def last(service: list[tuple[str, str]], key: str) -> str | None:
    """The value systemd uses: the last one given."""
    values = unit_values(service, key)
    return values[-1] if values else None


def unit_environment(service: list[tuple[str, str]]) -> dict[str, str]:
    """``Environment=`` lines (each may set several, quoted as a shell would)."""
    pairs = [
        token.split("=", 1)
        for line in unit_values(service, "Environment")
        for token in shlex.split(line)
    ]
    return {name: value for name, value in pairs}


def test_the_unit_is_hardened(service: list[tuple[str, str]]) -> None:
    """Its own user (never root), no privileges, a read-only system, no homes or devices."""
    dynamic = last(service, "DynamicUser") == "yes"
    assert dynamic or last(service, "User") not in {None, "", "root", "0"}
    assert {key: last(service, key) for key in HARDENING} == HARDENING
    assert "@system-service" in unit_values(service, "SystemCallFilter")


def test_the_database_and_data_live_in_the_state_directory(service: list[tuple[str, str]]) -> None:
    """systemd's state directory for the bot holds what it keeps, and is where it runs."""
    state = PurePosixPath("/var/lib") / str(last(service, "StateDirectory"))
    assert state != PurePosixPath("/var/lib")
    env = unit_environment(service)
    for name in ("ORGBOT_DATABASE_PATH", "ORGBOT_DATA_DIR", "ORGBOT_CONSOLE_OUTPUT_DIR"):
        assert PurePosixPath(env[name]).is_relative_to(state), name
    assert last(service, "WorkingDirectory") == str(state)


def test_the_unit_names_only_settings_that_exist_and_secrets_stay_in_its_file(
    service: list[tuple[str, str]],
) -> None:
    """Every ORGBOT_* it sets is a setting; no secret is written in the unit; the environment
    file that holds them is required (a missing one stops the start, loudly)."""
    env = unit_environment(service)
    assert {n for n in env if n.startswith("ORGBOT_")} <= setting_names()
    assert not set(env) & secret_names()
    (secrets_file,) = unit_values(service, "EnvironmentFile")
    assert secrets_file.startswith("/")  # not "-/...", which systemd would skip when missing


def test_the_unit_runs_orgbot_run_and_restarts_it(service: list[tuple[str, str]]) -> None:
    """ExecStart is a command the CLI accepts, `run`; a crash restarts it; a clean stop
    (SIGTERM) gets more than the minute it may need."""
    (exec_start,) = unit_values(service, "ExecStart")
    program, *args = shlex.split(exec_start)
    assert program.startswith("/") and program.endswith("/bin/orgbot")
    assert parser().parse_args(args).command == "run"
    assert last(service, "Restart") == "on-failure"
    assert int(str(last(service, "TimeoutStopSec"))) >= 60
