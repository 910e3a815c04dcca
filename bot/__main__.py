"""The command line: ``orgbot`` (same as ``python -m bot``)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable, Coroutine
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.app import build_services, close_services, directory_store
from bot.civic.index_file import index_path
from bot.civic.sync import first_sync_failed
from bot.domain.clock import Clock
from bot.domain.errors import StartupError, Unavailable
from bot.domain.models import Platform
from bot.logs import configure_logging
from bot.platforms.console.runner import run_interactive, run_script
from bot.scheduling.clockwork import OffsetClock
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.signals import StopSignals
from bot.storage.maintenance import backup_database, check_database
from bot.storage.migrations import migrate
from bot.storage.open import open_database, process_lock
from bot.storage.sqlite.process_lock import DatabaseInUse, lock_database

if TYPE_CHECKING:
    from bot.web import WebServer

log = logging.getLogger("bot")
FRESH_DATABASE = ":memory:"  # `orgbot console --fresh`: SQLite's own throwaway database


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="orgbot", description="organizer-bot: call your lawmakers.")
    p.add_argument("--env-file", default=".env", help="a .env file to read (default: .env)")
    p.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("run", help="start the hosts whose tokens are set (the console if none)")
    console = sub.add_parser("console", help="the console host")
    console.add_argument("--script", metavar="FILE", help="read commands from FILE (- for stdin)")
    console.add_argument(
        "--fresh",
        action="store_true",
        help="start on a new, empty database kept in memory and gone at exit (the lawmaker data "
        "is the installed one): demos run the same every time",
    )
    data = sub.add_parser("data", help="the lawmaker data")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    data_sync = data_sub.add_parser("sync", help="download, check and install the lawmaker data")
    data_sync.add_argument("--mirror", help="a folder or base URL to read instead of upstream")
    slack = sub.add_parser("slack", help="the Slack app")
    slack_sub = slack.add_subparsers(dest="slack_command", required=True)
    manifest = slack_sub.add_parser("manifest", help="print the Slack app manifest (YAML)")
    manifest.add_argument(
        "--request-url",
        help="HTTP mode: the public https://.../slack/events URL (default: Socket Mode)",
    )
    manifest.add_argument(
        "--distribution",
        action="store_true",
        help="many workspaces, each adding the app with Add to Slack (needs --request-url): "
        "adds the OAuth redirect URL and the uninstall events",
    )
    discord = sub.add_parser("discord", help="the Discord bot")
    discord_sub = discord.add_subparsers(dest="discord_command", required=True)
    discord_sub.add_parser("invite-url", help="print the link that adds the bot to a server")
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("migrate", help="apply pending migrations")
    db_sub.add_parser(
        "check", help="check the database (SQLite: its integrity; PostgreSQL: schema and tables)"
    )
    backup = db_sub.add_parser("backup", help="copy the database safely, even while the bot runs")
    backup.add_argument(
        "path", type=Path, help="the new backup file (must not exist yet; pg_dump on PostgreSQL)"
    )
    copy = db_sub.add_parser(
        "copy", help="copy the SQLite database into an empty PostgreSQL database, checked by counts"
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="postgresql://user@host/dbname (the password from PGPASSWORD or ~/.pgpass)",
    )
    return p


def package_version() -> str:
    """The version pip installed (the wheel's, or the checkout's with ``pip install -e``)."""
    try:
        return metadata.version("organizer-bot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings: Settings | None = None
    try:
        settings = load_settings(env_file=args.env_file)
        configure_logging(settings.log_level, settings.secret_values(), settings.log_format)
        return asyncio.run(dispatch(args, settings))
    except DatabaseInUse as exc:
        print(f"orgbot: {exc.message}", file=sys.stderr)
        return 1
    except StartupError as exc:
        print(f"orgbot: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # what was opened is closed by now (with_services, build_services)
        if settings is not None:  # the console's quiet level hid DEBUG; its transcript is over
            logging.getLogger().setLevel(settings.log_level)
        log.debug("stopped by an unexpected error", exc_info=True)
        print(f"orgbot: {unexpected(exc)}", file=sys.stderr)
        return 1


def unexpected(exc: BaseException) -> str:
    """One line for the operator about an error nobody foresaw; its traceback is at DEBUG."""
    lines = str(exc).strip().splitlines()
    what = f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__
    return (
        f"stopped by an unexpected error ({what}). Its traceback is logged with "
        "ORGBOT_LOG_LEVEL=DEBUG."
    )


async def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command or "run"
    if command == "db" and args.db_command == "copy":
        return await db_copy(settings, args.to)
    if command == "db":
        return await db_command(args.db_command, settings, getattr(args, "path", None))
    if command == "data":
        return await data_sync(settings, args.mirror or settings.data_mirror)
    if command == "slack":
        return await slack_manifest(settings, args.request_url, args.distribution)
    if command == "discord":
        return discord_invite_url(settings)
    if command == "run" and (settings.has_discord or settings.has_slack):
        check_platforms(settings)
        return await with_services(settings, run_platforms)
    quiet_logs()
    if command == "console" and args.fresh:
        fresh = {"database_path": Path(FRESH_DATABASE), "database_url": None}
        settings = settings.model_copy(update=fresh)
    if command == "console" and args.script:
        return await with_services(settings, lambda s: script(s, args.script), OffsetClock())
    return await with_services(settings, interactive, OffsetClock())


def check_platforms(settings: Settings) -> None:
    """What the Slack host needs from the settings (a token, or for many workspaces the
    client id, secret and ORGBOT_SECRET_KEY), checked before the database, the lawmaker data
    or the HTTP server is touched: StartupError, one line."""
    if settings.has_slack:
        from bot.platforms.slack.config import SlackConfig  # imports slack_sdk only when used

        SlackConfig.from_settings(settings)


async def run_platforms(services: Services) -> int:
    """Every platform host whose token is set, together in this process, until stopped.

    If one host cannot start, the others are stopped and its one-line reason is shown. The
    HTTP server (/healthz, /metrics, Slack's HTTP mode) runs from before the hosts connect
    until after they stopped, when a port is set (``Settings.web_port``).
    """
    await ensure_directory(services)
    web = await start_web(services)
    try:
        return await _run_platforms(services, web)
    finally:
        if web is not None:
            await web.close()


async def start_web(services: Services) -> WebServer | None:
    """The HTTP server with /healthz and /metrics, listening; None when no port is set."""
    settings = services.settings
    port = settings.web_port
    if port is None:
        return None
    from bot.health import Health  # imports aiohttp only when it serves
    from bot.monitoring import Monitoring
    from bot.web import WebServer

    if settings.http_port is not None and "slack_http_port" in settings.model_fields_set:
        log.warning("ORGBOT_SLACK_HTTP_PORT is ignored: ORGBOT_HTTP_PORT=%d is set", port)
    for platform, runs in (
        (Platform.DISCORD, settings.has_discord),
        (Platform.SLACK, settings.has_slack),
    ):
        if runs:  # down in /healthz until its host connects
            services.connections.expect(platform)
    web = WebServer(settings.http_host, port)
    health = Health(services.db, services.directory, services.connections)
    Monitoring(health, services.metrics, services.clock).mount(web)
    if services.dashboard is not None and services.dashboard_view is not None:
        from bot.dashboard_site import DashboardSite  # the private dashboard's page

        DashboardSite(services.dashboard, services.dashboard_view, services.words).mount(web)
    await web.start()
    return web


async def _run_platforms(services: Services, web: WebServer | None) -> int:
    settings = services.settings
    if not (settings.has_discord and settings.postgres_url):
        return await _run_hosts_and_scheduler(services, web)
    # Processes sharing PostgreSQL: this one's Discord shards must be nobody else's.
    from bot.storage.postgres.sessions import connect_session
    from bot.storage.postgres.shard_claims import claim_shards

    url = settings.postgres_url
    claim = await claim_shards(
        lambda: connect_session(url), settings.discord_shard_count or None, settings.discord_shards
    )
    try:
        return await _run_hosts_and_scheduler(services, web)
    finally:
        await claim.release()


async def _run_hosts_and_scheduler(services: Services, web: WebServer | None) -> int:
    runners: list[Coroutine[Any, Any, None]] = []
    if services.settings.has_slack:
        from bot.platforms.slack.runner import run_slack  # imports slack-bolt only when used

        runners.append(run_slack(services, web=web))
    if services.settings.has_discord:
        from bot.platforms.discord.runner import run_discord  # imports discord.py only when used

        runners.append(run_discord(services))
    await services.scheduler.start()
    hosts = asyncio.ensure_future(run_hosts(runners))
    try:
        return await asyncio.shield(hosts)
    except asyncio.CancelledError:
        # Stopping: a scheduled send in progress finishes while the hosts are still up.
        await services.scheduler.stop()
        hosts.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await hosts
        raise
    finally:
        await services.scheduler.stop()


async def run_hosts(runners: list[Coroutine[Any, Any, None]]) -> int:
    try:
        async with asyncio.TaskGroup() as group:
            for runner in runners:
                group.create_task(runner)
    except* StartupError as failed:
        raise failed.exceptions[0] from None
    return 0


async def slack_manifest(
    settings: Settings, request_url: str | None, distribution: bool = False
) -> int:
    """Print the Slack app manifest generated from the cogs."""
    from bot.platforms.slack.manifest import EVENTS_PATH, manifest_yaml  # slack-bolt when used

    quiet_logs()
    if request_url is not None and not request_url.startswith("https://"):
        raise StartupError("--request-url must be the public https:// URL of /slack/events.")
    if distribution and (request_url is None or not request_url.endswith(EVENTS_PATH)):
        raise StartupError(
            "--distribution needs --request-url, the public https:// URL of /slack/events "
            "(Add to Slack works in HTTP mode only)."
        )
    print(await manifest_yaml(settings, request_url, distribution=distribution), end="")
    return 0


def discord_invite_url(settings: Settings) -> int:
    """Print the OAuth2 link with exactly the scopes and permissions the bot needs."""
    from bot.platforms.discord.invite import application_id, invite_url

    print(invite_url(application_id(settings), settings.discord_guild_id))
    return 0


async def interactive(services: Services) -> int:
    await ensure_directory(services)
    web = await start_web(services)  # with ORGBOT_HTTP_PORT: /healthz, /metrics, the dashboard
    try:
        await services.scheduler.start()  # time flows; /clock moves it
        await run_interactive(services)
    finally:
        if web is not None:
            await web.close()
    return 0


def quiet_logs() -> None:
    """In the console the transcript is the interface: only warnings reach the terminal."""
    root = logging.getLogger()
    root.setLevel(max(logging.WARNING, root.level))


async def with_services(
    settings: Settings,
    body: Callable[[Services], Coroutine[Any, Any, int]],
    clock: Clock | None = None,
) -> int:
    """Run ``body`` on fresh services, then close them, also when SIGTERM or SIGINT stops it.

    The database's process lock is taken first (another process using it refuses the start at
    once) and let go last, once the database is closed.
    """
    lock = process_lock(settings)  # SQLite only: PostgreSQL is shared by design
    stop = StopSignals()
    stop.install()
    try:
        services = await build_services(settings, clock)
        try:
            return await stop.run(body(services))
        finally:
            await close_services(services)
            if stop.received is not None:
                log.info("shut down cleanly after %s", stop.received.name)
    finally:
        stop.remove()
        if lock is not None:
            lock.release()


async def script(services: Services, source: str) -> int:
    if source == "-":
        data = await asyncio.to_thread(sys.stdin.buffer.read)
    else:
        try:
            data = await asyncio.to_thread(Path(source).read_bytes)
        except OSError as exc:
            raise StartupError(f"Cannot read script {source}: {exc.strerror}.") from None
    await run_script(services, script_lines(data, source), sys.stdout)
    return 0


def script_lines(data: bytes, source: str) -> list[str]:
    """A script's lines, split at newlines only (other line breaks are text of a line, as at
    the prompt). One that is not UTF-8 is refused whole, saying where: a script runs as
    written or not at all, since a guessed character could change what it does."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        name = "on standard input" if source == "-" else source
        raise StartupError(
            f"The script {name} is not UTF-8 text (line {line} has the byte "
            f"0x{data[exc.start]:02x}). Save it as UTF-8 and run it again."
        ) from None
    lines = text.removesuffix("\n").split("\n") if text else []
    return [line.removesuffix("\r") for line in lines]


async def data_sync(settings: Settings, mirror: str | None) -> int:
    """Fetch and install the lawmaker data, showing progress on stderr."""
    store = directory_store(settings)
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
        mirror = services.settings.data_mirror
        print(f"orgbot: {first_sync_failed(exc.message, mirror)}", file=sys.stderr)


def show_progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


async def db_command(which: str, settings: Settings, target: Path | None = None) -> int:
    """``backup`` and ``check`` only read, and run beside the bot; ``migrate`` needs it stopped."""
    lock = process_lock(settings) if which == "migrate" else None
    try:
        return await _db_command(which, settings, target)
    finally:
        if lock is not None:
            lock.release()


async def _db_command(which: str, settings: Settings, target: Path | None) -> int:
    db = await open_database(settings)
    try:
        if which == "backup" and target is not None:
            print(await backup_database(db, target, settings.postgres_url))
            return 0
        if which == "migrate":
            applied = await migrate(db)
            print(f"Applied migrations: {applied}" if applied else "The schema is up to date.")
            return 0
        problems = await check_database(db)
        for problem in problems:
            print(problem)
        print("ok" if not problems else f"{len(problems)} problem(s) found")
        return 0 if not problems else 1
    finally:
        await db.close()


async def db_copy(settings: Settings, url: str) -> int:
    """``db copy --to URL``: the SQLite database (the bot stopped: its lock is taken) into an
    empty PostgreSQL database; one line per table, then OK or FAILED."""
    from bot.storage.copy import CopyRefused, copy_to_postgres

    source = settings.database_path
    lock = lock_database(source) if source.is_file() else None  # else refused below
    try:
        report = await copy_to_postgres(source, url)
    except CopyRefused as exc:
        print(f"orgbot: {exc.message}", file=sys.stderr)
        return 1
    finally:
        if lock is not None:
            lock.release()
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
