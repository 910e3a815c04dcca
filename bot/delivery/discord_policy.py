"""How Discord limits the bot, and which of its failures are worth another try.

Discord allows 50 requests per second per bot (interaction answers excluded), plus per-route
buckets it reports in X-RateLimit-* headers. discord.py paces those buckets itself (and retries a
429 that carries the Via header, and 500/502/504 answers, within one call), but it has no global
limiter: this queue adds the 50/s and keeps one request per route in flight. Messages are sent
with a nonce that Discord enforces, so a retried send never posts twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp
import discord

from bot.core.metrics import NO_METRICS, Metrics
from bot.delivery.limits import GLOBAL, Rate, RateLimiter, Rules
from bot.delivery.queue import AMBIGUOUS, FINAL, TRANSIENT, DeliveryQueue, Verdict
from bot.delivery.timing import Timer
from bot.domain.errors import DomainError

DEFAULT_RETRY_AFTER = 1.0
# Seconds added to the 1-second window: none needed, since a request counts in the window until
# its answer arrives (limits.py), so requests that reach Discord unevenly never crowd a second.
MARGIN = 0.0


def rules(per_second: int) -> Rules:
    def limits(key: str) -> Sequence[Rate]:
        return (Rate(per_second, 1.0 + MARGIN),) if key == GLOBAL else ()

    return limits


def classify(exc: BaseException) -> Verdict:
    if isinstance(exc, DomainError):
        return FINAL
    if isinstance(exc, discord.RateLimited):
        return Verdict.throttled(exc.retry_after)
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            return _throttled(exc)
        if exc.status >= 500:
            return TRANSIENT
        return FINAL
    if isinstance(exc, aiohttp.ClientConnectorError | ConnectionRefusedError):
        return TRANSIENT  # never reached Discord
    if isinstance(exc, aiohttp.ClientError | TimeoutError | OSError):
        return AMBIGUOUS
    return FINAL


def _throttled(exc: discord.HTTPException) -> Verdict:
    """A 429 discord.py did not wait out itself (no Via header: a proxy or Cloudflare)."""
    headers = getattr(exc.response, "headers", {}) or {}
    try:
        after = float(headers.get("Retry-After", DEFAULT_RETRY_AFTER))
    except (TypeError, ValueError):
        after = DEFAULT_RETRY_AFTER
    everything = str(headers.get("X-RateLimit-Global", "")).lower() == "true" or (
        str(headers.get("X-RateLimit-Scope", "")).lower() == "global"
    )
    return Verdict.throttled(after, everything=everything)


def discord_queue(
    per_second: int = 50,
    max_attempts: int = 5,
    timer: Timer | None = None,
    metrics: Metrics = NO_METRICS,
    count_throttled: bool = True,
) -> DeliveryQueue:
    """The queue every Discord post, edit, DM and reaction of the bot goes through."""
    limiter = RateLimiter(rules(per_second), timer)
    return DeliveryQueue(
        limiter,
        classify,
        name="discord",
        max_attempts=max_attempts,
        delivers=delivers,
        metrics=metrics,
        count_throttled=count_throttled,
    )


def route(method: str, path: str) -> tuple[str, str]:
    """The limit keys of a request: its route (path with ids), then the global limit."""
    return (f"route:{method} {path}", GLOBAL)


def delivers(keys: Sequence[str]) -> bool:
    """Whether a request posts a message (in a channel or a DM): the send's claim is taken
    then (bot/delivery/claims.py), not when its DM channel is opened."""
    first = keys[0] if keys else ""
    return first.startswith("route:POST /channels/") and first.endswith("/messages")
