"""docs/DEPLOY.md's commands are ones that work: every `orgbot ...` it shows is accepted by the
CLI, the systemd commands use the unit's paths, the compose commands name services that exist,
and the unit is the file in deploy/, not a copy pasted in the docs."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml

from bot.__main__ import parser

from ..conftest import REPO_ROOT
from .deploy_files import unit_entries, unit_values

DEPLOY = REPO_ROOT / "docs" / "DEPLOY.md"
SHELL_OPERATORS = {">", ">>", "<", "|", "&&", "||", ";", "2>&1"}


def shell_lines(markdown: str) -> list[list[str]]:
    """The lines of the ``sh`` blocks, continuations joined, as a shell splits them."""
    blocks = re.findall(r"^```sh\n(.*?)^```", markdown, re.M | re.S)
    lines = [line for block in blocks for line in re.sub(r"\\\n", " ", block).splitlines()]
    return [tokens for line in lines if (tokens := shlex.split(line, comments=True))]


def orgbot_args(tokens: list[str]) -> list[str] | None:
    """What a line passes to orgbot: run by its path (``.../bin/orgbot``), or in the bot's
    container (``... bot orgbot``); None when the line does not run it."""
    for i, token in enumerate(tokens):
        if token.endswith("bin/orgbot") or (
            token == "orgbot" and (i == 0 or tokens[i - 1] == "bot")
        ):
            args = tokens[i + 1 :]
            ends = [j for j, arg in enumerate(args) if arg in SHELL_OPERATORS]
            return args[: ends[0]] if ends else args
    return None


@pytest.fixture(scope="module")
def lines() -> list[list[str]]:
    return shell_lines(DEPLOY.read_text(encoding="utf-8"))


def test_every_orgbot_command_in_the_docs_is_accepted(
    lines: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI parses each one (a misspelt command or flag would exit 2)."""
    found = [args for tokens in lines if (args := orgbot_args(tokens)) is not None]
    db_commands = set()
    for args in found:
        try:
            parsed = parser().parse_args(args)
        except SystemExit as exc:  # --version and --help exit 0
            assert exc.code == 0, f"orgbot {' '.join(args)}: {capsys.readouterr().err}"
            continue
        if parsed.command == "db":
            db_commands.add(parsed.db_command)
    assert {"backup", "migrate"} <= db_commands  # the update procedure


def test_systemd_commands_use_the_units_paths(lines: list[list[str]]) -> None:
    """Where the docs set a path the unit sets, it is the unit's."""
    service = unit_entries((REPO_ROOT / "deploy" / "orgbot.service").read_text())["Service"]
    unit_env = dict(
        token.split("=", 1)
        for line in unit_values(service, "Environment")
        for token in shlex.split(line)
    )
    given = [token.split("=", 1) for tokens in lines for token in tokens if "=" in token]
    used = [(name, value) for name, value in given if name in unit_env]
    assert used, "the docs' admin commands name the unit's paths"
    assert [(n, v) for n, v in used if unit_env[n] != v] == []


def test_compose_commands_name_its_services(lines: list[list[str]]) -> None:
    """`docker compose run --rm SERVICE ...` runs a service compose.yaml has."""
    compose: dict[str, Any] = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text())
    runs = [t[4] for t in lines if t[:4] == ["docker", "compose", "run", "--rm"]]
    assert runs and set(runs) <= set(compose["services"])


def test_the_unit_is_the_one_in_deploy_not_a_pasted_copy() -> None:
    """The docs link deploy/orgbot.service and show no unit of their own; the README's Deploy
    section points at docs/DEPLOY.md."""
    text = DEPLOY.read_text(encoding="utf-8")
    assert "](../deploy/orgbot.service)" in text
    assert "[Service]" not in text
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    deploy = readme.split("\n## Deploy\n", 1)[1].split("\n## ", 1)[0]
    assert "(docs/DEPLOY.md)" in deploy
