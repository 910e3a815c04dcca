"""A report held on its way to the database, so a test can shut the bot down meanwhile.

The batcher (bot/core/batcher.py) commits every report. :class:`HeldReports` wraps its commit
step: ``entered`` is set when a report reaches it, it then waits for ``go_on``, and ``outcome``
says what became of it ("saved" once committed, "cancelled" if the shutdown cut it off).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.core.batcher import Batcher


class HeldReports:
    def __init__(self, batcher: Batcher[Any, Any]) -> None:
        self.entered = asyncio.Event()
        self.go_on = asyncio.Event()
        self.outcome: list[str] = []
        commit = batcher._commit  # the step that writes: held here, then run as it was

        async def held(prepared: Any) -> Any:
            self.entered.set()
            try:
                await self.go_on.wait()
            except asyncio.CancelledError:
                self.outcome.append("cancelled")
                raise
            result = await commit(prepared)
            self.outcome.append("saved")
            return result

        batcher._commit = held


def trouble(records: list[logging.LogRecord]) -> list[str]:
    """Log lines a clean shutdown must not write: errors, tracebacks, a closed database."""
    return [
        record.getMessage()
        for record in records
        if record.levelno >= logging.ERROR
        or record.exc_info
        or "closed database" in record.getMessage()
    ]
