"""Recording actions: counted once, replaced, withdrawn, capped; bad input refused cleanly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.action_models import NOTE_MAX, Change
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.errors import Conflict, InvalidInput, NotFound, RateLimited
from bot.services import Services
from bot.storage.members import MemberRepository
from bot.storage.prompts import PromptRepository

from .actions_world import BALINT, MONDAY_NOON, SANDERS, WELCH, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def test_a_report_is_recorded_once(world: World) -> None:
    """The same report twice is one action; the second changes nothing."""
    actions = world.services.actions
    first = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    again = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert (first.change, again.change) == (Change.RECORDED, Change.UNCHANGED)
    assert first.action is not None and again.action is not None
    assert first.action.id == again.action.id > 0
    assert await world.outcomes() == {"contact": 1}
    assert await world.consistent()


async def test_another_outcome_replaces_the_recorded_one(world: World) -> None:
    """Voicemail, then made contact, on the same prompt: one action, now made contact."""
    actions = world.services.actions
    await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id)
    result = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert (result.change, result.previous) == (Change.REPLACED, "voicemail")
    assert await world.outcomes() == {"contact": 1}
    assert await world.consistent()


async def test_a_withdrawal_must_name_the_recorded_outcome(world: World) -> None:
    """Withdrawing voicemail leaves a recorded contact alone; withdrawing contact removes it."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    other = await actions.withdraw(world.ann, "voicemail", prompt_id=world.prompt.id)
    assert other.change is Change.NOTHING
    assert await world.outcomes() == {"contact": 1}
    same = await actions.withdraw(world.ann, "contact", prompt_id=world.prompt.id)
    assert (same.change, same.previous) == (Change.RETRACTED, "contact")
    assert await world.count() == 0
    assert await world.outcomes() == {}


async def test_a_reaction_on_the_prompt_records_and_its_removal_withdraws(world: World) -> None:
    """📞 added on the prompt's message counts as made contact; removed, it no longer counts."""
    actions = world.services.actions
    added = await actions.react(world.ann, "general", "m1", "📞", True)
    assert added is not None and added.change is Change.RECORDED
    assert added.action is not None and added.action.outcome == "contact"
    assert added.prompt_id == world.prompt.id
    removed = await actions.react(world.ann, "general", "m1", "📞", False)
    assert removed is not None and removed.change is Change.RETRACTED
    assert await world.count() == 0


@pytest.mark.parametrize(
    ("emoji", "outcome"),
    [
        ("📫", "voicemail"),
        ("📪", "voicemail"),
        ("📬", "voicemail"),
        ("📭", "voicemail"),
        ("🚫", "unreachable"),
        ("⛔", "unreachable"),
        ("⛔\ufe0f", "unreachable"),
        ("☎\ufe0f", "contact"),
        (":mailbox:", "voicemail"),
        (":no_entry:", "unreachable"),
        (":telephone_receiver:", "contact"),
    ],
)
async def test_the_default_reaction_map(world: World, emoji: str, outcome: str) -> None:
    """Each default emoji (with or without a variation selector, or by Slack name) maps."""
    result = await world.services.actions.react(world.ann, "general", "m1", emoji, True)
    assert result is not None and result.action is not None
    assert result.action.outcome == outcome


async def test_removing_the_earlier_reaction_keeps_the_later_one_counted(world: World) -> None:
    """📞 then 📫 (voicemail counts); removing 📞 leaves the voicemail counted, unchanged."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📞", True)
    await actions.react(world.ann, "general", "m1", "📫", True)
    removed = await actions.react(world.ann, "general", "m1", "📞", False)
    assert removed is not None and removed.change is Change.UNCHANGED
    assert not removed.counted
    assert await world.outcomes() == {"voicemail": 1}


async def test_an_unmapped_reaction_is_ignored(world: World) -> None:
    """👍 on a prompt means nothing: no result, nothing stored."""
    assert await world.services.actions.react(world.ann, "general", "m1", "👍", True) is None
    assert await world.count() == 0


async def test_a_reaction_on_another_message_is_ignored(world: World) -> None:
    """📞 on a message that is not a prompt (or in another channel) is silently ignored."""
    actions = world.services.actions
    assert await actions.react(world.ann, "general", "m99", "📞", True) is None
    assert await actions.react(world.ann, "random", "m1", "📞", True) is None
    assert await world.count() == 0


async def test_a_button_for_an_unknown_prompt_is_refused(world: World) -> None:
    """A prompt id that does not exist (or is another community's) records nothing."""
    with pytest.raises(NotFound, match="no longer available"):
        await world.services.actions.report(world.ann, "contact", prompt_id=999)
    assert await world.count() == 0


async def test_a_button_for_a_deleted_prompt_is_refused(world: World) -> None:
    """Once a prompt is deleted its old buttons record nothing."""
    other = await world.post(message="m2")
    await PromptRepository(world.services.db).delete(other.id)
    with pytest.raises(NotFound, match="no longer available"):
        await world.services.actions.report(world.ann, "contact", prompt_id=other.id)
    assert await world.count() == 0


async def test_an_archived_campaign_takes_no_reports_and_keeps_its_counts(world: World) -> None:
    """After archiving, neither a new report nor a withdrawal changes the counts."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    await world.services.campaigns.set_status(
        world.olga, world.campaign.slug, CampaignStatus.ARCHIVED
    )
    with pytest.raises(Conflict, match="archived"):
        await actions.report(world.bob, "contact", prompt_id=world.prompt.id)
    with pytest.raises(Conflict, match="archived"):
        await actions.withdraw(world.ann, "contact", prompt_id=world.prompt.id)
    assert await world.outcomes() == {"contact": 1}


async def test_an_outcome_the_campaign_does_not_have_is_refused(world: World) -> None:
    """A forged button value naming an unknown outcome stores nothing."""
    with pytest.raises(InvalidInput, match="not an outcome this campaign counts"):
        await world.services.actions.report(world.ann, "signed", prompt_id=world.prompt.id)
    assert await world.count() == 0


@pytest.mark.parametrize(("lawmaker", "error"), [("X999999", NotFound), ("'; drop", InvalidInput)])
async def test_an_unknown_lawmaker_is_refused(
    world: World, lawmaker: str, error: type[Exception]
) -> None:
    """A lawmaker id that is malformed or not a sitting member records nothing."""
    with pytest.raises(error):
        await world.services.actions.report(
            world.ann, "contact", prompt_id=world.prompt.id, lawmaker=lawmaker
        )
    assert await world.count() == 0


async def test_each_lawmaker_is_its_own_action(world: World) -> None:
    """Per-lawmaker reports on one prompt count one action per lawmaker."""
    actions = world.services.actions
    for lawmaker in (SANDERS, WELCH, BALINT):
        await actions.report(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=lawmaker)
    await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id, lawmaker=WELCH)
    assert await world.outcomes() == {"contact": 2, "voicemail": 1}
    assert await world.consistent()


async def test_the_daily_cap_refuses_with_a_friendly_message(world: World) -> None:
    """Past the cap for one lawmaker in a day, the report is refused, naming the lawmaker."""
    actions = world.services.actions
    cap = actions.daily_cap
    prompts = [world.prompt] + [await world.post(message=f"m{i}") for i in range(2, cap + 2)]
    for prompt in prompts[:cap]:
        await actions.report(world.ann, "contact", prompt_id=prompt.id, lawmaker=SANDERS)
    with pytest.raises(RateLimited, match=f"already reported {cap} calls to Sen. Sanders today"):
        await actions.report(world.ann, "contact", prompt_id=prompts[cap].id, lawmaker=SANDERS)
    assert await world.count() == cap


async def test_the_cap_allows_replacing_and_other_lawmakers(world: World) -> None:
    """At the cap, changing a recorded outcome and reporting on another lawmaker still work."""
    actions = world.services.actions
    prompts = [world.prompt] + [await world.post(message=f"m{i}") for i in range(2, 7)]
    for prompt in prompts[:5]:
        await actions.report(world.ann, "contact", prompt_id=prompt.id, lawmaker=SANDERS)
    changed = await actions.report(
        world.ann, "voicemail", prompt_id=prompts[0].id, lawmaker=SANDERS
    )
    other = await actions.report(world.ann, "contact", prompt_id=prompts[5].id, lawmaker=WELCH)
    assert (changed.change, other.change) == (Change.REPLACED, Change.RECORDED)


async def test_the_cap_opens_again_the_next_day(world: World, clock: ManualClock) -> None:
    """A member at the cap can report again the next day (in their own time zone)."""
    actions = world.services.actions
    prompts = [world.prompt] + [await world.post(message=f"m{i}") for i in range(2, 7)]
    for prompt in prompts[:5]:
        await actions.report(world.ann, "contact", prompt_id=prompt.id, lawmaker=SANDERS)
    clock.advance(timedelta(days=1))
    result = await actions.report(world.ann, "contact", prompt_id=prompts[5].id, lawmaker=SANDERS)
    assert result.change is Change.RECORDED


async def test_withdrawn_actions_do_not_count_towards_the_cap(world: World) -> None:
    """Reporting and withdrawing again and again never reaches the cap."""
    actions = world.services.actions
    for _ in range(actions.daily_cap + 3):
        await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
        await actions.withdraw(world.ann, "contact", prompt_id=world.prompt.id)
    result = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert result.change is Change.RECORDED


async def test_an_erased_member_starts_afresh(world: World) -> None:
    """Deleting a member deletes their actions; the same user's next event is a new member."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    await actions.report(world.bob, "voicemail", prompt_id=world.prompt.id)
    await MemberRepository(world.services.db).delete(world.ann.member.id)
    assert await world.outcomes() == {"voicemail": 1}
    again = await world.actor("ann")
    assert again.member.id != world.ann.member.id
    result = await actions.report(again, "contact", prompt_id=world.prompt.id)
    assert result.change is Change.RECORDED
    assert await world.outcomes() == {"voicemail": 1, "contact": 1}
    assert await world.consistent()


async def test_a_report_arriving_after_erasure_is_not_stored(world: World) -> None:
    """An event already under way when its member is erased stores nothing for them."""
    await MemberRepository(world.services.db).delete(world.ann.member.id)
    with pytest.raises(NotFound, match="erased"):
        await world.services.actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert await world.count() == 0


async def test_a_script_without_a_prompt_counts_once_per_lawmaker_per_day(
    world: World, clock: ManualClock
) -> None:
    """From /script (no prompt): repeats the same day are one action; the next day is new."""
    actions = world.services.actions
    campaign_id = world.campaign.id
    first = await actions.report(world.ann, "contact", campaign_id=campaign_id, lawmaker=SANDERS)
    again = await actions.report(world.ann, "contact", campaign_id=campaign_id, lawmaker=SANDERS)
    clock.advance(timedelta(days=1))
    later = await actions.report(world.ann, "contact", campaign_id=campaign_id, lawmaker=SANDERS)
    assert [r.change for r in (first, again, later)] == [
        Change.RECORDED,
        Change.UNCHANGED,
        Change.RECORDED,
    ]
    assert first.action is not None and first.action.prompt_id is None
    assert await world.count() == 2


async def test_a_note_is_saved_on_one_line(world: World) -> None:
    """A note on a made-contact report is kept as one line of plain text."""
    actions = world.services.actions
    result = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert result.action is not None
    saved = await actions.add_note(world.ann, result.action.id, "  undecided,\n\tcall back\x07 ")
    assert saved.note == "undecided, call back"


async def test_an_over_long_note_is_refused_and_nothing_changes(world: World) -> None:
    """A note over the limit gets a clear message; the action keeps no note."""
    actions = world.services.actions
    result = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert result.action is not None
    with pytest.raises(InvalidInput, match=f"at most {NOTE_MAX}"):
        await actions.add_note(world.ann, result.action.id, "x" * (NOTE_MAX + 1))
    assert await world.count("SELECT count(*) FROM actions WHERE note IS NOT NULL") == 0


async def test_a_note_needs_the_members_own_contact(world: World) -> None:
    """No note on a voicemail, nor on someone else's action."""
    actions = world.services.actions
    voicemail = await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id)
    contact = await actions.report(world.bob, "contact", prompt_id=world.prompt.id)
    assert voicemail.action is not None and contact.action is not None
    with pytest.raises(Conflict, match="made contact"):
        await actions.add_note(world.ann, voicemail.action.id, "undecided")
    with pytest.raises(NotFound):
        await actions.add_note(world.ann, contact.action.id, "undecided")


async def test_a_changed_outcome_drops_the_note(world: World) -> None:
    """A note belongs to the conversation it describes: replacing the outcome clears it."""
    actions = world.services.actions
    result = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert result.action is not None
    await actions.add_note(world.ann, result.action.id, "supports the bill")
    await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id)
    assert await world.count("SELECT count(*) FROM actions WHERE note IS NOT NULL") == 0


async def test_undo_withdraws_the_members_own_action(world: World) -> None:
    """Undo withdraws it; an Undo pressed again finds nothing to withdraw."""
    actions = world.services.actions
    result = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert result.action is not None
    undone = await actions.undo(world.ann, result.action.id, "contact")
    assert undone.change is Change.RETRACTED
    with pytest.raises(NotFound):
        await actions.undo(world.ann, result.action.id, "contact")
    assert await world.count() == 0


async def test_undo_of_a_replaced_report_changes_nothing(world: World) -> None:
    """An old Undo (for voicemail) leaves the report changed since to contact alone."""
    actions = world.services.actions
    first = await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id)
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert first.action is not None
    undone = await actions.undo(world.ann, first.action.id, "voicemail")
    assert undone.change is Change.NOTHING
    assert await world.outcomes() == {"contact": 1}


async def test_acted_between_sees_actions_in_the_window(world: World, clock: ManualClock) -> None:
    """acted_between is true for a window holding the action, false before and after."""
    actions = world.services.actions
    community, member = world.ann.community.id, world.ann.member.id
    day = datetime(2026, 1, 5, 5, 0, tzinfo=UTC)  # midnight in New York
    assert not await actions.acted_between(community, member, day, day + timedelta(days=1))
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert await actions.acted_between(community, member, day, day + timedelta(days=1))
    next_day = day + timedelta(days=1)
    assert not await actions.acted_between(community, member, next_day, next_day + timedelta(1))
    await actions.withdraw(world.ann, "contact", prompt_id=world.prompt.id)
    assert not await actions.acted_between(community, member, day, day + timedelta(days=1))


async def test_days_are_the_communitys_and_the_members_own(
    world: World, clock: ManualClock
) -> None:
    """At 9 p.m. in Los Angeles it is already tomorrow in New York: each day is stored."""
    services = world.services
    member = await services.members.set_timezone(world.ann.member, "America/Los_Angeles")
    actor = type(world.ann)(world.ann.community, member)
    clock.set(datetime(2026, 1, 6, 5, 30, tzinfo=UTC))
    result = await services.actions.report(actor, "contact", prompt_id=world.prompt.id)
    assert result.action is not None
    assert (result.action.day, result.action.member_day) == ("2026-01-06", "2026-01-05")


async def test_a_members_zip_gives_their_day_without_a_saved_zone(
    world: World, clock: ManualClock
) -> None:
    """A member with ZIP 94110 (San Francisco) and no zone gets Pacific days."""
    services = world.services
    member = await services.members.set_location(world.ann.member, "94110", "CA-11")
    actor = type(world.ann)(world.ann.community, member)
    clock.set(datetime(2026, 1, 6, 5, 30, tzinfo=UTC))
    result = await services.actions.report(actor, "contact", prompt_id=world.prompt.id)
    assert result.action is not None and result.action.member_day == "2026-01-05"
