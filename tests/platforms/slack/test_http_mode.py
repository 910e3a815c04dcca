"""HTTP mode over real HTTP on 127.0.0.1: Slack's signature and timestamp are checked before
anything reads the body; only what Slack sends is accepted, each request once, and a refused
request leaves one short log line and nothing of its body."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.domain.clock import ManualClock
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.sample_cog import SampleCog
from ...fakes.slack_server import BOT_USER_ID, GENERAL, TEAM_ID, FakeSlack, sign, slash_form
from .conftest import settle

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# What a refused request must not leave in any log line.
SECRET_USER = "U0PRIVATE7"
SECRET_TEXT = "my-private-words-4411"
SECRET_RID = "RPRIVATE99"


@pytest.fixture
async def http_host(
    services: Services, slack: FakeSlack, sample: SampleCog
) -> AsyncIterator[tuple[SlackHost, str]]:
    """The Slack host serving /slack/events on an ephemeral port; yields it and the URL."""
    host = SlackHost(services, slack.config(mode="http", http_host="127.0.0.1"))
    await host.load_extensions(["cogs.help"])
    await host.add_cog(sample)
    port = await host.start_http(port=0)
    yield host, f"http://127.0.0.1:{port}/slack/events"
    await host.close()


async def post(url: str, body: str | bytes, headers: dict[str, str]) -> int:
    data = body.encode() if isinstance(body, str) else body
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=data, headers=headers) as response,
    ):
        return response.status


def now(clock: ManualClock) -> int:
    return int(clock.now().timestamp())


def signed(body: str | bytes, clock: ManualClock, content_type: str = FORM) -> dict[str, str]:
    return sign(body, now(clock)) | {"Content-Type": content_type}


def reaction_event(event_id: str = "Ev0HTTP", team_id: str = TEAM_ID) -> str:
    return json.dumps(
        {
            "token": "unused",
            "team_id": team_id,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": 1700000000,
            "event": {
                "type": "reaction_added",
                "user": "U1",
                "reaction": "tada",
                "item_user": BOT_USER_ID,
                "item": {"type": "message", "channel": GENERAL, "ts": "1.1"},
                "event_ts": "1.2",
            },
        }
    )


def button_press(slack: FakeSlack, user: str = "U1") -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": user, "team_id": TEAM_ID},
        "channel": {"id": GENERAL},
        "trigger_id": "2.http",
        "response_url": f"{slack.url}/respond/R2",
        "actions": [{"type": "button", "action_id": "sample.poke:x", "value": "sample.poke:x"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def secret_command(slack: FakeSlack) -> str:
    """A slash command carrying a member id, typed text and a response URL to look for."""
    return slash_form(
        "/help",
        SECRET_TEXT,
        user=SECRET_USER,
        response_url=f"{slack.url}/respond/{SECRET_RID}",
    )


def logged(caplog: pytest.LogCaptureFixture) -> str:
    """Everything every logger wrote, tracebacks included."""
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_info:
            lines.append(logging.Formatter().formatException(record.exc_info))
        if record.exc_text:
            lines.append(record.exc_text)
    return "\n".join(lines)


def refusals(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "refused" in r.getMessage()]


async def nothing_ran(host: SlackHost, slack: FakeSlack, sample: SampleCog) -> None:
    await settle(host)
    assert slack.calls_to("response_url") == [] and sample.reactions == [] == sample.pressed
    assert slack.calls_to("chat.postEphemeral") == []


# -- signatures and the time window ------------------------------------------------------------
async def test_a_signed_request_is_answered(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """A correctly signed, fresh slash command is acked (200) and answered."""
    _, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    assert await post(url, body, sign(body, now(clock))) == 200
    reply = await slack.next_call("response_url")
    assert reply.args["response_type"] == "ephemeral" and "/echo" in reply.text


async def test_a_forged_signature_is_rejected(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """A request signed with another secret gets 401 and reaches no cog."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    assert await post(url, body, sign(body, now(clock), secret="not-the-secret")) == 401
    await settle(host)
    assert slack.calls_to("response_url") == []


async def test_a_replayed_request_is_rejected(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """The same signed request sent again six minutes later gets 401."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    headers = sign(body, now(clock))
    assert await post(url, body, headers) == 200
    clock.advance(timedelta(minutes=6))
    assert await post(url, body, headers) == 401
    await settle(host)
    assert len(slack.calls_to("response_url")) == 1


@pytest.mark.parametrize("timestamp", ["", "soon", "-5", "１２３", "²"])
async def test_a_malformed_timestamp_is_rejected(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock, timestamp: str
) -> None:
    """A missing or non-numeric timestamp (Unicode digits too) is refused (401), not a server
    error."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    headers = sign(body, now(clock)) | {"X-Slack-Request-Timestamp": timestamp}
    assert await post(url, body, headers) == 401
    await settle(host)
    assert slack.calls_to("response_url") == []


async def test_a_signed_request_replayed_within_the_window_runs_once(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """The same signed slash command sent again a minute later (still fresh) gets 401."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    headers = sign(body, now(clock))
    assert await post(url, body, headers) == 200
    clock.advance(timedelta(minutes=1))
    assert await post(url, body, headers) == 401
    await settle(host)
    assert len(slack.calls_to("response_url")) == 1


async def test_a_replayed_button_press_runs_once(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock, sample: SampleCog
) -> None:
    """A signed interaction sent twice within the window is handled once."""
    host, url = http_host
    body = button_press(slack)
    headers = signed(body, clock)
    assert await post(url, body, headers) == 200
    assert await post(url, body, headers) == 401
    await settle(host)
    assert sample.pressed == ["x"]


async def test_the_same_command_signed_anew_runs_again(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """Typing the same command twice is two requests (new timestamps): both are answered."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    assert await post(url, body, sign(body, now(clock))) == 200
    clock.advance(timedelta(seconds=1))
    assert await post(url, body, sign(body, now(clock))) == 200
    await settle(host)
    assert len(slack.calls_to("response_url")) == 2


async def test_a_retried_event_is_handled_once(
    http_host: tuple[SlackHost, str], clock: ManualClock, sample: SampleCog
) -> None:
    """Slack's retry (X-Slack-Retry-Num, same event_id) gets 200 and is not handled again,
    whether it comes with the first delivery's signature or a fresh one."""
    host, url = http_host
    body = reaction_event()
    headers = signed(body, clock, JSON)
    assert await post(url, body, headers) == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert await post(url, body, headers | retry) == 200
    clock.advance(timedelta(minutes=1))
    again = signed(body, clock, JSON) | retry | {"X-Slack-Retry-Num": "2"}
    assert await post(url, body, again) == 200
    await settle(host)
    assert [e.emoji for e in sample.reactions] == ["🎉"]


async def test_a_url_verification_is_answered(
    http_host: tuple[SlackHost, str], clock: ManualClock
) -> None:
    """Saving the request URL in the app's settings works: the signed challenge is echoed."""
    _, url = http_host
    body = json.dumps({"token": "unused", "challenge": "c-123", "type": "url_verification"})
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body.encode(), headers=signed(body, clock, JSON)) as response,
    ):
        assert response.status == 200
        assert "c-123" in await response.text()


# -- malformed bodies: 401 unsigned, 400 signed, one line, no traceback --------------------------
MALFORMED: list[tuple[str, bytes, str]] = [
    ("not UTF-8", b"command=%2Fhelp&text=\xff\xfe\xfa", FORM),
    ("not UTF-8 JSON", b'{"type": "event_callback", "x": "\xff"}', JSON),
    ("broken JSON", b'{"type": "event_callback", ', JSON),
    ("deeply nested JSON", b"[" * 100_000, JSON),
    ("JSON that is not an object", b'["event_callback"]', JSON),
    ("a broken interaction", b"payload=%7B%22type%22%3A", FORM),
    ("an interaction that is not an object", b"payload=%5B1%5D", FORM),
    ("a form that is neither", b"token=x&team_id=T0FAKE&user_id=U1", FORM),
    ("an empty body", b"", FORM),
]


@pytest.mark.parametrize(("what", "body", "content_type"), MALFORMED, ids=[m[0] for m in MALFORMED])
async def test_an_unsigned_malformed_body_is_refused_in_one_line(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    caplog: pytest.LogCaptureFixture,
    what: str,
    body: bytes,
    content_type: str,
) -> None:
    """No signature: 401 before the body is read as text, one short line, no error logged."""
    caplog.set_level(logging.DEBUG)
    host, url = http_host
    assert await post(url, body, {"Content-Type": content_type}) == 401
    await nothing_ran(host, slack, sample)
    assert len(refusals(caplog)) == 1, logged(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize(("what", "body", "content_type"), MALFORMED, ids=[m[0] for m in MALFORMED])
async def test_a_signed_malformed_body_is_refused_in_one_line(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
    what: str,
    body: bytes,
    content_type: str,
) -> None:
    """A good signature on a body Slack would never send: 400, one short line, no error."""
    caplog.set_level(logging.DEBUG)
    host, url = http_host
    assert await post(url, body, signed(body, clock, content_type)) == 400
    await nothing_ran(host, slack, sample)
    assert len(refusals(caplog)) == 1, logged(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert len(refusals(caplog)[0].getMessage()) < 160


# -- nothing of a refused body in the logs ------------------------------------------------------
@pytest.mark.parametrize("why", ["forged", "stale", "unsigned"])
async def test_a_refused_request_leaves_nothing_of_its_body_in_the_logs(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
    why: str,
) -> None:
    """Neither the member id, nor what they typed, nor the response URL reaches any log line,
    at any level, from any logger (slack-bolt's included)."""
    caplog.set_level(logging.DEBUG)
    host, url = http_host
    body = secret_command(slack)
    headers = {
        "forged": sign(body, now(clock), secret="not-the-secret"),
        "stale": sign(body, now(clock) - 600),
        "unsigned": {"Content-Type": FORM},
    }[why]
    assert await post(url, body, headers) == 401
    await nothing_ran(host, slack, sample)
    text = logged(caplog)
    for private in (SECRET_USER, SECRET_TEXT, SECRET_RID, "response_url"):
        assert private not in text, text
    assert len(refusals(caplog)) == 1, text


# -- only what Slack sends, where it sends it ---------------------------------------------------
async def community_ids(services: Services) -> list[str]:
    rows = await services.db.fetchall("SELECT external_id FROM communities")
    return [str(row[0]) for row in rows]


async def test_a_signed_json_slash_command_is_refused(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    services: Services,
    clock: ManualClock,
) -> None:
    """Slash commands come form-encoded: the same fields as JSON get 400, and no community
    with an empty team id is made."""
    host, url = http_host
    body = json.dumps(
        {
            "command": "/help",
            "text": "",
            "team_id": "",
            "user_id": "U1",
            "channel_id": GENERAL,
            "response_url": f"{slack.url}/respond/R1",
        }
    )
    assert await post(url, body, signed(body, clock, JSON)) == 400
    await nothing_ran(host, slack, sample)
    assert "" not in await community_ids(services)


@pytest.mark.parametrize("team_id", ["", "   ", "T0FAKE;DROP", "t0fake", "U0FAKE", "T" * 40])
async def test_a_slash_command_without_a_real_team_id_is_refused(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    services: Services,
    clock: ManualClock,
    team_id: str,
) -> None:
    """A signed command whose team id is missing or not shaped like Slack's gets 400 and
    stores nothing."""
    host, url = http_host
    fields: dict[str, Any] = {
        "team_id": team_id,
        "channel_id": GENERAL,
        "user_id": "U1",
        "command": "/help",
        "text": "",
        "response_url": f"{slack.url}/respond/R1",
    }
    body = urlencode(fields)
    assert await post(url, body, signed(body, clock)) == 400
    await nothing_ran(host, slack, sample)
    assert await community_ids(services) == []


async def test_an_event_without_a_team_id_is_refused(
    http_host: tuple[SlackHost, str], slack: FakeSlack, sample: SampleCog, clock: ManualClock
) -> None:
    host, url = http_host
    body = reaction_event(team_id="")
    assert await post(url, body, signed(body, clock, JSON)) == 400
    await nothing_ran(host, slack, sample)


@pytest.mark.parametrize(
    ("what", "content_type"),
    [
        ("command", JSON),
        ("command", "text/plain"),
        ("command", "multipart/form-data; boundary=x"),
        ("interaction", JSON),
        ("event", FORM),
        ("event", "text/plain"),
    ],
)
async def test_each_kind_comes_only_in_the_content_type_slack_sends(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    clock: ManualClock,
    what: str,
    content_type: str,
) -> None:
    """Commands and interactions are form-encoded, events JSON: anything else gets 400."""
    host, url = http_host
    body = {
        "command": slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1"),
        "interaction": button_press(slack),
        "event": reaction_event(),
    }[what]
    assert await post(url, body, signed(body, clock, content_type)) == 400
    await nothing_ran(host, slack, sample)


async def test_a_form_encoded_body_that_starts_like_json_is_refused(
    http_host: tuple[SlackHost, str],
    slack: FakeSlack,
    sample: SampleCog,
    services: Services,
    clock: ManualClock,
) -> None:
    """A form body that also reads as a JSON command with an empty team id is not let through
    (slack-bolt would read it as JSON, the check as a form)."""
    host, url = http_host
    body = (
        '{"command":"/help","text":"","team_id":"","user_id":"U1","channel_id":"C0GENERAL",'
        '"x":"&command=%2Fhelp&team_id=T0FAKE&user_id=U1&text=&y="}'
    )
    assert await post(url, body, signed(body, clock)) == 400
    await nothing_ran(host, slack, sample)
    assert await community_ids(services) == []


async def test_a_command_that_mentions_payload_is_answered(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """Typed text holding the word "payload" is still a slash command (slack-bolt alone
    would read the form as an interaction and drop it)."""
    _, url = http_host
    body = slash_form("/echo", "1 payload", user="U1", response_url=f"{slack.url}/respond/R1")
    assert await post(url, body, signed(body, clock)) == 200
    reply = await slack.next_call("response_url")
    assert "payload" in reply.text


# -- where it listens ---------------------------------------------------------------------------
async def test_it_listens_on_the_configured_address(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    """ORGBOT_HTTP_HOST decides the address (here loopback only), ORGBOT_SLACK_HTTP_PORT the
    port."""
    host = SlackHost(services, slack.config(mode="http", http_host="127.0.0.1"))
    try:
        port = await host.start_http(port=0)
        assert host.listening == [("127.0.0.1", port)]
    finally:
        await host.close()
