"""Migration 9: one-tap actions stored before it become button marks, so they keep counting
and a reaction removed later still withdraws one that names the same outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.migrations import bundled_migrations, migrate
from bot.storage.sqlite.database import Database

pytestmark = pytest.mark.sqlite_only  # an SQLite migration


async def test_stored_one_tap_actions_become_button_marks(tmp_path: Path) -> None:
    """Each one-tap action gets a button mark with its outcome and days; per-lawmaker ones
    get none."""
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:8])
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x')"
            )
            await tx.execute(
                "INSERT INTO members (id, community_id, user_id, created_at) "
                "VALUES (1, 1, 'u1', 'x')"
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
            for scope, lawmaker, outcome, day in (
                ("p1", "", "voicemail", "2026-01-05"),
                ("p1", "S000033", "contact", "2026-01-05"),
                ("p2", "", "contact", "2026-01-06"),
            ):
                await tx.execute(
                    "INSERT INTO actions (community_id, member_id, campaign_id, scope, lawmaker, "
                    "outcome, at, day, member_day) VALUES (1, 1, 1, ?, ?, ?, ?, ?, ?)",
                    (scope, lawmaker, outcome, f"{day}T12:00:00Z", day, day),
                )
        assert await migrate(db, bundled_migrations()[:9]) == [9]
        rows = await db.fetchall(
            "SELECT member_id, campaign_id, scope, mark, outcome, day, member_day "
            "FROM one_tap_marks ORDER BY seq"
        )
        assert [tuple(r) for r in rows] == [
            (1, 1, "p1", "", "voicemail", "2026-01-05", "2026-01-05"),
            (1, 1, "p2", "", "contact", "2026-01-06", "2026-01-06"),
        ]
    finally:
        await db.close()
