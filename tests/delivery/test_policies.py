"""Which platform failures are retried, waited out or final; how requests are keyed and paced."""

from __future__ import annotations

from dataclasses import dataclass, field

import aiohttp
import discord
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.delivery import discord_policy, slack_policy
from bot.delivery.limits import GLOBAL
from bot.delivery.queue import Kind
from bot.delivery.timing import VirtualTimer
from bot.domain.errors import NotAllowed


@dataclass
class Response:
    """The parts of an aiohttp response discord.py's errors read."""

    status: int
    reason: str = "reason"
    headers: dict[str, str] = field(default_factory=dict)


def http_error(status: int, code: int = 0, **headers: str) -> discord.HTTPException:
    kinds = {403: discord.Forbidden, 404: discord.NotFound}
    kind = kinds.get(status, discord.DiscordServerError if status >= 500 else discord.HTTPException)
    return kind(Response(status, headers=headers), {"code": code, "message": "x"})  # type: ignore[arg-type]


def slack_error(error: str, status: int = 200, **headers: str) -> SlackApiError:
    response = AsyncSlackResponse(
        client=None,  # type: ignore[arg-type]
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers,
        status_code=status,
    )
    return SlackApiError(error, response)


@pytest.mark.parametrize(
    ("exc", "kind", "after", "scope"),
    [
        (discord.RateLimited(75.0), Kind.THROTTLED, 75.0, "route"),
        (http_error(429, **{"Retry-After": "2.5"}), Kind.THROTTLED, 2.5, "route"),
        (
            http_error(429, **{"Retry-After": "4", "X-RateLimit-Global": "true"}),
            Kind.THROTTLED,
            4.0,
            "global",
        ),
        (http_error(503), Kind.TRANSIENT, 0.0, "route"),
        (http_error(403, 50007), Kind.FINAL, 0.0, "route"),
        (http_error(404, 10003), Kind.FINAL, 0.0, "route"),
        (http_error(400, 50035), Kind.FINAL, 0.0, "route"),
        (ConnectionRefusedError(), Kind.TRANSIENT, 0.0, "route"),
        (aiohttp.ServerDisconnectedError(), Kind.AMBIGUOUS, 0.0, "route"),
        (TimeoutError(), Kind.AMBIGUOUS, 0.0, "route"),
        (NotAllowed("no"), Kind.FINAL, 0.0, "route"),
    ],
)
def test_discord_failures(exc: BaseException, kind: Kind, after: float, scope: str) -> None:
    """429s are waited out (globally when Discord says so); 5xx and refused connections are
    retried; an answer lost after sending is ambiguous; refusals are final."""
    verdict = discord_policy.classify(exc)
    assert (verdict.kind, verdict.after, verdict.scope) == (kind, after, scope)


@pytest.mark.parametrize(
    ("exc", "kind", "after"),
    [
        (slack_error("ratelimited", 429, **{"Retry-After": "7"}), Kind.THROTTLED, 7.0),
        (slack_error("ratelimited", 429), Kind.THROTTLED, 1.0),
        (slack_error("service_unavailable"), Kind.TRANSIENT, 0.0),
        (slack_error("internal_error"), Kind.AMBIGUOUS, 0.0),
        (slack_error("not_in_channel"), Kind.FINAL, 0.0),
        (slack_error("user_disabled"), Kind.FINAL, 0.0),
        (ConnectionRefusedError(), Kind.TRANSIENT, 0.0),
        (TimeoutError(), Kind.AMBIGUOUS, 0.0),
    ],
)
def test_slack_failures(exc: BaseException, kind: Kind, after: float) -> None:
    """Slack's ratelimited waits Retry-After; only errors where Slack did nothing are retried
    as such; internal errors may have posted, so only idempotent calls retry them."""
    verdict = slack_policy.classify(exc)
    assert (verdict.kind, verdict.after) == (kind, after)


def test_slack_keys_pace_posts_per_channel_and_calls_per_tier() -> None:
    """A post counts against its channel; other calls against their method's tier."""
    assert slack_policy.keys("chat.postMessage", "C1") == ("channel:C1", "method:chat.postMessage")
    assert slack_policy.keys("conversations.open") == ("method:conversations.open",)
    limits = slack_policy.rules(1.0)
    assert [(r.limit, r.per) for r in limits("channel:C1")] == [(1, 1.0)]
    assert [(r.limit, r.per) for r in limits("method:conversations.open")] == [(50, 60.0)]
    assert [(r.limit, r.per) for r in limits("method:chat.postEphemeral")] == [(100, 60.0)]


async def test_discord_queue_uses_the_configured_rate() -> None:
    """ORGBOT_DISCORD_REQUESTS_PER_SECOND=10: the eleventh request in a second waits."""
    timer = VirtualTimer(start=0.0)
    queue = discord_policy.discord_queue(10, timer=timer)
    for _ in range(11):
        await queue.limiter.acquire(discord_policy.route("POST", "/channels/1/messages"))
    assert timer.waits == [pytest.approx(1.0 + discord_policy.MARGIN)]
    assert discord_policy.route("GET", "/channels/1") == ("route:GET /channels/1", GLOBAL)
