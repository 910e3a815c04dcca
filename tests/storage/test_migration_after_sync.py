"""Migration 13: members saved before it keep their ZIP and district with nothing to confirm,
and the confirm flag takes only the reasons the bot writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.errors import StoredConflict
from bot.storage.members import MemberRepository
from bot.storage.migrations import bundled_migrations, migrate
from bot.storage.sqlite.database import Database

pytestmark = pytest.mark.sqlite_only  # an SQLite migration


async def test_members_saved_before_have_nothing_to_confirm(tmp_path: Path) -> None:
    """A member of version 12 reads after the migration with the same location and no flag;
    'moved' and 'gone' are the only flags the column takes."""
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        await migrate(db, bundled_migrations()[:12])
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO communities (id, platform, external_id, timezone, created_at) "
                "VALUES (1, 'console', 'c', 'UTC', 'x')"
            )
            await tx.execute(
                "INSERT INTO members (id, community_id, user_id, zip, district, created_at) "
                "VALUES (1, 1, 'u1', '27530', 'NC-1', 'x')"
            )
        assert 13 in await migrate(db)
        members = MemberRepository(db)
        member = await members.get(1)
        assert member is not None
        assert (member.zip, member.district, member.district_check) == ("27530", "NC-1", None)
        assert (await members.update(1, district_check="gone")).district_check == "gone"
        with pytest.raises(StoredConflict):
            async with db.transaction() as tx:
                await tx.execute("UPDATE members SET district_check = 'maybe' WHERE id = 1")
    finally:
        await db.close()
