"""Reminders and scheduled prompts on the real discord.py, against the fake Discord.

The scheduler's clock is moved by the test; everything it sends goes through the host's
messenger and delivery queue, as in production.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.delivery.discord_policy import MARGIN
from bot.domain.models import Actor, Platform
from bot.i18n.stored import kept
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import (
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    FakeDiscord,
    FakeMessage,
    FakeUser,
)
from .conftest import discord_settings


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The Discord settings, with the full lawmaker data (reminders carry personal scripts)."""
    return discord_settings(tmp_path, fake, full_data_dir)


async def organizer(services: Services, fake: FakeDiscord) -> Actor:
    return await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True)


@pytest.fixture
async def campaign(full_host: DiscordHost, services: Services, fake: FakeDiscord) -> str:
    olga = await organizer(services, fake)
    return (await services.campaigns.import_template(olga, "irs-data-privacy")).slug


def sent_to(fake: FakeDiscord, user: FakeUser) -> list[FakeMessage]:
    """What the bot sent ``user`` by DM (not its answers to their button presses)."""
    return [m for m in fake.dm_messages(user) if m.interaction_id is None]


async def opt_in(fake: FakeDiscord, user: FakeUser, zip5: str = "05401") -> None:
    await (await fake.command("setzip", {"zip": zip5}, user=user)).answer()
    reply = await (await fake.command("remind on", {}, user=user)).answer()
    assert reply.ephemeral and "Weekday reminders are on" in reply.text()


async def test_a_reminder_dm_arrives_and_its_buttons_work(
    full_host: DiscordHost, services: Services, fake: FakeDiscord, campaign: str
) -> None:
    """At 09:00 ann gets her script by DM; Snooze brings it back at 10:00; Stop ends them."""
    await opt_in(fake, fake.ann)
    await services.scheduler.engine.advance(timedelta(hours=2))  # Monday 09:00 in Vermont
    [dm] = sent_to(fake, fake.ann)
    assert dm.embeds[0]["title"] == "Your calls: Keep tax records confidential"
    assert "Your daily reminder to call." in dm.embeds[0]["description"]
    assert dm.allowed_mentions == {"parse": []}
    snooze = dm.button("Snooze 1 hour")["custom_id"]
    assert snooze == f"@{GUILD_ID}|reminders.snooze:"

    reply = await (await fake.press(dm, snooze, user=fake.ann)).answer()
    assert reply.text() == "Snoozed: I'll remind you again at Mon 2026-01-05 10:00 EST."
    await services.scheduler.engine.advance(timedelta(hours=1))
    _, second = sent_to(fake, fake.ann)
    assert "Your reminder, as snoozed." in second.embeds[0]["description"]

    stop = second.button("Stop reminders")["custom_id"]
    reply = await (await fake.press(second, stop, user=fake.ann)).answer()
    assert reply.text() == (
        "Your reminders are off. /remind on turns them back on: Monday to Friday (add "
        "days:every day for every day)."
    )
    await services.scheduler.engine.advance(timedelta(days=2))
    assert len(sent_to(fake, fake.ann)) == 2


async def test_a_member_with_closed_dms_is_recorded_and_others_still_get_theirs(
    full_host: DiscordHost, services: Services, fake: FakeDiscord, campaign: str
) -> None:
    """Discord refuses cara's DM (50007): recorded with its reason; ann's arrives."""
    cara = fake.add_user("cara", dms_closed=True)
    await opt_in(fake, cara)
    await opt_in(fake, fake.ann)
    await services.scheduler.engine.advance(timedelta(hours=2))
    assert sent_to(fake, cara) == []
    assert len(sent_to(fake, fake.ann)) == 1
    [failure] = await services.schedules.failures(await organizer(services, fake))
    assert str(kept(failure.purpose)) == "daily reminder"
    assert "turned off direct messages" in str(kept(failure.reason))


async def test_a_scheduled_prompt_in_a_channel_the_bot_cannot_post_in(
    full_host: DiscordHost, services: Services, fake: FakeDiscord, campaign: str
) -> None:
    """Missing permissions in one channel: recorded, its organizer told by DM; the other posts."""
    fake.deny_channel(CHANNEL_ID)
    olga = await organizer(services, fake)
    await services.schedules.add(olga, campaign, str(CHANNEL_ID), "daily 09:00")
    await services.schedules.add(olga, campaign, str(OTHER_CHANNEL_ID), "daily 09:00")
    await services.scheduler.engine.advance(timedelta(hours=2))
    assert fake.channel_messages(CHANNEL_ID) == []
    [posted] = fake.channel_messages(OTHER_CHANNEL_ID)
    assert posted.embeds[0]["title"] == "Keep tax records confidential"
    [told] = sent_to(fake, fake.olga)
    assert "Discord doesn't allow the bot to post in that channel." in told.text()
    [failure] = await services.schedules.failures(olga)
    assert str(kept(failure.target)) == f"channel {CHANNEL_ID}"


async def test_a_brief_discord_outage_is_retried_and_posts_once(
    full_host: DiscordHost, services: Services, fake: FakeDiscord, campaign: str
) -> None:
    """A 503 on the reminder's send: the queue tries again with the same nonce; one DM."""
    await opt_in(fake, fake.ann)
    fake.fail("POST", r"/channels/\d+/messages", 503, 0, "Service Unavailable")
    await services.scheduler.engine.advance(timedelta(hours=2))
    assert len(sent_to(fake, fake.ann)) == 1
    attempts = fake.matching("POST", r"/channels/\d+/messages")
    assert [a.status for a in attempts] == [503, 200]
    assert attempts[0].json["nonce"] == attempts[1].json["nonce"]
    assert attempts[1].json["enforce_nonce"] is True


async def test_the_queue_paces_at_discord_s_global_limit(full_host: DiscordHost) -> None:
    """The host's queue allows 50 requests in any second (padded by MARGIN, if any)."""
    limiter = full_host.messenger.queue.limiter
    for _ in range(49):
        await limiter.acquire(("route:x", "global"))
    assert limiter.waiting_time(("route:y", "global")) == 0.0
    await limiter.acquire(("route:x", "global"))
    assert 0.0 < limiter.waiting_time(("route:y", "global")) <= 1.0 + MARGIN
