"""Kept trailing windows (migration 0019): the database keeps every member's sum, and the sums
per lawmaker and outcome, over the last 7 and 30 days (today included); the triggers keep them
right, and asks move them on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.core.periods import parse_period
from bot.core.stats import StatsService
from bot.domain.clock import ManualClock
from bot.services import Services
from bot.storage.action_stats import StatsRepository
from bot.storage.trailing_windows import TrailingWindows, _minus

from .actions_world import MONDAY_NOON, SANDERS, WELCH, World, make_world
from .test_stats import oracle_board, oracle_lawmakers


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def history(world: World, clock: ManualClock) -> None:
    """A report 40 days ago, so the windows do not cover all the data (when they do, the
    leaderboard reads the all-time roll-ups instead)."""
    await world.services.actions.report(world.olga, "contact", prompt_id=world.prompt.id)
    clock.advance(timedelta(days=40))


def service(world: World, clock: ManualClock) -> tuple[StatsService, TrailingWindows]:
    repo = StatsRepository(world.services.db)
    return StatsService(repo, world.services.directory, clock), repo.windows


async def kept(world: World, days: int) -> dict[str, int]:
    """user id -> the kept sum of the window of ``days``."""
    rows = await world.services.db.fetchall(
        "SELECT m.user_id, t.actions FROM action_window_members AS t "
        "JOIN members AS m ON m.id = t.member_id WHERE t.days = ?",
        (days,),
    )
    return {row[0]: row[1] for row in rows}


async def counted(world: World, first: date, last: date) -> dict[str, int]:
    """user id -> actions from ``first`` to ``last``, counted from the actions."""
    rows = await world.services.db.fetchall(
        "SELECT m.user_id, count(*) FROM actions AS a JOIN members AS m ON m.id = a.member_id "
        "WHERE a.day BETWEEN ? AND ? GROUP BY m.user_id",
        (first.isoformat(), last.isoformat()),
    )
    return {row[0]: row[1] for row in rows}


async def kept_lawmakers(world: World, days: int) -> dict[tuple[int, str, str], int]:
    """(campaign, lawmaker, outcome) -> the kept sum of the window of ``days``."""
    rows = await world.services.db.fetchall(
        "SELECT campaign_id, lawmaker, outcome, actions FROM action_window_lawmakers "
        "WHERE days = ?",
        (days,),
    )
    return {(row[0], row[1], row[2]): row[3] for row in rows}


async def counted_lawmakers(world: World, first: date, last: date) -> dict[tuple, int]:
    """(campaign, lawmaker, outcome) -> actions and anonymous counts of those days."""
    rows = await world.services.db.fetchall(
        "SELECT campaign_id, lawmaker, outcome, CAST(sum(n) AS BIGINT) FROM "
        "(SELECT campaign_id, lawmaker, outcome, 1 AS n FROM actions WHERE day BETWEEN ? AND ? "
        "UNION ALL SELECT campaign_id, lawmaker, outcome, actions FROM anonymous_action_counts "
        "WHERE day BETWEEN ? AND ?) AS c GROUP BY 1, 2, 3",
        (first.isoformat(), last.isoformat()) * 2,
    )
    return {(row[0], row[1], row[2]): row[3] for row in rows}


async def check(world: World, stats: StatsService, today: date) -> None:
    """Both kept windows rank and count as the actions do, and keep exactly their days' sums."""
    community = world.olga.community
    for days in (7, 30):
        period = parse_period(f"{days}d", today)
        board = await stats.leaderboard(community, period)
        assert board.top == await oracle_board(world, period.first, today), days
        summary = await stats.summary_for(community.id, None, period)
        assert summary.by_lawmaker == await oracle_lawmakers(world, period.first, today), days
        one = await stats.summary_for(community.id, world.campaign.id, period, world.campaign)
        assert one.by_lawmaker == summary.by_lawmaker, days  # the one campaign here
        assert await kept(world, days) == await counted(world, period.first, today), days
        assert await kept_lawmakers(world, days) == await counted_lawmakers(
            world, period.first, today
        ), days


async def test_kept_windows_follow_every_change(world: World, clock: ManualClock) -> None:
    """Reports, withdrawals, a replaced outcome, an opt-out, an erasure and retention, on the
    windows' earlier days and today: the kept sums stay those of the actions, and nothing but
    the first ask sums a window in full."""
    stats, windows = service(world, clock)
    actions, community = world.services.actions, world.olga.community
    await history(world, clock)
    p = (await world.post(message="w1")).id
    await actions.report(world.ann, "contact", prompt_id=p, lawmaker=SANDERS)  # Monday
    await actions.report(world.ann, "contact", prompt_id=p, lawmaker=WELCH)
    await actions.report(world.bob, "voicemail", prompt_id=p)
    clock.advance(timedelta(days=1))
    tuesday = await world.post(message="m2")
    await actions.report(world.cat, "contact", prompt_id=tuesday.id)
    clock.advance(timedelta(days=1))  # Wednesday
    today = await stats.today(community)
    await check(world, stats, today)
    assert (windows.builds, windows.moves) == (2, 0)  # 7 and 30 days, once each
    wednesday = await world.post(message="m3")
    await actions.report(world.bob, "contact", prompt_id=wednesday.id, lawmaker=SANDERS)
    await check(world, stats, today)
    await actions.withdraw(world.ann, "contact", prompt_id=p, lawmaker=WELCH)  # Monday's
    await check(world, stats, today)
    await actions.report(world.bob, "contact", prompt_id=p)  # Monday's, its outcome replaced
    await check(world, stats, today)
    await world.services.members.set_leaderboard_opt_out(world.bob.member, True)
    await check(world, stats, today)
    privacy = world.services.privacy
    await privacy.confirm_erase(world.cat, await privacy.request_erase(world.cat.member))
    await check(world, stats, today)
    await privacy.set_retention(world.olga, "1")  # Tuesday's and earlier fold away
    assert await privacy.fold_expired(clock.now())
    await check(world, stats, today)
    assert (windows.builds, windows.moves) == (2, 0), "changes need no new sum"


async def test_kept_windows_move_with_the_calendar(world: World, clock: ManualClock) -> None:
    """A new day moves each window by the day that left and the day that joined; a jump of
    more days than the window sums it again."""
    stats, windows = service(world, clock)
    await history(world, clock)
    members = (world.ann, world.bob, world.cat, world.ann, world.bob, world.bob, world.cat)
    for n in range(10):  # one report a day, the window asked each day
        prompt = await world.post(message=f"d{n}")
        await world.services.actions.report(members[n % 7], "contact", prompt_id=prompt.id)
        await check(world, stats, await stats.today(world.olga.community))
        clock.advance(timedelta(days=1))
    assert (windows.builds, windows.moves) == (2, 18)
    clock.advance(timedelta(days=1))  # two days after the last ask: two leave, two join
    await check(world, stats, await stats.today(world.olga.community))
    assert (windows.builds, windows.moves) == (2, 20)
    clock.advance(timedelta(days=20))  # 21 days leave and 21 join: summing again reads less
    await check(world, stats, await stats.today(world.olga.community))
    assert (windows.builds, windows.moves) == (4, 20)


async def test_todays_reports_count_at_once(world: World, clock: ManualClock) -> None:
    """Today's reports count at once: one who did the most today ranks where the actions put
    them, and an opted-out one never shows."""
    stats, _ = service(world, clock)
    actions, community = world.services.actions, world.olga.community
    await history(world, clock)
    for day, reports in enumerate(((world.ann, 3), (world.bob, 2), (world.cat, 1))):
        prompt = await world.post(message=f"s{day}")
        actor, n = reports
        for lawmaker in (SANDERS, WELCH, "B001318")[:n]:
            await actions.report(actor, "contact", prompt_id=prompt.id, lawmaker=lawmaker)
        clock.advance(timedelta(days=1))
    today = await stats.today(community)
    period = parse_period("7d", today)
    assert (await stats.leaderboard(community, period, limit=1)).top == (("ann", 3),)
    prompt = await world.post(message="today")
    for lawmaker in (SANDERS, WELCH, "B001318"):
        await actions.report(world.cat, "contact", prompt_id=prompt.id, lawmaker=lawmaker)
    assert (await stats.leaderboard(community, period, limit=1)).top == (("cat", 4),)
    assert (await stats.leaderboard(community, period, limit=2)).top == (("cat", 4), ("ann", 3))
    await world.services.members.set_leaderboard_opt_out(world.cat.member, True)
    assert (await stats.leaderboard(community, period, limit=2)).top == (("ann", 3), ("bob", 2))
    assert (await stats.leaderboard(community, period)).top == await oracle_board(
        world, period.first, today
    )


async def test_a_window_moves_back_too(world: World, clock: ManualClock) -> None:
    """A window asked for an earlier day than the one it keeps (a community's time zone moved
    back across midnight) moves back and still matches the actions."""
    stats, windows = service(world, clock)
    await history(world, clock)
    for n in range(4):
        prompt = await world.post(message=f"b{n}")
        await world.services.actions.report(world.ann, "contact", prompt_id=prompt.id)
        clock.advance(timedelta(days=1))
    community = world.olga.community
    today = await stats.today(community)  # nothing stored today
    await windows.top(community.id, 7, today, 10)
    await windows.top(community.id, 7, today - timedelta(days=1), 10)
    assert windows.moves == 1
    first = today - timedelta(days=7)
    assert await kept(world, 7) == await counted(world, first, today - timedelta(days=1))


def test_ranges_outside_a_range() -> None:
    """The days a window leaves or gains, as at most two ranges."""
    d = date(2026, 1, 10)
    assert _minus((d, d + timedelta(days=6)), (d + timedelta(days=1), d + timedelta(days=7))) == [
        (d, d)
    ]
    assert _minus((d, d + timedelta(days=6)), (d + timedelta(days=2), d + timedelta(days=3))) == [
        (d, d + timedelta(days=1)),
        (d + timedelta(days=4), d + timedelta(days=6)),
    ]
    assert _minus((d, d + timedelta(days=1)), (d - timedelta(days=5), d + timedelta(days=5))) == []
    assert _minus((d, d), (d + timedelta(days=3), d + timedelta(days=9))) == [(d, d)]
