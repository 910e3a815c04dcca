"""/dashboard on Slack, through slack-bolt against the fake: an organizer's link comes as an
ephemeral reply, and a member gets the refusal, no link."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.permissions import ORGANIZERS_ONLY
from bot.platforms.slack.host import SlackHost
from bot.settings import Settings

from ...dashboard_world import PUBLIC_URL, dashboard_settings, link_path
from ...fakes.slack_server import FakeSlack


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return dashboard_settings(tmp_path, tmp_path / "civic", database_url)


async def test_an_organizer_gets_the_link_privately_and_a_member_none(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    slack.add_user("UADMIN", admin=True)
    reply = await (await slack.slash("/dashboard", user="UADMIN")).reply()
    assert reply.args["response_type"] == "ephemeral"
    assert link_path(reply.text).startswith("/dashboard?t=")
    refused = await (await slack.slash("/dashboard", user="U1")).reply()
    assert refused.args["response_type"] == "ephemeral"
    assert ORGANIZERS_ONLY in refused.text and PUBLIC_URL not in refused.text
    revoked = await (await slack.slash("/dashboard revoke all", user="UADMIN")).reply()
    assert revoked.args["response_type"] == "ephemeral"
    assert "Done: 1 dashboard link of this community no longer works." in revoked.text
