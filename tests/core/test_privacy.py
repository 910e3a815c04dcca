"""The privacy service: erasure keeps totals, confirmations are single-use, retention folds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.core.privacy import EraseOutcome, RetentionJob, parse_retention
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput, NotAllowed
from bot.services import Services
from bot.settings import Settings
from bot.storage.privacy import KEPT_BY_SCHEMA, member_links

from ..storage_checks import storage_is_sound
from .actions_world import MONDAY_NOON, SANDERS, WELCH, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def totals(world: World) -> tuple[int, dict[str, int]]:
    count = await world.services.stats.campaign_count(world.campaign)
    return count.actions, await world.outcomes()


async def test_every_link_to_a_member_goes_with_them(settings: Settings) -> None:
    """Every foreign key to members cascades or is set to NULL (checked on a fresh schema)."""
    from bot.storage.migrations import migrate
    from bot.storage.open import open_database

    db = await open_database(settings)
    try:
        await migrate(db)
        links = await member_links(db)
    finally:
        await db.close()
    assert {"actions", "reminder_state", "dispatches", "erase_requests"} <= {
        link.table for link in links
    }
    assert [link for link in links if link.on_delete not in KEPT_BY_SCHEMA] == []


async def test_erasure_keeps_every_total(world: World) -> None:
    """ann's actions become anonymous counts: totals by outcome and campaign do not move."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=WELCH)
    await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id, lawmaker=SANDERS)
    await actions.report(world.bob, "contact", prompt_id=world.prompt.id)
    before = await totals(world)
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    done = await privacy.confirm_erase(world.ann, token)
    assert (done.outcome, done.actions_folded) == (EraseOutcome.ERASED, 2)
    assert await totals(world) == before == (3, {"contact": 2, "voicemail": 1})
    assert await world.count("SELECT count(*) FROM members WHERE user_id = 'ann'") == 0
    assert await world.count("SELECT count(*) FROM actions") == 1


async def test_someone_elses_confirmation_erases_nothing(world: World) -> None:
    """bob pressing ann's confirmation is told it is not his; both keep their data."""
    await world.services.actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    done = await privacy.confirm_erase(world.bob, token)
    assert done.outcome is EraseOutcome.NOT_YOURS
    assert await world.count("SELECT count(*) FROM actions") == 1
    assert (await privacy.confirm_erase(world.ann, token)).outcome is EraseOutcome.ERASED


async def test_pressing_twice_erases_once_and_leaves_no_new_row(world: World) -> None:
    """A second press (which re-registers the presser) is explained and removes that bare row."""
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    assert (await privacy.confirm_erase(world.ann, token)).outcome is EraseOutcome.ERASED
    again = await world.actor("ann")  # what the host does for the second press
    assert (await privacy.confirm_erase(again, token)).outcome is EraseOutcome.USED
    assert await world.count("SELECT count(*) FROM members WHERE user_id = 'ann'") == 0


async def test_a_stale_press_keeps_a_members_own_data(world: World) -> None:
    """Someone with saved data pressing a used confirmation loses nothing."""
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    await privacy.confirm_erase(world.ann, token)
    await world.services.actions.report(world.bob, "contact", prompt_id=world.prompt.id)
    assert (await privacy.confirm_erase(world.bob, token)).outcome is EraseOutcome.USED
    assert await world.count("SELECT count(*) FROM members WHERE user_id = 'bob'") == 1
    assert await world.count("SELECT count(*) FROM actions") == 1


async def test_a_stale_press_keeps_a_members_chosen_language(world: World) -> None:
    """A member whose only setting is their /language choice is not "bare": pressing a used
    confirmation keeps them and their language."""
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    await privacy.confirm_erase(world.ann, token)
    await world.services.members.set_language(world.bob.member, "es")
    assert (await privacy.confirm_erase(world.bob, token)).outcome is EraseOutcome.USED
    assert await world.count("SELECT count(*) FROM members WHERE language = 'es'") == 1


async def test_a_confirmation_expires_after_an_hour(world: World, clock: ManualClock) -> None:
    """An hour later the button erases nothing and says so."""
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    clock.advance(timedelta(hours=1, seconds=1))
    assert (await privacy.confirm_erase(world.ann, token)).outcome is EraseOutcome.EXPIRED
    assert await world.count("SELECT count(*) FROM members WHERE user_id = 'ann'") == 1


async def test_cancel_drops_the_confirmation(world: World) -> None:
    """After Cancel, the confirm button is used up and nothing is erased."""
    await world.services.actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    privacy = world.services.privacy
    token = await privacy.request_erase(world.ann.member)
    assert await privacy.cancel_erase(world.bob, token) is EraseOutcome.NOT_YOURS
    assert await privacy.cancel_erase(world.ann, token) is None
    assert (await privacy.confirm_erase(world.ann, token)).outcome is EraseOutcome.USED
    assert await world.count("SELECT count(*) FROM actions") == 1


async def test_the_data_lists_every_linked_row(world: World) -> None:
    """data() has the members row and the member's actions and roll-up, nobody else's."""
    await world.services.actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    await world.services.actions.report(world.bob, "contact", prompt_id=world.prompt.id)
    data = await world.services.privacy.data(world.ann.member)
    assert data.member["user_id"] == "ann"
    assert sorted(data.linked) == [
        "action_counts_by_member",
        "action_member_days",
        "action_member_months",
        "action_member_totals",
        "actions",
        "one_tap_marks",
    ]
    assert [a["member_id"] for a in data.linked["actions"]] == [world.ann.member.id]


@pytest.mark.parametrize(
    ("text", "days"), [("30", 30), (" 7 days ", 7), ("90d", 90), ("off", None), ("never", None)]
)
def test_retention_periods_parse(text: str, days: int | None) -> None:
    """Days, '7 days', '90d' and off are understood."""
    assert parse_retention(text) == days


@pytest.mark.parametrize("text", ["", "0", "3651", "-5", "a month", "1e3"])
def test_bad_retention_periods_are_explained(text: str) -> None:
    """Anything else gets the rule in a sentence."""
    with pytest.raises(InvalidInput, match="from 1 to 3650, or off"):
        parse_retention(text)


async def test_only_organizers_set_retention(world: World) -> None:
    """A member cannot set the retention period, whatever the platform shows."""
    with pytest.raises(NotAllowed):
        await world.services.privacy.set_retention(world.ann, "30")
    assert await world.services.privacy.retention(world.ann.community.id) is None


async def test_the_daily_job_folds_old_actions_only(world: World, clock: ManualClock) -> None:
    """With 30 days, the job folds ann's old action at its daily run and keeps bob's recent one."""
    services = world.services
    await services.actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    clock.advance(timedelta(days=20))
    await services.actions.report(world.bob, "voicemail", prompt_id=world.prompt.id)
    await services.privacy.set_retention(world.olga, "30")
    before = await totals(world)
    await services.scheduler.engine.advance(timedelta(days=9))
    assert await world.count() == 2  # nothing is 30 days old yet
    fired = await services.scheduler.engine.advance(timedelta(days=2))
    assert [f.text for f in fired if f.text.startswith("retention")] == [
        f"retention: 1 action of community {world.olga.community.id} folded into anonymous counts"
    ]
    assert await world.count("SELECT member_id FROM actions") == world.bob.member.id
    assert await totals(world) == before
    assert await world.count("SELECT sum(actions) FROM anonymous_action_counts") == 1


class CountingPrivacy:
    """Stands in for the service: counts the folds the job asks for."""

    def __init__(self) -> None:
        self.runs: list[datetime] = []

    async def fold_expired(self, now: datetime) -> list[tuple[int, int]]:
        self.runs.append(now)
        return []


async def test_the_job_runs_once_a_day_at_its_time() -> None:
    """First tick runs; later ticks that day do not; 03:30 UTC the next day runs again."""
    privacy = CountingPrivacy()
    job = RetentionJob(privacy, at=time(3, 30))  # type: ignore[arg-type]
    day = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
    for moment in (day, day.replace(hour=23), day + timedelta(hours=10, minutes=29)):
        await job.run_due(moment)
    assert privacy.runs == [day]
    assert await job.next_due(day) == datetime(2026, 1, 6, 3, 30, tzinfo=UTC)
    await job.run_due(datetime(2026, 1, 6, 3, 30, tzinfo=UTC))
    assert len(privacy.runs) == 2


async def rollups_match(world: World) -> bool:
    """The per-day roll-up equals members' rows plus anonymous counts."""
    db = world.services.db
    counted = await db.fetchall(
        "SELECT campaign_id, day, outcome, CAST(sum(n) AS BIGINT) FROM ("
        "SELECT campaign_id, day, outcome, count(*) AS n FROM actions GROUP BY 1, 2, 3 "
        "UNION ALL SELECT campaign_id, day, outcome, actions FROM anonymous_action_counts"
        ") AS c GROUP BY 1, 2, 3"
    )
    rollup = await db.fetchall(
        "SELECT campaign_id, day, outcome, actions FROM action_counts_by_day"
    )
    return sorted(map(tuple, counted)) == sorted(map(tuple, rollup))


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_interleaved_reports_and_erasures_keep_the_books(
    world: World, clock: ManualClock, seed: int
) -> None:
    """Random reports, withdrawals and erasures over days: totals hold and the DB stays sound."""
    rng = random.Random(seed)
    services = world.services
    names = ["ann", "bob", "cat", "dan"]
    for _ in range(60):
        actor = await world.actor(rng.choice(names))
        outcome = rng.choice(["contact", "voicemail", "unreachable"])
        step = rng.random()
        if step < 0.6:
            await services.actions.report(actor, outcome, prompt_id=world.prompt.id)
        elif step < 0.75:
            await services.actions.withdraw(actor, outcome, prompt_id=world.prompt.id)
        elif step < 0.9:
            before = await totals(world)
            token = await services.privacy.request_erase(actor.member)
            await services.privacy.confirm_erase(actor, token)
            assert await totals(world) == before
        else:
            clock.advance(timedelta(hours=rng.randint(1, 30)))
        assert await rollups_match(world)
    await storage_is_sound(services.db)
