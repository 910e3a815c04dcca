"""StopSignals in this process: a real SIGTERM or SIGINT cancels the body once, with the right
exit code; handlers are removed after. (tests/test_shutdown.py covers a whole `orgbot run`.)"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import AsyncIterator

import pytest

from bot.signals import STOP_SIGNALS, StopSignals

WAIT = 5.0


class Body:
    """A body that runs until cancelled, then waits for ``release`` before it finishes."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.stopping = asyncio.Event()
        self.release = asyncio.Event()
        self.ran = False

    async def __call__(self) -> int:
        self.ran = True
        self.started.set()
        try:
            await asyncio.Event().wait()
        finally:
            self.stopping.set()
            await self.release.wait()
        return 7


class Heard(logging.Handler):
    """Sets ``event`` when a log line of bot.signals holds ``text``."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.event = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.event.set()


@pytest.fixture
async def stop() -> AsyncIterator[StopSignals]:
    """Handlers installed (the test fails rather than kill pytest if they could not be)."""
    stopper = StopSignals()
    stopper.install()
    assert all(signal.getsignal(s) is not signal.SIG_DFL for s in STOP_SIGNALS)
    yield stopper
    stopper.remove()


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
async def test_a_signal_cancels_the_body(stop: StopSignals, sig: signal.Signals, code: int) -> None:
    """The body is cancelled (its clean-up runs); SIGTERM exits 0, SIGINT 130."""
    body = Body()
    body.release.set()
    running = asyncio.ensure_future(stop.run(body()))
    await asyncio.wait_for(body.started.wait(), WAIT)
    os.kill(os.getpid(), sig)
    assert await asyncio.wait_for(running, WAIT) == code
    assert stop.received is sig and body.stopping.is_set()


async def test_a_second_signal_while_stopping_changes_nothing(
    stop: StopSignals, caplog: pytest.LogCaptureFixture
) -> None:
    """SIGINT during the SIGTERM stop: the stop goes on and the exit code stays 0."""
    body = Body()
    running = asyncio.ensure_future(stop.run(body()))
    await asyncio.wait_for(body.started.wait(), WAIT)
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(body.stopping.wait(), WAIT)
    caplog.set_level(logging.INFO, logger="bot.signals")
    heard = Heard("SIGINT received while shutting down")
    logger = logging.getLogger("bot.signals")
    logger.addHandler(heard)
    try:
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.wait_for(heard.event.wait(), WAIT)
    finally:
        logger.removeHandler(heard)
    body.release.set()
    assert await asyncio.wait_for(running, WAIT) == 0
    assert stop.received is signal.SIGTERM


async def test_a_signal_during_start_up_skips_the_body(stop: StopSignals) -> None:
    """Stopped before the body starts: it never runs (and is closed, not left unawaited)."""
    body = Body()
    stop._on_signal(signal.SIGTERM)
    assert await stop.run(body()) == 0
    assert not body.ran


async def test_a_body_that_ends_gives_its_result(stop: StopSignals) -> None:
    """With no signal the body's own exit code is returned."""

    async def done() -> int:
        return 3

    assert await stop.run(done()) == 3
    assert stop.received is None


async def test_remove_gives_sigterm_back() -> None:
    """After remove() the loop no longer handles SIGTERM: its default handler is back."""
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    stopper = StopSignals()
    stopper.install()
    assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    stopper.remove()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
