"""Results: summaries, the leaderboard, notes, the export and a member's own stats."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.periods import ALL, Period, parse_period
from bot.core.stats import StatsService
from bot.core.stats_warmup import StatsWarmup
from bot.domain.clock import ManualClock
from bot.services import Services
from bot.storage.action_stats import StatsRepository

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
    monday = datetime(2026, 1, 5, 5, 0, tzinfo=UTC)
    by_instants = await services.stats.summary(
        world.olga.community.id, campaign.id, monday, monday + timedelta(days=2)
    )
    assert (by_instants.total, by_instants.goal, by_instants.goal_progress) == (4, 8, 0.5)


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


async def test_members_of_a_recent_period_follow_withdrawals(
    world: World, clock: ManualClock
) -> None:
    """ann acted Monday and Tuesday; once she withdraws Tuesday's, 'today' has no members."""
    actions = world.services.actions
    await actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    clock.advance(timedelta(days=1))
    tuesday = await world.post(message="m2")
    await actions.report(world.ann, "contact", prompt_id=tuesday.id)
    stats, community = world.services.stats, world.olga.community.id
    today = Period(date(2026, 1, 6), date(2026, 1, 6), "today")
    assert (await stats.summary_for(community, None, today)).members == 1
    await actions.withdraw(world.ann, "contact", prompt_id=tuesday.id)
    assert (await stats.summary_for(community, None, today)).members == 0
    assert (await stats.summary_for(community, world.campaign.id, ALL)).members == 1
    assert await world.consistent()


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


async def test_whole_months_are_counted_from_the_monthly_roll_ups(
    world: World, clock: ManualClock
) -> None:
    """January (a whole month) gives the same answers as the same days one by one."""
    await two_days(world, clock)
    clock.set(datetime(2026, 2, 2, 17, 0, tzinfo=UTC))
    february_prompt = await world.post(message="m9")
    await world.services.actions.report(world.bob, "contact", prompt_id=february_prompt.id)
    stats, community = world.services.stats, world.olga.community
    january = Period(date(2026, 1, 1), date(2026, 1, 31), "January")
    by_days = Period(date(2026, 1, 2), date(2026, 1, 31), "January but the 1st")  # daily path
    monthly = await stats.summary_for(community.id, None, january)
    daily = await stats.summary_for(community.id, None, by_days)
    assert monthly.by_lawmaker == daily.by_lawmaker and monthly.total == daily.total == 4
    board = await stats.leaderboard(community, january)
    assert board.top == (("ann", 2), ("bob", 1), ("cat", 1))
    february = await stats.leaderboard(community, Period(date(2026, 2, 1), date(2026, 2, 2), "m"))
    assert february.top == (("bob", 1),)


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


async def oracle_board(world: World, first: date, last: date) -> tuple[tuple[str, int], ...]:
    """The leaderboard read straight from the actions."""
    rows = await world.services.db.fetchall(
        "SELECT m.user_id, count(*) AS n FROM actions AS a JOIN members AS m ON m.id = a.member_id "
        "WHERE a.day BETWEEN ? AND ? AND m.leaderboard_opt_out = 0 "
        "GROUP BY m.id ORDER BY n DESC, m.id",
        (first.isoformat(), last.isoformat()),
    )
    return tuple((row[0], row[1]) for row in rows)


async def oracle_lawmakers(world: World, first: date, last: date) -> dict[str, dict[str, int]]:
    """Per lawmaker and outcome, read straight from the actions and the anonymous counts."""
    found: dict[str, dict[str, int]] = {}
    for row in await world.services.db.fetchall(
        "SELECT lawmaker, outcome, CAST(sum(n) AS BIGINT) FROM "
        "(SELECT lawmaker, outcome, 1 AS n FROM actions WHERE day BETWEEN ? AND ? "
        "UNION ALL SELECT lawmaker, outcome, actions FROM anonymous_action_counts "
        "WHERE day BETWEEN ? AND ?) AS c GROUP BY 1, 2",
        (first.isoformat(), last.isoformat()) * 2,
    ):
        found.setdefault(row[0], {})[row[1]] = row[2]
    return found


async def member_days(world: World, table: str) -> dict[tuple[str, int], int]:
    """(day, member id) -> actions: from the roll-up, or counted from the actions."""
    n = "CAST(sum(actions) AS BIGINT)" if table == "action_member_days" else "count(*)"
    rows = await world.services.db.fetchall(
        f"SELECT day, member_id, {n} FROM {table} GROUP BY day, member_id"
    )
    return {(row[0], row[1]): row[2] for row in rows}


async def test_recent_days_follow_every_change(world: World, clock: ManualClock) -> None:
    """Stats and the leaderboard of recent days (not all the data) match the actions through
    reports, withdrawals, a replaced outcome, an opt-out and an erasure, today and before."""
    stats, actions, community = world.services.stats, world.services.actions, world.olga.community
    await two_days(world, clock)  # Monday and Tuesday
    tuesday = await world.post(message="m2")
    await actions.report(world.ann, "voicemail", prompt_id=tuesday.id, lawmaker=SANDERS)
    clock.advance(timedelta(days=1))  # Wednesday
    wednesday = await world.post(message="m3")
    today = date(2026, 1, 7)
    period = Period(today - timedelta(days=1), today, "the last 2 days")  # Monday left out

    async def check() -> None:
        board = await stats.leaderboard(community, period)
        assert board.top == await oracle_board(world, today - timedelta(days=1), today)
        summary = await stats.summary_for(community.id, None, period)
        assert summary.by_lawmaker == await oracle_lawmakers(world, period.first, today)
        assert summary.total == board.total == sum(summary.by_outcome.values())
        assert await member_days(world, "action_member_days") == await member_days(
            world, "actions"
        ), "the per-day member roll-up counts members' rows"

    await check()
    loads = stats.settled.loads
    await actions.report(world.bob, "contact", prompt_id=wednesday.id, lawmaker=SANDERS)
    await actions.report(world.cat, "voicemail", prompt_id=wednesday.id)
    await check()
    assert stats.settled.loads == loads, "today's reports need no reload of earlier days"
    await actions.withdraw(world.ann, "contact", prompt_id=world.prompt.id, lawmaker=WELCH)
    await check()  # a Monday row went: the window's days did not change
    assert stats.settled.loads == loads
    await actions.withdraw(world.ann, "voicemail", prompt_id=tuesday.id, lawmaker=SANDERS)
    await check()  # a Tuesday row went
    assert stats.settled.loads > loads
    await actions.report(world.bob, "contact", prompt_id=world.prompt.id)  # Monday's, replaced
    await check()
    await world.services.members.set_leaderboard_opt_out(world.bob.member, True)
    await check()
    privacy = world.services.privacy
    await privacy.confirm_erase(world.cat, await privacy.request_erase(world.cat.member))
    await check()
    await privacy.set_retention(world.olga, "1")  # Tuesday's and earlier fold away
    assert await privacy.fold_expired(clock.now())
    await check()


async def test_recent_days_move_with_the_calendar(world: World, clock: ManualClock) -> None:
    """The next day's 'last 4 days' reuses what it can and still matches the actions."""
    stats, community = world.services.stats, world.olga.community
    members = (world.ann, world.bob, world.cat, world.ann, world.bob, world.bob, world.cat)
    for n, actor in enumerate(members):  # Monday to Sunday, one report a day
        prompt = await world.post(message=f"d{n}")
        await world.services.actions.report(actor, "contact", prompt_id=prompt.id)
        today = date(2026, 1, 5) + timedelta(days=n)
        window = Period(today - timedelta(days=3), today, "4d")
        board = await stats.leaderboard(community, window)
        assert board.top == await oracle_board(world, today - timedelta(days=3), today)
        assert board.members == len(board.top)
        summary = await stats.summary_for(community.id, None, window)
        assert summary.by_lawmaker == await oracle_lawmakers(world, window.first, today)
        clock.advance(timedelta(days=1))
    assert stats.settled.slides == 2  # Saturday's and Sunday's windows moved the day before's


async def test_a_window_across_months_is_summed_from_months_and_days(
    world: World, clock: ManualClock
) -> None:
    """A trailing 30 days from mid-January to mid-February (whole January less its first
    days, plus February's days) ranks members as the actions do, after a change to an earlier
    day too."""
    stats, actions, community = world.services.stats, world.services.actions, world.olga.community
    plan = [(2, world.ann), (3, world.bob), (20, world.bob), (30, world.cat), (40, world.cat)]
    prompts = {}
    for day, actor in plan:  # Jan 7, 8, 25, Feb 4, Feb 14 (the clock starts on Jan 5)
        clock.set(MONDAY_NOON + timedelta(days=day))
        prompts[day] = prompts.get(day) or await world.post(message=f"x{day}")
        await actions.report(actor, "contact", prompt_id=prompts[day].id)
    today = date(2026, 2, 14)
    period = parse_period("30d", today)
    assert period.first == date(2026, 1, 16)
    board = await stats.leaderboard(community, period)
    assert board.top == await oracle_board(world, period.first, today) == (("cat", 2), ("bob", 1))
    assert (board.total, board.members) == (3, 2)
    await actions.withdraw(world.bob, "contact", prompt_id=prompts[20].id)  # an earlier day
    board = await stats.leaderboard(community, period)
    assert board.top == await oracle_board(world, period.first, today) == (("cat", 2),)


async def test_warming_at_start_leaves_the_first_asks_nothing_to_read(
    world: World, clock: ManualClock
) -> None:
    """The start-up job makes the kept 7 and 30 days windows once; the first asks then find
    them ready; after midnight the job moves them on before anyone asks."""
    services, community = world.services, world.olga.community
    await services.actions.report(world.ann, "contact", prompt_id=world.prompt.id)
    clock.advance(timedelta(days=40))
    later = await world.post(message="m40")
    await services.actions.report(world.bob, "contact", prompt_id=later.id)
    repo = StatsRepository(services.db)
    stats = StatsService(repo, services.directory, clock)
    job = StatsWarmup(stats)
    assert await job.run_due(clock.now()) == [] and await job.next_due(clock.now()) is None
    assert (repo.windows.builds, repo.windows.moves) == (2, 0)
    clock.advance(timedelta(minutes=30))
    await job.run_due(clock.now())  # nothing again the same day
    today = await stats.today(community)
    board = await stats.leaderboard(community, parse_period("30d", today))
    summary = await stats.summary_for(community.id, None, parse_period("7d", today))
    assert board.top == (("bob", 1),) and summary.total == 1
    assert (repo.windows.builds, repo.windows.moves) == (2, 0)
    clock.advance(timedelta(days=1))
    await job.run_due(clock.now())
    assert (repo.windows.builds, repo.windows.moves) == (2, 2)
    today = await stats.today(community)
    board = await stats.leaderboard(community, parse_period("30d", today))
    assert board.top == (("bob", 1),)
    assert (repo.windows.builds, repo.windows.moves) == (2, 2)
