"""Sends a stop cut off are counted for organizers: in the next digest, or by DM without one.

A row left 'sending' in the dispatch log is what a process killed mid-send leaves behind; the
first tick of the next start finds it (these tests write such rows, then tick).
"""

from __future__ import annotations

from datetime import timedelta

from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock, iso
from bot.domain.models import Actor
from bot.domain.schedule_models import DispatchKind
from bot.scheduling.interruptions import FIELD, TITLE
from bot.services import Services
from bot.storage.directory_seen import DirectorySeenRepository
from bot.storage.members import MemberRepository
from bot.storage.schedules import DispatchRepository

from .conftest import RecordingPort, actor_of


async def cut_off(services: Services, clock: ManualClock, reminders: int, prompts: int = 0) -> None:
    """What a process killed mid-send leaves: rows still 'sending'."""
    dispatches = DispatchRepository(services.db)
    for n in range(reminders):
        member = (await actor_of(services, f"member{n}")).member
        await dispatches.claim(
            member.community_id,
            DispatchKind.REMINDER if n % 2 == 0 else DispatchKind.SNOOZE,
            f"member:{member.id}",
            clock.now().date().isoformat(),
            clock.now(),
            member_id=member.id,
        )
    for n in range(prompts):
        community = (await actor_of(services, "olga", organizer=True)).community
        await dispatches.claim(
            community.id, DispatchKind.PROMPT, "schedule:999", f"slot-{n}", clock.now()
        )


async def test_the_next_digest_counts_them_once(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """Three reminders (a snoozed one among them) and a prompt cut off: the next morning's
    digest says so in one field, the one after does not, and nobody gets a DM about it."""
    await services.schedules.set_digest(organizer, "organizers")
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await cut_off(services, clock, reminders=3, prompts=1)
    await services.scheduler.engine.advance(timedelta(days=2))
    first, second = port.posts("organizers")
    fields = {f.name: f.value for f in first.message.fields}
    assert fields[str(FIELD)].startswith(
        "Since the last digest the bot was stopped while sending 3 daily reminders and "
        "1 scheduled prompt. They were not sent again, so nothing arrives twice"
    )
    assert str(FIELD) not in {f.name for f in second.message.fields}
    assert not [s for s in port.dms(organizer.member.user_id) if s.message.title == str(TITLE)]


async def test_without_a_digest_the_organizers_who_made_schedules_get_a_dm(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """No digest: the organizer who made the community's schedule is DMed the count at the
    first tick, once."""
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    await cut_off(services, clock, reminders=2)
    await services.scheduler.engine.tick()
    clock.advance(timedelta(minutes=1))
    await services.scheduler.engine.tick()
    [told] = [s for s in port.dms(organizer.member.user_id) if s.message.title == str(TITLE)]
    assert told.message.body.startswith(
        "The bot was stopped while sending 2 daily reminders. They were not sent again"
    )
    assert "Members' next reminders come as usual." in told.message.body


async def test_nobody_known_to_tell_keeps_them_for_a_digest_set_up_later(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """No digest and no schedule (so no organizer the bot knows): the count waits, and the
    first digest set up afterwards says it."""
    await cut_off(services, clock, reminders=1)
    await services.scheduler.engine.tick()
    assert port.sent == []
    await services.schedules.set_digest(organizer, "organizers")
    await services.scheduler.engine.advance(timedelta(days=1))
    [digest] = port.posts("organizers")
    fields = {f.name: f.value for f in digest.message.fields}
    assert "stopped while sending 1 daily reminder." in fields[str(FIELD)]


async def ask_cut_off(services: Services, clock: ManualClock, name: str) -> None:
    """What a process killed while a member's ask to confirm their district was on its way
    leaves: the ask claimed, and still 'sending'."""
    member = (await actor_of(services, name)).member
    await MemberRepository(services.db).update(member.id, district_check="moved")
    assert await DirectorySeenRepository(services.db).claim_ask(member.id, iso(clock.now()))


async def test_a_cut_off_district_ask_is_counted_in_the_same_digest_line(
    services: Services,
    port: RecordingPort,
    organizer: Actor,
    campaign: Campaign,
    clock: ManualClock,
) -> None:
    """Reminders and an ask to confirm a district cut off by the same stop: one sentence counts
    both, says the member's scripts keep asking, and the ask is not sent again."""
    await services.schedules.set_digest(organizer, "organizers")
    await cut_off(services, clock, reminders=2)
    await ask_cut_off(services, clock, "ann")
    await services.scheduler.engine.advance(timedelta(days=2))
    first, second = port.posts("organizers")
    fields = {f.name: f.value for f in first.message.fields}
    assert fields[str(FIELD)].startswith(
        "Since the last digest the bot was stopped while sending 2 daily reminders and "
        "1 district confirmation ask. They were not sent again"
    )
    assert "scripts and /myreps keep asking them to confirm their district" in fields[str(FIELD)]
    assert str(FIELD) not in {f.name for f in second.message.fields}
    assert port.dms("ann") == []
