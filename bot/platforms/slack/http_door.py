"""HTTP mode's front door: what may reach slack-bolt from the network.

Verify first, read after. Each POST to /slack/events goes through, in order:

1. Slack's signature on the raw bytes, its five-minute window and the memory of signatures
   received (bot.platforms.slack.verification): unsigned, forged or stale is 401; a request
   received before is 401 too, except an Events API delivery, which gets 200 and runs nothing
   (Slack resends an event it thinks was lost; a resend with a fresh signature is caught by the
   host's event_id check instead).
2. Only what Slack sends, where it sends it: UTF-8; slash commands and interactions
   form-encoded, Events API deliveries JSON; the kinds of request this app receives; a team id
   and a user id shaped like Slack's wherever the host will act on them. Anything else is 400.
3. slack-bolt, given the body parsed here (so nothing it reads differs from what was checked).

Every refusal is one short log line saying why, and nothing of the request itself: no body,
no header, no member id (a refused body is whatever anyone sent).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.platforms.slack.origin import Origin, handled_kind
from bot.platforms.slack.verification import SignatureCheck, Verdict

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
EVENT_TYPES = frozenset({"event_callback", "url_verification", "app_rate_limited"})
INTERACTION_TYPES = frozenset({"block_actions", "view_submission", "view_closed"})
FORM_FIELDS_MAX = 50  # a slash command has about a dozen
TEAM_ID = re.compile(r"T[A-Z0-9]{1,20}")
USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}")
REFUSED = {
    Verdict.UNSIGNED: "no valid Slack signature",
    Verdict.STALE: "signed more than 5 minutes from now (is this machine's clock right?)",
    Verdict.REPEATED: "already received (a replay)",
}


class Malformed(Exception):
    """A signed request that is not something Slack sends here; the reason is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SlackDoor:
    """The aiohttp application in front of a Bolt app in HTTP mode."""

    def __init__(self, app: AsyncApp, check: SignatureCheck) -> None:
        self.app = app
        self.check = check

    def web_app(self, path: str) -> web.Application:
        application = web.Application()
        application.router.add_post(path, self.handle)
        return application

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        verdict = self.check.check(
            raw,
            request.headers.get("X-Slack-Request-Timestamp"),
            request.headers.get("X-Slack-Signature"),
        )
        if verdict in (Verdict.UNSIGNED, Verdict.STALE):
            return _refuse(401, REFUSED[verdict])
        try:
            body = read_body(request.content_type, raw)
        except Malformed as exc:
            return _refuse(400, exc.reason, signed=True)
        if verdict is Verdict.REPEATED:
            if body.get("type") == "event_callback":
                log.info("skipped a repeated delivery of a Slack event")
                return web.Response(status=200)
            return _refuse(401, REFUSED[verdict])
        # Bolt takes an already parsed body only in its socket_mode, whose one difference is
        # skipping Bolt's own signature check: right here, since the signature was just checked.
        bolt_request = AsyncBoltRequest(
            body=body,
            query=request.query_string,
            headers=dict(request.headers),
            mode="socket_mode",
        )
        return await to_aiohttp_response(await self.app.async_dispatch(bolt_request))


def read_body(content_type: str, raw: bytes) -> dict[str, Any]:
    """The request's payload as slack-bolt reads it, or Malformed saying why not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("the body is not UTF-8") from None
    if content_type == JSON:
        body = _json_object(text, "the JSON body")
        if _kind(body) not in EVENT_TYPES:
            raise Malformed("JSON that is not an Events API delivery")
        if body["type"] == "event_callback" and not isinstance(body.get("event"), dict):
            raise Malformed("an Events API delivery without an event")
    elif content_type == FORM:
        body = _form_payload(text)
    else:
        raise Malformed("a content type Slack does not send")
    _check_ids(body)
    return body


def _form_payload(text: str) -> dict[str, Any]:
    """A slash command's fields, an interaction's payload, or Slack's SSL check."""
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=bool(text),
            errors="strict",
            max_num_fields=FORM_FIELDS_MAX,
        )
    except (ValueError, UnicodeDecodeError):
        raise Malformed("a form Slack would not send") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise Malformed("a form with a field given twice")
    if "payload" in fields:
        payload = _json_object(fields["payload"], "the interaction payload")
        if _kind(payload) not in INTERACTION_TYPES:
            raise Malformed("an interaction of a kind this app does not receive")
        return payload
    if "command" in fields and "text" in fields:
        return fields
    if fields.get("ssl_check") == "1":
        return fields
    raise Malformed("a form that is neither a slash command nor an interaction")


def _kind(body: dict[str, Any]) -> str | None:
    kind = body.get("type")
    return kind if isinstance(kind, str) else None


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed(f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise Malformed(f"{what} is not a JSON object")
    return value


def _check_ids(body: dict[str, Any]) -> None:
    """Where the host will act on a request, its team and user ids must be Slack's: they name
    the community and the member it stores."""
    try:
        if handled_kind(body) is None:
            return
        origin = Origin.of(body)
    except (AttributeError, TypeError):  # a part that should be an object is not
        raise Malformed("a request in a shape Slack does not send") from None
    if not TEAM_ID.fullmatch(origin.team_id):
        raise Malformed("no Slack team id")
    if not USER_ID.fullmatch(origin.user_id):
        raise Malformed("no Slack user id")


def _refuse(status: int, reason: str, *, signed: bool = False) -> web.Response:
    log.warning("refused a%s Slack request (%d): %s", " signed" if signed else "", status, reason)
    return web.Response(status=status)
