"""Fixtures for the scheduler: a recording platform, an organizer, a running campaign."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.clock import Clock, ManualClock
from bot.domain.errors import NotAllowed, Unavailable
from bot.domain.models import Actor, Community, Platform
from bot.messages import Message, PostedRef
from bot.services import Services

SESSION = "console"
CANNOT_POST = (
    "Discord doesn't allow the bot to post in that channel. Ask a server admin to let the bot "
    "View Channel, Send Messages."
)
CANNOT_DM = "I couldn't send a direct message: this member has turned off direct messages."


@dataclass
class Sent:
    at: datetime
    where: str  # a channel id, or "dm:<user id>"
    message: Message


@dataclass
class RecordingPort:
    """A platform that records what the scheduler sends, at the clock's time, and refuses the
    channels and members it is told to (as Discord and Slack do)."""

    clock: Clock
    platform: Platform = Platform.CONSOLE
    sent: list[Sent] = field(default_factory=list)
    locked_channels: set[str] = field(default_factory=set)
    closed_dms: set[str] = field(default_factory=set)

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        if channel_id in self.locked_channels:
            raise NotAllowed(CANNOT_POST)
        self.sent.append(Sent(self.clock.now(), channel_id, message))
        return PostedRef(channel_id, str(len(self.sent)))

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        return None

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        if user_id in self.closed_dms:
            raise Unavailable(CANNOT_DM)
        self.sent.append(Sent(self.clock.now(), f"dm:{user_id}", message))
        return PostedRef(f"dm:{user_id}", str(len(self.sent)))

    def posts(self, channel: str = "calls") -> list[Sent]:
        return [s for s in self.sent if s.where == channel]

    def dms(self, user: str) -> list[Sent]:
        return [s for s in self.sent if s.where == f"dm:{user}"]


@pytest.fixture
def port(services: Services, clock: ManualClock) -> RecordingPort:
    recording = RecordingPort(clock)
    services.scheduler.attach(recording)
    return recording


async def actor_of(services: Services, name: str, organizer: bool = False) -> Actor:
    return await services.members.actor(Platform.CONSOLE, SESSION, name, organizer)


@pytest.fixture
async def organizer(services: Services) -> Actor:
    return await actor_of(services, "olga", organizer=True)


async def running_campaign(services: Services, organizer: Actor, title: str) -> Campaign:
    created = await services.campaigns.create(
        organizer,
        {
            "title": title,
            "ask": "Ask Congress to act.",
            "script": "Hi, I'm calling {lawmaker} to ask them to act.",
        },
    )
    return await services.campaigns.set_status(organizer, created.slug, CampaignStatus.ACTIVE)


@pytest.fixture
async def campaign(services: Services, organizer: Actor) -> Campaign:
    return await running_campaign(services, organizer, "Protect the data")
