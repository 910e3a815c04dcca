"""HTTP mode: every request must carry Slack's signature, made in the last five minutes, and
is taken once.

The signature is Slack's v0 HMAC-SHA256 of ``v0:<timestamp>:<raw body bytes>`` with the app's
signing secret. It is checked on the bytes as they came, before anything decodes or parses them
(slack_sdk's SignatureVerifier decodes the body as UTF-8 first, which fails on bytes Slack never
sends). The time is the bot's Clock, so a test can move it.

A signature is unique to its timestamp and body, and is accepted only while the timestamp is
within five minutes of now: remembering each accepted signature until then is enough to refuse
a request sent twice (a replay), in bounded memory.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
import re
from collections import OrderedDict

from bot.domain.clock import Clock

log = logging.getLogger(__name__)

WINDOW = 5 * 60  # seconds a request's timestamp may be from now (Slack's advice)
REMEMBERED_MAX = 50_000  # signatures kept at most (far more than Slack sends in 10 minutes)
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only: int() also takes "١٢" and " 1"
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Verdict(enum.Enum):
    """What the signature check says of a request."""

    FRESH = "fresh"  # signed by Slack, recent, first time seen
    UNSIGNED = "unsigned"  # no signature, or one that does not match the body
    STALE = "stale"  # signed, but the timestamp is not within five minutes of now
    REPEATED = "repeated"  # signed and recent, but already received


class SignatureCheck:
    """Slack's request signature, the time window and the memory of what was received."""

    def __init__(self, signing_secret: str, clock: Clock) -> None:
        if not signing_secret.strip():
            raise ValueError("the signing secret is empty")
        self._secret = signing_secret.encode()
        self._clock = clock
        self._seen = RecentSignatures()

    def check(self, body: bytes, timestamp: str | None, signature: str | None) -> Verdict:
        """Check the signature first, then the time, then whether it was seen before (and
        remember it if not)."""
        if not timestamp or not signature or not _TIMESTAMP.fullmatch(timestamp):
            return Verdict.UNSIGNED
        if not _SIGNATURE.fullmatch(signature) or not hmac.compare_digest(
            self.signature(body, timestamp).encode(), signature.encode()
        ):
            return Verdict.UNSIGNED
        now = self._clock.now().timestamp()
        sent = int(timestamp)
        if abs(now - sent) > WINDOW:
            return Verdict.STALE
        if not self._seen.first_time(signature, until=sent + WINDOW, now=now):
            return Verdict.REPEATED
        return Verdict.FRESH

    def signature(self, body: bytes, timestamp: str) -> str:
        """Slack's v0 signature of ``body`` sent at ``timestamp``."""
        base = b"v0:" + timestamp.encode() + b":" + body
        return "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()


class RecentSignatures:
    """Signatures received, each kept until its request could no longer pass the time check."""

    def __init__(self, limit: int = REMEMBERED_MAX) -> None:
        self._limit = limit
        self._until: OrderedDict[str, float] = OrderedDict()
        self._warned = False

    def first_time(self, signature: str, *, until: float, now: float) -> bool:
        """True (and remembered until ``until``) the first time; False for a repeat."""
        self._forget_expired(now)
        if signature in self._until:
            return False
        self._until[signature] = until
        if len(self._until) > self._limit:
            self._until.popitem(last=False)
            if not self._warned:
                self._warned = True
                log.warning(
                    "more than %d Slack requests in ten minutes: the oldest are forgotten "
                    "before their time, so a replay of them would not be noticed",
                    self._limit,
                )
        return True

    def _forget_expired(self, now: float) -> None:
        # In arrival order: one that expires later than those after it holds them back until
        # it expires (ten minutes at most), which only delays forgetting them.
        while self._until:
            oldest, until = next(iter(self._until.items()))
            if until >= now:
                return
            del self._until[oldest]

    def __len__(self) -> int:
        return len(self._until)
