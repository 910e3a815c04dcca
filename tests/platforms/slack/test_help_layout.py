"""/help on Slack: a bold heading per feature, each command's usage as code and then its help."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from bot.app import cog_modules
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import FakeSlack
from .conftest import settle

LINE = re.compile(r"^`/[^`]+` \S")


@pytest.fixture
async def real_host(services: Services, slack: FakeSlack) -> AsyncIterator[SlackHost]:
    """The Slack host with every module in cogs/, as `orgbot run` builds it."""
    running = SlackHost(services, slack.config())
    await running.load_extensions(cog_modules())
    await running.start_socket_mode()
    await slack.connected()
    yield running
    await slack.all_acked()
    await settle(running)
    await running.close()


async def test_help_is_a_section_per_heading(real_host: SlackHost, slack: FakeSlack) -> None:
    """Each section starts with a bold heading (no full stop); its lines are `usage` then help."""
    reply = await (await slack.slash("/help", user="U1")).reply()
    sections = [b["text"]["text"] for b in reply.blocks if b["type"] == "section"]
    headings = [s.split("\n", 1)[0] for s in sections]
    assert "*Help and about this bot*" in headings and "*Find who represents you*" in headings
    assert not [h for h in headings if h.endswith(".*")]
    lines = [line for s in sections for line in s.split("\n")[1:]]
    assert "`/reps &lt;zip&gt;` Your senators and House member for a ZIP code." in lines
    assert [line for line in lines if not LINE.match(line)] == []
