"""The port every storage backend implements: a database that runs SQL in transactions.

Repositories in bot/storage are written once against it, in SQL both backends understand
(``?`` placeholders, ``ON CONFLICT``, ``RETURNING``); bot/storage/sqlite and
bot/storage/postgres implement it. Rows read as mappings (``row["name"]``) and by position.
A write refused by a constraint raises :class:`bot.domain.errors.StoredConflict`; a database
that is busy or gone raises :class:`bot.domain.errors.Unavailable`; no driver error leaves it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, Literal, Protocol

Params = Sequence[Any]
Dialect = Literal["sqlite", "postgresql"]


class Row(Protocol):
    """One row: by column name or by position."""

    def __getitem__(self, key: str | int, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...


class Transaction(Protocol):
    """Statements inside one transaction; leaving the block commits, an exception rolls back."""

    dialect: Dialect

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return how many rows it changed."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        ...


class Database(Protocol):
    """A backend's database. Reads outside a transaction see committed data."""

    dialect: Dialect
    path: Path | str  # a file for SQLite; the URL without its password for PostgreSQL

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any: ...

    async def close(self) -> None: ...


def as_dict(row: Row) -> Mapping[str, Any]:
    """A row's columns by name (both backends' rows)."""
    return {key: row[key] for key in row.keys()}  # noqa: SIM118 (a sqlite3.Row yields values)
