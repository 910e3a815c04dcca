"""Checks a test makes of the stored data as a whole, on either backend."""

from __future__ import annotations

from bot.storage.database import Database


async def storage_is_sound(db: Database) -> None:
    """SQLite: the file passes its integrity check and no row breaks a foreign key (SQLite
    checks them per statement, so a missed cascade would show here). PostgreSQL enforces every
    constraint at each statement, and a row breaking one could not have been stored."""
    if db.dialect != "sqlite":
        return
    assert await db.integrity_check() == []  # type: ignore[attr-defined]
    assert await db.fetchall("PRAGMA foreign_key_check") == []
