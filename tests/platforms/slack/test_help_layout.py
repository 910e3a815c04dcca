"""/help on Slack: a bold heading per feature, each command's usage as code and then its help."""

from __future__ import annotations

import re

from bot.platforms.slack.host import SlackHost

from ...fakes.slack_server import FakeSlack

LINE = re.compile(r"^`/[^`]+` \S")


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
