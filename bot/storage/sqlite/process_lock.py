"""One orgbot process per database: an OS lock on a file next to it (``orgbot.sqlite3.lock``).

Two processes on one database would both schedule, and each would take the other's send in
progress for one a crash cut off. ``fcntl.flock`` locks belong to the open file, so the OS
releases them when the process ends however it ends (``kill -9`` included): a lock left by a
crash never blocks the restart. The file holds the holder's pid, for the refusal message, and is
never deleted (deleting a lock file that another process has just opened would let two
processes each hold a lock of their own).

Not the `filelock` package: its Unix lock truncates the file on every attempt to take it, so a
refused process would erase the holder's pid before it could read it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from bot.domain.errors import StartupError

LOCK_SUFFIX = ".lock"
IN_MEMORY = ":memory:"


class DatabaseInUse(StartupError):
    """Another process holds the lock; ``pid`` is its process id when it could be read."""

    def __init__(self, database: Path, lock_path: Path, pid: int | None) -> None:
        who = f"Another orgbot process (pid {pid})" if pid else "Another orgbot process"
        super().__init__(
            f"{who} is using the database {database} (it holds the lock file {lock_path}); "
            "stop it first: one database serves one orgbot process."
        )
        self.lock_path = lock_path
        self.pid = pid


def lock_path_for(database: Path) -> Path:
    """The lock file beside the database file itself (symbolic links followed)."""
    real = database.expanduser().resolve()
    return real.with_name(real.name + LOCK_SUFFIX)


class ProcessLock:
    """Held from :meth:`acquire` until :meth:`release` or the end of the process."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, database: Path) -> ProcessLock:
        """Take the lock at once or raise :class:`DatabaseInUse`; never waits.

        Raises StartupError with one line when the lock file cannot be made.
        """
        path = lock_path_for(database)
        try:
            try:
                fd = _open(path)
            except FileNotFoundError:  # a first start: the database's folder is made too
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = _open(path)
        except OSError as exc:
            raise StartupError(
                f"Cannot create the lock file {path} for database {database}: "
                f"{exc.strerror or exc}."
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise DatabaseInUse(database, path, pid) from None
        except OSError as exc:  # a file system without flock
            os.close(fd)
            raise StartupError(
                f"Cannot lock {path} for database {database}: {exc.strerror or exc}."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        return cls(path, fd)

    def release(self) -> None:
        """Clear the pid and let go; a second call does nothing."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing the last descriptor releases the flock


def lock_database(database: Path) -> ProcessLock | None:
    """The lock for a database file; None for SQLite's in-memory database (nothing to share)."""
    if str(database) == IN_MEMORY:
        return None
    return ProcessLock.acquire(database)


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None
