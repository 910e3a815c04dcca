"""Registry rules, checked on the real cogs and on deliberately broken ones."""

from __future__ import annotations

from typing import Annotated

import pytest

from bot.app import cog_modules
from bot.cogkit import Cog, Context, Opt, button, command
from bot.messages import Message
from bot.platforms.console.host import ConsoleHost
from bot.registry import Registry, RegistryError

from .fakes.sample_cog import SampleCog


async def test_every_cog_loads(console: ConsoleHost) -> None:
    """Each module in cogs/ has setup(host) and loads without breaking a rule."""
    assert cog_modules(), "no cogs found"
    assert {"help", "about"} <= set(console.registry.commands)
    assert len(console.registry.cogs) == len(cog_modules())


async def test_every_real_command_has_help(console: ConsoleHost) -> None:
    """Every command and option a real cog declares explains itself."""
    for spec in console.registry.commands.values():
        assert spec.help.strip(), spec.name
        assert all(o.help.strip() for o in spec.options), spec.name


def test_duplicate_command_names_are_refused() -> None:
    """Two cogs may not declare the same command."""

    class Twin(Cog):
        name = "twin"

        @command("echo", "Another echo.")
        async def echo(self, ctx: Context) -> Message:
            return Message()

    registry = Registry()
    registry.add(SampleCog())
    with pytest.raises(RegistryError, match="/echo is declared twice"):
        registry.add(Twin())
    assert "twin" not in registry.cogs


def test_command_without_help_is_refused() -> None:
    """Help text is required."""

    class Mute(Cog):
        name = "mute"

        @command("quiet", " ")
        async def quiet(self, ctx: Context) -> Message:
            return Message()

    with pytest.raises(RegistryError, match="no help"):
        Registry().add(Mute())


def test_option_without_help_is_refused() -> None:
    """Options need help text too."""

    class Vague(Cog):
        name = "vague"

        @command("vague", "Vague.")
        async def vague(self, ctx: Context, x: Annotated[str, Opt("")]) -> Message:
            return Message()

    with pytest.raises(RegistryError, match="option 'x'"):
        Registry().add(Vague())


def test_duplicate_component_actions_are_refused() -> None:
    """Two cogs may not handle the same button action."""

    class Poker(Cog):
        name = "poker"

        @button("sample.poke")
        async def poke(self, ctx: Context, value: str) -> Message:
            return Message()

    registry = Registry()
    registry.add(SampleCog())
    with pytest.raises(RegistryError, match=r"sample\.poke"):
        registry.add(Poker())


def test_options_are_read_from_the_signature() -> None:
    """Types, defaults, limits and rest-of-line come from Annotated parameters."""
    spec = {s.name: s for s in SampleCog().command_specs()}["echo"]
    times, loud, text = spec.options
    assert (times.type, times.required, times.max_value) == (int, True, 3)
    assert (loud.type, loud.required, loud.default) == (bool, False, False)
    assert text.rest and text.max_length == 40
    assert spec.usage == "/echo <times> [loud] [text...]"


def test_unannotated_option_is_a_programming_error() -> None:
    """A handler parameter without Opt metadata fails loudly at load time."""

    class Sloppy(Cog):
        name = "sloppy"

        @command("sloppy", "Sloppy.")
        async def sloppy(self, ctx: Context, x: str) -> Message:
            return Message()

    with pytest.raises(TypeError, match="Annotated"):
        Registry().add(Sloppy())
