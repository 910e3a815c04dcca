"""Which delivery of a platform event to handle: the first one, across every connection and
every process sharing the database.

Slack delivers an event again when it thinks a delivery failed (a retry, perhaps on another
Socket Mode connection, perhaps to another process). Each event's key is claimed in the
database (bot.core.ports.platform_events); only the first claim handles it. Keys are kept for
KEEP (Slack's last retry comes about five minutes after the first delivery) and the older ones
are deleted while claiming, at most once per PRUNE_EVERY.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from bot.core.ports.platform_events import PlatformEventStore
from bot.domain.clock import Clock, iso
from bot.domain.models import Platform

KEEP = timedelta(hours=1)
PRUNE_EVERY = timedelta(minutes=5)
KEY_MAX = 200  # characters of a key as stored (a longer one is stored as its digest)


class EventClaims:
    def __init__(
        self,
        store: PlatformEventStore,
        clock: Clock,
        *,
        keep: timedelta = KEEP,
        prune_every: timedelta = PRUNE_EVERY,
    ) -> None:
        self._store = store
        self._clock = clock
        self._keep = keep
        self._prune_every = prune_every
        self._next_prune: datetime | None = None

    async def first_time(self, platform: Platform, key: str) -> bool:
        """True for the first delivery of the event ``key`` (now taken), False for a repeat."""
        now = self._clock.now()
        if self._next_prune is None or now >= self._next_prune:
            self._next_prune = now + self._prune_every
            await self._store.forget_before(iso(now - self._keep))
        return await self._store.claim(platform.value, stored_key(key), iso(now))


def stored_key(key: str) -> str:
    """The key as stored: itself, or the digest of one too long to keep as it is."""
    if len(key) <= KEY_MAX:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
