"""`orgbot db check` and `orgbot db backup` on either backend.

SQLite: PRAGMA integrity_check, and SQLite's online backup API (see bot/storage/sqlite).
PostgreSQL: the schema version against this bot's migrations and a read of every table; a
backup is pg_dump's custom format (restore it with pg_restore), checked with ``pg_restore
--list`` when that is installed. The password never reaches a command line or a message: it is
given to pg_dump in PGPASSWORD.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

from bot.domain.errors import StartupError
from bot.storage import sql
from bot.storage.migrations import bundled_migrations, current_version
from bot.storage.open import AnyDatabase
from bot.storage.postgres.database import PostgresDatabase
from bot.storage.postgres.url import password_of, passwords_in, without_password

NO_PG_DUMP = (
    "pg_dump is not installed here (it comes with the PostgreSQL client package, e.g. "
    "`apt-get install postgresql-client`). Take a backup with: pg_dump --format=custom "
    "--file={target} '{url}' (the password from PGPASSWORD or ~/.pgpass)."
)


async def check_database(db: AnyDatabase) -> list[str]:
    """Problems found (empty when the database is sound and its schema is this bot's)."""
    if not isinstance(db, PostgresDatabase):
        return await db.integrity_check()
    problems = []
    have = await current_version(db)
    known = bundled_migrations(db.dialect)[-1].version
    if have < known:
        problems.append(f"schema version {have}, this bot's is {known}: run `orgbot db migrate`")
    elif have > known:
        problems.append(f"schema version {have} is newer than this bot's ({known}): upgrade it")
    for table in await sql.tables(db):
        try:
            await db.fetchval(
                f"SELECT count(*) FROM (SELECT 1 FROM {sql.quoted(table)} LIMIT 1) AS t"
            )
        except Exception as exc:  # a table that cannot be read is the finding itself
            problems.append(f"table {table} cannot be read: {str(exc).splitlines()[0]}")
    return problems


async def backup_database(db: AnyDatabase, target: Path, url: str | None) -> str:
    """Back the database up to ``target`` (a new file); return the line to print."""
    if not isinstance(db, PostgresDatabase) or url is None:
        await db.backup(target)
        return f"Backed up {db.path} to {target} (integrity checked)."
    return await pg_dump(url, target)


async def pg_dump(url: str, target: Path) -> str:
    """Run pg_dump to a new private file at ``target``; StartupError with one line if it fails."""
    shown = without_password(url)
    program = shutil.which("pg_dump")
    if program is None:
        raise StartupError(NO_PG_DUMP.format(target=target, url=shown))
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise StartupError(
            f"{target} already exists; choose a new file name for the backup."
        ) from None
    except OSError as exc:
        raise StartupError(f"Cannot create {target}: {exc.strerror}.") from None
    env = dict(os.environ)
    secrets = passwords_in(url)
    password = password_of(url)
    if password:
        env["PGPASSWORD"] = password
    args = ["--format=custom", f"--file={target}", f"--dbname={shown}"]
    failure = await _run(program, args, env, secrets)
    if failure is None:
        restore = shutil.which("pg_restore")
        if restore is not None:
            failure = await _run(restore, ["--list", str(target)], env, secrets)
    if failure is not None:
        target.unlink(missing_ok=True)
        raise StartupError(f"The backup of {shown} to {target} failed: {failure}")
    return f"Backed up {shown} to {target} with pg_dump (custom format: restore with pg_restore)."


async def _run(
    program: str, args: list[str], env: dict[str, str], secrets: list[str]
) -> str | None:
    """Run a PostgreSQL client program; None when it succeeded, else its first error line."""
    process = await asyncio.create_subprocess_exec(
        program,
        *args,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate()
    if process.returncode == 0:
        return None
    lines = err.decode("utf-8", "replace").strip().splitlines()
    line = lines[0] if lines else f"{Path(program).name} exited with {process.returncode}"
    for secret in secrets:
        line = line.replace(secret, "***")
    return line
