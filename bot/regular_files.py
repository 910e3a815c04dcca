"""Reading a file the bot was pointed at without ever blocking on something that is not a file.

A FIFO (named pipe), a device or a socket where a template or a data file is expected would
block a plain ``open()`` or ``read()`` for good (a FIFO waits for a writer), and the thread
stuck in it keeps the process from exiting. Such a path is refused after one ``stat``, before
anything opens it; the file then opened is checked again with ``fstat``, so a swap between the
two steps cannot slip one in (the open itself is non-blocking, which changes nothing for a
regular file).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class NotARegularFile(OSError):
    """The path exists but is no regular file; ``kind`` says what it is ("a FIFO (named pipe)")."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more than the caller's limit (``limit`` bytes)."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"it is larger than {limit} bytes", str(path))
        self.limit = limit


def kind_of(mode: int) -> str:
    """What a ``st_mode`` that is not a regular file's names, for a message."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and its ``fstat``; a symbolic link to a regular file is fine.

    Raises :class:`NotARegularFile` (nothing was opened), :class:`FileTooLarge` (more than
    ``max_bytes``, also when the file grows while read) or another ``OSError``.
    """
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):
        raise NotARegularFile(path, kind_of(before.st_mode))
    if before.st_size > max_bytes:
        raise FileTooLarge(path, max_bytes)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as opened:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(path, kind_of(st.st_mode))
        if st.st_size > max_bytes:
            raise FileTooLarge(path, max_bytes)
        data = opened.read(st.st_size + 1)
        if len(data) > st.st_size:  # it grew since: read on, up to just past the limit
            data += opened.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise FileTooLarge(path, max_bytes)
    return data, st
