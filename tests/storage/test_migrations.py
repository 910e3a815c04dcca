"""Migrations: fresh, re-run, refusal of a newer schema, and atomic failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.errors import StartupError, StoredConflict
from bot.storage.migrations import Migration, bundled_migrations, current_version, migrate
from bot.storage.sqlite.database import Database

pytestmark = (
    pytest.mark.sqlite_only
)  # SQLite's migration history (tests/storage/postgres has PostgreSQL's)


async def test_fresh_database_gets_every_migration(tmp_path: Path) -> None:
    """A new file is migrated to the newest version."""
    db = await Database.open(tmp_path / "db.sqlite3")
    applied = await migrate(db)
    assert applied == [m.version for m in bundled_migrations()]
    assert await current_version(db) == bundled_migrations()[-1].version
    await db.close()


async def test_migrate_twice_changes_nothing(tmp_path: Path) -> None:
    """Running migrations again applies nothing and keeps the data."""
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    await migrate(db)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO communities (platform, external_id, timezone, created_at) "
            "VALUES ('console', 'x', 'UTC', 'now')"
        )
    await db.close()
    db = await Database.open(path)
    assert await migrate(db) == []
    assert (await db.fetchone("SELECT count(*) FROM communities"))[0] == 1
    await db.close()


async def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A database from a newer bot is refused with a message naming both versions."""
    db = await Database.open(tmp_path / "db.sqlite3")
    await migrate(db)
    known = bundled_migrations()[-1].version
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO schema_version VALUES (?, 'future', 'now')", (known + 1,))
    with pytest.raises(StartupError, match=rf"schema version {known + 1}.*up to {known}"):
        await migrate(db)
    await db.close()


async def test_failed_migration_leaves_nothing_half_done(tmp_path: Path) -> None:
    """A migration that fails part-way is rolled back whole and the version is unchanged."""
    db = await Database.open(tmp_path / "db.sqlite3")
    good = [Migration(1, "one", "CREATE TABLE one (x INTEGER);")]
    await migrate(db, good)
    bad = [
        *good,
        Migration(2, "two", "CREATE TABLE two (x INTEGER);\nINSERT INTO nope VALUES (1);"),
    ]
    with pytest.raises(StartupError):
        await migrate(db, bad)
    assert await current_version(db) == 1
    assert await db.fetchone("SELECT name FROM sqlite_master WHERE name = 'two'") is None
    await db.close()


def test_bundled_migrations_are_numbered_without_gaps() -> None:
    """Migration files are numbered 1..n."""
    versions = [m.version for m in bundled_migrations()]
    assert versions == list(range(1, len(versions) + 1))


async def test_the_rollups_migration_counts_existing_actions(tmp_path: Path) -> None:
    """Actions stored before migration 6 are counted into its new roll-ups, and the new
    triggers keep them from then on."""
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:5])
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x')"
            )
            for member in (1, 2):
                await tx.execute(
                    "INSERT INTO members (id, community_id, user_id, created_at) "
                    "VALUES (?, 1, ?, 'x')",
                    (member, f"u{member}"),
                )
            await tx.execute(
                "INSERT INTO campaigns (id, community_id, slug, title, ask, script, targets, "
                "status, created_at, updated_at) "
                "VALUES (1, 1, 'c', 't', 'a', 's', 'mine', 'active', 'x', 'x')"
            )
            await tx.execute(
                "INSERT INTO campaign_outcomes VALUES (1, 'contact', 'Contact', NULL, 0)"
            )
            for member, scope, day in (
                (1, "p1", "2026-01-31"),
                (1, "p2", "2026-02-01"),
                (2, "p1", "2026-02-01"),
            ):
                await tx.execute(
                    "INSERT INTO actions (community_id, member_id, campaign_id, scope, lawmaker, "
                    "outcome, at, day, member_day) "
                    "VALUES (1, ?, 1, ?, 'S000033', 'contact', 'x', ?, ?)",
                    (member, scope, day, day),
                )
        assert await migrate(db, bundled_migrations()[:6]) == [6]

        async def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(tuple(row) for row in await db.fetchall(sql))

        assert await rows("SELECT member_id, actions, last_day FROM action_member_totals") == [
            (1, 2, "2026-02-01"),
            (2, 1, "2026-02-01"),
        ]
        assert await rows("SELECT member_id, last_day FROM action_counts_by_member") == [
            (1, "2026-02-01"),
            (2, "2026-02-01"),
        ]
        assert await rows("SELECT month, member_id, actions FROM action_member_months") == [
            ("2026-01", 1, 1),
            ("2026-02", 1, 1),
            ("2026-02", 2, 1),
        ]
        assert await rows("SELECT month, actions FROM action_counts_by_lawmaker_month") == [
            ("2026-01", 1),
            ("2026-02", 2),
        ]
        assert await rows("SELECT day, version FROM action_day_versions") == [
            ("2026-01-31", 1),
            ("2026-02-01", 1),
        ]
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM actions WHERE member_id = 1 AND scope = 'p2'")
        assert await rows("SELECT member_id, actions, last_day FROM action_member_totals") == [
            (1, 1, "2026-01-31"),
            (2, 1, "2026-02-01"),
        ]
        assert await rows("SELECT day, version FROM action_day_versions") == [
            ("2026-01-31", 1),
            ("2026-02-01", 2),
        ]
    finally:
        await db.close()


async def test_the_reminder_days_migration_keeps_reminders_every_day(tmp_path: Path) -> None:
    """Reminders turned on before migration 8 stay every day; the new flag accepts only 0/1."""

    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:7])
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x')"
            )
            await tx.execute(
                "INSERT INTO members (id, community_id, user_id, reminders_enabled, "
                "reminder_time, created_at) VALUES (1, 1, 'u1', 1, '09:00', 'x')"
            )
            await tx.execute(
                "INSERT INTO reminder_state (member_id, enabled_at) "
                "VALUES (1, '2026-01-05T12:00:00Z')"
            )
        assert await migrate(db, bundled_migrations()[:8]) == [8]
        row = await db.fetchone("SELECT enabled_at, weekdays_only FROM reminder_state")
        assert row is not None and tuple(row) == ("2026-01-05T12:00:00Z", 0)
        with pytest.raises(StoredConflict):
            async with db.transaction() as tx:
                await tx.execute("UPDATE reminder_state SET weekdays_only = 2")
    finally:
        await db.close()


async def test_the_reminder_campaigns_migration_keeps_reminders_and_one_main(
    tmp_path: Path,
) -> None:
    """Reminders turned on before migration 10 carry the default (no choice); a main campaign is
    one of the community's own, one per community, and goes with its campaign."""

    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:9])
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x'), (2, 'console', 'd', 'UTC', 'x')"
            )
            await tx.execute(
                "INSERT INTO members (id, community_id, user_id, reminders_enabled, "
                "reminder_time, created_at) VALUES (1, 1, 'u1', 1, '09:00', 'x')"
            )
            await tx.execute(
                "INSERT INTO reminder_state (member_id, enabled_at, weekdays_only) "
                "VALUES (1, '2026-01-05T12:00:00Z', 1)"
            )
            await tx.execute(
                "INSERT INTO campaigns (id, community_id, slug, title, ask, script, targets, "
                "status, created_at, updated_at) VALUES "
                "(7, 1, 'a', 'A', 'Ask.', 'Hi.', 'mine', 'active', 'x', 'x')"
            )
        assert await migrate(db, bundled_migrations()[:10]) == [10]
        row = await db.fetchone("SELECT weekdays_only, campaign_id FROM reminder_state")
        assert row is not None and tuple(row) == (1, None)
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO main_campaigns (community_id, campaign_id) VALUES (1, 7)")
            await tx.execute("UPDATE reminder_state SET campaign_id = 7")
        for wrong in ("(2, 7)", "(1, 8)", "(1, 7)"):  # another community's, none, a second one
            with pytest.raises(StoredConflict):
                async with db.transaction() as tx:
                    await tx.execute(
                        f"INSERT INTO main_campaigns (community_id, campaign_id) VALUES {wrong}"
                    )
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM campaigns WHERE id = 7")
        assert await db.fetchall("SELECT * FROM main_campaigns") == []
        row = await db.fetchone("SELECT campaign_id FROM reminder_state")
        assert row is not None and row[0] is None
    finally:
        await db.close()


async def test_the_district_check_asks_migration_starts_with_none_on_its_way(
    tmp_path: Path,
) -> None:
    """A member asked before migration 14 is not taken as cut off (nothing is on its way); the
    new rows accept only 'sending' and 'interrupted', and go with their member."""

    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:13])
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x')"
            )
            await tx.execute(
                "INSERT INTO members (id, community_id, user_id, created_at, district, "
                "district_check, district_check_asked_at) "
                "VALUES (1, 1, 'u1', 'x', 'NC-1', 'moved', '2026-01-05T12:00:00Z')"
            )
        assert await migrate(db, bundled_migrations()[:14]) == [14]
        assert (await db.fetchone("SELECT count(*) FROM district_check_asks"))[0] == 0
        with pytest.raises(StoredConflict):
            async with db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO district_check_asks (member_id, status, started_at) "
                    "VALUES (1, 'sent', 'x')"
                )
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO district_check_asks (member_id, status, started_at) "
                "VALUES (1, 'interrupted', 'x')"
            )
            await tx.execute("DELETE FROM members WHERE id = 1")
        assert (await db.fetchone("SELECT count(*) FROM district_check_asks"))[0] == 0
    finally:
        await db.close()


async def test_the_member_days_migration_counts_existing_actions(tmp_path: Path) -> None:
    """Actions stored before migration 16 are counted per member and day, and its triggers
    keep the counts through a withdrawal, a move to another day and an erasure."""
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        before = [m for m in bundled_migrations() if m.version < 16]
        await migrate(db, before)
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x')"
            )
            for member in (1, 2):
                await tx.execute(
                    "INSERT INTO members (id, community_id, user_id, created_at) "
                    "VALUES (?, 1, ?, 'x')",
                    (member, f"u{member}"),
                )
            await tx.execute(
                "INSERT INTO campaigns (id, community_id, slug, title, ask, script, targets, "
                "status, created_at, updated_at) "
                "VALUES (1, 1, 'c', 't', 'a', 's', 'mine', 'active', 'x', 'x')"
            )
            await tx.execute(
                "INSERT INTO campaign_outcomes VALUES (1, 'contact', 'Contact', NULL, 0)"
            )
            for member, scope, lawmaker, day in (
                (1, "p1", "S000033", "2026-01-31"),
                (1, "p1", "W000800", "2026-01-31"),
                (1, "p2", "", "2026-02-01"),
                (2, "p1", "", "2026-02-01"),
            ):
                await tx.execute(
                    "INSERT INTO actions (community_id, member_id, campaign_id, scope, lawmaker, "
                    "outcome, at, day, member_day) VALUES (1, ?, 1, ?, ?, 'contact', 'x', ?, ?)",
                    (member, scope, lawmaker, day, day),
                )
        assert await migrate(db) == [m.version for m in bundled_migrations() if m.version >= 16]

        async def rows() -> list[tuple[object, ...]]:
            found = await db.fetchall("SELECT day, member_id, actions FROM action_member_days")
            return sorted(tuple(row) for row in found)

        assert await rows() == [("2026-01-31", 1, 2), ("2026-02-01", 1, 1), ("2026-02-01", 2, 1)]
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM actions WHERE lawmaker = 'W000800'")
            await tx.execute("UPDATE actions SET day = '2026-02-02' WHERE scope = 'p2'")
        assert await rows() == [("2026-01-31", 1, 1), ("2026-02-01", 2, 1), ("2026-02-02", 1, 1)]
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM members WHERE id = 1")
        assert await rows() == [("2026-02-01", 2, 1)]
    finally:
        await db.close()
