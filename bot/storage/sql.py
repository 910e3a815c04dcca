"""SQL spelled differently by the two backends, for repositories written once.

Use these where portable SQL has no spelling (see the team rules in docs/ARCHITECTURE.md):

- ``in_values(dialect, kind)`` + ``values_param(dialect, values)``: ``column IN`` a list given
  as ONE parameter (any length, one prepared statement): ``f"WHERE id {in_values(d)}"``
  with ``(values_param(d, ids),)``. ``kind`` is "BIGINT" (default) or "TEXT".
- ``values_table(dialect, kind)``: the same list as a one-column subquery (column ``value``),
  to join or select from: ``f"SELECT value FROM {values_table(d)} AS v"``.
- ``greatest(dialect, a, b)`` / ``least(dialect, a, b)``: the scalar max/min of two values
  (SQLite ``max(a, b)``, PostgreSQL ``GREATEST(a, b)``).
- ``for_update(dialect, skip_locked=False)``: the row-lock suffix of a SELECT that claims rows
  (``FOR UPDATE [SKIP LOCKED]`` on PostgreSQL; nothing on SQLite, whose one writer at a time
  and BEGIN IMMEDIATE already keep a claim to one).
- ``tables(q)``, ``columns(q, table)``, ``foreign_keys(q, table)``: the schema, read the same
  way on both (in place of sqlite_master and PRAGMA table_info / foreign_key_list).

``q`` is a Database or a Transaction; ``dialect`` is ``q.dialect``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from bot.storage.database import Database, Dialect, Transaction

Kind = Literal["BIGINT", "TEXT"]
_SQLITE_ON_DELETE = {"NO ACTION", "RESTRICT", "SET NULL", "SET DEFAULT", "CASCADE"}
_PG_ON_DELETE = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "n": "SET NULL",
    "d": "SET DEFAULT",
    "c": "CASCADE",
}


def values_table(dialect: Dialect, kind: Kind = "BIGINT") -> str:
    """A subquery over the list passed as one parameter (``values_param``), column ``value``."""
    if dialect == "postgresql":
        return f"(SELECT unnest(CAST(? AS {kind}[])) AS value)"
    return "(SELECT value FROM json_each(?))"


def in_values(dialect: Dialect, kind: Kind = "BIGINT") -> str:
    """``IN`` the list passed as one parameter (``values_param``)."""
    if dialect == "postgresql":
        return f"= ANY(CAST(? AS {kind}[]))"
    return "IN (SELECT value FROM json_each(?))"


def values_param(dialect: Dialect, values: Iterable[int] | Iterable[str]) -> Any:
    """The one parameter ``in_values`` and ``values_table`` read: a JSON text on SQLite, a
    list on PostgreSQL."""
    listed = list(values)
    return listed if dialect == "postgresql" else json.dumps(listed)


def greatest(dialect: Dialect, a: str, b: str) -> str:
    """The larger of two SQL expressions (NULL handling differs: keep both NOT NULL)."""
    return f"GREATEST({a}, {b})" if dialect == "postgresql" else f"max({a}, {b})"


def least(dialect: Dialect, a: str, b: str) -> str:
    """The smaller of two SQL expressions (keep both NOT NULL)."""
    return f"LEAST({a}, {b})" if dialect == "postgresql" else f"min({a}, {b})"


def for_update(dialect: Dialect, skip_locked: bool = False) -> str:
    """The suffix of a SELECT whose rows the transaction is about to change or claim."""
    if dialect != "postgresql":
        return ""
    return " FOR UPDATE SKIP LOCKED" if skip_locked else " FOR UPDATE"


@dataclass(frozen=True)
class Column:
    name: str
    not_null: bool  # NOT NULL, or part of the primary key
    primary_key: bool


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str  # the table it refers to
    to: str  # the column there
    on_delete: str  # "CASCADE", "SET NULL", "NO ACTION", ...


async def tables(q: Database | Transaction) -> list[str]:
    """The schema's tables (not SQLite's own), sorted by name."""
    if q.dialect == "postgresql":
        rows = await q.fetchall(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
            "ORDER BY tablename"
        )
    else:
        rows = await q.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    return [str(row[0]) for row in rows]


async def columns(q: Database | Transaction, table: str) -> list[Column]:
    """``table``'s columns, in their order."""
    if q.dialect == "postgresql":
        rows = await q.fetchall(
            "SELECT a.attname, a.attnotnull, coalesce(a.attnum = ANY(i.indkey), false) "
            "FROM pg_catalog.pg_attribute AS a "
            "LEFT JOIN pg_catalog.pg_index AS i ON i.indrelid = a.attrelid AND i.indisprimary "
            "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY a.attnum",
            (quoted(table),),
        )
        return [Column(str(r[0]), bool(r[1]), bool(r[2])) for r in rows]
    rows = await q.fetchall(f"PRAGMA table_info({quoted(table)})")
    return [
        Column(str(r["name"]), bool(r["notnull"]) or bool(r["pk"]), bool(r["pk"])) for r in rows
    ]


async def foreign_keys(q: Database | Transaction, table: str) -> list[ForeignKey]:
    """The columns of ``table`` that refer to another table (one per column)."""
    if q.dialect == "postgresql":
        rows = await q.fetchall(
            "SELECT a.attname, r.relname, ra.attname, CAST(c.confdeltype AS TEXT) "
            "FROM pg_catalog.pg_constraint AS c "
            "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k (col, ref) "
            "JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.col "
            "JOIN pg_catalog.pg_class AS r ON r.oid = c.confrelid "
            "JOIN pg_catalog.pg_attribute AS ra ON ra.attrelid = c.confrelid "
            "AND ra.attnum = k.ref "
            "WHERE c.contype = 'f' AND c.conrelid = to_regclass(?) "
            "ORDER BY c.conname, a.attnum",
            (quoted(table),),
        )
        return [
            ForeignKey(str(r[0]), str(r[1]), str(r[2]), _PG_ON_DELETE.get(str(r[3]), "NO ACTION"))
            for r in rows
        ]
    rows = await q.fetchall(f"PRAGMA foreign_key_list({quoted(table)})")
    found = []
    for r in rows:
        action = str(r["on_delete"]).upper()
        found.append(
            ForeignKey(
                str(r["from"]),
                str(r["table"]),
                str(r["to"] or ""),
                action if action in _SQLITE_ON_DELETE else "NO ACTION",
            )
        )
    return found


def quoted(name: str) -> str:
    """A table or column name quoted for SQL (both backends)."""
    return '"' + name.replace('"', '""') + '"'
