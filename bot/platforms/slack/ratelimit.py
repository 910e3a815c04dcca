"""Slack's 429 answers: wait as long as its Retry-After header says, then try again."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.core.metrics import NO_METRICS, Metrics
from bot.domain.models import Platform

log = logging.getLogger(__name__)

DEFAULT_WAIT = 1.0  # seconds, when a 429 carries no Retry-After
MAX_WAIT = 120.0
RETRIES = 3

Sleep = Callable[[float], Awaitable[None]]


class RetryAfterHandler(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's rate-limit retry, with the wait and its jitter injectable.

    Waits Retry-After seconds plus up to one second of jitter (so many clients do not retry
    at the same instant), never more than ``MAX_WAIT``. Each 429 it waits out is counted for
    /metrics (one it gives up on reaches the delivery queue, which counts it).
    """

    def __init__(
        self,
        max_retry_count: int = RETRIES,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        metrics: Metrics = NO_METRICS,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self._sleep = sleep
        self._jitter = jitter
        self._metrics = metrics

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("rate-limit retry without a response")
        state.next_attempt_requested = True
        self._metrics.throttled(Platform.SLACK.value)
        wait = min(retry_after(response) + self._jitter(), MAX_WAIT)
        log.info("Slack rate limit on %s; retrying in %.1f s", _method(request), wait)
        await self._sleep(wait)
        state.increment_current_attempt()


def retry_after(response: HttpResponse) -> float:
    """Seconds from a 429's Retry-After header (DEFAULT_WAIT if missing or malformed)."""
    for name, values in response.headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return max(0.0, float(values[0]))
            except ValueError:
                break
    return DEFAULT_WAIT


def _method(request: HttpRequest) -> str:
    return request.url.rsplit("/", 1)[-1]


def retry_handlers(
    sleep: Sleep = asyncio.sleep, metrics: Metrics = NO_METRICS
) -> list[AsyncRetryHandler]:
    """The retry handlers every Slack client of the bot uses: a dropped connection once
    (slack_sdk's default), and rate limits as Slack asks (each 429 counted in ``metrics``)."""
    return [AsyncConnectionErrorRetryHandler(), RetryAfterHandler(sleep=sleep, metrics=metrics)]
