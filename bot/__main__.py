"""The command line: ``orgbot`` (same as ``python -m bot``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.app import build_services, close_services
from bot.civic.index_file import index_path
from bot.civic.store import DirectoryStore
from bot.core.errors import StartupError, Unavailable
from bot.platforms.console.runner import run_interactive, run_script
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.storage.database import Database
from bot.storage.migrations import migrate

log = logging.getLogger("bot")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="orgbot", description="organizer-bot: call your lawmakers.")
    p.add_argument("--env-file", default=".env", help="a .env file to read (default: .env)")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("run", help="start the hosts whose tokens are set (the console if none)")
    console = sub.add_parser("console", help="the console host")
    console.add_argument("--script", metavar="FILE", help="read commands from FILE (- for stdin)")
    data = sub.add_parser("data", help="the lawmaker data")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    data_sync = data_sub.add_parser("sync", help="download, check and install the lawmaker data")
    data_sync.add_argument("--mirror", help="a folder or base URL to read instead of upstream")
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("migrate", help="apply pending migrations")
    db_sub.add_parser("check", help="run SQLite's integrity check")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings(env_file=args.env_file)
        logging.basicConfig(
            level=settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        return asyncio.run(dispatch(args, settings))
    except StartupError as exc:
        print(f"orgbot: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command or "run"
    if command == "db":
        return await db_command(args.db_command, settings)
    if command == "data":
        return await data_sync(settings, args.mirror or settings.data_mirror)
    quiet_logs()
    if command == "console" and args.script:
        return await with_services(settings, lambda s: script(s, args.script))
    if command == "run" and (settings.has_discord or settings.has_slack):
        raise StartupError(
            "Platform tokens are set, but this build has only the console host; unset "
            "DISCORD_TOKEN and SLACK_BOT_TOKEN to use it."
        )
    return await with_services(settings, interactive)


async def interactive(services: Services) -> int:
    await ensure_directory(services)
    await run_interactive(services)
    return 0


def quiet_logs() -> None:
    """In the console the transcript is the interface: only warnings reach the terminal."""
    root = logging.getLogger()
    root.setLevel(max(logging.WARNING, root.level))


async def with_services(settings: Settings, body: Callable[[Services], Awaitable[int]]) -> int:
    services = await build_services(settings)
    try:
        return await body(services)
    finally:
        await close_services(services)


async def script(services: Services, source: str) -> int:
    if source == "-":
        lines = sys.stdin.readlines()
    else:
        try:
            text = await asyncio.to_thread(Path(source).read_text, encoding="utf-8")
            lines = text.splitlines()
        except OSError as exc:
            raise StartupError(f"Cannot read script {source}: {exc.strerror}.") from None
    await run_script(services, lines, sys.stdout)
    return 0


async def data_sync(settings: Settings, mirror: str | None) -> int:
    """Fetch and install the lawmaker data, showing progress on stderr."""
    store = DirectoryStore(settings.data_dir)
    try:
        await store.sync(mirror, progress=show_progress)
    except Unavailable as exc:
        print(f"orgbot: {exc.message}", file=sys.stderr)
        return 1
    return 0


async def ensure_directory(services: Services) -> None:
    """On first start with no index, sync once; a failure is told and the bot runs on."""
    if index_path(services.settings.data_dir).exists():
        return
    print("No lawmaker data yet: downloading it once (about 3 MB) ...", file=sys.stderr)
    try:
        await services.directory.sync(services.settings.data_mirror, progress=show_progress)
    except Unavailable as exc:
        print(
            f"orgbot: {exc.message} Lawmaker lookups stay unavailable until "
            "`orgbot data sync` succeeds.",
            file=sys.stderr,
        )


def show_progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


async def db_command(which: str, settings: Settings) -> int:
    db = await Database.open(settings.database_path, settings.db_busy_timeout_ms)
    try:
        if which == "migrate":
            applied = await migrate(db)
            print(f"Applied migrations: {applied}" if applied else "The schema is up to date.")
            return 0
        problems = await db.integrity_check()
        for problem in problems:
            print(problem)
        print("ok" if not problems else f"{len(problems)} problem(s) found")
        return 0 if not problems else 1
    finally:
        await db.close()


if __name__ == "__main__":
    raise SystemExit(main())
