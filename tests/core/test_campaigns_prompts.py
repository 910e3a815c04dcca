"""Prompts: reserved before posting, found again by their message, scoped by community."""

from __future__ import annotations

import pytest

from bot.domain.campaign_models import Campaign, CampaignStatus, Prompt
from bot.domain.errors import Conflict, NotAllowed, StoredConflict, Unavailable
from bot.domain.models import Actor, Platform
from bot.messages import PostedRef
from bot.services import Services


@pytest.fixture
async def olga(full_services: Services) -> Actor:
    return await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)


@pytest.fixture
async def irs(full_services: Services, olga: Actor) -> Campaign:
    return await full_services.campaigns.import_template(olga, "irs-data-privacy")


class FakeChannel:
    """Records what was sent; each message gets the next id."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    async def send(self, prompt: Prompt) -> PostedRef:
        assert prompt.message_id is None  # the row exists before the message does
        self.sent.append(prompt.id)
        return PostedRef("general", f"m{len(self.sent)}")


async def test_publish_records_where_the_prompt_went(
    full_services: Services, olga: Actor, irs: Campaign
) -> None:
    """The posted message's channel and id map back to the prompt."""
    channel = FakeChannel()
    prompt = await full_services.prompts.publish(olga, irs, "general", channel.send)
    assert channel.sent == [prompt.id]
    assert (prompt.channel_id, prompt.message_id, prompt.campaign_id) == ("general", "m1", irs.id)
    assert prompt.posted_at is not None
    found = await full_services.prompts.by_message(olga.community.id, "general", "m1")
    assert found == prompt
    assert await full_services.prompts.for_campaign(olga.community.id, irs.id) == [prompt]


async def test_a_failed_post_leaves_no_prompt(
    full_services: Services, olga: Actor, irs: Campaign
) -> None:
    """If the platform refuses the post, the reservation is removed and the error goes on."""

    async def refuse(prompt: Prompt) -> PostedRef:
        raise Unavailable("The bot cannot post in that channel.")

    with pytest.raises(Unavailable, match="cannot post"):
        await full_services.prompts.publish(olga, irs, "secret", refuse)
    rows = await full_services.db.fetchall("SELECT * FROM prompts")
    assert rows == []


async def test_only_organizers_publish(full_services: Services, irs: Campaign) -> None:
    """The core refuses a member, and nothing is posted."""
    ann = await full_services.members.actor(Platform.CONSOLE, "c1", "ann", False)
    channel = FakeChannel()
    with pytest.raises(NotAllowed):
        await full_services.prompts.publish(ann, irs, "general", channel.send)
    assert channel.sent == []


async def test_stopped_campaigns_are_not_posted(
    full_services: Services, olga: Actor, irs: Campaign
) -> None:
    """A paused campaign's prompt is refused with the reason, before anything is sent."""
    paused = await full_services.campaigns.set_status(olga, irs.slug, CampaignStatus.PAUSED)
    channel = FakeChannel()
    with pytest.raises(Conflict, match="is paused"):
        await full_services.prompts.publish(olga, paused, "general", channel.send)
    assert channel.sent == []


async def test_lookups_are_scoped_by_community(
    full_services: Services, olga: Actor, irs: Campaign
) -> None:
    """Another community's message with the same ids is not this prompt."""
    channel = FakeChannel()
    prompt = await full_services.prompts.publish(olga, irs, "general", channel.send)
    other = await full_services.members.actor(Platform.CONSOLE, "c2", "olga", True)
    assert await full_services.prompts.by_message(other.community.id, "general", "m1") is None
    assert await full_services.prompts.get(other.community.id, prompt.id) is None
    assert await full_services.prompts.get(olga.community.id, prompt.id) == prompt


async def test_one_message_is_one_prompt(
    full_services: Services, olga: Actor, irs: Campaign
) -> None:
    """Recording a second prompt on the same message is refused; the first stays."""

    async def same(prompt: Prompt) -> PostedRef:
        return PostedRef("general", "m1")

    first = await full_services.prompts.publish(olga, irs, "general", same)
    with pytest.raises(Conflict, match="already recorded"):
        await full_services.prompts.publish(olga, irs, "general", same)
    assert await full_services.prompts.by_message(olga.community.id, "general", "m1") == first


async def test_a_prompt_cannot_point_at_another_communitys_campaign(
    full_services: Services, irs: Campaign
) -> None:
    """The schema ties a prompt to a campaign of its own community."""
    other = await full_services.members.actor(Platform.CONSOLE, "c2", "olga", True)
    with pytest.raises(StoredConflict):
        async with full_services.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO prompts (community_id, campaign_id, channel_id, created_at) "
                "VALUES (?, ?, 'x', 'now')",
                (other.community.id, irs.id),
            )
