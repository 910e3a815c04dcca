"""Reported calls for leaderboard tests on Discord and Slack: members of one server or
workspace, each with a number of actions on a campaign an organizer created and started."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.services import Services

CAMPAIGN = {
    "title": "Protect IRS data",
    "ask": "Tell Congress to protect taxpayer data.",
    "script": "Hi, I'm calling {lawmaker} about IRS data.",
}


async def report_calls(
    services: Services,
    clock: ManualClock,
    platform: Platform,
    community: str,
    organizer: str,
    calls: dict[str, int],
) -> None:
    """``organizer`` starts a campaign; each user id in ``calls`` reports one call a day (a
    member counts once a day per campaign) on that many days, from today on."""
    olga = await services.members.actor(platform, community, organizer, True)
    draft = await services.campaigns.create(olga, CAMPAIGN)
    campaign = await services.campaigns.set_status(olga, draft.slug, CampaignStatus.ACTIVE)
    for day in range(max(calls.values(), default=0)):
        if day:
            clock.advance(timedelta(days=1))
        for user_id, times in calls.items():
            if day < times:
                actor = await services.members.actor(platform, community, user_id, False)
                await services.actions.report(actor, "contact", campaign_id=campaign.id)
