"""PostgreSQL databases for the backend's own tests, on the server ORGBOT_TEST_POSTGRES_URL names
(``make test`` starts a throwaway one). Without it, the tests that need one are skipped."""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from bot.storage.migrations import migrate
from bot.storage.postgres.database import PostgresDatabase

SERVER = os.environ.get("ORGBOT_TEST_POSTGRES_URL") or None
PREFIX = os.environ.get("ORGBOT_TEST_DATABASE_PREFIX", "orgbot_test_")
NO_SERVER = (
    "needs a PostgreSQL server: set ORGBOT_TEST_POSTGRES_URL (make test starts a throwaway one "
    "when PostgreSQL is installed)"
)
needs_server = [pytest.mark.postgres, pytest.mark.skipif(SERVER is None, reason=NO_SERVER)]
_numbers = itertools.count(1)


def url_of(name: str) -> str:
    """The test server's URL, naming database ``name``."""
    assert SERVER is not None
    parts = urlsplit(SERVER)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


async def _admin(*statements: str) -> None:
    assert SERVER is not None, NO_SERVER
    admin = await asyncpg.connect(SERVER)
    try:
        for statement in statements:
            await admin.execute(statement)
    finally:
        await admin.close()


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """The URL of a new, empty database of this test's own; dropped after it."""
    name = f"{PREFIX}a1_{os.getpid()}_{next(_numbers)}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    asyncio.run(_admin(drop, f'CREATE DATABASE "{name}"'))
    try:
        yield url_of(name)
    finally:
        asyncio.run(_admin(drop))


@pytest.fixture
async def pg(empty_postgres: str) -> AsyncIterator[PostgresDatabase]:
    """A migrated PostgreSQL database, open."""
    db = await PostgresDatabase.open(empty_postgres)
    try:
        await migrate(db)
        yield db
    finally:
        await db.close()
