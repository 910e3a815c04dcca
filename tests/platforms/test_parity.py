"""Parity: every command, button, select, form and reaction handler the cogs declare is
reachable on the console, on Slack and on Discord.

"Reachable" is checked through each host's own code: the command is in the platform's command
surface (Discord's app-command tree, Slack's manifest, the console's line parser), and a control
rendered by the platform comes back to the Dispatcher with an id naming the declared action.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.cogkit import ComponentSpec
from bot.dispatch import parse_command_line
from bot.messages import Button, Form, FormField, Message, Select, SelectOption, split_component_id
from bot.platforms.console.host import META_HELP, ConsoleHost
from bot.platforms.console.render import render as console_render
from bot.platforms.discord import render as discord_render
from bot.platforms.discord.commands import build_commands
from bot.platforms.discord.host import DiscordHost, intents
from bot.platforms.slack import render as slack_render
from bot.platforms.slack.host import SlackHost
from bot.platforms.slack.manifest import BOT_EVENTS, slash_commands
from bot.platforms.slack.names import neutral_name
from bot.platforms.slack.origin import handled_kind
from bot.registry import Registry

from ..fakes.sample_cog import SampleCog

VALUE = "42"
DM_GUILD = "123456789012345678"


@pytest.fixture
async def registry(console: ConsoleHost) -> Registry:
    """Every real cog, plus the sample cog so each kind of declaration is present."""
    await console.add_cog(SampleCog())
    return console.registry


def components(registry: Registry, kind: str) -> list[ComponentSpec]:
    found = [c for c in registry.components.values() if c.kind == kind]
    assert found, f"no {kind} declared: the parity check would prove nothing"
    return found


async def _unused(*args: Any) -> Any:
    raise AssertionError("not called while building commands")


def test_every_command_is_on_every_platform(registry: Registry) -> None:
    """Discord's command tree, Slack's slash commands and the console parser cover them all."""
    names = set(registry.commands)
    tree: set[str] = set()
    for command in build_commands(registry, _unused, _unused, 2000):
        subs = getattr(command, "commands", None)
        tree |= {f"{command.name} {s.name}" for s in subs} if subs is not None else {command.name}
    assert tree == names
    slack = {neutral_name(c["command"]) for c in slash_commands(registry)}
    assert slack == {name.split(" ", 1)[0] for name in names}
    for name in names:  # the console and Slack both hand the typed line to this parser
        assert parse_command_line(registry, f"/{name}")[0] is registry.commands[name]


def test_every_button_comes_back_to_its_handler(registry: Registry) -> None:
    """A button rendered by each platform routes back to its declared action."""
    for spec in components(registry, "button"):
        button = Button("Press me", spec.action, VALUE)
        message = Message(buttons=(button,))
        routed = {
            "console": button.custom_id if "[Press me]" in console_render(1, message, []) else "",
            "slack": slack_render.button_blocks([button])[0]["elements"][0]["value"],
            "discord": _discord_ids(message, None)[0],
            "discord dm": _discord_ids(message, DM_GUILD)[0],
        }
        for platform, custom_id in routed.items():
            assert split_component_id(custom_id) == (spec.action, VALUE), (platform, spec.action)


def test_every_select_comes_back_to_its_handler(registry: Registry) -> None:
    """A select rendered by each platform routes back to its declared action."""
    for spec in components(registry, "select"):
        menu = Select(spec.action, (SelectOption("One", "1"), SelectOption("Two", "2")))
        message = Message(selects=(menu,))
        routed = {
            "console": menu.custom_id if "(2) Two" in console_render(1, message, []) else "",
            "slack": slack_render.static_select(menu)["action_id"],
            "discord": _discord_ids(message, None)[0],
            "discord dm": _discord_ids(message, DM_GUILD)[0],
        }
        for platform, custom_id in routed.items():
            assert split_component_id(custom_id)[0] == spec.action, (platform, spec.action)


def test_every_form_comes_back_to_its_handler(registry: Registry) -> None:
    """A form shown by each platform (a modal, or console questions) routes back."""
    for spec in components(registry, "form"):
        form = Form(spec.action, "A form", (FormField("answer", "Answer"),), value=VALUE)
        routed = {
            "console": form.custom_id,  # the console asks the fields, then submits this id
            "slack": slack_render.modal(form, "C1")["callback_id"],
            "discord": discord_render.unwrap_dm_id(discord_render.modal_for(form).custom_id)[1],
            "discord dm": discord_render.unwrap_dm_id(
                discord_render.modal_for(form, DM_GUILD).custom_id
            )[1],
        }
        for platform, custom_id in routed.items():
            assert split_component_id(custom_id) == (spec.action, VALUE), (platform, spec.action)


def test_reactions_reach_the_cogs_on_every_platform(registry: Registry) -> None:
    """Reaction handlers get events from each platform's reaction add and remove."""
    assert registry.reactions, "no reaction handler declared"
    assert {"/react", "/unreact"} <= {w.rstrip(",") for w in str(META_HELP).split()}
    assert {"reaction_added", "reaction_removed"} <= set(BOT_EVENTS)
    for kind in ("reaction_added", "reaction_removed"):
        body = {"type": "event_callback", "event": {"type": kind}}
        assert handled_kind(body) == "event"
    assert callable(getattr(SlackHost, "_on_reaction", None))
    wanted = intents()
    assert wanted.guild_reactions and wanted.dm_reactions
    assert callable(DiscordHost.on_raw_reaction_add)
    assert callable(DiscordHost.on_raw_reaction_remove)


def _discord_ids(message: Message, dm_guild: str | None) -> list[str]:
    view = discord_render.view_for(message, dm_guild)
    assert view is not None
    return [discord_render.unwrap_dm_id(item.custom_id)[1] for item in view.children]
