"""The Slack app manifest is generated from the registry: every command, the needed scopes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import __main__ as cli
from bot.domain.errors import StartupError
from bot.platforms.console.host import ConsoleHost
from bot.platforms.slack.manifest import SCOPES, manifest, to_yaml
from bot.platforms.slack.names import neutral_name, slack_name
from bot.platforms.slack.organizers import OrganizerList
from bot.registry import Registry
from bot.settings import Settings

from ...fakes.sample_cog import SampleCog


def sample_registry() -> Registry:
    registry = Registry()
    registry.add(SampleCog())
    return registry


def commands_by_name(data: dict) -> dict[str, dict]:
    return {c["command"]: c for c in data["features"]["slash_commands"]}


def test_every_command_and_group_is_a_slash_command() -> None:
    """Each top-level command and each group appears once, with help and usage."""
    data = yaml.safe_load(to_yaml(manifest(sample_registry())))
    commands = commands_by_name(data)
    assert set(commands) == {"/echo", "/pick", "/thing", "/note", "/crash"}
    assert commands["/echo"]["description"] == "Say it back."
    assert commands["/echo"]["usage_hint"] == "<times> [loud] [text...]"
    assert "usage_hint" not in commands["/crash"]
    assert commands["/thing"]["usage_hint"] == "make | show | help ..."
    assert all(c["should_escape"] is False for c in commands.values())


def test_socket_mode_manifest_settings() -> None:
    """Socket Mode, interactivity, the three bot events and the App Home tab are on."""
    data = yaml.safe_load(to_yaml(manifest(sample_registry())))
    settings = data["settings"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"] == {"is_enabled": True}
    assert settings["event_subscriptions"]["bot_events"] == [
        "app_home_opened",
        "reaction_added",
        "reaction_removed",
    ]
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    assert "url" not in commands_by_name(data)["/echo"]


def test_scopes_are_exactly_the_needed_ones() -> None:
    """The bot asks for the listed scopes only (no public posting, no history)."""
    bot = manifest(sample_registry())["oauth_config"]["scopes"]["bot"]
    assert bot == sorted(SCOPES)
    assert bot == [
        "chat:write",
        "commands",
        "files:write",
        "im:write",
        "reactions:read",
        "reactions:write",
        "users:read",
    ]


def test_a_user_group_of_organizers_adds_its_scope() -> None:
    """Naming a user group in ORGBOT_SLACK_ORGANIZERS asks for usergroups:read."""
    organizers = OrganizerList.parse("U0ADMIN1,@organizers")
    bot = manifest(sample_registry(), organizers)["oauth_config"]["scopes"]["bot"]
    assert "usergroups:read" in bot
    assert "usergroups:read" not in manifest(sample_registry())["oauth_config"]["scopes"]["bot"]


def test_http_mode_points_everything_at_the_request_url() -> None:
    """With a request URL, commands, events and interactivity use it; Socket Mode is off."""
    url = "https://bot.example.org/slack/events"
    data = manifest(sample_registry(), request_url=url)
    assert data["settings"]["socket_mode_enabled"] is False
    assert data["settings"]["event_subscriptions"]["request_url"] == url
    assert data["settings"]["interactivity"]["request_url"] == url
    assert {c["url"] for c in data["features"]["slash_commands"]} == {url}


def test_orgbot_slack_manifest_lists_every_real_command(
    console: ConsoleHost, tmp_path: Path
) -> None:
    """`orgbot slack manifest` prints YAML naming every command the real cogs declare."""
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", os.devnull, "slack", "manifest"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    listed = set(commands_by_name(data))
    expected = {"/" + slack_name(name.split(" ", 1)[0]) for name in console.registry.commands}
    assert listed == expected
    assert not (tmp_path / "db.sqlite3").exists()  # nothing written to make it


def test_members_list_campaigns_with_a_slash_command_of_their_own(console: ConsoleHost) -> None:
    """/campaigns stands beside the organizers' /campaign group, whose hint keeps list."""
    commands = commands_by_name(yaml.safe_load(to_yaml(manifest(console.registry))))
    campaigns = commands["/campaigns"]
    assert campaigns["description"] == console.registry.commands["campaigns"].help
    assert "usage_hint" not in campaigns
    assert "| list |" in commands["/campaign"]["usage_hint"]


def test_slack_built_in_names_are_renamed() -> None:
    """/remind is Slack's own command, so the app offers /reminders and maps it back."""
    assert slack_name("remind") == "reminders"
    assert neutral_name("/reminders") == "remind"
    assert neutral_name("/reps") == "reps"


def test_distribution_adds_the_redirect_url_and_the_uninstall_events() -> None:
    """Many workspaces: the OAuth redirect URL beside /slack/events, and the events that say
    a workspace removed the app; the scopes stay the same."""
    url = "https://bot.example.org/orgbot/slack/events"
    data = manifest(sample_registry(), request_url=url, distribution=True)
    oauth = data["oauth_config"]
    assert oauth["redirect_urls"] == ["https://bot.example.org/orgbot/slack/oauth_redirect"]
    assert oauth["scopes"] == manifest(sample_registry())["oauth_config"]["scopes"]
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)
    assert data["settings"]["socket_mode_enabled"] is False
    assert data["settings"]["token_rotation_enabled"] is False
    single = manifest(sample_registry(), request_url=url)
    assert "redirect_urls" not in single["oauth_config"]
    assert "app_uninstalled" not in single["settings"]["event_subscriptions"]["bot_events"]


async def test_distribution_needs_the_request_url(settings: Settings) -> None:
    """`--distribution` without `--request-url` (or not ending in /slack/events): one line."""
    for url in (None, "https://bot.example.org/"):
        with pytest.raises(StartupError, match="--distribution needs --request-url"):
            await cli.slack_manifest(settings, url, distribution=True)


def test_orgbot_slack_manifest_distribution_prints_the_redirect_url(tmp_path: Path) -> None:
    """`orgbot slack manifest --distribution --request-url ...` prints the OAuth settings."""
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
    }
    url = "https://bot.example.org/slack/events"
    command = ["slack", "manifest", "--distribution", "--request-url", url]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", os.devnull, *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["oauth_config"]["redirect_urls"] == ["https://bot.example.org/slack/oauth_redirect"]
    assert "tokens_revoked" in data["settings"]["event_subscriptions"]["bot_events"]
