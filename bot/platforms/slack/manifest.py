"""The Slack app manifest, generated from the cog registry so it can never drift from the code.

``orgbot slack manifest`` prints it; paste it at https://api.slack.com/apps > Create New App >
From a manifest. Bot scopes are the fewest the host needs (each is explained in SCOPES).
``--distribution`` (many workspaces, each adding the app with "Add to Slack") adds the OAuth
redirect URL and the events that tell the bot a workspace removed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.app import build_services, close_services, cog_modules
from bot.cogkit import CommandSpec
from bot.hosting import BaseHost
from bot.platforms.slack.names import slack_name
from bot.platforms.slack.organizers import OrganizerList
from bot.platforms.slack.text import clip
from bot.registry import Registry
from bot.settings import Settings

APP_NAME = "organizer-bot"
APP_DESCRIPTION = "Turns this workspace into a steady stream of calls to Congress."
COMMAND_TEXT = 140

SCOPES: dict[str, str] = {
    "commands": "the slash commands",
    "chat:write": "answers, prompts and DMs in conversations the bot is in; edit its own posts",
    "im:write": "open a direct message (reminders, private files)",
    "reactions:read": "receive reaction_added / reaction_removed on the bot's messages",
    "reactions:write": "add the bot's own reactions under a prompt, for people to click",
    "users:read": (
        "users.info: workspace admins and owners count as organizers; members a public message "
        "names (the leaderboard) are shown by name, so they are not notified"
    ),
    "files:write": "upload charts with the external upload API",
}
GROUP_SCOPE = ("usergroups:read", "read the user groups named in ORGBOT_SLACK_ORGANIZERS")
NOT_REQUESTED: dict[str, str] = {
    "chat:write.public": "the bot posts only where someone invited it",
    "channels:history": "reactions and commands arrive as events; no message is ever read",
    "im:history": "the bot does not read direct messages",
}
BOT_EVENTS = ("app_home_opened", "reaction_added", "reaction_removed")
UNINSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")  # a workspace removed the app
EVENTS_PATH = "/slack/events"
REDIRECT_PATH = "/slack/oauth_redirect"


def bot_scopes(organizers: OrganizerList) -> list[str]:
    scopes = list(SCOPES)
    if organizers.group_handles:
        scopes.append(GROUP_SCOPE[0])
    return sorted(scopes)


def slash_commands(registry: Registry) -> list[dict[str, Any]]:
    """One slash command per top-level command or group, with description and usage hint."""
    found: list[dict[str, Any]] = []
    groups = registry.groups()
    for name in sorted({n.split(" ", 1)[0] for n in registry.commands}):
        if name in groups:
            found.append(_group_command(registry, name, groups[name]))
            continue
        spec = registry.commands[name]
        entry: dict[str, Any] = {
            "command": f"/{slack_name(name)}",
            "description": clip(spec.help, COMMAND_TEXT),
        }
        hint = spec.usage.removeprefix(f"/{name}").strip()
        if hint:
            entry["usage_hint"] = clip(hint, COMMAND_TEXT)
        entry["should_escape"] = False
        found.append(entry)
    return found


def _group_command(registry: Registry, name: str, subs: list[CommandSpec]) -> dict[str, Any]:
    words = sorted(s.name.split(" ", 1)[1] for s in subs)
    cogs = {s.cog for s in subs}
    about = registry.cogs[cogs.pop()].description if len(cogs) == 1 else ""
    description = about or f"Subcommands: {', '.join(words)}."
    return {
        "command": f"/{slack_name(name)}",
        "description": clip(description, COMMAND_TEXT),
        "usage_hint": clip(f"{' | '.join([*words, 'help'])} ...", COMMAND_TEXT),
        "should_escape": False,
    }


def redirect_url(request_url: str) -> str:
    """The OAuth redirect URL beside the events URL (https://host[/prefix]/slack/events)."""
    return request_url.removesuffix(EVENTS_PATH) + REDIRECT_PATH


def manifest(
    registry: Registry,
    organizers: OrganizerList | None = None,
    request_url: str | None = None,
    *,
    distribution: bool = False,
) -> dict[str, Any]:
    """The manifest as a dict; ``request_url`` (https://.../slack/events) selects HTTP mode,
    and ``distribution`` (which needs it) the OAuth install of many workspaces."""
    if distribution and request_url is None:
        raise ValueError("the manifest for many workspaces needs the request URL")
    commands = slash_commands(registry)
    events = [*BOT_EVENTS, *UNINSTALL_EVENTS] if distribution else list(BOT_EVENTS)
    oauth: dict[str, Any] = {"scopes": {"bot": bot_scopes(organizers or OrganizerList())}}
    if distribution and request_url is not None:
        oauth = {"redirect_urls": [redirect_url(request_url)], **oauth}
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": events},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": request_url is None,
        "token_rotation_enabled": False,
    }
    if request_url is not None:
        for command in commands:
            command["url"] = request_url
        settings["event_subscriptions"]["request_url"] = request_url
        settings["interactivity"]["request_url"] = request_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": APP_NAME,
            "description": APP_DESCRIPTION,
            "background_color": "#1f3a60",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": True,
            },
            "bot_user": {"display_name": APP_NAME, "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": oauth,
        "settings": settings,
    }


def to_yaml(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=100)


async def registry_of_all_cogs(settings: Settings) -> Registry:
    """The registry every host builds, from every module in cogs/ (on a throwaway database)."""
    scratch = settings.model_copy(update={"database_path": Path(":memory:")})
    services = await build_services(scratch)
    try:
        host = BaseHost(services)
        await host.load_extensions(cog_modules())
        return host.registry
    finally:
        await close_services(services)


async def manifest_yaml(
    settings: Settings, request_url: str | None = None, *, distribution: bool = False
) -> str:
    """The YAML that ``orgbot slack manifest`` prints."""
    registry = await registry_of_all_cogs(settings)
    organizers = OrganizerList.parse(settings.slack_organizers)
    return to_yaml(manifest(registry, organizers, request_url, distribution=distribution))
