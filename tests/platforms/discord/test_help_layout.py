"""/help on Discord: a field per feature, named by its heading, each command's usage as code
and then its help."""

from __future__ import annotations

import re

from bot.platforms.discord.host import DiscordHost
from bot.platforms.discord.render import BLANK

from ...fakes.discord_server import FakeDiscord

LINE = re.compile(r"^`/[^`]+` \S")


async def test_help_is_a_field_per_heading(full_host: DiscordHost, fake: FakeDiscord) -> None:
    """Field names are headings (no full stop); every value line is `usage` then help."""
    reply = await (await fake.command("help", user=fake.ann)).answer()
    fields = [f for embed in reply.embeds for f in embed.get("fields", [])]
    names = [f["name"] for f in fields if f["name"] != BLANK]
    assert "Help and about this bot" in names and "Find who represents you" in names
    assert not [n for n in names if n.endswith(".")]
    lines = [line for f in fields for line in f["value"].splitlines()]
    assert "`/reps <zip>` Your senators and House member for a ZIP code." in lines
    assert [line for line in lines if not LINE.match(line)] == []
