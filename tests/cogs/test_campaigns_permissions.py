"""Every organizer command of the campaign and prompt cogs refuses a member, through the console."""

from __future__ import annotations

import pytest

from bot.cogkit import Context
from bot.core.permissions import ORGANIZERS_ONLY, Permission
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.services import Services

from ..conftest import Transcript

LINES = {
    "campaign create": "/campaign create",
    "campaign edit": "/campaign edit irs-data-privacy new-slug",
    "campaign show": "/campaign show irs-data-privacy",
    "campaign guide": "/campaign guide",
    "campaign pause": "/campaign pause irs-data-privacy",
    "campaign resume": "/campaign resume irs-data-privacy",
    "campaign archive": "/campaign archive irs-data-privacy",
    "campaign import": "/campaign import irs-data-privacy other",
    "campaign targets": "/campaign targets irs-data-privacy senate",
    "campaign dates": "/campaign dates irs-data-privacy today",
    "campaign outcome": "/campaign outcome irs-data-privacy wrote Wrote a letter",
    "campaign list": "/campaign list",  # members list with /campaigns
    "campaign main": "/campaign main irs-data-privacy",
    "prompt post": "/prompt post irs-data-privacy",
}
SETUP = {"campaign resume": "/campaign pause irs-data-privacy"}  # so resuming has a point


async def state(services: Services) -> list[tuple[object, ...]]:
    rows = await services.db.fetchall("SELECT * FROM campaigns ORDER BY id")
    rows += await services.db.fetchall("SELECT * FROM campaign_outcomes ORDER BY campaign_id, key")
    rows += await services.db.fetchall("SELECT * FROM prompts ORDER BY id")
    rows += await services.db.fetchall("SELECT * FROM main_campaigns ORDER BY community_id")
    return [tuple(r) for r in rows]


def line_name(line: str) -> str:
    return next(name for name, text in LINES.items() if text == line)


@pytest.fixture
async def ready(full_console: ConsoleHost, transcript: Transcript) -> ConsoleHost:
    await full_console.handle("/as olga organizer")
    await full_console.handle("/campaign import irs-data-privacy")
    assert "Imported" in transcript.text
    transcript.clear()
    return full_console


def test_every_organizer_command_is_covered(ready: ConsoleHost) -> None:
    """The list below names every organizer command these cogs declare."""
    declared = {
        name
        for name, spec in ready.registry.commands.items()
        if spec.cog in ("campaigns", "prompts") and spec.permission is Permission.ORGANIZER
    }
    assert declared == set(LINES)


@pytest.mark.parametrize("line", LINES.values(), ids=LINES.keys())
async def test_members_are_refused(
    ready: ConsoleHost, transcript: Transcript, full_services: Services, line: str
) -> None:
    """A member gets the organizers-only sentence and nothing changes."""
    await ready.handle(SETUP.get(line_name(line), "/whoami"))
    before = await state(full_services)
    await ready.handle("/as bob")
    await ready.handle(line)
    assert ORGANIZERS_ONLY in transcript.text
    assert not ready.form_pending
    assert await state(full_services) == before


@pytest.mark.parametrize("line", LINES.values(), ids=LINES.keys())
async def test_organizers_are_not_refused(
    ready: ConsoleHost, transcript: Transcript, line: str
) -> None:
    """The same lines work for an organizer (so the refusal above is about permission)."""
    await ready.handle(SETUP.get(line_name(line), "/whoami"))
    transcript.clear()
    await ready.handle(line)
    assert ORGANIZERS_ONLY not in transcript.text
    assert "⚠" not in transcript.text


@pytest.mark.parametrize("action", ["campaigns.create", "campaigns.edit"])
async def test_forms_refuse_members(
    ready: ConsoleHost, full_services: Services, action: str
) -> None:
    """A campaign form submitted by a member (say, a stale modal) is refused too."""
    actor = await full_services.members.actor(ready.platform, ready.session, "bob", False)
    ctx = Context(actor=actor, host=ready, channel_id=CHANNEL)
    before = await state(full_services)
    answers = {"title": "Mine now", "ask": "x", "script": "y", "background": "", "goal": ""}
    answer = await ready.dispatcher.submit(ctx, f"{action}:1", answers)
    assert answer is not None and answer.body == ORGANIZERS_ONLY  # type: ignore[union-attr]
    assert await state(full_services) == before
