"""Which process runs the scheduler: exactly one at a time.

On SQLite one process owns the database file (its lock refuses a second), so that process is
always the leader (:class:`SoleLeadership`).

On PostgreSQL any number of ``orgbot run`` processes share the database, and the one that holds
a session-level advisory lock (``pg_try_advisory_lock`` on :data:`LOCK_KEY`, the same in every
process of the app) on a connection of its own runs the scheduler (:class:`AdvisoryLeadership`).
The others try again every ``retry`` seconds (``ORGBOT_LEADER_RETRY_SECONDS``, 5 by default). A
leader that dies closes its connection (the kernel does it even for SIGKILL), PostgreSQL
releases the lock at once, and the next follower to try takes it: within ``retry`` seconds of
the death, plus one tick.

A leader whose lock connection drops has lost the lock (another process may hold it a moment
later), so it stops at once: the connection is checked with a round trip before every tick and
every ``retry`` seconds while leading, and :attr:`Leadership.leading` (no round trip: the
connection's own state, which asyncpg updates as it closes) is checked before every send.

:meth:`Leadership.hold` says whether this process just *became* the leader
(:attr:`Standing.NEW`): only then may the engine mark the sends a previous leader left
'sending' as interrupted (that leader is dead or has lost its lock, so they are truly cut off).
A follower never does, since the leader's sends under way are 'sending' too.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import asyncpg

from bot.storage.postgres.sessions import connect_session

log = logging.getLogger(__name__)

# One key for the whole app: a 64-bit number from its name (advisory locks are per database).
LOCK_KEY = int.from_bytes(hashlib.sha256(b"organizer-bot scheduler").digest()[:8], signed=True)
CHECK_TIMEOUT = 5.0  # seconds a round trip to PostgreSQL may take before the lock counts as lost

Connect = Callable[[], Awaitable[Any]]  # a new asyncpg connection


class Standing(enum.Enum):
    FOLLOWER = "follower"  # another process leads (or the database cannot be reached)
    LEADER = "leader"  # this process led already
    NEW = "new leader"  # this process has just become the leader


class Leadership(Protocol):
    """Whether this process runs the scheduler."""

    retry: float | None  # seconds between a follower's tries (None: it never has to wait)

    @property
    def leading(self) -> bool:
        """Still the leader, as far as this process knows without asking the database."""
        ...

    async def hold(self) -> Standing:
        """Check the leadership held (a round trip), or try to take it."""
        ...

    async def release(self) -> None:
        """Give the leadership up (at a stop), so another process takes it at once."""
        ...


class SoleLeadership:
    """SQLite: the one process that holds the database file is the leader."""

    retry: float | None = None

    def __init__(self) -> None:
        self._held = False

    @property
    def leading(self) -> bool:
        return self._held

    async def hold(self) -> Standing:
        if self._held:
            return Standing.LEADER
        self._held = True
        return Standing.NEW

    async def release(self) -> None:
        self._held = False


class AdvisoryLeadership:
    """PostgreSQL: the process holding the app's advisory lock on its own connection leads."""

    def __init__(
        self,
        connect: Connect,
        retry: float = 5.0,
        key: int = LOCK_KEY,
        check_timeout: float = CHECK_TIMEOUT,
    ) -> None:
        self._connect = connect
        self.retry: float | None = retry
        self._key = key
        self._timeout = check_timeout
        self._conn: Any = None  # the dedicated connection (kept while following, too)
        self._held = False
        self._lock = asyncio.Lock()  # one statement at a time on the connection
        self._watch: asyncio.Task[None] | None = None
        self._unreachable = False  # logged once per outage, not every retry
        self.lost = asyncio.Event()  # set when a leadership held is lost (tests wait on it)

    @property
    def leading(self) -> bool:
        conn = self._conn
        return self._held and conn is not None and not conn.is_closed()

    async def hold(self) -> Standing:
        async with self._lock:
            if self._held:
                if await self._alive():
                    return Standing.LEADER
                self._lose("its connection to PostgreSQL did not answer")
                await self._close()  # a new connection (and session) for the next try
            return await self._try()

    async def release(self) -> None:
        async with self._lock:
            was = self._held
            self._held = False
            self._stop_watching()
            await self._close()
        if was:
            log.info("gave up running the scheduler (stopping)")

    async def _try(self) -> Standing:
        """Try to take the lock (connecting first if needed)."""
        if self._conn is None or self._conn.is_closed():
            self._conn = None
            try:
                self._conn = await asyncio.wait_for(self._connect(), self._timeout)
            except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
                if not self._unreachable:
                    log.warning("cannot reach PostgreSQL for the scheduler's lock: %s", exc)
                self._unreachable = True
                return Standing.FOLLOWER
            self._unreachable = False
            self._conn.add_termination_listener(self._terminated)
        try:
            got = await asyncio.wait_for(
                self._conn.fetchval("SELECT pg_try_advisory_lock($1)", self._key), self._timeout
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("could not ask PostgreSQL for the scheduler's lock: %s", exc)
            await self._close()
            return Standing.FOLLOWER
        if not got:
            return Standing.FOLLOWER
        self._held = True
        self.lost.clear()
        self._watch = asyncio.get_running_loop().create_task(self._watching())
        log.info("this process now runs the scheduler (it holds the leader lock)")
        return Standing.NEW

    async def _alive(self) -> bool:
        """A round trip on the lock's connection."""
        conn = self._conn
        if conn is None or conn.is_closed():
            return False
        try:
            await asyncio.wait_for(conn.fetchval("SELECT 1"), self._timeout)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return False
        return True

    async def _watching(self) -> None:
        """While leading: a round trip every ``retry`` seconds, so a silent drop is noticed
        even between ticks."""
        while True:
            await asyncio.sleep(self.retry or CHECK_TIMEOUT)
            async with self._lock:
                if not self._held:
                    return
                if not await self._alive():
                    self._lose("its connection to PostgreSQL did not answer")
                    await self._close()
                    return

    def _terminated(self, conn: object) -> None:
        """asyncpg: the lock's connection closed (the server went away, or the network)."""
        if conn is self._conn and self._held:
            self._lose("its connection to PostgreSQL was closed")

    def _lose(self, why: str) -> None:
        self._held = False
        self.lost.set()
        if self._watch is not None and self._watch is not asyncio.current_task():
            self._watch.cancel()
        self._watch = None
        log.warning("this process stopped running the scheduler: %s", why)

    def _stop_watching(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None

    async def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        with contextlib.suppress(Exception):
            await asyncio.wait_for(conn.close(), self._timeout)
        if not conn.is_closed():
            conn.terminate()


def advisory(url: str, retry: float) -> AdvisoryLeadership:
    """The leadership of processes sharing the PostgreSQL database at ``url`` (its lock's
    connection ends soon after a lost machine: :mod:`bot.storage.postgres.sessions`)."""
    return AdvisoryLeadership(lambda: connect_session(url), retry)
