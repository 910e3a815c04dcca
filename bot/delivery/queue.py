"""The delivery queue: every outbound request of one platform goes through here.

``await queue.run(keys, send)`` waits for the rate limiter, calls ``send()``, and returns its
result or raises its final error. In between:

- a 429 (the platform's Retry-After) holds the route, or everything when it says "global", and
  the request waits its turn again: it is never dropped;
- a transient failure (the platform was briefly unavailable, the connection failed before the
  request was sent) is retried with exponential backoff and jitter, up to ``max_attempts``;
- a failure after which the platform may have acted (a timeout once the request was sent) is
  retried only for idempotent requests, so a message is never posted twice;
- anything else (blocked DMs, a deleted channel, missing permissions) is raised at once, and
  the other requests go on: only the failing request's own route waits on it.

Requests on one route (keys[0]) go one at a time, in order. A request that has started runs to
its end even if its caller gives up, and :meth:`close` waits for all of them.

A request that delivers a message (``delivers(keys)``, from the platform's policy) first takes
the claim of the background send it belongs to, if any (:mod:`bot.delivery.claims`), once the
limiter lets it go: a send is claimed only when it is about to leave.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from bot.core.metrics import NO_METRICS, Metrics
from bot.delivery.claims import ClaimRefused, take_current
from bot.delivery.limits import GLOBAL, RateLimiter
from bot.domain.errors import DomainError, Unavailable
from bot.domain.text import t

log = logging.getLogger(__name__)

T = TypeVar("T")
SHUTTING_DOWN = t("The bot is shutting down, so nothing more can be sent. Please try again soon.")


class Kind(StrEnum):
    THROTTLED = "throttled"  # a 429: wait ``after`` seconds, then try again (not an attempt)
    TRANSIENT = "transient"  # not done; safe to try again after a backoff
    AMBIGUOUS = "ambiguous"  # may have been done; retried only when the request is idempotent
    FINAL = "final"  # will not work by retrying


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Kind
    after: float = 0.0
    scope: str = "route"  # "route" or "global", for THROTTLED

    @classmethod
    def throttled(cls, after: float, *, everything: bool = False) -> Verdict:
        return cls(Kind.THROTTLED, after, "global" if everything else "route")


TRANSIENT = Verdict(Kind.TRANSIENT)
AMBIGUOUS = Verdict(Kind.AMBIGUOUS)
FINAL = Verdict(Kind.FINAL)
Classifier = Callable[[BaseException], Verdict]
Delivers = Callable[[Sequence[str]], bool]  # does a request with these keys deliver a message?


def basic_classify(exc: BaseException) -> Verdict:
    """Domain errors are final; a refused connection is transient; a timeout is ambiguous."""
    if isinstance(exc, DomainError):
        return FINAL
    if isinstance(exc, ConnectionRefusedError):
        return TRANSIENT
    if isinstance(exc, TimeoutError | ConnectionError):
        return AMBIGUOUS
    return FINAL


@dataclass(slots=True)
class QueueStats:
    sent: int = 0
    failed: int = 0
    throttled: int = 0  # 429s answered
    retried: int = 0  # transient failures tried again


class DeliveryQueue:
    """Rate-limited, retrying delivery for one platform."""

    def __init__(
        self,
        limiter: RateLimiter,
        classify: Classifier = basic_classify,
        *,
        name: str = "delivery",
        max_attempts: int = 5,
        max_throttles: int = 10,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        concurrency: int = 50,
        jitter: Callable[[], float] = random.random,
        delivers: Delivers | None = None,
        metrics: Metrics = NO_METRICS,
        count_throttled: bool = True,
    ) -> None:
        self.limiter = limiter
        self.metrics = metrics  # 429s and the depth, by ``name`` (the platform)
        self.count_throttled = count_throttled  # off where the client counts every 429
        self.classify = classify
        self.delivers = delivers
        self.name = name
        self.max_attempts = max_attempts
        self.max_throttles = max_throttles
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.stats = QueueStats()
        self._jitter = jitter
        self._slots = asyncio.Semaphore(concurrency)
        self._routes: dict[str, asyncio.Lock] = {}
        self._route_users: dict[str, int] = {}
        self._tasks: set[asyncio.Task[object]] = set()
        self._closed = False

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def run(
        self,
        keys: Sequence[str],
        send: Callable[[], Awaitable[T]],
        *,
        idempotent: bool = False,
        what: str = "request",
    ) -> T:
        """Send through the limiter; return the result or raise the final error."""
        if self._closed:
            raise Unavailable(SHUTTING_DOWN)
        if not keys:
            raise ValueError("a delivery needs at least one limit key")
        task: asyncio.Task[T] = asyncio.create_task(
            self._deliver(tuple(keys), send, idempotent, what)
        )
        self._tasks.add(task)  # type: ignore[arg-type]
        self.metrics.queue_depth(self.name, len(self._tasks))
        task.add_done_callback(self._forget)  # type: ignore[arg-type]
        return await asyncio.shield(task)

    def _forget(self, task: asyncio.Task[object]) -> None:
        self._tasks.discard(task)
        self.metrics.queue_depth(self.name, len(self._tasks))
        if not task.cancelled():
            task.exception()  # retrieved here too, in case its caller stopped waiting

    async def close(self, within: float = 30.0) -> None:
        """Take nothing new; wait (up to ``within`` seconds) for what has started."""
        self._closed = True
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=within)
        if pending:
            log.warning("%s: %d deliveries unfinished at shutdown", self.name, len(pending))

    async def _deliver(
        self, keys: tuple[str, ...], send: Callable[[], Awaitable[T]], idempotent: bool, what: str
    ) -> T:
        route = keys[0]
        lock = self._routes.setdefault(route, asyncio.Lock())
        self._route_users[route] = self._route_users.get(route, 0) + 1
        try:
            async with lock:
                return await self._attempts(keys, send, idempotent, what)
        finally:
            self._route_users[route] -= 1
            if not self._route_users[route]:
                del self._route_users[route]
                self._routes.pop(route, None)

    async def _attempts(
        self, keys: tuple[str, ...], send: Callable[[], Awaitable[T]], idempotent: bool, what: str
    ) -> T:
        attempts = throttles = 0
        while True:
            try:
                # counts against the limits from its turn until its answer (see limits.py)
                async with self.limiter.sending(keys):
                    if self.delivers is not None and self.delivers(keys):
                        await take_current()  # ClaimRefused: not sent, not a delivery failure
                    async with self._slots:
                        result = await send()
            except ClaimRefused:
                raise
            except Exception as exc:
                verdict = self.classify(exc)
                if verdict.kind is Kind.THROTTLED and throttles < self.max_throttles:
                    throttles += 1
                    self.stats.throttled += 1
                    if self.count_throttled:
                        self.metrics.throttled(self.name)
                    held = GLOBAL if verdict.scope == "global" else keys[0]
                    log.info("%s: %s throttled; waiting %.2f s", self.name, what, verdict.after)
                    self.limiter.hold(held, verdict.after)
                    continue
                retry = verdict.kind is Kind.TRANSIENT or (
                    verdict.kind is Kind.AMBIGUOUS and idempotent
                )
                if retry and attempts + 1 < self.max_attempts:
                    attempts += 1
                    self.stats.retried += 1
                    wait = self._backoff(attempts)
                    log.info("%s: %s failed (%s); retry in %.2f s", self.name, what, exc, wait)
                    await self.limiter.timer.sleep(wait)
                    continue
                self.stats.failed += 1
                raise
            self.stats.sent += 1
            return result

    def _backoff(self, attempt: int) -> float:
        """Exponential, capped, with half of it random (so retries spread out)."""
        ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        return ceiling / 2 + self._jitter() * ceiling / 2
