"""HTTP mode: every request must carry Slack's signature, made in the last five minutes.

Bolt's own request verification, with the bot's Clock instead of the wall clock (so a replayed
request can be tested by moving a clock) and a malformed timestamp refused, not crashed on.
"""

from __future__ import annotations

from slack_bolt.middleware.request_verification.async_request_verification import (
    AsyncRequestVerification,
)
from slack_sdk.signature import Clock as SdkClock
from slack_sdk.signature import SignatureVerifier

from bot.core.clock import Clock


class _EpochClock(SdkClock):
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def now(self) -> float:
        return self._clock.now().timestamp()


class _Verifier(SignatureVerifier):
    def is_valid(self, body: str | bytes, timestamp: str | None, signature: str | None) -> bool:
        if timestamp is None or not timestamp.strip().isdigit():
            return False
        return super().is_valid(body, timestamp, signature)


class ClockedRequestVerification(AsyncRequestVerification):
    """Refuses (401) a request whose signature is wrong or whose timestamp is over 5 minutes
    from the clock's time. Socket Mode requests are not signed and skip this check."""

    def __init__(self, signing_secret: str, clock: Clock) -> None:
        super().__init__(signing_secret)
        self._clocked = _Verifier(signing_secret, clock=_EpochClock(clock))

    @property
    def verifier(self) -> SignatureVerifier:
        return self._clocked
