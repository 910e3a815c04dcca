"""The daily digest: yesterday's numbers for organizers, once a day, with what went wrong."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.models import Actor
from bot.services import Services

from .conftest import RecordingPort, actor_of

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_10AM = datetime(2026, 1, 5, 10, 0, tzinfo=NEW_YORK)


async def test_the_digest_posts_yesterdays_numbers_once(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """Two members acted on Monday: Tuesday at 08:00 the digest channel gets it, once."""
    clock.set(MONDAY_10AM)
    await services.schedules.set_digest(organizer, "organizers")
    for name, outcome in (("ann", "contact"), ("bob", "voicemail")):
        await services.actions.report(
            await actor_of(services, name), outcome, campaign_id=campaign.id
        )
    await services.scheduler.engine.advance(timedelta(days=1))
    await services.scheduler.engine.tick()
    [digest] = port.posts("organizers")
    assert digest.at.astimezone(NEW_YORK) == datetime(2026, 1, 6, 8, 0, tzinfo=NEW_YORK)
    assert digest.message.title == "Daily digest: Mon 2026-01-05"
    assert digest.message.body == "**2 actions** by 2 members."
    by_outcome = {f.name: f.value for f in digest.message.fields}["By outcome"]
    assert by_outcome.splitlines() == ["📞 Made contact: 1", "📫 Left voicemail: 1"] or (
        by_outcome.splitlines() == ["📫 Left voicemail: 1", "📞 Made contact: 1"]
    )


async def test_a_day_with_no_actions_says_so(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """A quiet day is reported as such (and the digest still comes, at 08:00)."""
    await services.schedules.set_digest(organizer, "organizers")
    await services.scheduler.engine.advance(timedelta(days=1))
    [digest] = port.posts("organizers")
    assert digest.message.body == "No actions were reported that day."


async def test_undelivered_messages_are_reported_once_in_the_digest(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """A scheduled post that failed on Tuesday is in Wednesday's digest and not Thursday's."""
    clock.set(MONDAY_10AM)
    port.locked_channels.add("locked")
    await services.schedules.set_digest(organizer, "organizers")
    await services.schedules.add(organizer, campaign.slug, "locked", "tue 09:00")
    await services.scheduler.engine.advance(timedelta(days=3))
    titles = [p.message.title for p in port.posts("organizers")]
    assert titles == [
        f"Daily digest: {d} 2026-01-0{n}" for d, n in (("Mon", 5), ("Tue", 6), ("Wed", 7))
    ]
    _, wednesday, thursday = port.posts("organizers")
    fields = {f.name: f.value for f in wednesday.message.fields}
    assert "channel locked: Discord doesn't allow the bot" in fields["Could not be delivered"]
    assert "Could not be delivered" not in {f.name for f in thursday.message.fields}


async def test_no_digest_unless_a_channel_is_set(
    services: Services, port: RecordingPort, organizer: Actor, campaign: Campaign
) -> None:
    """Without /schedule digest nothing is posted; 'off' stops it again."""
    await services.scheduler.engine.advance(timedelta(days=1))
    await services.schedules.set_digest(organizer, "organizers")
    assert await services.schedules.set_digest(organizer, None)
    await services.scheduler.engine.advance(timedelta(days=2))
    assert port.sent == []


async def test_the_digest_is_in_the_community_s_language(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """A community whose default is Spanish gets its digest in Spanish: title, numbers,
    fields and footer (outcome labels are the campaign's)."""
    clock.set(MONDAY_10AM)
    await services.members.set_community_language(organizer, "es")
    await services.schedules.set_digest(organizer, "organizers")
    for name in ("ann", "bob"):
        await services.actions.report(
            await actor_of(services, name), "contact", campaign_id=campaign.id
        )
    await services.scheduler.engine.advance(timedelta(days=1))
    [digest] = port.posts("organizers")
    assert digest.message.title == "Resumen diario: lun 2026-01-05"
    assert digest.message.body == "**2 acciones** de 2 personas."
    assert "Por resultado" in {f.name for f in digest.message.fields}
    assert digest.message.footer is not None and "/stats tiene más" in digest.message.footer
