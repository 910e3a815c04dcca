"""How Slack limits the bot, and which of its failures are worth another try.

Slack allows about one message per second per channel (chat.postMessage; short bursts are
tolerated, so the queue stays at the documented pace) and limits each Web API method by tier:
Tier 2 about 20 calls a minute, Tier 3 about 50, Tier 4 about 100. A 429 carries Retry-After.
slack_sdk retries a 429 itself (the host installs its rate-limit retry handler); what still comes
back as "ratelimited" holds the route here. chat.postMessage has no idempotency key, so it is
retried only when Slack certainly did not post (429, a refused connection, service_unavailable).
"""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.core.metrics import NO_METRICS, Metrics
from bot.delivery.limits import Rate, RateLimiter, Rules
from bot.delivery.queue import AMBIGUOUS, FINAL, TRANSIENT, DeliveryQueue, Verdict
from bot.delivery.timing import Timer
from bot.domain.errors import DomainError

TIER2, TIER3, TIER4 = Rate(20, 60.0), Rate(50, 60.0), Rate(100, 60.0)
TIERS = {
    "chat.update": TIER3,
    "chat.postEphemeral": TIER4,
    "conversations.open": TIER3,
    "reactions.add": TIER3,
    "files.getUploadURLExternal": TIER4,
    "files.completeUploadExternal": TIER4,
    "users.info": TIER4,
}
NOT_DONE = {"service_unavailable", "request_timeout"}  # Slack did nothing
MAYBE_DONE = {"internal_error", "fatal_error"}
DEFAULT_RETRY_AFTER = 1.0


def rules(channel_rate: float) -> Rules:
    channel = Rate(1, 1.0 / channel_rate) if channel_rate <= 1 else Rate(int(channel_rate), 1.0)

    def limits(key: str) -> Sequence[Rate]:
        if key.startswith("channel:"):
            return (channel,)
        if key.startswith("method:"):
            tier = TIERS.get(key.removeprefix("method:"))
            return (tier,) if tier else ()
        return ()

    return limits


def keys(method: str, channel: str | None = None) -> tuple[str, ...]:
    """The limit keys of a Web API call: per channel for posts, then the method's tier."""
    if method == "chat.postMessage" and channel:
        return (f"channel:{channel}", f"method:{method}")
    if channel:
        return (f"route:{method}:{channel}", f"method:{method}")
    return (f"method:{method}",)


def classify(exc: BaseException) -> Verdict:
    if isinstance(exc, DomainError):
        return FINAL
    if isinstance(exc, SlackApiError):
        code = str(exc.response.get("error", ""))
        if getattr(exc.response, "status_code", 200) == 429 or code == "ratelimited":
            return Verdict.throttled(_retry_after(exc))
        if code in NOT_DONE:
            return TRANSIENT
        if code in MAYBE_DONE:
            return AMBIGUOUS
        return FINAL
    if isinstance(exc, aiohttp.ClientConnectorError | ConnectionRefusedError):
        return TRANSIENT
    if isinstance(exc, aiohttp.ClientError | TimeoutError | OSError):
        return AMBIGUOUS
    return FINAL


def _retry_after(exc: SlackApiError) -> float:
    headers = getattr(exc.response, "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            first = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(0.0, float(first))
            except (TypeError, ValueError):
                break
    return DEFAULT_RETRY_AFTER


def slack_queue(
    channel_rate: float = 1.0,
    max_attempts: int = 5,
    timer: Timer | None = None,
    metrics: Metrics = NO_METRICS,
) -> DeliveryQueue:
    """The queue every Slack post, edit, DM and reaction of the bot goes through."""
    limiter = RateLimiter(rules(channel_rate), timer)
    return DeliveryQueue(
        limiter,
        classify,
        name="slack",
        max_attempts=max_attempts,
        delivers=delivers,
        metrics=metrics,
    )


def delivers(keys: Sequence[str]) -> bool:
    """Whether a request posts a message (chat.postMessage, the one method keyed by channel):
    the send's claim is taken then (bot/delivery/claims.py), not at conversations.open."""
    return bool(keys) and keys[0].startswith("channel:")
