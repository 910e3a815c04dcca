"""Benchmark actions: recording throughput, and /stats and /leaderboard over a million actions.

    .venv/bin/python bench/bench_actions.py [--events 10000] [--members 2000] [--stored 1000000]

In one run:

1. Recording: ``--events`` outcome reports from ``--members`` members, fired concurrently
   (asyncio.gather, in shuffled order) through ``ActionService.report``, against a baseline of
   raw aiosqlite batched inserts (one transaction per 1,000 rows, ``executemany``) of the same
   rows into the same schema (its indexes and roll-up triggers), each in a fresh database. Every
   event must be recorded exactly once: the bench checks the rows, the ids and the roll-ups.
   For scale it also shows the service with batching off (one transaction per report).
2. Queries: ``--stored`` actions (20,000 members, 4 campaigns, 365 days, 540 lawmakers) built
   with ``executemany``; the roll-ups are then computed with one INSERT ... SELECT each, as the
   triggers would have kept them (checked). Then the time of ``StatsService.summary_for`` plus
   office notes (what /stats reads) and of ``StatsService.leaderboard`` over several periods:
   the first ask after a start (once the start-up warm-up ran), the first ask of a new day, the
   median of 9 more asks with a member's report landing today before each, and a full read
   (nothing kept in memory: no warm-up, or after a change to an earlier day of the window).
3. Whole answers with their chart (/stats of one and of all campaigns, /map calls) for 7d, 30d
   and all time, beside the same answers' queries alone (the baseline, alternating in the same
   run), and the longest the event loop went without running meanwhile (charts draw in a thread).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import aiosqlite  # noqa: E402

from bot.app import build_services, close_services  # noqa: E402
from bot.core.periods import Period, parse_period  # noqa: E402
from bot.core.stats import StatsService  # noqa: E402
from bot.domain.action_models import Change  # noqa: E402
from bot.domain.campaign_models import Campaign, CampaignStatus, Prompt  # noqa: E402
from bot.domain.models import Actor, Community, Platform  # noqa: E402
from bot.messages import PostedRef  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.storage.action_stats import StatsRepository  # noqa: E402

OUTCOMES = ("contact", "voicemail", "unreachable")
PROMPTS = 5
BASELINE_BATCH = 1000
INSERT = (
    "INSERT INTO actions (community_id, member_id, campaign_id, prompt_id, scope, lawmaker, "
    "outcome, at, day, member_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
ROLLUPS = {
    "action_counts_by_lawmaker_day": (
        "community_id, campaign_id, day, lawmaker, outcome",
        "community_id, campaign_id, day, lawmaker, outcome, count(*)",
    ),
    "action_counts_by_day": (
        "community_id, campaign_id, day, outcome",
        "community_id, campaign_id, day, outcome, count(*)",
    ),
    "action_counts_by_lawmaker": (
        "community_id, campaign_id, lawmaker, outcome",
        "community_id, campaign_id, lawmaker, outcome, count(*)",
    ),
    "action_counts_by_member": (
        "community_id, campaign_id, member_id",
        "community_id, campaign_id, member_id, count(*), max(day)",
    ),
    "action_member_totals": (
        "community_id, member_id",
        "community_id, member_id, count(*), max(day)",
    ),
    "action_counts_by_lawmaker_month": (
        "community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome",
        "community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome, count(*)",
    ),
    "action_member_months": (
        "community_id, substr(day, 1, 7), member_id",
        "community_id, substr(day, 1, 7), member_id, count(*)",
    ),
    "action_member_days": (
        "community_id, day, member_id",
        "community_id, day, member_id, count(*)",
    ),
    "action_day_versions": ("community_id, day", "community_id, day, 1"),
}


# -- a world to record into ----------------------------------------------------------------------
async def world(
    folder: Path, members: int, max_batch: int = 1000, **overrides: Any
) -> tuple[Services, list[Actor], list[Prompt]]:
    """Services on a new database (SQLite in ``folder``, or ``overrides``' database_url), with
    an organizer, one active campaign, its prompts posted and ``members`` members."""
    settings = load_settings(
        env_file=None,
        database_path=folder / "bench.sqlite3",
        data_dir=folder / "civic",
        console_output_dir=folder / "console",
        action_daily_cap=100,
        live_count_interval=0,
        **overrides,
    )
    services = await build_services(settings)
    services.actions.batcher.max_batch = max_batch
    olga = await services.members.actor(Platform.CONSOLE, "bench", "olga", True)
    campaign = await services.campaigns.create(
        olga, {"title": "Bench", "ask": "Call.", "script": "Hi, {lawmaker}.", "background": ""}
    )
    campaign = await services.campaigns.set_status(olga, campaign.slug, CampaignStatus.ACTIVE)
    prompts = []
    for i in range(PROMPTS):

        async def send(prompt: Prompt, i: int = i) -> PostedRef:
            return PostedRef("general", f"m{i}")

        prompts.append(await services.prompts.post(olga.community, campaign, "general", send))
    actors = [
        await services.members.actor(Platform.CONSOLE, "bench", f"u{i}", False)
        for i in range(members)
    ]
    # As in a running bot (its warm-up job, or any ask), the last 7 and 30 days are kept summed,
    # so every report also updates them (migration 0019's triggers), in the service and the
    # baselines alike.
    windows = StatsRepository(services.db).windows
    today = await services.stats.today(olga.community)
    for days in (7, 30):
        await windows.keep(olga.community.id, days, today)
    return services, actors, prompts


def events(actors: list[Actor], prompts: list[Prompt], count: int) -> list[tuple[int, int, str]]:
    """(actor index, prompt index, outcome): every member reports on distinct prompts."""
    rng = random.Random(7)
    per = count // len(actors)
    found = [(a, p, rng.choice(OUTCOMES)) for a in range(len(actors)) for p in range(per)]
    rng.shuffle(found)
    return found


async def verify(services: Services, expected: int) -> None:
    db = services.db
    rows = (await db.fetchone("SELECT count(*) FROM actions"))[0]
    keys = (
        await db.fetchone(
            "SELECT count(*) FROM (SELECT DISTINCT member_id, scope FROM actions) AS k"
        )
    )[0]
    rolled = (await db.fetchone("SELECT sum(actions) FROM action_counts_by_day"))[0]
    members = (await db.fetchone("SELECT sum(actions) FROM action_counts_by_member"))[0]
    if not rows == keys == rolled == members == expected:
        raise SystemExit(
            f"MISCOUNT: rows {rows}, keys {keys}, roll-ups {rolled}/{members}, want {expected}"
        )


async def record_through_service(
    folder: Path, count: int, members: int, max_batch: int
) -> tuple[float, int]:
    services, actors, prompts = await world(folder, members, max_batch)
    plan = events(actors, prompts, count)
    report = services.actions.report
    before = services.actions.batcher.batches
    await services.db.fetchall("PRAGMA wal_checkpoint(TRUNCATE)")  # both start with no WAL
    gc.collect()
    started = time.perf_counter()
    results = await asyncio.gather(
        *(report(actors[a], outcome, prompt_id=prompts[p].id) for a, p, outcome in plan)
    )
    elapsed = time.perf_counter() - started
    batches = services.actions.batcher.batches - before
    if any(r.change is not Change.RECORDED for r in results):
        raise SystemExit("an event was not recorded as new")
    if len({r.action.id for r in results if r.action}) != len(plan):
        raise SystemExit("action ids are not unique")
    await verify(services, len(plan))
    await close_services(services)
    return len(plan) / elapsed, batches


def raw_rows(
    actors: list[Actor], prompts: list[Prompt], plan: list[tuple[int, int, str]]
) -> list[tuple[object, ...]]:
    """The actions table's rows for ``plan``, as the raw baselines write them (today, noon UTC)."""
    community = actors[0].community.id
    day = date.today().isoformat()
    at = f"{day}T12:00:00Z"
    return [
        (
            community,
            actors[a].member.id,
            prompts[p].campaign_id,
            prompts[p].id,
            f"p{prompts[p].id}",
            "",
            outcome,
            at,
            day,
            day,
        )
        for a, p, outcome in plan
    ]


async def record_raw(folder: Path, count: int, members: int) -> float:
    """The same rows, written with raw aiosqlite executemany, 1,000 per transaction."""
    services, actors, prompts = await world(folder, members)
    plan = events(actors, prompts, count)
    rows = raw_rows(actors, prompts, plan)
    path = services.settings.database_path
    await close_services(services)
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        gc.collect()
        started = time.perf_counter()
        for start in range(0, len(rows), BASELINE_BATCH):
            await conn.execute("BEGIN IMMEDIATE")
            await conn.executemany(INSERT, rows[start : start + BASELINE_BATCH])
            await conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        (stored,) = await (await conn.execute("SELECT count(*) FROM actions")).fetchone()
        if stored != len(rows):
            raise SystemExit(f"baseline stored {stored} of {len(rows)}")
    return len(rows) / elapsed


# -- a million stored actions ------------------------------------------------------------------
def build_million(path: Path, stored: int, last: date) -> float:
    """Members, 4 campaigns, 1,460 prompts and ``stored`` actions over 365 days."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")  # the rows are built consistent; checked below
    conn.execute("PRAGMA synchronous = OFF")
    rng = random.Random(11)
    members, campaigns, days = 20_000, 4, 365
    first = last - timedelta(days=days - 1)  # the days end today, in the community
    lawmakers = [""] * 300 + [f"A{i:06d}" for i in range(540)]
    (community,) = conn.execute("SELECT id FROM communities WHERE external_id = 'bench'").fetchone()
    started = time.perf_counter()
    conn.execute("BEGIN")
    triggers = conn.execute(  # the schema's own, as the migrations left them
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name IN ('actions', 'anonymous_action_counts')"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    base_member = conn.execute("SELECT coalesce(max(id), 0) FROM members").fetchone()[0] + 1
    conn.executemany(
        "INSERT INTO members (id, community_id, user_id, created_at) VALUES (?, ?, ?, 'x')",
        [(base_member + i, community, f"big{i}") for i in range(members)],
    )
    base_campaign = conn.execute("SELECT coalesce(max(id), 0) FROM campaigns").fetchone()[0] + 1
    for c in range(campaigns):
        conn.execute(
            "INSERT INTO campaigns (id, community_id, slug, title, ask, script, targets, status, "
            "created_at, updated_at) VALUES (?, ?, ?, 't', 'a', 's', 'mine', 'active', 'x', 'x')",
            (base_campaign + c, community, f"big-{c}"),
        )
        conn.executemany(
            "INSERT INTO campaign_outcomes VALUES (?, ?, ?, NULL, ?)",
            [(base_campaign + c, o, o, i) for i, o in enumerate(OUTCOMES)],
        )
    prompt_count = campaigns * days
    base_prompt = conn.execute("SELECT coalesce(max(id), 0) FROM prompts").fetchone()[0] + 1
    conn.executemany(
        "INSERT INTO prompts (id, community_id, campaign_id, channel_id, message_id, created_at) "
        "VALUES (?, ?, ?, 'g', ?, 'x')",
        [
            (base_prompt + i, community, base_campaign + i % campaigns, f"big{i}")
            for i in range(prompt_count)
        ],
    )

    def rows():  # member m's k-th action is on prompt (7m + 29k) mod 1460: keys never repeat
        for i in range(stored):
            m, k = i % members, i // members
            p = (m * 7 + k * 29) % prompt_count
            day = (first + timedelta(days=p // campaigns)).isoformat()
            yield (
                community,
                base_member + m,
                base_campaign + p % campaigns,
                base_prompt + p,
                f"p{base_prompt + p}",
                rng.choice(lawmakers),
                rng.choice(OUTCOMES),
                f"{day}T17:00:00Z",
                day,
                day,
            )

    conn.executemany(INSERT, rows())
    for table, (columns, select) in ROLLUPS.items():
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} SELECT {select} FROM actions GROUP BY {columns}")
    for _, statement in triggers:
        conn.execute(statement)
    conn.execute("COMMIT")
    built = time.perf_counter() - started
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise SystemExit(f"foreign key problems: {problems[:3]}")
    conn.execute("ANALYZE")
    conn.close()
    return built


async def median_ms(
    call: Callable[[], Awaitable[Any]],
    runs: int = 9,
    between: Callable[[], Awaitable[Any]] | None = None,
) -> tuple[float, float]:
    spans = []
    for _ in range(runs):
        if between is not None:
            await between()
        started = time.perf_counter()
        await call()
        spans.append((time.perf_counter() - started) * 1000)
    return statistics.median(spans), max(spans)


async def queries(folder: Path, stored: int) -> None:
    services, actors, prompts = await world(folder, 1)
    path = services.settings.database_path
    community = actors[0].community
    today = await services.stats.today(community)
    await close_services(services)
    built = build_million(path, stored, today)
    print(f"built {stored:,} stored actions and their roll-ups in {built:.1f} s")
    services = await build_services(services.settings)
    await measure_stats(services, community, prompts[0].id, today)
    await close_services(services)


async def measure_stats(
    services: Services, community: Community, prompt_id: int, today: date
) -> None:
    """The table of /stats and /leaderboard timings over what is stored (campaign big-0)."""
    campaigns = await services.campaigns.all(community.id)
    big = next(c for c in campaigns if c.slug == "big-0")
    total = (await services.db.fetchone("SELECT count(*) FROM actions"))[0]
    print(f"actions stored: {total:,}")
    reporter = await services.members.actor(Platform.CONSOLE, "bench", "u0", False)
    turns = iter(range(1_000_000))

    async def report_today() -> None:  # a member changes their report: today's counts move
        outcome = OUTCOMES[next(turns) % len(OUTCOMES)]
        await services.actions.report(reporter, outcome, prompt_id=prompt_id)

    def fresh() -> StatsService:  # nothing kept in memory yet, as after a start
        return StatsService(StatsRepository(services.db), services.directory, services.clock)

    warm_spans = []
    for _ in range(3):
        stats = fresh()
        started = time.perf_counter()
        await stats.warm()
        warm_spans.append((time.perf_counter() - started) * 1000)
    warmed = stats

    earlier = (today - timedelta(days=10)).isoformat()

    async def change_earlier() -> None:  # a report of 10 days ago goes (withdrawn, erased)
        async with services.db.transaction() as tx:
            await tx.execute(
                "DELETE FROM actions WHERE id = (SELECT min(id) FROM actions WHERE day = ?)",
                (earlier,),
            )

    async def measure(
        label: str, text: str, ask: Callable[[StatsService, Period], Awaitable[Any]]
    ) -> None:
        period = parse_period(text, today)
        stats = fresh()  # nothing kept in memory: a full read of the window
        started = time.perf_counter()
        await ask(stats, period)
        full = (time.perf_counter() - started) * 1000
        mid, worst = await median_ms(lambda: ask(stats, period), between=report_today)
        changed, changed_worst = await median_ms(
            lambda: ask(stats, period), 5, between=change_earlier
        )
        started = time.perf_counter()
        await ask(warmed, period)
        after_start = (time.perf_counter() - started) * 1000
        stats = fresh()  # yesterday's window asked, then today's: what the first ask of a day costs
        await ask(stats, parse_period(text, today - timedelta(days=1)))
        started = time.perf_counter()
        await ask(stats, period)
        next_day = (time.perf_counter() - started) * 1000
        print(
            f"| {label} | {text} | {after_start:.1f} | {next_day:.1f} | {mid:.1f} ({worst:.1f}) "
            f"| {changed:.1f} ({changed_worst:.1f}) | {full:.1f} | < 50 |"
        )

    print(
        "warm-up at start (StatsService.warm: 7d and 30d of all campaigns' stats and of the "
        f"leaderboard): {statistics.median(warm_spans):.0f} ms (median of 3)"
    )
    print()
    print(
        "| query | period | first ask after a start (warmed), ms | first ask of a new day, ms "
        "| later asks, median (max) ms | first ask after a change to an earlier day, median "
        "(max) ms | nothing in memory, ms | goal |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, campaign in (("/stats one campaign", big), ("/stats all campaigns", None)):
        cid = campaign.id if campaign else None
        for text in ("7d", "30d", "month", "all"):

            async def summary(stats: StatsService, period: Period, cid=cid, c=campaign) -> None:
                await stats.summary_for(community.id, cid, period, c)
                await stats.notes(community.id, cid, period)

            await measure(label, text, summary)
    for text in ("7d", "30d", "month", "all"):

        async def board(stats: StatsService, period: Period) -> None:
            await stats.leaderboard(community, period)

        await measure("/leaderboard", text, board)
    await measure_windows(services, community, today)
    await measure_answers(services, community, big, today)


async def measure_answers(
    services: Services, community: Community, big: Campaign, today: date
) -> None:
    """Whole answers with their chart or map (what an organizer waits for: the queries, the
    drawing in a worker thread, the PNG and its alt text, the console's reply), beside a
    baseline measured in the same run: the same answer's queries alone. Also the longest the
    event loop went without running while the answer was made (a ticker task every 1 ms): a
    chart drawn on the loop would stall it for the whole drawing."""
    from bot.civic.residents import residents
    from bot.cogkit import Context
    from bot.core.maps import CallMaps
    from bot.platforms.console.host import CHANNEL, ConsoleHost

    host = ConsoleHost(services, lambda text: None)
    await host.load_extensions(["cogs.campaigns", "cogs.lawmakers", "cogs.stats", "cogs.maps"])
    olga = await services.members.actor(Platform.CONSOLE, "bench", "olga", True)
    ctx = Context(olga, host, CHANNEL)
    maps = services.maps or CallMaps(services.stats, residents(), services.lawmakers.state_of_zip)
    await host.dispatcher.run_line(ctx, "/stats big-0 30d")  # imports matplotlib once

    async def stalled(call: Callable[[], Awaitable[Any]]) -> float:
        """The longest gap between two ticks of a 1 ms ticker while ``call`` runs, ms."""
        longest = 0.0
        running = True

        async def tick() -> None:
            nonlocal longest
            last = time.perf_counter()
            while running:
                await asyncio.sleep(0.001)
                now = time.perf_counter()
                longest = max(longest, (now - last) * 1000)
                last = now

        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0)
        await call()
        running = False
        await ticker
        return longest

    print()
    print(
        "| whole answer with its chart | period | its queries alone (baseline), median "
        "(max) ms | whole answer with its chart, median (max) ms | longest event-loop stall "
        "while answering, median (max) ms | goal |"
    )
    print("|---|---|---|---|---|---|")
    cases: list[tuple[str, str, str, Callable[[Period], Awaitable[Any]]]] = []
    for text in ("7d", "30d", "all"):

        async def stats_queries(period: Period) -> None:
            await services.stats.summary_for(community.id, big.id, period, big)
            await services.stats.notes(community.id, big.id, period)

        async def all_queries(period: Period) -> None:
            await services.stats.summary_for(community.id, None, period)
            await services.stats.notes(community.id, None, period)

        async def map_queries(period: Period) -> None:
            await maps.calls(community.id, big, period, "per100k")

        cases += [
            ("/stats one campaign", text, f"/stats big-0 {text}", stats_queries),
            ("/stats all campaigns", text, f"/stats {text}", all_queries),
            ("/map calls one campaign", text, f"/map calls big-0 {text}", map_queries),
        ]
    for label, text, line, queries in cases:
        period = parse_period(text, today)
        base, whole, stalls = [], [], []
        for _ in range(5):  # alternating, so both see the same machine
            started = time.perf_counter()
            await queries(period)
            base.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            stalls.append(await stalled(lambda line=line: host.dispatcher.run_line(ctx, line)))
            whole.append((time.perf_counter() - started) * 1000)
        print(
            f"| {label} | {text} | {statistics.median(base):.1f} ({max(base):.1f}) "
            f"| {statistics.median(whole):.1f} ({max(whole):.1f}) "
            f"| {statistics.median(stalls):.1f} ({max(stalls):.1f}) | < 500 |"
        )


async def measure_windows(services: Services, community: Community, today: date) -> None:
    """What keeping the leaderboard's windows costs (migration 0019), once per community and
    day (the warm-up job does it soon after midnight) or once ever: moving each by a day, and
    summing one in full."""
    windows = StatsRepository(services.db).windows
    print()
    print("| kept window of the leaderboard | 7 days, ms | 30 days, ms |")
    print("|---|---|---|")
    moved, built = [], []
    for days in (7, 30):
        spans = []
        for _ in range(3):
            await windows.keep(community.id, days, today - timedelta(days=1))
            started = time.perf_counter()
            await windows.keep(community.id, days, today)
            spans.append((time.perf_counter() - started) * 1000)
        moved.append(statistics.median(spans))
        spans = []
        for _ in range(3):
            async with services.db.transaction() as tx:
                await tx.execute(
                    "DELETE FROM action_windows WHERE community_id = ? AND days = ?",
                    (community.id, days),
                )
            started = time.perf_counter()
            await windows.keep(community.id, days, today)
            spans.append((time.perf_counter() - started) * 1000)
        built.append(statistics.median(spans))
    print(f"| moved on by a day (a new day; median of 3) | {moved[0]:.1f} | {moved[1]:.1f} |")
    print(f"| summed in full (first ask ever; median of 3) | {built[0]:.1f} | {built[1]:.1f} |")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    versions = f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    print(f"{versions}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.events:  # 0: the queries only
            await recording(root, args)
        if args.stored:
            await queries(root / "d", args.stored)


async def recording(root: Path, args: argparse.Namespace) -> None:
    """Recording through the service against raw executemany, alternating rounds."""
    services, raws, batches = [], [], 0
    for round_ in range(args.rounds):  # alternate, so both see the same machine
        rate, batches = await record_through_service(
            root / f"s{round_}", args.events, args.members, 1000
        )
        services.append(rate)
        raws.append(await record_raw(root / f"r{round_}", args.events, args.members))
    single, _ = await record_through_service(root / "one", args.events // 5, args.members // 5, 1)
    service, raw = statistics.median(services), statistics.median(raws)
    print()
    print(
        f"Recording {args.events:,} reports from {args.members:,} members, concurrently "
        f"(median of {args.rounds} alternating rounds):"
    )
    print("| path | actions/s | rounds | vs baseline | goal |")
    print("|---|---|---|---|---|")
    print(
        f"| ActionService.report (~{batches} batches) | {service:,.0f} | {_each(services)} "
        f"| {service / raw:.0%} | >= 50% and >= 5,000/s |"
    )
    print(
        f"| raw aiosqlite executemany, {BASELINE_BATCH:,} rows per transaction (baseline) "
        f"| {raw:,.0f} | {_each(raws)} | 100% | |"
    )
    print(
        f"| ActionService.report with batching off ({args.events // 5:,} reports) "
        f"| {single:,.0f} | | {single / raw:.0%} | (informational) |"
    )
    print("every event recorded exactly once: rows, keys, ids and roll-ups checked")
    print()


def _each(rates: list[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


if __name__ == "__main__":
    asyncio.run(main())
