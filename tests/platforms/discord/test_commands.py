"""Slash commands built from the registry: every cog's commands are valid Discord commands."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Annotated, Any

import pytest

from bot.app import cog_modules
from bot.cogkit import Cog, Context, Opt, command
from bot.core.permissions import Permission
from bot.messages import Message
from bot.platforms.discord.commands import build_commands
from bot.platforms.discord.host import DiscordHost
from bot.services import Services

from ...fakes.sample_cog import SampleCog

NAME = re.compile(r"^[-_\w]{1,32}$")
MANAGE_GUILD = 1 << 5


class Limits(Cog):
    name = "limits"
    description = "Options at the edges of Discord's limits."

    @command("announce", "Organizers only, at the top level.", permission=Permission.ORGANIZER)
    async def announce(
        self,
        ctx: Context,
        ratio: Annotated[float, Opt("A ratio", min_value=0.5, max_value=2.5)],
        count: Annotated[int, Opt("A count", min_value=1.5, max_value=1e20)] = 2,
        words: Annotated[str, Opt("x" * 150, max_length=9000)] = "",
    ) -> Message:
        return Message(body="ok")


async def noop(*args: Any) -> Any:
    return []


@pytest.fixture
async def offline(services: Services) -> AsyncIterator[DiscordHost]:
    """A host that never connects: enough to build and inspect the command tree."""
    host = DiscordHost(services)
    yield host
    await host.close()


def payload(host: DiscordHost) -> dict[str, dict[str, Any]]:
    built = build_commands(host.registry, noop, noop, host.settings.max_text_length)
    return {c.name: c.to_dict(host.tree) for c in built}


def discord_problems(command: dict[str, Any], path: str = "") -> list[str]:
    """What Discord would refuse in one command payload (names, descriptions, option rules)."""
    here = f"{path}/{command['name']}"
    problems = []
    if not NAME.match(command["name"]) or command["name"] != command["name"].lower():
        problems.append(f"{here}: bad name")
    if not 1 <= len(command.get("description", "")) <= 100:
        problems.append(f"{here}: description must be 1-100 characters")
    options = command.get("options", [])
    if len(options) > 25:
        problems.append(f"{here}: more than 25 options")
    required = [o.get("required", False) for o in options if o["type"] not in (1, 2)]
    if required != sorted(required, reverse=True):
        problems.append(f"{here}: a required option follows an optional one")
    for option in options:
        if option["type"] in (1, 2):
            problems += discord_problems(option, here)
            continue
        if not NAME.match(option["name"]) or option["name"] != option["name"].lower():
            problems.append(f"{here} {option['name']}: bad option name")
        if not 1 <= len(option["description"]) <= 100:
            problems.append(f"{here} {option['name']}: description must be 1-100 characters")
        if option.get("autocomplete") and option.get("choices"):
            problems.append(f"{here} {option['name']}: autocomplete and choices together")
        if len(option.get("choices", [])) > 25:
            problems.append(f"{here} {option['name']}: more than 25 choices")
    return problems


async def test_sample_commands_become_groups_and_typed_options(offline: DiscordHost) -> None:
    """Group names become groups; option types, limits, choices and suggestions are declared."""
    await offline.add_cog(SampleCog())
    built = payload(offline)
    assert set(built) == {"echo", "pick", "thing", "note", "crash"}
    echo = {o["name"]: o for o in built["echo"]["options"]}
    assert echo["times"] == {
        "type": 4,
        "name": "times",
        "description": "How many times",
        "required": True,
        "min_value": 1,
        "max_value": 3,
    }
    assert echo["loud"]["type"] == 5 and not echo["loud"]["required"]
    assert echo["text"]["max_length"] == 40
    [colour] = built["pick"]["options"]
    assert colour["choices"] == [{"name": "red", "value": "red"}, {"name": "blue", "value": "blue"}]
    [topic] = built["note"]["options"]
    assert topic["autocomplete"] is True
    thing = built["thing"]
    assert sorted(o["name"] for o in thing["options"]) == ["make", "show"]
    assert all(o["type"] == 1 for o in thing["options"])


async def test_commands_work_only_in_servers(offline: DiscordHost) -> None:
    """Every command is limited to servers (a DM has no community)."""
    await offline.add_cog(SampleCog())
    for built in payload(offline).values():
        assert built["contexts"] == [0]
        assert built["dm_permission"] is False


async def test_organizer_commands_are_hidden_by_manage_server(offline: DiscordHost) -> None:
    """A top-level organizer command needs Manage Server; a mixed group stays visible."""
    await offline.add_cog(SampleCog())
    await offline.add_cog(Limits())
    built = payload(offline)
    assert built["announce"]["default_member_permissions"] == MANAGE_GUILD
    assert built["thing"]["default_member_permissions"] is None  # "thing show" is for everyone
    assert built["echo"]["default_member_permissions"] is None


async def test_limits_are_rounded_and_clamped(offline: DiscordHost) -> None:
    """Integer bounds are whole numbers, huge bounds fit Discord, text obeys the max length."""
    await offline.add_cog(Limits())
    options = {o["name"]: o for o in payload(offline)["announce"]["options"]}
    assert (options["ratio"]["min_value"], options["ratio"]["max_value"]) == (0.5, 2.5)
    assert (options["count"]["min_value"], options["count"]["max_value"]) == (2, 2**53)
    assert options["words"]["max_length"] == offline.settings.max_text_length
    assert len(options["words"]["description"]) == 100


async def test_every_cog_builds_valid_discord_commands(services: Services) -> None:
    """Every feature in cogs/ loads into the Discord host and builds commands Discord accepts."""
    host = DiscordHost(services)
    try:
        await host.load_extensions(cog_modules())
        built = payload(host)
        assert "help" in built
        assert len(built) <= 100
        problems = [p for command in built.values() for p in discord_problems(command)]
        assert problems == []
    finally:
        await host.close()


def test_the_validator_finds_problems() -> None:
    """The payload check above notices bad names, long descriptions and option order."""
    bad = {
        "name": "Bad Name",
        "description": "",
        "options": [
            {"type": 3, "name": "a", "description": "x", "required": False},
            {"type": 3, "name": "b", "description": "y" * 101, "required": True},
        ],
    }
    assert len(discord_problems(bad)) == 4
