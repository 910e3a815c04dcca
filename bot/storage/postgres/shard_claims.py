"""The Discord shards this process serves, claimed in PostgreSQL so none is served twice.

Processes sharing one PostgreSQL database split Discord's gateway by shard
(``ORGBOT_DISCORD_SHARD_COUNT`` / ``ORGBOT_DISCORD_SHARD_IDS``). Two processes serving the same
shard would both handle its events: each reaction reported twice, each command answered twice.
So before it connects, a process takes session-level advisory locks on a connection of its own
(:mod:`bot.storage.postgres.sessions`), held until it stops; PostgreSQL releases them when its
session ends, even after a SIGKILL:

- a process serving every shard takes the gateway lock exclusively; one serving some of them
  takes it shared, so "every shard" never runs beside "some";
- one serving some takes its shard count's lock shared and checks that no process holds another
  count's (a guild's shard follows from the count, so all processes must agree on it);
- and each of its shards' locks, exclusively.

A claim refused raises StartupError saying what is taken and what to change. On SQLite no claim
is needed: one process owns the database file.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.errors import StartupError

log = logging.getLogger(__name__)


def _space(name: str) -> int:
    """A positive 32-bit number naming one family of locks (the first of two-key advisory
    locks; the leader lock uses the one-key form, a separate space)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") & 0x7FFF_FFFF


GATEWAY = _space("organizer-bot discord gateway")
COUNT = _space("organizer-bot discord shard count")
SHARD = _space("organizer-bot discord shard")

_OTHER_COUNT = (
    "SELECT min(objid::bigint) FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND objsubid = 2 AND classid = $1::bigint::oid AND objid <> $2::bigint::oid"
)


class ShardClaim:
    """The locks of the shards this process serves; :meth:`release` at a stop."""

    def __init__(self, conn: Any, shards: list[int] | None) -> None:
        self._conn = conn
        self.shards = shards  # None: every shard
        conn.add_termination_listener(self._lost)

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        conn.remove_termination_listener(self._lost)
        with contextlib.suppress(Exception):
            await conn.close()

    def _lost(self, conn: object) -> None:
        log.error(
            "lost the connection holding this process's Discord shard locks: another process "
            "started now could serve the same shards"
        )


async def claim_shards(
    connect: Callable[[], Awaitable[Any]], count: int | None, shards: list[int] | None
) -> ShardClaim:
    """Claim ``shards`` of ``count`` (None: every shard), or raise StartupError."""
    conn = await connect()
    try:
        if shards is None:
            if not await conn.fetchval("SELECT pg_try_advisory_lock($1, 0)", GATEWAY):
                raise StartupError(
                    "Another process already serves this bot's Discord shards on this "
                    "database: run one process with every shard, or give each process its own "
                    "ORGBOT_DISCORD_SHARD_IDS."
                )
        else:
            await _some(conn, count or 0, shards)
    except BaseException:
        with contextlib.suppress(Exception):
            await conn.close()
        raise
    return ShardClaim(conn, shards)


async def _some(conn: Any, count: int, shards: list[int]) -> None:
    if not await conn.fetchval("SELECT pg_try_advisory_lock_shared($1, 0)", GATEWAY):
        raise StartupError(
            "Another process serves every Discord shard of this bot on this database: give it "
            "ORGBOT_DISCORD_SHARD_COUNT and ORGBOT_DISCORD_SHARD_IDS too, or stop it."
        )
    await conn.fetchval("SELECT pg_advisory_lock_shared($1, $2)", COUNT, count)  # never waits
    other = await conn.fetchval(_OTHER_COUNT, COUNT, count)
    if other is not None:
        raise StartupError(
            f"Other processes on this database run {other} Discord shards and this one "
            f"{count}: give every process the same ORGBOT_DISCORD_SHARD_COUNT."
        )
    taken = [
        shard
        for shard in shards
        if not await conn.fetchval("SELECT pg_try_advisory_lock($1, $2)", SHARD, shard)
    ]
    if taken:
        which = ", ".join(map(str, taken))
        raise StartupError(
            f"Discord shard{'s' if len(taken) > 1 else ''} {which} "
            f"{'are' if len(taken) > 1 else 'is'} already served by another process on this "
            "database: give each process its own ORGBOT_DISCORD_SHARD_IDS."
        )
