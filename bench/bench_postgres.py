"""Benchmark actions on PostgreSQL: recording throughput, and /stats and /leaderboard over
10,000,000 actions.

    .venv/bin/python bench/bench_postgres.py --server postgresql://postgres@127.0.0.1:5432/postgres
        [--prefix orgbot_bench_] [--events 10000] [--members 2000] [--stored 10000000] [--rounds 9]

``--server`` is a URL of a role that may create databases; every database the bench makes is
named ``--prefix`` + a suffix, and is dropped at the end (``--keep`` keeps the 10M one).

In one run, mirroring bench/bench_actions.py (SQLite):

1. Recording: ``--events`` outcome reports from ``--members`` members, fired concurrently
   through ``ActionService.report`` (its batcher: one transaction per batch) on PostgreSQL,
   against two baselines of the same rows into the same schema (its indexes and roll-up
   triggers), each in a fresh database: raw asyncpg ``copy_records_to_table`` and raw asyncpg
   ``executemany`` of an INSERT, 1,000 rows per transaction. The service is compared with the
   faster of the two. Every event must be recorded exactly once (rows, keys, ids, roll-ups).
2. Queries: ``--stored`` actions (20,000 members, 4 campaigns, 365 days, 540 lawmakers) made
   server-side with ``INSERT ... SELECT FROM generate_series`` (the migrations' triggers and
   the actions' secondary indexes are set aside meanwhile; the roll-ups are then computed with
   one INSERT ... SELECT each, as the triggers would have kept them, and checked), then
   VACUUM ANALYZE. The set-up time is printed. Then the same table as the SQLite bench: what
   /stats and /leaderboard take over several periods, through ``StatsService``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_actions import (
    BASELINE_BATCH,
    OUTCOMES,
    ROLLUPS,
    _each,
    events,
    measure_stats,
    raw_rows,
    verify,
    world,
)

from bot.app import build_services, close_services
from bot.domain.action_models import Change
from bot.domain.models import Platform
from bot.settings import load_settings

COLUMNS = [
    "community_id",
    "member_id",
    "campaign_id",
    "prompt_id",
    "scope",
    "lawmaker",
    "outcome",
    "at",
    "day",
    "member_day",
]
INSERT = (
    f"INSERT INTO actions ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join(f'${i}' for i in range(1, len(COLUMNS) + 1))})"
)
TRIGGERED = ("actions", "anonymous_action_counts")


def database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


class Databases:
    """Fresh databases on the server, each dropped when its block ends."""

    def __init__(self, server: str, prefix: str) -> None:
        self.server = server
        self.prefix = prefix

    async def _admin(self, sql: str) -> None:
        conn = await asyncpg.connect(self.server)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    async def recreate(self, name: str) -> None:
        await self.drop(name)
        await self._admin(f'CREATE DATABASE "{name}"')

    async def drop(self, name: str) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @asynccontextmanager
    async def fresh(self, suffix: str, keep: bool = False) -> AsyncIterator[str]:
        name = f"{self.prefix}{suffix}"
        await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await self._admin(f'CREATE DATABASE "{name}"')
        try:
            yield database_url(self.server, name)
        finally:
            if not keep:
                await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- recording -----------------------------------------------------------------------------------
async def record_through_service(
    folder: Path, url: str, count: int, members: int, max_batch: int
) -> tuple[float, int]:
    services, actors, prompts = await world(folder, members, max_batch, database_url=url)
    plan = events(actors, prompts, count)
    report = services.actions.report
    before = services.actions.batcher.batches
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


async def record_raw(folder: Path, url: str, count: int, members: int, how: str) -> float:
    """The same rows, with raw asyncpg (``how``: "copy" or "executemany"), 1,000 per
    transaction, into the same schema (its indexes and roll-up triggers)."""
    services, actors, prompts = await world(folder, members, database_url=url)
    plan = events(actors, prompts, count)
    rows = raw_rows(actors, prompts, plan)
    await close_services(services)
    conn = await asyncpg.connect(url)
    try:
        gc.collect()
        started = time.perf_counter()
        for start in range(0, len(rows), BASELINE_BATCH):
            chunk = rows[start : start + BASELINE_BATCH]
            async with conn.transaction():
                if how == "copy":
                    await conn.copy_records_to_table("actions", records=chunk, columns=COLUMNS)
                else:
                    await conn.executemany(INSERT, chunk)
        elapsed = time.perf_counter() - started
        stored = await conn.fetchval("SELECT count(*) FROM actions")
        rolled = await conn.fetchval("SELECT sum(actions) FROM action_counts_by_day")
    finally:
        await conn.close()
    if stored != len(rows) or rolled != len(rows):
        raise SystemExit(f"baseline stored {stored} (roll-up {rolled}) of {len(rows)}")
    return len(rows) / elapsed


async def recording(root: Path, dbs: Databases, events_: int, members: int, rounds: int) -> None:
    services: list[float] = []
    copies: list[float] = []
    manys: list[float] = []
    batches = 0
    for round_ in range(rounds):  # alternate, so all three see the same machine
        async with dbs.fresh(f"s{round_}") as url:
            rate, batches = await record_through_service(
                root / f"s{round_}", url, events_, members, 1000
            )
            services.append(rate)
        async with dbs.fresh(f"c{round_}") as url:
            copies.append(await record_raw(root / f"c{round_}", url, events_, members, "copy"))
        async with dbs.fresh(f"e{round_}") as url:
            manys.append(
                await record_raw(root / f"e{round_}", url, events_, members, "executemany")
            )
    async with dbs.fresh("one") as url:
        single, _ = await record_through_service(root / "one", url, events_ // 5, members // 5, 1)
    service, copy, many = (statistics.median(x) for x in (services, copies, manys))
    raw = max(copy, many)
    print()
    print(
        f"Recording {events_:,} reports from {members:,} members on PostgreSQL, concurrently "
        f"(median of {rounds} alternating rounds):"
    )
    print("| path | actions/s | rounds | vs baseline | goal |")
    print("|---|---|---|---|---|")
    print(
        f"| ActionService.report (~{batches} batches) | {service:,.0f} | {_each(services)} "
        f"| {service / raw:.0%} | >= 50% and >= 5,000/s |"
    )
    for label, rate, each in (
        ("copy_records_to_table", copy, copies),
        ("executemany", many, manys),
    ):
        print(
            f"| raw asyncpg {label}, {BASELINE_BATCH:,} rows per transaction "
            f"{'(baseline)' if rate == raw else ''} | {rate:,.0f} | {_each(each)} "
            f"| {rate / raw:.0%} | |"
        )
    print(
        f"| ActionService.report with batching off ({events_ // 5:,} reports) "
        f"| {single:,.0f} | | {single / raw:.0%} | (informational) |"
    )
    paired = [s / max(c, m) for s, c, m in zip(services, copies, manys, strict=True)]
    print(
        f"each round's service vs that round's baseline: lowest {min(paired):.0%}, "
        f"highest {max(paired):.0%}"
    )
    print("every event recorded exactly once: rows, keys, ids and roll-ups checked")


# -- ten million stored actions -------------------------------------------------------------------
async def build_stored(url: str, stored: int, last: date) -> dict[str, float]:
    """Members, 4 campaigns, 1,460 prompts and ``stored`` actions over 365 days, made on the
    server; returns the seconds each step took."""
    members, campaigns, days = 20_000, 4, 365
    prompt_count = campaigns * days
    if stored > members * prompt_count:
        raise SystemExit(f"--stored is at most {members * prompt_count:,}")
    first = last - timedelta(days=days - 1)  # the days end today, in the community
    spans: dict[str, float] = {}
    conn = await asyncpg.connect(url)
    try:
        community = await conn.fetchval("SELECT id FROM communities WHERE external_id = 'bench'")
        started = time.perf_counter()
        async with conn.transaction():
            # The rows are made consistent, so foreign keys are not checked row by row (as the
            # SQLite bench turns foreign_keys off): that needs a superuser, else they are.
            with contextlib.suppress(asyncpg.InsufficientPrivilegeError):
                async with conn.transaction():
                    await conn.execute("SET LOCAL session_replication_role = replica")
            await conn.execute("SET LOCAL work_mem = '256MB'")
            await conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for table in TRIGGERED:  # the schema's own triggers; on again below
                await conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            indexes = await conn.fetch(  # secondary indexes of actions: made again after
                "SELECT i.indexname, i.indexdef FROM pg_indexes AS i "
                "WHERE i.schemaname = current_schema() AND i.tablename = 'actions' "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c "
                "  WHERE c.conname = i.indexname AND c.conrelid = 'actions'::regclass)"
            )
            for index in indexes:
                await conn.execute(f'DROP INDEX "{index["indexname"]}"')
            base_member = await conn.fetchval("SELECT coalesce(max(id), 0) + 1 FROM members")
            await conn.execute(
                "INSERT INTO members (id, community_id, user_id, created_at) "
                "SELECT $1 + i, $2, 'big' || i, 'x' FROM generate_series(0, $3 - 1) AS i",
                base_member,
                community,
                members,
            )
            base_campaign = await conn.fetchval("SELECT coalesce(max(id), 0) + 1 FROM campaigns")
            await conn.execute(
                "INSERT INTO campaigns (id, community_id, slug, title, ask, script, targets, "
                "status, created_at, updated_at) "
                "SELECT $1 + c, $2, 'big-' || c, 't', 'a', 's', 'mine', 'active', 'x', 'x' "
                "FROM generate_series(0, $3 - 1) AS c",
                base_campaign,
                community,
                campaigns,
            )
            await conn.executemany(
                "INSERT INTO campaign_outcomes VALUES ($1, $2, $3, NULL, $4)",
                [
                    (base_campaign + c, o, o, i)
                    for c in range(campaigns)
                    for i, o in enumerate(OUTCOMES)
                ],
            )
            base_prompt = await conn.fetchval("SELECT coalesce(max(id), 0) + 1 FROM prompts")
            await conn.execute(
                "INSERT INTO prompts (id, community_id, campaign_id, channel_id, message_id, "
                "created_at) SELECT $1 + i, $2, $3 + i % $4, 'g', 'big' || i, 'x' "
                "FROM generate_series(0, $5 - 1) AS i",
                base_prompt,
                community,
                base_campaign,
                campaigns,
                prompt_count,
            )
            # Member m's k-th action is on prompt (7m + 29k) mod 1460: keys never repeat.
            # 300 of 840 draws name no lawmaker (a reaction), the rest one of 540.
            await conn.execute("SELECT setseed(0.11)")
            await conn.execute(
                "INSERT INTO actions (community_id, member_id, campaign_id, prompt_id, scope, "
                "lawmaker, outcome, at, day, member_day) "
                "SELECT $1, $2 + m, $3 + p % 4, $4 + p, 'p' || ($4 + p), "
                "  CASE WHEN r < 300 THEN '' ELSE 'A' || lpad((r - 300)::text, 6, '0') END, "
                "  (ARRAY['contact', 'voicemail', 'unreachable'])[1 + floor(random() * 3)::int],"
                "  d || 'T17:00:00Z', d, d "
                "FROM (SELECT i % $5 AS m, ((i % $5) * 7 + (i / $5) * 29) % $6 AS p, "
                "        floor(random() * 840)::int AS r "
                "      FROM generate_series(0, $7 - 1) AS i) AS s, "
                "  LATERAL (SELECT to_char($8::date + p / 4, 'YYYY-MM-DD') AS d) AS dd",
                community,
                base_member,
                base_campaign,
                base_prompt,
                members,
                prompt_count,
                stored,
                first,
            )
            spans["actions"] = time.perf_counter() - started
            mark = time.perf_counter()
            for index in indexes:
                await conn.execute(index["indexdef"])
            spans["indexes"] = time.perf_counter() - mark
            mark = time.perf_counter()
            for table, (columns, select) in ROLLUPS.items():
                await conn.execute(f"DELETE FROM {table}")
                await conn.execute(
                    f"INSERT INTO {table} SELECT {select} FROM actions GROUP BY {columns}"
                )
            for table in TRIGGERED:
                await conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            spans["roll-ups"] = time.perf_counter() - mark
        mark = time.perf_counter()
        await conn.execute("VACUUM ANALYZE")
        spans["vacuum analyze"] = time.perf_counter() - mark
        spans["in all"] = time.perf_counter() - started
        await check_rollups(conn, stored)
    finally:
        await conn.close()
    return spans


async def check_rollups(conn: asyncpg.Connection, stored: int) -> None:
    """Every roll-up adds up to the actions (what the triggers would have kept)."""
    total = await conn.fetchval("SELECT count(*) FROM actions")
    sums = {
        table: await conn.fetchval(f"SELECT coalesce(sum(actions), 0) FROM {table}")
        for table in ROLLUPS
        if table != "action_day_versions"
    }
    if total < stored or any(s != total for s in sums.values()):
        raise SystemExit(f"roll-ups do not add up: {total} actions, {sums}")


async def queries(root: Path, dbs: Databases, stored: int, keep: bool, reuse: bool) -> None:
    """Build ``stored`` actions in a new database (or, with ``reuse``, take the one a run with
    --keep left), then measure /stats and /leaderboard over them."""
    name = f"{dbs.prefix}stored"
    url = database_url(dbs.server, name)
    settings = load_settings(
        env_file=None,
        database_path=root / "unused.sqlite3",
        database_url=url,
        data_dir=root / "civic",
        console_output_dir=root / "console",
        action_daily_cap=100,
        live_count_interval=0,
    )
    try:
        if not reuse:
            await dbs.recreate(name)
            services, actors, _ = await world(root / "d", 1, database_url=url)
            today = await services.stats.today(actors[0].community)
            await close_services(services)
            spans = await build_stored(url, stored, today)
            print()
            print(
                f"built {stored:,} stored actions and their roll-ups on the server in "
                f"{spans['in all']:.0f} s ("
                + ", ".join(f"{k} {v:.0f} s" for k, v in spans.items() if k != "in all")
                + ")"
            )
        services = await build_services(settings)
        try:
            olga = await services.members.actor(Platform.CONSOLE, "bench", "olga", True)
            today = await services.stats.today(olga.community)
            prompt = await services.db.fetchval("SELECT min(id) FROM prompts")
            await measure_stats(services, olga.community, int(prompt), today)
        finally:
            await close_services(services)
    finally:
        if not keep:
            await dbs.drop(name)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="a URL of a role that creates databases")
    parser.add_argument("--prefix", default="orgbot_bench_", help="names of the databases made")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--stored", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep the stored-actions database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the stored actions a --keep run left"
    )
    args = parser.parse_args()
    conn = await asyncpg.connect(args.server)
    try:
        server = await conn.fetchval("SHOW server_version")
    finally:
        await conn.close()
    print(f"Python {platform.python_version()}, PostgreSQL {server}, {os.cpu_count()} CPUs")
    dbs = Databases(args.server, args.prefix)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.events:
            await recording(root, dbs, args.events, args.members, args.rounds)
        if args.stored:
            await queries(root, dbs, args.stored, args.keep or args.reuse, args.reuse)


if __name__ == "__main__":
    asyncio.run(main())
