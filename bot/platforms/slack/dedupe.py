"""Slack delivers an event again when it thinks the first delivery failed (X-Slack-Retry-Num,
or a Socket Mode envelope with retry_attempt). Each event id is handled once per process."""

from __future__ import annotations

from collections import OrderedDict

RECENT_EVENTS = 5000  # Slack retries within minutes; this covers far more than that


class RecentIds:
    """A bounded set of recently seen ids; the oldest are forgotten first."""

    def __init__(self, limit: int = RECENT_EVENTS) -> None:
        self._limit = limit
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, key: str) -> bool:
        """True the first time ``key`` is seen (and remember it), False for a repeat."""
        if key in self._ids:
            self._ids.move_to_end(key)
            return False
        self._ids[key] = None
        if len(self._ids) > self._limit:
            self._ids.popitem(last=False)
        return True
