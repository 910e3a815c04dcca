"""docs/PRIVACY.md describes every stored column, and only columns that exist."""

from __future__ import annotations

import re

from bot.settings import Settings
from bot.storage.migrations import migrate
from bot.storage.open import open_database
from bot.storage.sql import columns, tables

from .conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "PRIVACY.md"
LINE = re.compile(r"^- `([a-z_]+)\.([a-z_]+)`: \S", re.M)


async def schema_columns(settings: Settings) -> set[str]:
    """Every column of the migrated schema, on the test's backend."""
    db = await open_database(settings)
    try:
        await migrate(db)
        found = set()
        for table in await tables(db):
            if table != "schema_version":
                found.update(f"{table}.{column.name}" for column in await columns(db, table))
        return found
    finally:
        await db.close()


def documented() -> set[str]:
    return {f"{t}.{c}" for t, c in LINE.findall(DOC.read_text(encoding="utf-8"))}


async def test_every_column_has_a_line(settings: Settings) -> None:
    """A stored column with no line in PRIVACY.md fails."""
    missing = await schema_columns(settings) - documented()
    assert missing == set(), f"describe these in docs/PRIVACY.md: {sorted(missing)}"


async def test_every_line_names_a_real_column(settings: Settings) -> None:
    """A line for a column that does not exist fails (a renamed or dropped column)."""
    stale = documented() - await schema_columns(settings)
    assert stale == set(), f"no such columns: {sorted(stale)}"


def test_the_doc_says_what_is_never_stored() -> None:
    """Names, street addresses, message contents and tokens are named as never stored."""
    text = DOC.read_text(encoding="utf-8")
    never = text.split("## What is never stored", 1)[1].split("\n## ", 1)[0]
    for word in ("Names", "Street addresses", "Message contents", "Tokens"):
        assert f"**{word}" in never
