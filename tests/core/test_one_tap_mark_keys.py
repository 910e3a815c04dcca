"""One-tap marks keep every guarantee of their foreign keys, on both backends, without the key
to communities that migration 20 dropped (the key to the campaign already says it): a mark goes
with its member, its campaign and its community, names its campaign's community, and names one
of its campaign's outcomes. One key fewer is one check fewer per recorded mark."""

from __future__ import annotations

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import StoredConflict
from bot.domain.models import Platform
from bot.services import Services
from bot.storage import sql

from .actions_world import MONDAY_NOON, World, make_world

MARK = (
    "INSERT INTO one_tap_marks (member_id, scope, mark, seq, community_id, campaign_id, outcome, "
    "at, day, member_day) VALUES (?, 'p99', '', 1, ?, ?, ?, 'x', '2026-01-05', '2026-01-05')"
)


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def marks(world: World) -> int:
    return await world.count("SELECT count(*) FROM one_tap_marks")


async def reported(world: World) -> None:
    """Ann and Bob each press an outcome button on the prompt: two marks."""
    for actor in (world.ann, world.bob):
        await world.services.actions.report(actor, "contact", prompt_id=world.prompt.id)
    assert await marks(world) == 2


async def test_marks_refer_to_their_member_campaign_and_outcome_only(world: World) -> None:
    keys = {
        (fk.column, fk.table, fk.on_delete)
        for fk in await sql.foreign_keys(world.services.db, "one_tap_marks")
    }
    assert keys == {
        ("member_id", "members", "CASCADE"),
        ("community_id", "campaigns", "CASCADE"),
        ("campaign_id", "campaigns", "CASCADE"),
        ("campaign_id", "campaign_outcomes", "NO ACTION"),
        ("outcome", "campaign_outcomes", "NO ACTION"),
    }


async def test_a_mark_names_an_outcome_of_its_campaign_in_its_community(world: World) -> None:
    db, member = world.services.db, world.ann.member.id
    community, campaign = world.olga.community.id, world.campaign.id
    other = await world.services.members.actor(Platform.CONSOLE, "c2", "zed", True)
    for values in (
        (member, community, campaign, "no such outcome"),
        (member, other.community.id, campaign, "contact"),  # not the campaign's community
        (member, community, campaign + 1000, "contact"),
        (member + 1000, community, campaign, "contact"),
    ):
        with pytest.raises(StoredConflict):
            async with db.transaction() as tx:
                await tx.execute(MARK, values)
    assert await marks(world) == 0


async def test_marks_go_with_their_member(world: World) -> None:
    await reported(world)
    async with world.services.db.transaction() as tx:
        await tx.execute("DELETE FROM members WHERE id = ?", (world.ann.member.id,))
    assert await marks(world) == 1


async def test_marks_go_with_their_campaign(world: World) -> None:
    await reported(world)
    async with world.services.db.transaction() as tx:
        await tx.execute("DELETE FROM campaigns WHERE id = ?", (world.campaign.id,))
    assert await marks(world) == 0


async def test_marks_go_with_their_community_through_its_campaigns(world: World) -> None:
    """Only the foreign keys' cascades: no sweep of the tables by community_id."""
    await reported(world)
    async with world.services.db.transaction() as tx:
        await tx.execute("DELETE FROM communities WHERE id = ?", (world.olga.community.id,))
    assert await marks(world) == 0
