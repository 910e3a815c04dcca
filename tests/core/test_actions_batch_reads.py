"""What a batch of reports reads inside its transaction, before the ledger applies it: the
prompts still there and the state of each campaign as stored now (a batch is prepared outside
its transaction, from lookups up to a second old)."""

from __future__ import annotations

import pytest

from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.services import Services
from bot.storage.actions import ActionRepository

from .actions_world import MONDAY_NOON, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def test_a_batch_reads_each_campaigns_state_as_stored_now(world: World) -> None:
    """The states of the prompts' campaigns come with the prompts, those of campaigns named
    without a prompt on their own; both as stored when the batch runs, gone ones left out."""
    services = world.services
    other = await services.campaigns.create(
        world.olga, {"title": "Other", "ask": "Call.", "script": "Hi.", "background": ""}
    )
    other = await services.campaigns.set_status(world.olga, other.slug, CampaignStatus.ACTIVE)
    await services.campaigns.set_status(world.olga, world.campaign.slug, CampaignStatus.PAUSED)
    async with ActionRepository(services.db).batch() as batch:
        assert await batch.existing_prompts([world.prompt.id, world.prompt.id + 1000]) == {
            world.prompt.id
        }
        states = await batch.campaign_states([world.campaign.id, other.id, other.id + 1000])
    assert {c: s.status for c, s in states.items()} == {
        world.campaign.id: CampaignStatus.PAUSED,
        other.id: CampaignStatus.ACTIVE,
    }
