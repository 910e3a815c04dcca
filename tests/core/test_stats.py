"""Results: summaries, the leaderboard, notes, the export and a member's own stats."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.clock import ManualClock
from bot.core.periods import ALL, Period
from bot.services import Services

from .actions_world import BALINT, MONDAY_NOON, SANDERS, WELCH, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def two_days(world: World, clock: ManualClock) -> None:
    """Monday: ann 📞 Sanders + Welch, bob 📫 (no lawmaker). Tuesday: cat 🚫 Balint."""
    actions = world.services.actions
    p = world.prompt.id
    await actions.report(world.ann, "contact", prompt_id=p, lawmaker=SANDERS)
    await actions.report(world.ann, "contact", prompt_id=p, lawmaker=WELCH)
    await actions.report(world.bob, "voicemail", prompt_id=p)
    clock.advance(timedelta(days=1))
    await actions.report(world.cat, "unreachable", prompt_id=p, lawmaker=BALINT)


async def test_a_campaign_summary_counts_everything(world: World, clock: ManualClock) -> None:
    """Totals, members, outcomes, days, lawmakers and places of a campaign, all time."""
    await two_days(world, clock)
    found = await world.services.stats.summary_for(
        world.olga.community.id, world.campaign.id, ALL, world.campaign
    )
    assert (found.total, found.members) == (4, 3)
    assert found.by_outcome == {"contact": 2, "unreachable": 1, "voicemail": 1}
    assert found.by_day == {
        date(2026, 1, 5): {"contact": 2, "voicemail": 1},
        date(2026, 1, 6): {"unreachable": 1},
    }
    assert found.by_lawmaker == {
        SANDERS: {"contact": 1},
        WELCH: {"contact": 1},
        "": {"voicemail": 1},
        BALINT: {"unreachable": 1},
    }
    assert found.by_place == {"VT": 2, "VT-AL": 1}
    assert (found.first, found.last) == (date(2026, 1, 5), date(2026, 1, 6))


async def test_the_summary_contract_takes_instants(world: World, clock: ManualClock) -> None:
    """summary(start, end) counts the community's days the window touches: Monday only."""
    await two_days(world, clock)
    monday = datetime(2026, 1, 5, 5, 0, tzinfo=UTC)  # midnight in New York
    found = await world.services.stats.summary(
        world.olga.community.id, None, monday, monday + timedelta(days=1)
    )
    assert (found.total, found.members, found.by_outcome) == (
        3,
        2,
        {"contact": 2, "voicemail": 1},
    )
    assert list(found.by_day) == [date(2026, 1, 5)]


async def test_goal_progress_counts_the_campaign_all_time(world: World, clock: ManualClock) -> None:
    """The goal's progress is the campaign's total, whatever the period shown."""
    campaign = world.campaign
    services = world.services
    fields = {
        "title": campaign.title,
        "ask": campaign.ask,
        "background": campaign.background,
        "script": campaign.script,
        "goal": "8",
    }
    with_goal = await services.campaigns.update(world.olga, campaign.id, fields)
    await two_days(world, clock)
    tuesday = Period(date(2026, 1, 6), date(2026, 1, 6), "Tuesday")
    found = await services.stats.summary_for(
        world.olga.community.id, campaign.id, tuesday, with_goal
    )
    assert (found.total, found.goal, found.goal_total, found.goal_progress) == (1, 8, 4, 0.5)


async def test_anonymous_counts_keep_totals_when_rows_move(
    world: World, clock: ManualClock
) -> None:
    """Folding a member's rows into anonymous daily counts changes no total (issue 9's way)."""
    await two_days(world, clock)
    stats, db = world.services.stats, world.services.db
    community, campaign = world.olga.community.id, world.campaign.id
    before = await stats.summary_for(community, campaign, ALL)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO anonymous_action_counts "
            "(community_id, campaign_id, day, lawmaker, outcome, actions) "
            "SELECT community_id, campaign_id, day, lawmaker, outcome, count(*) FROM actions "
            "WHERE member_id = ? GROUP BY 1, 2, 3, 4, 5",
            (world.ann.member.id,),
        )
        await tx.execute("DELETE FROM actions WHERE member_id = ?", (world.ann.member.id,))
    after = await stats.summary_for(community, campaign, ALL)
    assert (after.total, after.by_outcome, after.by_day, after.by_lawmaker) == (
        before.total,
        before.by_outcome,
        before.by_day,
        before.by_lawmaker,
    )
    assert after.members == before.members - 1
    assert await world.count() == 2


async def test_a_period_covering_all_data_answers_as_all_time(
    world: World, clock: ManualClock
) -> None:
    """A long range holding every day gives the same counts as all time."""
    await two_days(world, clock)
    stats = world.services.stats
    community = world.olga.community.id
    wide = Period(date(2025, 1, 1), date(2026, 12, 31), "wide")
    everything = await stats.summary_for(community, None, ALL)
    ranged = await stats.summary_for(community, None, wide)
    assert (ranged.total, ranged.members, ranged.by_lawmaker) == (
        everything.total,
        everything.members,
        everything.by_lawmaker,
    )
    monday = await stats.summary_for(
        community, None, Period(date(2026, 1, 5), date(2026, 1, 5), "m")
    )
    assert (monday.total, monday.members) == (3, 2)


async def test_the_leaderboard_leaves_out_members_who_opted_out(
    world: World, clock: ManualClock
) -> None:
    """Top members by actions; one who opted out is not listed but still counts in totals."""
    await two_days(world, clock)
    services = world.services
    await services.members.set_leaderboard_opt_out(world.ann.member, True)
    board = await services.stats.leaderboard(world.olga.community, ALL)
    assert board.top == (("bob", 1), ("cat", 1))
    assert (board.total, board.members) == (4, 3)
    await services.members.set_leaderboard_opt_out(world.ann.member, False)
    board = await services.stats.leaderboard(world.olga.community, ALL)
    assert board.top[0] == ("ann", 2)


async def test_the_leaderboard_counts_only_the_period(world: World, clock: ManualClock) -> None:
    """Over Tuesday alone only cat's action counts."""
    await two_days(world, clock)
    tuesday = Period(date(2026, 1, 6), date(2026, 1, 6), "Tuesday")
    board = await world.services.stats.leaderboard(world.olga.community, tuesday)
    assert (board.top, board.total, board.members) == ((("cat", 1),), 1, 1)


async def test_office_notes_are_grouped_by_lawmaker(world: World) -> None:
    """Notes show per lawmaker, the same words from several members counted together."""
    actions = world.services.actions
    for actor in (world.ann, world.bob, world.cat):
        result = await actions.report(actor, "contact", prompt_id=world.prompt.id, lawmaker=SANDERS)
        assert result.action is not None
        text = "supports the bill" if actor is world.cat else "undecided"
        await actions.add_note(actor, result.action.id, text)
    notes = await world.services.stats.notes(world.olga.community.id, world.campaign.id, ALL)
    assert notes == {SANDERS: [("undecided", 2), ("supports the bill", 1)]}


async def test_the_export_has_daily_counts_and_no_members(world: World, clock: ManualClock) -> None:
    """CSV rows per day, lawmaker and outcome; no user id appears anywhere in it."""
    await two_days(world, clock)
    data = await world.services.stats.export_csv(world.olga.community.id, [world.campaign])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0] == ["day", "campaign", "lawmaker_id", "lawmaker", "outcome", "actions"]
    assert rows[1:] == [
        ["2026-01-05", "irs-data-privacy", "", "", "voicemail", "1"],
        ["2026-01-05", "irs-data-privacy", SANDERS, "Sen. Bernard Sanders (I-VT)", "contact", "1"],
        ["2026-01-05", "irs-data-privacy", WELCH, "Sen. Peter Welch (D-VT)", "contact", "1"],
        [
            "2026-01-06",
            "irs-data-privacy",
            BALINT,
            "Rep. Becca Balint (D-VT-AL)",
            "unreachable",
            "1",
        ],
    ]
    for name in (b"ann", b"bob", b"cat", b"olga"):
        assert name not in data


async def test_a_members_own_stats(world: World, clock: ManualClock) -> None:
    """Totals by outcome and campaign, a two-day streak, newest report first."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=SANDERS)
    clock.advance(timedelta(days=1))
    await actions.report(world.ann, "voicemail", prompt_id=world.prompt.id, lawmaker=WELCH)
    mine = await world.services.stats.member(world.ann)
    assert (mine.total, mine.by_outcome) == (2, {"contact": 1, "voicemail": 1})
    assert mine.by_campaign == {world.campaign.id: 2}
    assert (mine.streaks.days, mine.streaks.best_days, mine.streaks.weeks) == (2, 2, 1)
    assert [a.lawmaker for a in mine.recent] == [WELCH, SANDERS]


async def test_the_live_count_is_members_and_actions(world: World) -> None:
    """The campaign count behind '2 members acted · 3 actions'."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=SANDERS)
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=WELCH)
    await actions.report(world.bob, "voicemail", prompt_id=world.prompt.id)
    count = await world.services.stats.campaign_count(world.campaign)
    assert (count.members, count.actions, count.goal) == (2, 3, None)
