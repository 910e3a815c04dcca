"""docs/PRIVACY.md describes every stored column, and only columns that exist."""

from __future__ import annotations

import re
from pathlib import Path

from bot.storage.migrations import migrate
from bot.storage.privacy import quoted
from bot.storage.sqlite.database import Database

from .conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "PRIVACY.md"
LINE = re.compile(r"^- `([a-z_]+)\.([a-z_]+)`: \S", re.M)


async def schema_columns(path: Path) -> set[str]:
    db = await Database.open(path)
    try:
        await migrate(db)
        tables = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'schema_version'"
        )
        found = set()
        for (table,) in tables:
            for column in await db.fetchall(f"PRAGMA table_info({quoted(table)})"):
                found.add(f"{table}.{column['name']}")
        return found
    finally:
        await db.close()


def documented() -> set[str]:
    return {f"{t}.{c}" for t, c in LINE.findall(DOC.read_text(encoding="utf-8"))}


async def test_every_column_has_a_line(tmp_path: Path) -> None:
    """A stored column with no line in PRIVACY.md fails."""
    missing = await schema_columns(tmp_path / "db.sqlite3") - documented()
    assert missing == set(), f"describe these in docs/PRIVACY.md: {sorted(missing)}"


async def test_every_line_names_a_real_column(tmp_path: Path) -> None:
    """A line for a column that does not exist fails (a renamed or dropped column)."""
    stale = documented() - await schema_columns(tmp_path / "db.sqlite3")
    assert stale == set(), f"no such columns: {sorted(stale)}"


def test_the_doc_says_what_is_never_stored() -> None:
    """Names, street addresses, message contents and tokens are named as never stored."""
    text = DOC.read_text(encoding="utf-8")
    never = text.split("## What is never stored", 1)[1].split("\n## ", 1)[0]
    for word in ("Names", "Street addresses", "Message contents", "Tokens"):
        assert f"**{word}" in never
