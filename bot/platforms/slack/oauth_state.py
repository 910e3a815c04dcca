"""The OAuth ``state`` of "Add to Slack": issued by /slack/install, consumed once by the redirect.

A state is a random 256-bit value kept in memory with the time it expires (on the bot's
clock). The redirect back from Slack must bring one that this process issued, within
:data:`STATE_LIFETIME`, and only once: a forged, expired or replayed state is refused and no
installation is stored. (slack-bolt also checks that the browser coming back holds the state
in the cookie it set, so a link someone else started cannot complete an install.)

States live in memory: a restart in the minute between "Add to Slack" and Slack's redirect
only asks the person to click again. At most :data:`MAX_PENDING` are kept; a flood of
/slack/install requests drops the oldest rather than growing without bound.
"""

from __future__ import annotations

import logging
import secrets
from collections import OrderedDict
from datetime import datetime, timedelta

from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.domain.clock import Clock

log = logging.getLogger(__name__)

STATE_LIFETIME = timedelta(minutes=10)  # slack-bolt's cookie lives as long
MAX_PENDING = 10_000


class OAuthStates(AsyncOAuthStateStore):
    """Single-use OAuth states with a bounded lifetime, on the bot's clock."""

    def __init__(
        self, clock: Clock, lifetime: timedelta = STATE_LIFETIME, limit: int = MAX_PENDING
    ) -> None:
        self._clock = clock
        self._lifetime = lifetime
        self._limit = limit
        self._pending: OrderedDict[str, datetime] = OrderedDict()

    @property
    def logger(self) -> logging.Logger:
        return log

    @property
    def lifetime_seconds(self) -> int:
        return int(self._lifetime.total_seconds())

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        now = self._clock.now()
        self._forget_expired(now)
        state = secrets.token_urlsafe(32)
        self._pending[state] = now + self._lifetime
        while len(self._pending) > self._limit:
            self._pending.popitem(last=False)
        return state

    async def async_consume(self, state: str) -> bool:
        """True once for a state issued here and not expired; False for anything else."""
        expires = self._pending.pop(state, None)
        return expires is not None and self._clock.now() < expires

    def _forget_expired(self, now: datetime) -> None:
        while self._pending:
            state, expires = next(iter(self._pending.items()))
            if expires > now:
                return
            del self._pending[state]
