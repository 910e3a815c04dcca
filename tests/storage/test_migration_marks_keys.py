"""Migration 20 on SQLite: the one-tap marks table is made again without its key to
communities (SQLite cannot drop one), and every mark stored before is kept as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage import sql
from bot.storage.migrations import bundled_migrations, migrate
from bot.storage.sqlite.database import Database

pytestmark = pytest.mark.sqlite_only  # an SQLite migration

MARKS = "SELECT * FROM one_tap_marks ORDER BY member_id, scope, mark"


async def test_marks_are_kept_when_the_table_is_made_again(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:19])
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
            for key in ("contact", "voicemail"):
                await tx.execute(
                    "INSERT INTO campaign_outcomes VALUES (1, ?, ?, NULL, 0)", (key, key)
                )
            for member, scope, mark, seq, outcome in (
                (1, "p1", "", 1, "contact"),
                (1, "p1", "📞", 2, "contact"),
                (2, "p2", "📫", 1, "voicemail"),
            ):
                await tx.execute(
                    "INSERT INTO one_tap_marks (member_id, scope, mark, seq, community_id, "
                    "campaign_id, outcome, at, day, member_day) "
                    "VALUES (?, ?, ?, ?, 1, 1, ?, '2026-01-05T12:00:00Z', '2026-01-05', "
                    "'2026-01-04')",
                    (member, scope, mark, seq, outcome),
                )
        before = [tuple(r) for r in await db.fetchall(MARKS)]
        columns = await sql.columns(db, "one_tap_marks")
        assert await migrate(db, bundled_migrations()[:20]) == [20]
        assert [tuple(r) for r in await db.fetchall(MARKS)] == before
        assert await sql.columns(db, "one_tap_marks") == columns
        assert "communities" not in {fk.table for fk in await sql.foreign_keys(db, "one_tap_marks")}
        assert await db.fetchall("PRAGMA foreign_key_check") == []
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM members WHERE id = 2")
        assert len(await db.fetchall(MARKS)) == 2
    finally:
        await db.close()
