"""Readers for the deployment files (Dockerfile, systemd unit) and the names of the settings.

Small on purpose: they read the subset of each syntax these files use, and fail loudly on the
rest, so a test never passes on a line it did not understand.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field

from pydantic import AliasChoices

from bot.settings import Settings

# --- settings --------------------------------------------------------------------------------


def setting_names() -> set[str]:
    """Every environment variable the bot reads as a setting (ORGBOT_* and the platforms')."""
    names = set()
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(choice) for choice in alias.choices)
        else:
            names.add(f"ORGBOT_{name.upper()}")
    return names


def secret_names() -> set[str]:
    """The settings that hold a secret: they may come from the environment at run time only."""
    names = set()
    for name, info in Settings.model_fields.items():
        if "SecretStr" not in str(info.annotation):
            continue
        alias = info.validation_alias
        choices = alias.choices if isinstance(alias, AliasChoices) else []
        names.update([f"ORGBOT_{name.upper()}", *(str(c) for c in choices)])
    return names


# --- Dockerfile ------------------------------------------------------------------------------


@dataclass
class Instruction:
    keyword: str
    args: str


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [i.args for i in self.instructions if i.keyword == keyword]


def dockerfile_stages(text: str) -> list[Stage]:
    """The build stages, each with its instructions (continuation lines joined)."""
    joined = re.sub(r"\\\n", " ", text)
    stages: list[Stage] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, args = line.partition(" ")
        keyword, args = keyword.upper(), args.strip()
        if keyword == "FROM":
            base, *rest = args.split()
            stages.append(Stage(base, rest[1] if rest[:1] == ["AS"] else None))
        elif keyword == "ARG" and not stages:
            continue  # an ARG before the first FROM only fills in FROM lines
        else:
            assert stages, f"{keyword} before any FROM"
            stages[-1].instructions.append(Instruction(keyword, args))
    return stages


def run_parts(args: str) -> tuple[dict[str, dict[str, str]], list[list[str]]]:
    """A RUN's ``--mount`` options (by target) and its shell commands (split at ``&&``)."""
    tokens = shlex.split(args)
    mounts: dict[str, dict[str, str]] = {}
    while tokens and tokens[0].startswith("--"):
        option, _, value = tokens.pop(0).partition("=")
        assert option == "--mount", f"RUN option {option} is not understood here"
        fields = dict(part.split("=", 1) for part in value.split(","))
        mounts[fields["target"]] = fields
    commands: list[list[str]] = [[]]
    for token in tokens:
        if token == "&&":
            commands.append([])
        else:
            assert token not in {";", "||", "|"}, f"RUN {args!r}: only && is understood here"
            commands[-1].append(token)
    return mounts, commands


def env_pairs(args: str) -> dict[str, str]:
    """``ENV A=1 B=2`` (the ``ENV A 1`` form is refused)."""
    pairs = {}
    for token in shlex.split(args):
        name, sep, value = token.partition("=")
        assert sep, f"ENV {args!r}: use NAME=value"
        pairs[name] = value
    return pairs


def exec_form(args: str) -> list[str]:
    """A JSON array (``CMD [...]``); the shell form is refused."""
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


def healthcheck(args: str) -> tuple[dict[str, str], list[str]]:
    """HEALTHCHECK's options and its CMD, in the exec form."""
    options, _, command = args.partition("CMD ")
    parsed = dict(o.removeprefix("--").split("=", 1) for o in options.split())
    return parsed, exec_form(command)


# --- systemd unit ----------------------------------------------------------------------------


def unit_entries(text: str) -> dict[str, list[tuple[str, str]]]:
    """Each section's ``Key=value`` lines in order (a key may repeat, as Environment= does)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, sep, value = line.partition("=")
        assert sep and current is not None, f"not a Key=value line in a section: {raw!r}"
        current.append((key.strip(), value.strip()))
    return sections


def unit_values(entries: list[tuple[str, str]], key: str) -> list[str]:
    return [value for k, value in entries if k == key]
