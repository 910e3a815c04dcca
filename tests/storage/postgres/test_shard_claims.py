"""Processes sharing PostgreSQL never serve the same Discord shard twice: each claims its shards
before it connects, and a claim that overlaps another process's is refused in one line."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import asyncpg
import pytest

from bot.domain.errors import StartupError
from bot.storage.postgres.sessions import connect_session
from bot.storage.postgres.shard_claims import ShardClaim, claim_shards

from ...fakes.discord_server import TOKEN, FakeDiscord
from ...orgbot_process import assert_one_line_error, orgbot, orgbot_env, start
from .conftest import needs_server

pytestmark = needs_server


async def claim(url: str, count: int | None, shards: list[int] | None) -> ShardClaim:
    return await claim_shards(lambda: connect_session(url), count, shards)


async def refused(url: str, count: int | None, shards: list[int] | None) -> str:
    with pytest.raises(StartupError) as info:
        await claim(url, count, shards)
    return str(info.value)


async def test_the_same_shard_is_refused_and_others_are_not(empty_postgres: str) -> None:
    first = await claim(empty_postgres, 3, [0, 1])
    second = await claim(empty_postgres, 3, [2])
    said = await refused(empty_postgres, 3, [1, 2])
    assert said.startswith("Discord shards 1, 2 are already served by another process")
    assert "ORGBOT_DISCORD_SHARD_IDS" in said and "\n" not in said
    assert (await refused(empty_postgres, 3, [0])).startswith("Discord shard 0 is already")
    await first.release()
    third = await claim(empty_postgres, 3, [0, 1])  # released at a stop: free at once
    await second.release()
    await third.release()


async def test_every_shard_runs_alone(empty_postgres: str) -> None:
    """A process serving every shard (no shard ids) refuses a second one, and any process
    serving some shards, whichever starts first."""
    every = await claim(empty_postgres, None, None)
    assert "Another process already serves" in await refused(empty_postgres, None, None)
    assert "serves every Discord shard" in await refused(empty_postgres, 2, [0])
    await every.release()
    some = await claim(empty_postgres, 2, [0])
    assert "Another process already serves" in await refused(empty_postgres, None, None)
    await some.release()


async def test_every_process_must_run_the_same_shard_count(empty_postgres: str) -> None:
    two = await claim(empty_postgres, 2, [0])
    said = await refused(empty_postgres, 3, [1])
    assert said.startswith("Other processes on this database run 2 Discord shards and this one 3")
    await two.release()
    three = await claim(empty_postgres, 3, [1])
    await three.release()


async def test_a_dead_process_s_shards_are_free_again(empty_postgres: str) -> None:
    """The server ends a dead process's session, and its locks with it (SIGKILL included)."""
    held = await claim(empty_postgres, 2, [1])
    admin = await asyncpg.connect(empty_postgres)
    try:
        pid = held._conn.get_server_pid()
        assert await admin.fetchval("SELECT pg_terminate_backend($1, 30000)", pid)
    finally:
        await admin.close()
    again = await claim(empty_postgres, 2, [1])
    await again.release()
    await held.release()


async def test_a_second_process_with_the_same_shard_stops_in_one_line(
    empty_postgres: str, tmp_path: Path
) -> None:
    """Two real `orgbot run` processes given the same shard: the second says so and exits
    before it connects to Discord; the first keeps serving."""
    env = orgbot_env(tmp_path, tmp_path / "civic")
    env.update(
        ORGBOT_DATABASE_URL=empty_postgres,
        ORGBOT_DATA_MIRROR=os.environ["ORGBOT_DATA_MIRROR"],
        ORGBOT_DATA_DIR=str(tmp_path / "civic"),
        DISCORD_TOKEN=TOKEN,
        ORGBOT_DISCORD_SHARD_COUNT="2",
        ORGBOT_DISCORD_SHARD_IDS="1",
    )
    async with FakeDiscord() as discord:
        env.update(
            ORGBOT_DISCORD_API_BASE=discord.api_base,
            ORGBOT_DISCORD_GATEWAY_URL=discord.gateway_url,
        )
        first = await start("run", env=env)
        try:  # connected as shard 1: it claimed its shard before
            await discord.until(lambda: any(i.get("shard") == [1, 2] for i in discord.identifies))
            second = await orgbot("run", env=env)
            assert_one_line_error(second, "Discord shard 1 is already served")
            assert first.returncode is None
        finally:
            if first.returncode is None:
                first.send_signal(signal.SIGINT)
            await asyncio.wait_for(first.communicate(), 60)
