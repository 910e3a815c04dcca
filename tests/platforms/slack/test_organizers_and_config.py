"""Who counts as an organizer on Slack, and the Slack settings."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import ManualClock
from bot.domain.errors import StartupError
from bot.platforms.slack.config import SlackConfig
from bot.platforms.slack.organizers import OrganizerDirectory, OrganizerList
from bot.settings import load_settings

from ...fakes.slack_server import BOT_TOKEN, FakeSlack


@pytest.fixture
async def client(slack: FakeSlack) -> AsyncIterator[AsyncWebClient]:
    yield AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)


def directory(
    client: AsyncWebClient, clock: ManualClock, configured: str = ""
) -> OrganizerDirectory:
    return OrganizerDirectory(client, OrganizerList.parse(configured), clock)


async def test_admins_and_owners_organize_members_and_guests_do_not(
    client: AsyncWebClient, slack: FakeSlack, clock: ManualClock
) -> None:
    """is_admin / is_owner count; an ordinary member or a guest admin does not."""
    slack.add_user("UADMIN", admin=True)
    slack.add_user("UOWNER", owner=True)
    slack.add_user("UGUEST", admin=True, guest=True)
    found = directory(client, clock)
    assert await found.is_organizer("UADMIN") and await found.is_organizer("UOWNER")
    assert not await found.is_organizer("U1") and not await found.is_organizer("UGUEST")


async def test_configured_user_ids_organize_without_asking_slack(
    client: AsyncWebClient, slack: FakeSlack, clock: ManualClock
) -> None:
    """A user id in ORGBOT_SLACK_ORGANIZERS is an organizer; users.info is not called."""
    assert await directory(client, clock, "U0LEAD1").is_organizer("U0LEAD1")
    assert slack.calls_to("users.info") == []


async def test_a_configured_user_group_organizes(
    client: AsyncWebClient, slack: FakeSlack, clock: ManualClock
) -> None:
    """Members of a named user group organize; the group list is fetched once for a while."""
    slack.add_usergroup("organizers", ["U2", "U3"])
    slack.add_usergroup("others", ["U4"])
    found = directory(client, clock, "@Organizers")
    assert await found.is_organizer("U2") and await found.is_organizer("U3")
    assert not await found.is_organizer("U4")
    assert len(slack.calls_to("usergroups.list")) == 1


async def test_a_failed_lookup_is_not_remembered(
    client: AsyncWebClient, slack: FakeSlack, clock: ManualClock
) -> None:
    """If users.info fails, the person is not an organizer this time, and Slack is asked again."""
    slack.add_user("UADMIN", admin=True)
    slack.fail("users.info", "internal_error")
    found = directory(client, clock)
    assert not await found.is_organizer("UADMIN")
    assert await found.is_organizer("UADMIN")


def test_organizer_list_parses_ids_and_handles() -> None:
    """User ids stay as they are; group handles lose their @ and case."""
    parsed = OrganizerList.parse(" U0A1, W0B2 ,@Team-Leads,,")
    assert parsed.user_ids == {"U0A1", "W0B2"} and parsed.group_handles == {"team-leads"}


def test_slack_settings_are_read_and_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API URL gets its trailing slash, the mode its case; config carries them."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("ORGBOT_SLACK_API_URL", "https://slack-gov.com/api")
    monkeypatch.setenv("ORGBOT_SLACK_MODE", "HTTP")
    monkeypatch.setenv("ORGBOT_SLACK_ORGANIZERS", "U0A1, @leads")
    config = SlackConfig.from_settings(load_settings(env_file=None))
    assert config.api_url == "https://slack-gov.com/api/" and config.mode == "http"
    assert config.organizers == OrganizerList(frozenset({"U0A1"}), frozenset({"leads"}))
    assert "xoxb-1" not in repr(config)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ORGBOT_SLACK_MODE", "webhook"),
        ("ORGBOT_SLACK_API_URL", "slack.com/api"),
        ("ORGBOT_SLACK_ORGANIZERS", "U1,<!here>"),
        ("ORGBOT_SLACK_HTTP_PORT", "70000"),
    ],
)
def test_bad_slack_settings_name_themselves(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    """A malformed Slack setting stops the start with one line naming it."""
    monkeypatch.setenv(name, value)
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None)
    assert name in info.value.message and "\n" not in info.value.message


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "ORGBOT_SLACK_MODE": "http"}, "SLACK_SIGNING_SECRET"),
    ],
)
def test_missing_tokens_are_named(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], missing: str
) -> None:
    """Each mode says which token it lacks."""
    for key in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "ORGBOT_SLACK_MODE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(StartupError, match=missing):
        SlackConfig.from_settings(load_settings(env_file=None))
