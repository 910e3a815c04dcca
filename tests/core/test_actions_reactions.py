"""Several reactions, buttons and per-lawmaker reports from one member: what is counted always
follows what is still there, once, through redelivery, restarts, retention and erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import build_services, close_services
from bot.domain.action_models import Change, OneTap
from bot.domain.clock import ManualClock, iso
from bot.services import Services
from bot.storage.privacy import PrivacyRepository

from .actions_world import MONDAY_NOON, SANDERS, WELCH, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def counted(world: World) -> list[tuple[str, str]]:
    """(lawmaker, outcome) of every stored action, sorted."""
    rows = await world.services.db.fetchall("SELECT lawmaker, outcome FROM actions ORDER BY 1, 2")
    return [(row[0], row[1]) for row in rows]


async def test_removing_the_later_reaction_falls_back_to_the_earlier(world: World) -> None:
    """📞 then 📫: voicemail counts; /unreact 📫 leaves made contact counted, not nothing."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📞", True)
    await actions.react(world.ann, "general", "m1", "📫", True)
    assert await counted(world) == [("", "voicemail")]
    back = await actions.react(world.ann, "general", "m1", "📫", False)
    assert back is not None and (back.change, back.previous) == (Change.REPLACED, "voicemail")
    assert back.action is not None and back.action.outcome == "contact"
    assert await counted(world) == [("", "contact")]
    gone = await actions.react(world.ann, "general", "m1", "📞", False)
    assert gone is not None and gone.change is Change.RETRACTED
    assert await counted(world) == []
    assert await world.consistent()


async def test_two_emoji_of_one_outcome_count_once_until_both_are_gone(world: World) -> None:
    """📫 and 📪 both mean voicemail: one action; removing one keeps it; removing both ends it."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📫", True)
    await actions.react(world.ann, "general", "m1", "📪", True)
    assert await counted(world) == [("", "voicemail")]
    await actions.react(world.ann, "general", "m1", "📫", False)
    assert await counted(world) == [("", "voicemail")]
    await actions.react(world.ann, "general", "m1", "📪", False)
    assert await counted(world) == []


async def test_a_redelivered_reaction_counts_once(world: World) -> None:
    """The same reaction event twice, and its removal twice: one action, then none."""
    actions = world.services.actions
    first = await actions.react(world.ann, "general", "m1", "📞", True)
    again = await actions.react(world.ann, "general", "m1", "📞", True)
    assert first is not None and again is not None
    assert (first.change, again.change) == (Change.RECORDED, Change.UNCHANGED)
    assert await world.outcomes() == {"contact": 1}
    await actions.react(world.ann, "general", "m1", "📞", False)
    twice = await actions.react(world.ann, "general", "m1", "📞", False)
    assert twice is not None and twice.change is Change.NOTHING
    assert await world.outcomes() == {}


async def test_the_reactions_still_there_count_after_a_restart(
    world: World, clock: ManualClock
) -> None:
    """📞 and 📫 before a restart; after it, removing 📫 falls back to 📞 (kept in the DB)."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📞", True)
    await actions.react(world.ann, "general", "m1", "📫", True)
    restarted = await build_services(world.services.settings, clock)
    try:
        ann = await restarted.members.actor(
            world.ann.community.platform, world.ann.community.external_id, "ann", False
        )
        redelivered = await restarted.actions.react(ann, "general", "m1", "📫", True)
        assert redelivered is not None and redelivered.change is Change.UNCHANGED
        back = await restarted.actions.react(ann, "general", "m1", "📫", False)
        assert back is not None and back.action is not None
        assert back.action.outcome == "contact"
    finally:
        await close_services(restarted)
    assert await counted(world) == [("", "contact")]


async def test_a_reaction_and_the_scripts_buttons_count_the_calls_once(world: World) -> None:
    """📞 on the prompt, then two script buttons on it: two actions (the lawmakers'), not
    three; withdrawing both brings the reaction's count back."""
    actions = world.services.actions
    prompt = world.prompt.id
    await actions.react(world.ann, "general", "m1", "📞", True)
    first = await actions.report(world.ann, "contact", prompt_id=prompt, lawmaker=SANDERS)
    assert first.one_tap is OneTap.COVERED
    await actions.report(world.ann, "voicemail", prompt_id=prompt, lawmaker=WELCH)
    assert await counted(world) == [(SANDERS, "contact"), (WELCH, "voicemail")]
    late = await actions.react(world.ann, "general", "m1", "📫", True)
    assert late is not None and late.change is Change.COVERED and not late.counted
    assert await counted(world) == [(SANDERS, "contact"), (WELCH, "voicemail")]
    await actions.withdraw(world.ann, "contact", prompt_id=prompt, lawmaker=SANDERS)
    last = await actions.withdraw(world.ann, "voicemail", prompt_id=prompt, lawmaker=WELCH)
    assert last.one_tap is OneTap.RESTORED
    assert await counted(world) == [("", "voicemail")]
    assert await world.consistent()


async def test_script_buttons_without_a_prompt_cover_that_days_reaction(world: World) -> None:
    """The reminder's script (no prompt) and a reaction on the day's prompt: counted once."""
    actions = world.services.actions
    campaign = world.campaign.id
    await actions.report(world.ann, "contact", campaign_id=campaign, lawmaker=SANDERS)
    tapped = await actions.react(world.ann, "general", "m1", "📞", True)
    assert tapped is not None and tapped.change is Change.COVERED
    assert await counted(world) == [(SANDERS, "contact")]


async def test_another_days_script_buttons_leave_a_reaction_counted(
    world: World, clock: ManualClock
) -> None:
    """Monday's reaction and Tuesday's per-lawmaker report are different calls: both count."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📞", True)
    clock.advance(timedelta(days=1))
    await actions.report(world.ann, "contact", campaign_id=world.campaign.id, lawmaker=SANDERS)
    assert await counted(world) == [("", "contact"), (SANDERS, "contact")]


async def test_undo_of_the_button_leaves_a_reaction_counted(world: World) -> None:
    """The outcome button, then 📫: Undo of the button leaves the reaction's voicemail counted
    and says which mark keeps it."""
    actions = world.services.actions
    pressed = await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    assert pressed.action is not None
    await actions.react(world.ann, "general", "m1", "📫", True)
    undone = await actions.undo(world.ann, pressed.action.id, "contact")
    assert undone.kept_by == "📫"
    assert await counted(world) == [("", "voicemail")]


async def test_erasure_takes_the_marks_and_keeps_the_totals(world: World) -> None:
    """After /forgetme no mark is left, and a late removal of the reaction changes nothing."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📞", True)
    await actions.react(world.ann, "general", "m1", "📫", True)
    privacy = world.services.privacy
    await privacy.confirm_erase(world.ann, await privacy.request_erase(world.ann.member))
    assert await world.count("SELECT count(*) FROM one_tap_marks") == 0
    ann = await world.actor("ann")
    late = await actions.react(ann, "general", "m1", "📫", False)
    assert late is not None and late.change is Change.NOTHING
    assert await world.count("SELECT sum(actions) FROM action_counts_by_day") == 1


async def test_retention_drops_the_marks_of_folded_days(world: World, clock: ManualClock) -> None:
    """Folded by retention: Monday's covered reaction never counts again, even when the
    per-lawmaker report that covered it is gone."""
    actions = world.services.actions
    await actions.react(world.ann, "general", "m1", "📞", True)
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=SANDERS)
    clock.advance(timedelta(days=3))
    repo = PrivacyRepository(world.services.db)
    folded = await repo.fold_before(world.ann.community.id, iso(MONDAY_NOON + timedelta(days=1)))
    assert folded == 1
    assert await world.count("SELECT count(*) FROM one_tap_marks") == 0
    assert await world.count("SELECT sum(actions) FROM action_counts_by_day") == 1
