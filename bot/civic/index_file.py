"""The index on disk: one compact JSON file (``civic-index.json``), replaced atomically.

Why JSON: the C decoder reads the ~2.3 MB file in about 15 ms; it is safe to read (unlike
pickle, a tampered file cannot run code); it does not depend on the Python version or on the
classes in ``models`` (a code upgrade does not strand the index); an operator can inspect it.
Rows are positional lists, and the per-ZIP numbers are base64 columns (see ``ziptable``), which
keeps the file small and the load (decode plus building every answer) near 100 ms.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from bot.domain.errors import Unavailable
from bot.domain.text import t
from bot.regular_files import read_regular_file

INDEX_FILENAME = "civic-index.json"
NO_INDEX = t(
    "The lawmaker directory has not been downloaded yet: an operator needs to run "
    "`orgbot data sync`."
)
DAMAGED = t(
    "The lawmaker directory file is damaged or from another version: an operator needs to run "
    "`orgbot data sync`."
)

MAX_INDEX_BYTES = 256 * 1024 * 1024  # the index is about 2.3 MB; far more is not one
Signature = tuple[int, int, int]  # (mtime_ns, size, inode): changes whenever the file is replaced


def index_path(data_dir: Path) -> Path:
    return Path(data_dir) / INDEX_FILENAME


def encode(index: dict[str, Any]) -> bytes:
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a temp file in the same folder, fsync it, then ``os.replace`` it over ``path``.

    Readers see the old file or the new one, never a mix; a crash leaves the old file intact.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read(path: Path) -> tuple[dict[str, Any], Signature]:
    """Decode the index and the signature of the very file read. Raises Unavailable."""
    try:
        data, st = read_regular_file(path, MAX_INDEX_BYTES)  # a FIFO there is never opened
    except FileNotFoundError:
        raise Unavailable(NO_INDEX) from None
    except OSError as exc:
        raise Unavailable(DAMAGED) from exc
    try:
        index = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise Unavailable(DAMAGED) from exc
    if not isinstance(index, dict):
        raise Unavailable(DAMAGED)
    return index, signature(st)


def signature(st: os.stat_result) -> Signature:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def stat_signature(path: Path) -> Signature | None:
    try:
        return signature(os.stat(path))
    except OSError:
        return None
