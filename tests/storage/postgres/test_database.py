"""The PostgreSQL Database against a real server: the port's round trips, transactions, and the
project's errors in place of asyncpg's."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from bot.domain.errors import StartupError, StoredConflict, Unavailable
from bot.storage.postgres.database import PostgresDatabase
from bot.storage.unavailable import BUSY_MESSAGE, FAILED_MESSAGE

from .conftest import SERVER, needs_server, url_of

pytestmark = needs_server
NOW = "2026-01-05T12:00:00Z"


async def community(db: PostgresDatabase, external_id: str = "g1") -> int:
    async with db.transaction() as tx:
        return int(
            await tx.fetchval(
                "INSERT INTO communities (platform, external_id, timezone, created_at) "
                "VALUES (?, ?, ?, ?) RETURNING id",
                ("discord", external_id, "UTC", NOW),
            )
        )


async def campaign(db: PostgresDatabase, community_id: int, slug: str) -> int:
    async with db.transaction() as tx:
        return int(
            await tx.fetchval(
                "INSERT INTO campaigns (community_id, slug, title, ask, script, targets, status, "
                "created_at, updated_at) VALUES (?, ?, 'T', 'A', 'S', 'mine', 'active', ?, ?) "
                "RETURNING id",
                (community_id, slug, NOW, NOW),
            )
        )


async def test_round_trips_inside_and_outside_a_transaction(pg: PostgresDatabase) -> None:
    assert pg.dialect == "postgresql"
    first = await community(pg, "g1")
    second = await community(pg, "g2")
    assert second == first + 1
    row = await pg.fetchone("SELECT id, external_id FROM communities WHERE id = ?", (first,))
    assert row is not None
    assert (row["external_id"], row[0], list(row.keys())) == ("g1", first, ["id", "external_id"])
    assert await pg.fetchone("SELECT id FROM communities WHERE id = ?", (999,)) is None
    assert await pg.fetchval("SELECT id FROM communities WHERE id = ?", (999,)) is None
    names = await pg.fetchall("SELECT external_id FROM communities ORDER BY id")
    assert [r["external_id"] for r in names] == ["g1", "g2"]
    async with pg.transaction() as tx:
        assert tx.dialect == "postgresql"
        changed = await tx.execute("UPDATE communities SET timezone = ? WHERE id > ?", ("X", 0))
        assert changed == 2
        await tx.executemany(
            "INSERT INTO communities (platform, external_id, timezone, created_at) "
            "VALUES ('slack', ?, 'UTC', ?)",
            [("T1", NOW), ("T2", NOW), ("T3", NOW)],
        )
        assert await tx.fetchval("SELECT count(*) FROM communities") == 5
    assert await pg.execute("DELETE FROM communities WHERE platform = ?", ("slack",)) == 3
    await pg.executemany("UPDATE communities SET timezone = ? WHERE id = ?", [("UTC", first)])
    assert await pg.fetchval("SELECT timezone FROM communities WHERE id = ?", (first,)) == "UTC"


async def test_an_exception_rolls_the_transaction_back(pg: PostgresDatabase) -> None:
    with pytest.raises(RuntimeError):
        async with pg.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (platform, external_id, timezone, created_at) "
                "VALUES ('console', 'c', 'UTC', ?)",
                (NOW,),
            )
            raise RuntimeError("stop")
    assert await pg.fetchval("SELECT count(*) FROM communities") == 0


async def test_a_question_mark_in_a_string_is_text(pg: PostgresDatabase) -> None:
    assert await pg.fetchval("SELECT '?' || ? || '?'", ("x",)) == "?x?"


async def test_a_duplicate_names_the_table_and_its_columns(pg: PostgresDatabase) -> None:
    """Repositories tell conflicts apart by the constraint text, on both backends alike."""
    cid = await community(pg)
    await campaign(pg, cid, "medicaid")
    with pytest.raises(StoredConflict) as info:
        await campaign(pg, cid, "medicaid")
    assert "UNIQUE constraint failed: campaigns.community_id, campaigns.slug" in (
        info.value.constraint
    )
    assert "medicaid" not in info.value.constraint  # the values are never repeated


async def test_foreign_key_check_and_not_null_are_conflicts(pg: PostgresDatabase) -> None:
    cid = await community(pg)
    with pytest.raises(StoredConflict) as fk:
        await campaign(pg, cid + 100, "x")
    assert fk.value.constraint.startswith("FOREIGN KEY constraint failed: campaigns.community_id")
    with pytest.raises(StoredConflict) as check:
        await campaign(pg, cid, "s" * 41)
    assert check.value.constraint == "CHECK constraint failed: campaigns.campaigns_slug_check"
    with pytest.raises(StoredConflict) as not_null:
        await pg.execute(
            "INSERT INTO communities (platform, external_id, timezone, created_at) "
            "VALUES ('discord', ?, 'UTC', ?)",
            (None, NOW),
        )
    assert not_null.value.constraint == "NOT NULL constraint failed: communities.external_id"


async def test_a_row_locked_elsewhere_is_busy(pg: PostgresDatabase) -> None:
    cid = await community(pg)
    async with pg.transaction() as holder:
        await holder.execute("SELECT id FROM communities WHERE id = ? FOR UPDATE", (cid,))
        with pytest.raises(Unavailable) as info:
            async with pg.transaction() as tx:
                await tx.execute("SET LOCAL lock_timeout = '50ms'")
                await tx.execute("UPDATE communities SET timezone = 'X' WHERE id = ?", (cid,))
    assert info.value.message == BUSY_MESSAGE


async def test_a_connection_gone_is_unavailable(pg: PostgresDatabase) -> None:
    with pytest.raises(Unavailable) as info:
        async with pg.transaction() as tx:
            pid = await tx.fetchval("SELECT pg_backend_pid()")
            await pg.fetchval("SELECT pg_terminate_backend(?)", (pid,))
            await tx.fetchval("SELECT 1")
    assert info.value.message == FAILED_MESSAGE
    assert await pg.fetchval("SELECT 2") == 2  # the pool opens another connection


async def test_transactions_run_side_by_side(pg: PostgresDatabase) -> None:
    """Unlike SQLite's one connection, two transactions hold two connections at once."""
    both_in = asyncio.Barrier(2)

    async def one() -> int:
        async with pg.transaction() as tx:
            await both_in.wait()
            return int(await tx.fetchval("SELECT pg_backend_pid()"))

    first, second = await asyncio.wait_for(asyncio.gather(one(), one()), 30)
    assert first != second


async def test_a_bug_in_the_sql_is_left_as_it_is(pg: PostgresDatabase) -> None:
    with pytest.raises(asyncpg.UndefinedColumnError):
        await pg.fetchval("SELECT no_such_column FROM communities")


async def test_a_missing_database_is_one_line_without_the_password() -> None:
    assert SERVER is not None
    url = url_of("a1_never_created").replace("://", "://postgres:hunter2@", 1)
    if url.count("@") > 1:  # the server URL had its own user: keep it, add the password
        url = url_of("a1_never_created")
    with pytest.raises(StartupError) as info:
        await PostgresDatabase.open(url)
    assert "does not exist" in info.value.message
    assert "hunter2" not in info.value.message and "\n" not in info.value.message


async def test_the_path_is_the_url_without_a_password(empty_postgres: str) -> None:
    db = await PostgresDatabase.open(empty_postgres)
    try:
        assert db.path == empty_postgres  # the test server's URL has no password
        assert await db.fetchval("SELECT current_database()") == empty_postgres.rsplit("/", 1)[1]
    finally:
        await db.close()
