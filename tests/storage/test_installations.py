"""Slack installations in the bot's database, and removing a workspace's community with
everything under it (what uninstalling means), leaving every other community as it was."""

from __future__ import annotations

import pytest

from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.messages import PostedRef
from bot.services import Services
from bot.storage.community_removal import community_tables, remove_community
from bot.storage.installations import InstallationRepository, StoredInstallation

from ..core.actions_world import MONDAY_NOON, WELCH, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def rows_of(services: Services, community_id: int) -> dict[str, list[tuple[object, ...]]]:
    """Every row naming the community, by table (tables with a community_id column)."""
    found: dict[str, list[tuple[object, ...]]] = {}
    async with services.db.transaction() as tx:
        tables = await community_tables(tx)
        for table in tables:
            rows = await tx.fetchall(
                f'SELECT * FROM "{table}" WHERE community_id = ? ORDER BY 1, 2', (community_id,)
            )
            if rows:
                found[table] = [tuple(row) for row in rows]
    return found


async def busy_community(services: Services, external_id: str) -> int:
    """A Slack community with a campaign, a prompt, actions (one erased member's folded into
    anonymous counts) and a schedule."""
    members = services.members
    olga = await members.actor(Platform.SLACK, external_id, "UOLGA", True)
    campaign = await services.campaigns.import_template(olga, "irs-data-privacy")

    async def send(prompt: object) -> PostedRef:
        return PostedRef("C1", f"m-{external_id}")

    prompt = await services.prompts.post(olga.community, campaign, "C1", send)
    for user in ("UANN", "UBOB"):
        actor = await members.actor(Platform.SLACK, external_id, user, False)
        await services.actions.report(actor, "contact", prompt_id=prompt.id, lawmaker=WELCH)
    ann = await members.actor(Platform.SLACK, external_id, "UANN", False)
    token = await services.privacy.request_erase(ann.member)
    await services.privacy.confirm_erase(ann, token)
    await services.schedules.add(olga, campaign.slug, "C1", "weekdays at 09:00")
    return olga.community.id


async def test_removing_a_community_leaves_no_row_of_it_and_others_untouched(
    world: World,
) -> None:
    """Members, campaigns, actions, anonymous counts, roll-ups and schedules all go; another
    community's rows stay exactly as they were."""
    services = world.services
    gone = await busy_community(services, "T0GONE")
    kept = world.olga.community.id
    await services.actions.report(world.ann, "voicemail", prompt_id=world.prompt.id)
    before = await rows_of(services, kept)
    doomed = await rows_of(services, gone)
    assert {"anonymous_action_counts", "action_counts_by_day", "schedules"} <= set(doomed)
    async with services.db.transaction() as tx:
        await remove_community(tx, gone)
    assert await rows_of(services, gone) == {}
    assert await rows_of(services, kept) == before
    member = await services.db.fetchone(
        "SELECT count(*) FROM members m LEFT JOIN communities c ON c.id = m.community_id "
        "WHERE c.id IS NULL"
    )
    assert member is not None and member[0] == 0


async def test_an_installation_is_saved_replaced_and_removed_with_its_workspace(
    world: World, clock: ManualClock
) -> None:
    """A reinstall replaces the row; removing the team deletes it and its community."""
    services = world.services
    repository = InstallationRepository(services.db)
    first = StoredInstallation("T0GONE", None, "UB1", "BB1", b"sealed-1", "2026-01-05T17:00:00Z")
    await repository.save(first)
    again = StoredInstallation("T0GONE", "E0ORG", "UB2", "BB2", b"sealed-2", "2026-01-06T17:00:00Z")
    await repository.save(again)
    assert await repository.find("T0GONE") == again
    gone = await busy_community(services, "T0GONE")
    assert await repository.remove("T0GONE")
    assert await repository.find("T0GONE") is None
    assert await rows_of(services, gone) == {}
    assert not await repository.remove("T0GONE"), "nothing is left to remove"
