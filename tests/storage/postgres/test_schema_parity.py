"""Both backends' migrations end in the same schema, and their triggers keep the same roll-ups:
after the same writes through the same SQL, every table holds the same rows on both."""

from __future__ import annotations

import itertools
import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.storage import sql
from bot.storage.database import Database, as_dict
from bot.storage.migrations import migrate
from bot.storage.postgres.database import PostgresDatabase
from bot.storage.sqlite.database import Database as SqliteDatabase

from .conftest import needs_server

pytestmark = needs_server
TYPES = {  # SQLite's declared type -> what PostgreSQL's column may be (docs/ARCHITECTURE.md)
    "INTEGER": {"bigint", "integer"},
    "TEXT": {"text"},
    "BLOB": {"bytea"},
    "REAL": {"double precision"},
}
NOW = "2026-01-05T12:00:00Z"


@pytest.fixture
async def lite(tmp_path: Path) -> AsyncIterator[SqliteDatabase]:
    db = await SqliteDatabase.open(tmp_path / "parity.sqlite3")
    try:
        await migrate(db)
        yield db
    finally:
        await db.close()


async def schema(db: Database) -> dict[str, Any]:
    tables = await sql.tables(db)
    return {
        "tables": tables,
        "columns": {t: await sql.columns(db, t) for t in tables},
        "foreign keys": {
            t: sorted(await sql.foreign_keys(db, t), key=lambda f: (f.column, f.table, f.to))
            for t in tables
        },
        "indexes": await indexes(db),
        "triggers": await triggers(db),
    }


async def indexes(db: Database) -> list[str]:
    """Indexes made by CREATE INDEX (not those behind a key or a UNIQUE constraint)."""
    if db.dialect == "postgresql":
        rows = await db.fetchall(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname"
        )
    else:
        rows = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        )
    return [str(r[0]) for r in rows]


async def triggers(db: Database) -> list[str]:
    if db.dialect == "postgresql":
        rows = await db.fetchall(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname"
        )
    else:
        rows = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
    return [str(r[0]) for r in rows]


# Covering indexes PostgreSQL needs to read roll-ups by day (migration 0018): SQLite's WITHOUT
# ROWID tables are stored in key order and it skips through campaign_id by itself.
POSTGRES_ONLY_INDEXES = {
    "action_counts_by_lawmaker_day_by_day",
    "action_member_days_by_day",
    "action_member_months_by_month",
}

# PostgreSQL runs the statement triggers of an insert (or a delete) of actions as one function
# (migration 0023): each stands for SQLite's row triggers of the same event.
POSTGRES_MERGED_TRIGGERS = {
    "actions_inserted": ["action_counted", "action_member_day_counted", "action_window_counted"],
    "actions_deleted": [
        "action_member_day_uncounted",
        "action_uncounted",
        "action_window_uncounted",
    ],
}


async def test_the_same_schema_on_both(lite: SqliteDatabase, pg: PostgresDatabase) -> None:
    ours, theirs = await schema(lite), await schema(pg)
    assert set(theirs["indexes"]) >= POSTGRES_ONLY_INDEXES
    theirs["indexes"] = [i for i in theirs["indexes"] if i not in POSTGRES_ONLY_INDEXES]
    assert set(theirs["triggers"]) >= POSTGRES_MERGED_TRIGGERS.keys()
    theirs["triggers"] = sorted(
        name
        for trigger in theirs["triggers"]
        for name in POSTGRES_MERGED_TRIGGERS.get(trigger, [trigger])
    )
    for part in ours:
        assert ours[part] == theirs[part], part


async def test_column_types_follow_the_rules(lite: SqliteDatabase, pg: PostgresDatabase) -> None:
    """INTEGER is BIGINT (or INTEGER for a 0/1 flag), TEXT is TEXT compared byte by byte as
    SQLite does (COLLATE "C", whatever the server's locale), BLOB is BYTEA."""
    rows = await pg.fetchall(
        "SELECT table_name, column_name, data_type, collation_name "
        "FROM information_schema.columns WHERE table_schema = current_schema()"
    )
    found = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    for table in await sql.tables(lite):
        for column in await lite.fetchall(f"PRAGMA table_info({sql.quoted(table)})"):
            declared = str(column["type"]).upper()
            kind, collation = found[(table, column["name"])]
            assert kind in TYPES[declared], (table, column["name"], declared, kind)
            if kind == "text":
                assert collation == "C", (table, column["name"], collation)


async def contents(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted (schema_version's times aside)."""
    found = {}
    for table in await sql.tables(db):
        if table == "schema_version":
            continue
        rows = await db.fetchall(f"SELECT * FROM {sql.quoted(table)}")
        found[table] = sorted((tuple(as_dict(r).values()) for r in rows), key=repr)
    return found


INSERT_ACTION = (
    "INSERT INTO actions (community_id, member_id, campaign_id, scope, lawmaker, outcome, at, "
    "day, member_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
STEPS: list[list[tuple[str, tuple[Any, ...]]]] = [
    [
        (
            "INSERT INTO communities (platform, external_id, timezone, created_at) "
            "VALUES ('discord', 'g', 'UTC', ?)",
            (NOW,),
        ),
        *[
            (
                "INSERT INTO members (community_id, user_id, created_at) VALUES (1, ?, ?)",
                (user, NOW),
            )
            for user in ("u1", "u2")
        ],
        *[
            (
                "INSERT INTO campaigns (community_id, slug, title, ask, script, targets, status, "
                "created_at, updated_at) VALUES (1, ?, 'T', 'A', 'S', 'mine', 'active', ?, ?)",
                (slug, NOW, NOW),
            )
            for slug in ("one", "two")
        ],
        *[
            (
                "INSERT INTO campaign_outcomes (campaign_id, key, label, position) "
                "VALUES (?, ?, ?, ?)",
                (campaign, key, key.title(), i),
            )
            for campaign in (1, 2)
            for i, key in enumerate(("contact", "voicemail"))
        ],
    ],
    [
        (INSERT_ACTION, (1, 1, 1, "p1", "A000001", "contact", NOW, "2026-01-05", "2026-01-05")),
        (INSERT_ACTION, (1, 1, 1, "p2", "", "voicemail", NOW, "2026-01-06", "2026-01-06")),
        (INSERT_ACTION, (1, 2, 1, "p1", "B000002", "contact", NOW, "2026-02-01", "2026-02-01")),
        (INSERT_ACTION, (1, 1, 2, "c2:x", "", "contact", NOW, "2026-01-05", "2026-01-05")),
    ],
    [("UPDATE actions SET outcome = 'voicemail' WHERE scope = 'p1' AND member_id = 1", ())],
    [("UPDATE actions SET day = '2026-02-03' WHERE scope = 'p2'", ())],
    [("UPDATE actions SET lawmaker = 'C000003' WHERE scope = 'p1' AND member_id = 2", ())],
    [("UPDATE actions SET at = ? WHERE scope = 'p1'", ("2026-01-07T00:00:00Z",))],
    [("DELETE FROM actions WHERE scope = 'c2:x'", ())],
    [
        (
            "INSERT INTO anonymous_action_counts (community_id, campaign_id, day, lawmaker, "
            "outcome, actions) VALUES (1, 1, '2026-01-05', 'A000001', 'contact', 3)",
            (),
        )
    ],
    [("UPDATE anonymous_action_counts SET actions = 5", ())],
    [("DELETE FROM anonymous_action_counts", ())],
    [("DELETE FROM actions WHERE member_id = 2 AND day = '2026-02-01'", ())],
    [
        (INSERT_ACTION, (1, 2, 1, "p3", "", "contact", NOW, "2026-03-01", "2026-03-01")),
        (INSERT_ACTION, (1, 2, 1, "p4", "", "contact", NOW, "2026-03-01", "2026-03-01")),
        ("DELETE FROM actions WHERE member_id = 2", ()),  # several rows in one statement
    ],
    [("DELETE FROM members WHERE id = 1", ())],
    [("DELETE FROM campaigns WHERE id = 2", ())],
    [("DELETE FROM communities WHERE id = 1", ())],
]


async def test_triggers_keep_the_same_rollups(lite: SqliteDatabase, pg: PostgresDatabase) -> None:
    for number, step in enumerate(STEPS):
        for db in (lite, pg):
            async with db.transaction() as tx:
                for statement, params in step:
                    await tx.execute(statement, params)
        ours, theirs = await contents(lite), await contents(pg)
        for table in ours:
            assert ours[table] == theirs[table], (number, table)
    left = {table for table, rows in (await contents(pg)).items() if rows}
    assert left == {"action_day_versions"}  # kept for ever, so a version never comes back


def random_steps(seed: int, count: int) -> list[list[tuple[str, tuple[Any, ...]]]]:
    """Writes of the kinds repositories make, several rows to a statement: batches of reports,
    changed outcomes, reports moved to another day, withdrawals, erasure and retention."""
    rng = random.Random(seed)
    days = [f"2026-0{month}-{day:02d}" for month in (1, 2) for day in (3, 17, 28)]
    steps: list[list[tuple[str, tuple[Any, ...]]]] = []
    scopes = itertools.count(100)
    for _ in range(count):
        kind = rng.choice(["insert", "insert", "outcome", "move", "delete", "retention"])
        if kind == "insert":
            rows = [
                (
                    1,
                    rng.choice((1, 2)),
                    rng.choice((1, 2)),
                    f"p{next(scopes)}",
                    rng.choice(("", "A000001", "B000002")),
                    rng.choice(("contact", "voicemail")),
                    NOW,
                    (day := rng.choice(days)),
                    day,
                )
                for _ in range(rng.randint(1, 6))
            ]
            values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(rows))
            steps.append(
                [(INSERT_ACTION.split(" VALUES ")[0] + " VALUES " + values, sum(rows, ()))]
            )
        elif kind == "outcome":
            steps.append(
                [
                    (
                        "UPDATE actions SET outcome = ? WHERE day = ?",
                        (rng.choice(("contact", "voicemail")), rng.choice(days)),
                    )
                ]
            )
        elif kind == "move":
            steps.append(
                [
                    (
                        "UPDATE actions SET day = ? WHERE member_id = ? AND day = ?",
                        (rng.choice(days), rng.choice((1, 2)), rng.choice(days)),
                    )
                ]
            )
        elif kind == "delete":
            steps.append(
                [
                    (
                        "DELETE FROM actions WHERE member_id = ? AND day >= ?",
                        (rng.choice((1, 2)), rng.choice(days)),
                    )
                ]
            )
        else:
            steps.append([("DELETE FROM actions WHERE day < ?", (rng.choice(days),))])
    return steps


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_writes_keep_the_same_rollups(
    lite: SqliteDatabase, pg: PostgresDatabase, seed: int
) -> None:
    for db in (lite, pg):
        async with db.transaction() as tx:
            for statement, params in STEPS[0]:
                await tx.execute(statement, params)
    for number, step in enumerate(random_steps(seed, 40)):
        for db in (lite, pg):
            async with db.transaction() as tx:
                for statement, params in step:
                    await tx.execute(statement, params)
        ours, theirs = await contents(lite), await contents(pg)
        for table in ours:
            assert ours[table] == theirs[table], (seed, number, step, table)
