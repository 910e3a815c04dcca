"""Exactly one process runs the scheduler: the advisory lock on PostgreSQL, and the engine and
runner that only tick while they lead.

The PostgreSQL tests contend for the real lock on a database of their own (``database_url``);
a leader "dies" when the server ends its lock connection (``pg_terminate_backend``, as it does
when a killed process's socket closes). They wait on events, never on sleeps.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import asyncpg
import pytest

from bot.domain.clock import ManualClock
from bot.domain.schedule_models import Dispatch, DispatchKind, DispatchStatus, Fired
from bot.scheduling.engine import Engine
from bot.scheduling.leadership import (
    LOCK_KEY,
    AdvisoryLeadership,
    SoleLeadership,
    Standing,
    advisory,
)
from bot.scheduling.runner import DataRefresh, Scheduler
from bot.services import Services
from bot.storage.postgres.sessions import KEEPALIVE
from bot.storage.schedules import DeliveryFailureRepository, DispatchRepository

from .conftest import actor_of

WAIT = 60.0  # generous for a loaded machine; a healthy run takes well under a second
RETRY = 0.2  # seconds between a follower's tries, in these tests


class SwitchedLeadership:
    """A leadership a test sets by hand."""

    retry: float | None = None

    def __init__(self, standing: Standing) -> None:
        self.standing = standing
        self.released = False

    @property
    def leading(self) -> bool:
        return self.standing is not Standing.FOLLOWER

    async def hold(self) -> Standing:
        standing = self.standing
        if standing is Standing.NEW:
            self.standing = Standing.LEADER
        return standing

    async def release(self) -> None:
        self.released = True


class Recording:
    """A job that records the ticks that ran it and the interrupted rows it was told of."""

    def __init__(self, every_process: bool = False, on_run: Any = None) -> None:
        self.every_process = every_process
        self.runs: list[datetime] = []
        self.told: list[list[Dispatch]] = []
        self.ran = asyncio.Event()
        self.recovered = asyncio.Event()
        self._on_run = on_run

    async def run_due(self, now: datetime) -> list[Fired]:
        self.runs.append(now)
        self.ran.set()
        if self._on_run is not None:
            await self._on_run()
        return []

    async def next_due(self, after: datetime) -> datetime | None:
        return None

    async def interrupted(self, rows: list[Dispatch], now: datetime) -> None:
        self.told.append(rows)
        self.recovered.set()


async def sending_row(
    services: Services, clock: ManualClock, subject: str = "member:1"
) -> DispatchRepository:
    """A reminder left 'sending' (by the leader, or by one that died) in the dispatch log."""
    olga = await actor_of(services, "olga", organizer=True)
    dispatches = DispatchRepository(services.db)
    assert await dispatches.claim(
        olga.community.id, DispatchKind.REMINDER, subject, "2026-01-05", clock.now()
    )
    return dispatches


async def status(dispatches: DispatchRepository) -> DispatchStatus:
    row = await dispatches.get(DispatchKind.REMINDER, "member:1", "2026-01-05")
    assert row is not None
    return row.status


# -- the engine ------------------------------------------------------------------------------


async def test_a_follower_neither_sends_nor_marks_the_leader_s_sends_interrupted(
    services: Services, clock: ManualClock
) -> None:
    """A follower's tick runs no job and leaves the leader's 'sending' rows alone; only the
    jobs each process runs for itself (``every_process``) run."""
    dispatches = await sending_row(services, clock)
    sends, own = Recording(), Recording(every_process=True)
    leadership = SwitchedLeadership(Standing.FOLLOWER)
    engine = Engine(clock, dispatches, [sends, own], leadership=leadership)
    await engine.tick()
    await engine.tick()
    assert sends.runs == [] and sends.told == []
    assert len(own.runs) == 2
    assert await status(dispatches) is DispatchStatus.SENDING


async def test_a_process_that_becomes_leader_marks_sends_in_doubt_interrupted_once(
    services: Services, clock: ManualClock
) -> None:
    """Becoming the leader: the last leader's 'sending' rows are interrupted (and the jobs told)
    before anything is sent; later ticks of the same leadership do not do it again."""
    dispatches = await sending_row(services, clock)
    sends = Recording()
    leadership = SwitchedLeadership(Standing.FOLLOWER)
    engine = Engine(clock, dispatches, [sends], leadership=leadership)
    await engine.tick()
    leadership.standing = Standing.NEW
    await engine.tick()
    assert [[row.subject for row in rows] for rows in sends.told] == [["member:1"]]
    assert await status(dispatches) is DispatchStatus.INTERRUPTED
    await engine.tick()
    assert len(sends.told) == 1 and len(sends.runs) == 2


async def test_a_leader_that_loses_the_lock_mid_tick_sends_nothing_more(
    services: Services, clock: ManualClock
) -> None:
    """Losing the leadership during a tick: the stop every send checks is requested, and the
    jobs after it do not run."""
    leadership = SwitchedLeadership(Standing.NEW)
    seen: list[bool] = []

    async def lose() -> None:
        seen.append(engine.stop.requested)
        leadership.standing = Standing.FOLLOWER
        seen.append(engine.stop.requested)

    first, second = Recording(on_run=lose), Recording()
    engine = Engine(clock, DispatchRepository(services.db), [first, second], leadership=leadership)
    await engine.tick()
    assert seen == [False, True]
    assert second.runs == []


async def test_on_sqlite_the_one_process_leads_and_recovers_at_its_first_tick(
    services: Services, clock: ManualClock
) -> None:
    """The default leadership (one process per SQLite file) is new once, then held."""
    leadership = SoleLeadership()
    assert not leadership.leading
    assert await leadership.hold() is Standing.NEW
    assert leadership.leading and await leadership.hold() is Standing.LEADER
    await leadership.release()
    assert await leadership.hold() is Standing.NEW
    dispatches = await sending_row(services, clock)
    sends = Recording()
    await Engine(clock, dispatches, [sends]).tick()
    assert sends.runs and await status(dispatches) is DispatchStatus.INTERRUPTED


async def test_stopping_the_scheduler_gives_the_leadership_up(
    services: Services, clock: ManualClock
) -> None:
    """stop() releases the leadership, so another process takes over at its next try."""
    leadership = SwitchedLeadership(Standing.NEW)
    services.scheduler.engine.leadership = leadership
    await services.scheduler.start()
    await services.scheduler.stop()
    assert leadership.released


# -- PostgreSQL's advisory lock --------------------------------------------------------------


async def admin(url: str) -> Any:
    return await asyncpg.connect(url)


async def lock_holder(conn: Any) -> int | None:
    """The server process id holding the app's advisory lock on this database, if any (a
    bigint key is kept as its high and low 32 bits)."""
    return await conn.fetchval(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND classid::text::bigint = $1 AND objid::text::bigint = $2",
        (LOCK_KEY >> 32) & 0xFFFF_FFFF,
        LOCK_KEY & 0xFFFF_FFFF,
    )


class Mortal:
    """A process's way to PostgreSQL that ends when the process dies (a dead process never
    tries to lead again)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.alive = True

    async def __call__(self) -> Any:
        if not self.alive:
            raise OSError("this process is dead")
        return await asyncpg.connect(self.url)


async def kill_holder(conn: Any) -> None:
    """The leader dies: the server ends its lock connection (and waits until it is gone)."""
    pid = await lock_holder(conn)
    assert pid is not None
    assert await conn.fetchval("SELECT pg_terminate_backend($1, 30000)", pid)


@pytest.mark.postgres
async def test_one_of_two_processes_leads_and_the_other_takes_over_when_it_dies(
    database_url: str,
) -> None:
    """Two contenders: one leads, the other follows while it lives; when the leader's
    connection ends, the leader knows at once and the follower's next try makes it leader."""
    first, second = advisory(database_url, RETRY), advisory(database_url, RETRY)
    watch = await admin(database_url)
    try:
        assert await first.hold() is Standing.NEW
        assert await second.hold() is Standing.FOLLOWER
        assert await first.hold() is Standing.LEADER
        assert await second.hold() is Standing.FOLLOWER
        assert first.leading and not second.leading

        await kill_holder(watch)
        await asyncio.wait_for(first.lost.wait(), WAIT)
        assert not first.leading
        assert await second.hold() is Standing.NEW
        assert await first.hold() is Standing.FOLLOWER  # it reconnects, and follows
    finally:
        await first.release()
        await second.release()
        await watch.close()


@pytest.mark.postgres
async def test_the_server_ends_a_silent_leader_s_session_within_seconds(database_url: str) -> None:
    """A lost machine closes nothing: the lock's connection asks the server to probe it after
    5 s of silence (2 s apart, 3 probes), not PostgreSQL's default two hours."""
    leadership = advisory(database_url, RETRY)
    try:
        assert await leadership.hold() is Standing.NEW
        conn = leadership._conn
        shown = [await conn.fetchval(f"SHOW {name}") for name in KEEPALIVE]
        assert shown == ["5", "2", "3"]
    finally:
        await leadership.release()


@pytest.mark.postgres
async def test_a_leader_that_stops_hands_over_at_the_next_try(database_url: str) -> None:
    first, second = advisory(database_url, RETRY), advisory(database_url, RETRY)
    try:
        assert await first.hold() is Standing.NEW
        await first.release()
        assert not first.leading
        assert await second.hold() is Standing.NEW
    finally:
        await second.release()


@pytest.mark.postgres
async def test_a_leader_whose_connection_closes_under_it_stops_leading_at_once(
    database_url: str,
) -> None:
    """The lock's connection gone: no longer leading, without asking the server; the next
    hold starts a new session (new leader only if the lock is free, so it recovers)."""
    leadership = advisory(database_url, RETRY)
    try:
        assert await leadership.hold() is Standing.NEW
        conn = leadership._conn
        assert conn is not None
        conn.terminate()  # the socket is gone from under the connection
        assert not leadership.leading
        assert await leadership.hold() in (Standing.FOLLOWER, Standing.NEW)
    finally:
        await leadership.release()


async def test_without_postgres_a_process_follows_and_says_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unreachable server: follower (nothing scheduled twice), one warning, no traceback."""

    async def refused() -> Any:
        raise OSError("connection refused")

    leadership = AdvisoryLeadership(refused, RETRY)
    assert await leadership.hold() is Standing.FOLLOWER
    assert await leadership.hold() is Standing.FOLLOWER
    warnings = [r for r in caplog.records if "scheduler's lock" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.postgres
async def test_a_follower_scheduler_takes_over_within_its_retry_interval(
    services: Services, clock: ManualClock, database_url: str
) -> None:
    """Two schedulers as two processes run them: only the leader's jobs run; when it dies,
    the follower's retry makes it leader, it marks the dead leader's sends interrupted, and
    runs the jobs at once (no waiting for the minute)."""
    dispatches = await sending_row(services, clock)
    watch = await admin(database_url)
    schedulers: list[Scheduler] = []
    jobs: list[Recording] = []
    processes = [Mortal(database_url), Mortal(database_url)]
    for process in processes:
        job = Recording()
        leadership = AdvisoryLeadership(process, RETRY)
        engine = Engine(clock, dispatches, [job], leadership=leadership)
        refresh = DataRefresh(
            _no_sync, None, dispatches, DeliveryFailureRepository(services.db), clock
        )
        scheduler = Scheduler(engine, services.scheduler.outbox, refresh)
        schedulers.append(scheduler)
        jobs.append(job)
    try:
        await schedulers[0].start()
        await asyncio.wait_for(jobs[0].recovered.wait(), WAIT)
        await schedulers[1].start()
        await asyncio.wait_for(_tries(schedulers[1], 2), WAIT)  # it tried, and follows
        assert not jobs[1].ran.is_set() and schedulers[0].engine.leading
        assert await status(dispatches) is DispatchStatus.INTERRUPTED

        await sending_row(services, clock, "member:2")  # the leader's send under way as it dies
        processes[0].alive = False
        await kill_holder(watch)
        await asyncio.wait_for(jobs[1].recovered.wait(), WAIT)
        await asyncio.wait_for(jobs[1].ran.wait(), WAIT)
        assert [[r.subject for r in rows] for rows in jobs[1].told] == [["member:2"]]
        assert not schedulers[0].engine.leading
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
        await watch.close()


async def _no_sync(mirror: str | None) -> None:
    return None


async def _tries(scheduler: Scheduler, count: int) -> None:
    """Wait until the scheduler's follower job has run ``count`` more times."""
    leadership = scheduler.engine.leadership
    done = 0
    real_hold = leadership.hold
    reached = asyncio.Event()

    async def counted() -> Standing:
        nonlocal done
        standing = await real_hold()
        done += 1
        if done >= count:
            reached.set()
        return standing

    leadership.hold = counted  # type: ignore[method-assign]
    try:
        await reached.wait()
    finally:
        leadership.hold = real_hold  # type: ignore[method-assign]
