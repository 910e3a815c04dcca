"""Stopping on SIGTERM (service managers: systemd, Docker, Kubernetes) and SIGINT (Ctrl-C)."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)  # service managers send SIGTERM; Ctrl-C SIGINT


class StopSignals:
    """SIGTERM and SIGINT as one orderly stop, where the loop supports signal handlers.

    The first signal cancels the running body: the hosts take their usual stopping path (the
    scheduler lets the sends in progress finish, each host lets its handlers under way finish
    or cancels them cleanly, then the services and the database close; the console finishes
    the line it is handling). Later signals are noted and change nothing. After SIGTERM the
    process exits 0, after SIGINT 130 (as for Ctrl-C).
    """

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._body: asyncio.Task[int] | None = None
        self._installed: list[signal.Signals] = []

    @property
    def exit_code(self) -> int:
        return 130 if self.received is signal.SIGINT else 0

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in STOP_SIGNALS:
            try:
                loop.add_signal_handler(sig, self._on_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not main thread
                continue
            self._installed.append(sig)

    def remove(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            loop.remove_signal_handler(sig)
        self._installed.clear()

    async def run(self, body: Coroutine[Any, Any, int]) -> int:
        """Await ``body`` until it ends or a stop signal cancels it."""
        if self.received is not None:  # stopped while starting up
            body.close()
            return self.exit_code
        self._body = asyncio.ensure_future(body)
        try:
            result = await self._body
        except asyncio.CancelledError:
            if self.received is None or not self._body.cancelled():
                raise
            return self.exit_code
        finally:
            self._body = None
        return self.exit_code if self.received is not None else result

    def _on_signal(self, sig: signal.Signals) -> None:
        if self.received is not None:
            log.info("%s received while shutting down; still shutting down", sig.name)
            return
        self.received = sig
        log.info("%s received: shutting down", sig.name)
        if self._body is not None:
            self._body.cancel()
