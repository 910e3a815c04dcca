"""Per-member command rate limit: a token bucket per member, driven by the injected Clock."""

from __future__ import annotations

import math
from collections import OrderedDict

from bot.domain.clock import Clock
from bot.domain.errors import RateLimited
from bot.domain.models import Actor
from bot.domain.text import tn

MAX_TRACKED = 50_000  # members remembered at once; the least recently seen are dropped


class MemberRateLimiter:
    """Allows ``burst`` commands at once, refilled at ``per_minute``; over that, 'slow down'."""

    def __init__(self, clock: Clock, per_minute: int, burst: int) -> None:
        if per_minute <= 0 or burst <= 0:
            raise ValueError("rate limits must be positive")
        self._clock = clock
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._buckets: OrderedDict[tuple[int, int], tuple[float, float]] = OrderedDict()

    def check(self, actor: Actor) -> None:
        """Take one token for this member or raise RateLimited with how long to wait."""
        key = (actor.community.id, actor.member.id)
        now = self._clock.now().timestamp()
        tokens, seen = self._buckets.pop(key, (self._burst, now))
        tokens = min(self._burst, tokens + max(0.0, now - seen) * self._rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            wait = math.ceil((1.0 - tokens) / self._rate)
            raise RateLimited(
                tn(
                    "You're going a little fast. Please wait {n} second and try again.",
                    "You're going a little fast. Please wait {n} seconds and try again.",
                    wait,
                    n=wait,
                )
            )
        self._buckets[key] = (tokens - 1.0, now)
        while len(self._buckets) > MAX_TRACKED:
            self._buckets.popitem(last=False)
