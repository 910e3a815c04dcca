"""A throwaway PostgreSQL server for the test suite, and fresh databases on it for each test.

``python -m tests.postgres_server start`` makes a cluster in a new temporary folder (trust
authentication, no fsync: nothing in it outlives the run), listening on 127.0.0.1 on a port the
system says is free and on a Unix socket in that folder, waits until it accepts connections and
prints its URL. ``url`` prints it again, ``stop`` stops it and deletes the folder, and
``run -- COMMAND...`` does all three around one command, which finds the URL in
ORGBOT_TEST_POSTGRES_URL (the Makefile's ``make test-postgres``).

PostgreSQL refuses to run as root, so as root the cluster runs as the ``postgres`` user (made by
Debian's package) or, without one, as ``nobody``.
"""

from __future__ import annotations

import asyncio
import glob
import hashlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

INSTALL_HINT = (
    "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install them with "
    "`apt-get install postgresql` (Debian/Ubuntu) or put their folder on PATH."
)
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",  # a throwaway cluster: a crash loses nothing anyone needs
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # The suite's own connections, a few bot processes at once (each with its pool), and a
    # second pytest worker or backend run beside it.
    "max_connections": "300",
    "shared_buffers": "128MB",
    "log_min_messages": "warning",
}
START_WAIT_S = 120  # a loaded 2-core machine can take a while to start a cluster
# What `start` started, for `url` and `stop`: one cluster per user and checkout.
_CHECKOUT = hashlib.sha256(str(Path(__file__).resolve().parents[1]).encode()).hexdigest()[:12]
STATE_FILE = Path(tempfile.gettempdir()) / f"orgbot-test-postgres-{os.getuid()}-{_CHECKOUT}.json"
T = TypeVar("T")


class NoServer(RuntimeError):
    """PostgreSQL cannot be started here; the message says why in one line."""


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: pg_config's, Debian's newest, or the one on PATH."""
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip():
            candidates.append(Path(done.stdout.strip()))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += [Path(p) for p in sorted(versions, key=_version, reverse=True)]
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _version(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path))


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster."""

    bindir: str
    data_dir: str
    port: int
    run_as: str | None  # the OS user running it when we are root

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _run(self.run_as, [f"{self.bindir}/pg_ctl", "-D", self.data_dir, *args])

    def stop(self) -> None:
        """Stop the server (at once: nothing in it is kept) and delete its folder."""
        if Path(self.data_dir, "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(Path(self.data_dir).parent, ignore_errors=True)


def _unprivileged_user() -> str | None:
    """None when we may run PostgreSQL ourselves; else the user to run it as."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise NoServer("PostgreSQL refuses to run as root and there is no `postgres` user to run it.")


def _run(user: str | None, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    prefix = ["runuser", "-u", user, "--"] if user else []
    return subprocess.run(
        [*prefix, *command],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # a folder the unprivileged user may enter
        stdin=subprocess.DEVNULL,
    )


def start(attempts: int = 3) -> Cluster:
    """initdb into a new temporary folder, start on a free port, wait until it answers."""
    bindir = find_bindir()
    if bindir is None:
        raise NoServer(INSTALL_HINT)
    user = _unprivileged_user()
    home = Path(tempfile.mkdtemp(prefix="orgbot-pg-"))
    data = home / "data"
    try:
        if user:
            shutil.chown(home, user)
        done = _run(
            user,
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )
        if done.returncode != 0:
            raise NoServer(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        for _ in range(attempts):  # another program may take the free port before we do
            cluster = Cluster(str(bindir), str(data), free_port(), user)
            _write_settings(cluster)
            started = cluster.pg_ctl(
                "start", "-w", "-t", str(START_WAIT_S), "-l", str(home / "server.log")
            )
            if started.returncode == 0 and _accepts(cluster):
                return cluster
        log = (home / "server.log").read_text(errors="replace")[-2000:]
        raise NoServer(f"PostgreSQL did not start: {started.stderr.strip()}\n{log}")
    except BaseException:
        if (data / "postmaster.pid").exists():
            _run(user, [str(bindir / "pg_ctl"), "-D", str(data), "stop", "-m", "immediate"])
        shutil.rmtree(home, ignore_errors=True)
        raise


def _write_settings(cluster: Cluster) -> None:
    lines = {
        **SETTINGS,
        "port": str(cluster.port),
        "unix_socket_directories": f"'{cluster.data_dir}'",
    }
    text = "".join(f"{name} = {value}\n" for name, value in lines.items())
    Path(cluster.data_dir, "postgresql.auto.conf").write_text(text)


def _accepts(cluster: Cluster, wait_s: int = 60) -> bool:
    """Whether the server takes connections (pg_ctl -w has waited for it to say it is ready)."""
    pg_isready = Path(cluster.bindir, "pg_isready")
    if not pg_isready.is_file():
        return False
    where = ["-h", "127.0.0.1", "-p", str(cluster.port), "-t", str(wait_s)]
    return _run(None, [str(pg_isready), *where]).returncode == 0


def database_url(server_url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server_url``."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class Databases:
    """Creates and drops databases on a server, each a copy of one migrated template.

    One admin connection, served by its own thread and event loop so that the tests' loops never
    see it. The next database is copied while the current test runs, and a finished test's is
    dropped after it, so a test waits for neither.
    """

    def __init__(self, server_url: str, prefix: str) -> None:
        import asyncpg  # a dependency of the bot; imported here so SQLite runs never load it

        self.server_url = server_url
        self.prefix = prefix
        self.template = f"{prefix}tpl"
        self._count = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._conn = self._call(asyncpg.connect(server_url))
        self._lock = asyncio.Lock()  # one statement at a time on the one connection
        self._next: Future[str] | None = None
        self._pending: list[Future[None]] = []
        self.handed_out = 0
        self.waited_s = 0.0  # how long tests waited for their database, in all

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self._submit(coroutine).result(timeout=120)

    def _submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    async def _sql(self, sql: str) -> None:
        async with self._lock:
            await self._conn.execute(sql)

    def url(self, name: str) -> str:
        return database_url(self.server_url, name)

    def create_template(self, migrate: Callable[[str], Coroutine[Any, Any, object]]) -> None:
        """An empty template database, then ``migrate(its URL)`` (the project's migrations),
        run on this object's loop."""
        self._call(self._sql(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)'))
        self._call(self._sql(f'CREATE DATABASE "{self.template}"'))
        self._call(migrate(self.url(self.template)))
        self._next = self._submit(self._copy())

    async def _copy(self) -> str:
        self._count += 1
        name = f"{self.prefix}{self._count}"
        await self._sql(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')
        return name

    def create(self) -> str:
        """A new database copied from the template; returns its name."""
        assert self._next is not None, "create_template first"
        asked = time.perf_counter()
        name = self._next.result(timeout=120)
        self.waited_s += time.perf_counter() - asked
        self.handed_out += 1
        self._next = self._submit(self._copy())
        return name

    def drop(self, name: str) -> None:
        """Drop ``name`` soon, ending whatever connections are still open to it."""
        self._pending = [f for f in self._pending if not f.done() or f.exception()]
        self._pending.append(
            self._submit(self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        )

    def close(self) -> None:
        """Drop what is left (the template too) and close the connection; raises the first
        failure of a drop."""
        try:
            if self._next is not None:
                self.drop(self._next.result(timeout=120))
            self.drop(self.template)
            for dropped in self._pending:
                dropped.result(timeout=120)
        finally:
            self._call(self._conn.close())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()


def _save(cluster: Cluster) -> None:
    STATE_FILE.write_text(json.dumps(asdict(cluster)))


def _load() -> Cluster | None:
    try:
        return Cluster(**json.loads(STATE_FILE.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def main(argv: Sequence[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "start":
        if running := _load():
            if _accepts(running, wait_s=1):
                print(running.url)
                return 0
            running.stop()  # left by a run that was killed, or by a reboot
        cluster = start()
        _save(cluster)
        print(cluster.url)
        return 0
    if command == "url":
        running = _load()
        if running is None or not _accepts(running, wait_s=1):
            print("No throwaway PostgreSQL is running (start one: start).", file=sys.stderr)
            return 1
        print(running.url)
        return 0
    if command == "stop":
        if running := _load():
            running.stop()
        STATE_FILE.unlink(missing_ok=True)
        return 0
    if command == "check":
        if find_bindir() is None:
            print(INSTALL_HINT, file=sys.stderr)
            return 1
        return 0
    if command == "run" and rest[:1] == ["--"] and len(rest) > 1:
        # A SIGTERM (a CI timeout, a stopped make) stops the cluster too.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
        cluster = start()
        try:
            env = {**os.environ, "ORGBOT_TEST_POSTGRES_URL": cluster.url}
            return subprocess.run(rest[1:], env=env).returncode
        finally:
            cluster.stop()
    print(
        "usage: python -m tests.postgres_server start|url|stop|check|run -- COMMAND...",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except NoServer as exc:
        print(f"postgres_server: {exc}", file=sys.stderr)
        sys.exit(1)
