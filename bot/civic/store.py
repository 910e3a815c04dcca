"""Hold the current directory and pick up a new index without a restart."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.civic import index_file
from bot.civic.directory import Directory
from bot.civic.sources import SOURCES, Progress, Source
from bot.civic.sync import SyncReport, sync
from bot.domain.errors import Unavailable
from bot.domain.text import Text

log = logging.getLogger(__name__)


class DirectoryStore:
    """``current()`` returns the loaded directory, reloading when the index file was replaced.

    The file is checked with one ``stat`` at most every ``check_interval`` seconds; a sync run
    through :meth:`sync` is installed at once. A damaged new file never replaces a good
    directory already in memory.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        check_interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        sources: tuple[Source, ...] = SOURCES,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.sources = sources  # where a sync reads (the settings' addresses)
        self.path = index_file.index_path(self.data_dir)
        self._interval = check_interval
        self._monotonic = monotonic
        self._directory: Directory | None = None
        self._signature: index_file.Signature | None = None
        self._failure: Text | str | None = None  # why the file at ``_signature`` did not load
        self._checked_at = float("-inf")
        self._lock = asyncio.Lock()

    def current(self) -> Directory:
        """The directory; raises Unavailable (telling the operator to sync) when there is none.

        Loading a new index takes about a tenth of a second, once per installed index."""
        now = self._monotonic()
        if self._directory is not None and now - self._checked_at < self._interval:
            return self._directory
        self._checked_at = now
        signature = index_file.stat_signature(self.path)
        if signature is not None and signature != self._signature:
            return self._reload(signature)
        if self._directory is None:
            raise Unavailable(self._failure or index_file.NO_INDEX)
        return self._directory

    def recheck(self) -> None:
        """Look at the file again at the next :meth:`current`, without waiting out the interval
        (a test that replaced the file, as ``orgbot data sync`` in another process does)."""
        self._checked_at = float("-inf")

    def loaded(self) -> Directory | None:
        """The directory in memory, without touching the disk."""
        return self._directory

    def _reload(self, seen: index_file.Signature) -> Directory:
        try:
            index, signature = index_file.read(self.path)
            directory = Directory.from_index(index)
        except Unavailable as exc:
            self._signature, self._failure = seen, exc.text or exc.message
            if self._directory is None:
                raise
            log.warning("Ignoring unreadable %s; keeping the directory loaded before", self.path)
            return self._directory
        self._directory, self._signature, self._failure = directory, signature, None
        log.info("Loaded lawmaker directory built %s", directory.freshness.built_at.isoformat())
        return directory

    async def sync(
        self, mirror: str | None = None, progress: Progress | None = None, **options: Any
    ) -> SyncReport:
        """Run :func:`bot.civic.sync.sync` for this folder and install the result at once."""
        options.setdefault("sources", self.sources)
        async with self._lock:
            report = await sync(self.data_dir, mirror, progress, **options)
            self._directory = report.directory
            self._signature = index_file.stat_signature(self.path)
            self._failure = None
            self._checked_at = self._monotonic()
            return report
