"""A fake Slack: the Web API and a Socket Mode server in aiohttp on 127.0.0.1 (ephemeral port).

The REAL slack-bolt AsyncApp and slack_sdk AsyncWebClient talk to it as they would to Slack.
Tests script people's actions (a slash command, a click, a modal submission, a reaction, opening
the App Home) as Socket Mode envelopes, and wait on what the bot sends back: every Web API call,
every post to a response_url and every file upload is recorded as an :class:`ApiCall`.

    async with FakeSlack() as slack:
        host = SlackHost(services, slack.config())        # tokens + api_url point here
        await host.start_socket_mode()
        await slack.connected()
        it = await slack.slash("/help", user="U1")
        await it.ack()                                      # the envelope was acknowledged
        reply = await it.reply()                            # the POST to its response_url
        assert reply.args["response_type"] == "ephemeral"

Behaviour, so scenarios read like Slack:
- Every method but apps.connections.open wants the bot token, apps.connections.open the app
  token; a wrong token gets ``invalid_auth``.
- The bot is in :data:`GENERAL` only (``join``/``leave`` change that); posting, reacting or
  sharing a file elsewhere gets ``not_in_channel``. DM channels opened by conversations.open
  (``D`` + user id) are always open to the bot.
- Users not added with :meth:`add_user` are ordinary members. ``deleted=True`` users cannot be
  DM'd (``user_disabled``), ``bot=True`` users neither (``cannot_dm_bot``).
- ``fail(method, error)`` and ``rate_limit(method, retry_after)`` script the next answers of a
  method (``"response_url"`` too); slash-command text is HTML-escaped as Slack does.
- A message whose blocks hold more than :data:`BLOCK_TEXT_MAX` characters of text is refused
  with ``msg_blocks_too_long``, as Slack answers chat.postMessage (undocumented; reported by
  other apps at about 13,200). The fake refuses it everywhere a message goes (chat.update,
  chat.postEphemeral and response_url too), so a message the bot fails to split shows up
  whichever way it is sent.
- Many workspaces ("Add to Slack"): ``add_workspace(team, channel)`` makes another workspace
  with a channel the bot is in. GET ``/oauth/v2/authorize`` stands for the person approving the
  install there (its ``team`` parameter picks the workspace) and sends the browser to
  :attr:`redirect_url` with a one-time code; ``oauth.v2.access`` (the app's client id and
  secret) trades the code for that workspace's bot token. Every bot token belongs to one
  workspace: a call naming another workspace's channel gets ``channel_not_found``, and
  ``uninstall(team)`` revokes the workspace's tokens (``token_revoked`` from then on).
- Several Socket Mode connections (one app may open up to ten, from one process or many):
  each envelope goes to one open connection, in turn (``connection=`` picks one). An Events API
  envelope left unacknowledged when its connection closes is delivered again on another open
  connection (or the next to open), with ``retry_attempt`` one higher, as Slack retries;
  ``redeliver(interaction)`` does the same at once, as Slack does after its timeout (a lost
  acknowledgement). Slash commands and interactions are never sent twice (Slack shows the
  person an error instead).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import itertools
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from aiohttp import WSMsgType, web

from bot.platforms.slack.config import SlackConfig
from bot.platforms.slack.organizers import OrganizerList

BOT_TOKEN = "xoxb-fake-bot-token-8c1f"
APP_TOKEN = "xapp-fake-app-token-52d9"
SIGNING_SECRET = "fake-signing-secret-e7a0"
TEAM_ID = "T0FAKE"
APP_ID = "A0FAKE"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
GENERAL = "C0GENERAL"
CLIENT_ID = "1234567890.1122334455"
CLIENT_SECRET = "fake-client-secret-3b7e"
WAIT = 5.0  # seconds any wait gives up after (the bot answers in milliseconds)
JSON_ARGS = ("blocks", "view", "files", "attachments")
BLOCK_TEXT_MAX = 13_000  # characters of text in one message's blocks (see the docstring)


@dataclass
class ApiCall:
    """One request the bot made: a Web API method, a response_url post or a file upload."""

    method: str  # "chat.postMessage", ..., "response_url" or "file_upload"
    args: dict[str, Any]  # query, form and JSON merged; blocks/view/files JSON-decoded
    token: str | None = None
    team: str | None = None  # the workspace whose bot token made the call, if any
    path: str = ""  # the response_url id, or the uploaded file id
    status: int = 200
    error: str | None = None  # the error the fake answered with, if any
    response: dict[str, Any] = field(default_factory=dict)  # what the fake answered
    taken: bool = field(default=False, repr=False)

    @property
    def blocks(self) -> list[dict[str, Any]]:
        view = self.args.get("view")
        if isinstance(view, dict):
            return list(view.get("blocks", []))
        return list(self.args.get("blocks") or [])

    @property
    def text(self) -> str:
        """All the text a person would read: the fallback text and every block's text."""
        return "\n".join([str(self.args.get("text", "")), *block_texts(self.blocks)])


def block_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every text in blocks (sections, fields, headers, context, buttons, options, labels)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("plain_text", "mrkdwn") and "text" in node:
                found.append(str(node["text"]))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return found


def block_text_length(blocks: list[dict[str, Any]]) -> int:
    """How many characters of text a message's blocks hold, as Slack's limit counts them."""
    return sum(len(text) for text in block_texts(blocks))


def _too_long(args: dict[str, Any]) -> bool:
    blocks = args.get("blocks")
    return isinstance(blocks, list) and block_text_length(blocks) > BLOCK_TEXT_MAX


@dataclass
class Interaction:
    """One thing a person did, sent to the bot as a Socket Mode envelope."""

    slack: FakeSlack
    envelope_id: str
    response_url: str | None = None
    trigger_id: str | None = None

    async def ack(self, within: float = WAIT) -> dict[str, Any]:
        """The bot's acknowledgement of the envelope ({envelope_id, payload?})."""
        return await self.slack.acked(self.envelope_id, within)

    @property
    def connection(self) -> int:
        """Which Socket Mode connection it went to (0 is the first the bot opened)."""
        return self.slack.connection_of(self.envelope_id)

    async def reply(self, within: float = WAIT) -> ApiCall:
        """The next post to this interaction's response_url."""
        assert self.response_url, "this interaction has no response_url"
        rid = self.response_url.rsplit("/", 1)[-1]
        return await self.slack.next_call("response_url", lambda c: c.path == rid, within)


class FakeSlack:
    """The fake Slack server. Start it with ``async with FakeSlack() as slack``."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.locales: dict[str, str] = {}  # user -> their Slack language (users.info, else en-US)
        self.usergroups: list[dict[str, Any]] = []
        self.member_of: set[str] = {GENERAL}
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.sockets_opened = 0
        self.tokens: dict[str, str] = {BOT_TOKEN: TEAM_ID}  # bot token -> its workspace
        self.bots: dict[str, tuple[str, str]] = {TEAM_ID: (BOT_USER_ID, BOT_ID)}  # user, bot
        self.channel_teams: dict[str, str] = {}  # channels of workspaces added here
        self.revoked: set[str] = set()  # bot tokens of workspaces that removed the app
        self.redirect_url: str | None = None  # the app's OAuth Redirect URL
        self._codes: dict[str, str] = {}  # OAuth code -> the workspace it installs in
        self._scripted: dict[str, list[tuple[int, str, dict[str, str]] | None]] = {}
        self._changed = asyncio.Condition()
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._sockets: list[web.WebSocketResponse] = []  # every connection, in opening order
        self._turn = itertools.count()  # whose turn it is among the open connections
        self._envelopes: dict[str, _Envelope] = {}
        self._undelivered: list[_Envelope] = []  # retries waiting for a connection to open
        self._ended: set[int] = set()  # connections whose handler has finished
        self._connected = asyncio.Event()
        self._numbers = itertools.count(1)
        self._triggers: set[str] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle ---------------------------------------------------------------------------
    async def __aenter__(self) -> FakeSlack:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/respond/{rid}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/oauth/v2/authorize", self._authorize)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def config(self, **changes: Any) -> SlackConfig:
        """A SlackConfig with the fake's tokens and URL (``organizers="U1,@team"`` parsed)."""
        if isinstance(changes.get("organizers"), str):
            changes["organizers"] = OrganizerList.parse(changes["organizers"])
        base = SlackConfig(
            bot_token=BOT_TOKEN,
            app_token=APP_TOKEN,
            signing_secret=SIGNING_SECRET,
            api_url=self.api_url,
        )
        return replace(base, **changes)

    # -- scripting the workspace -------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        *,
        admin: bool = False,
        owner: bool = False,
        deleted: bool = False,
        bot: bool = False,
        guest: bool = False,
    ) -> None:
        self.users[user_id] = {
            **_user(user_id),
            "is_admin": admin,
            "is_owner": owner,
            "deleted": deleted,
            "is_bot": bot,
            "is_restricted": guest,
        }

    def add_usergroup(self, handle: str, users: list[str]) -> None:
        number = next(self._numbers)
        self.usergroups.append({"id": f"S{number:05d}", "handle": handle, "users": users})

    def add_workspace(self, team_id: str, channel: str) -> tuple[str, str]:
        """Another workspace, with ``channel`` (the bot is in it) and the bot user and bot id
        the app gets there once installed; returns those two ids."""
        self.bots[team_id] = (f"UB{team_id[1:]}", f"BB{team_id[1:]}")
        self.channel_teams[channel] = team_id
        self.member_of.add(channel)
        return self.bots[team_id]

    def uninstall(self, team_id: str) -> None:
        """The workspace removed the app: its bot tokens stop working."""
        for token in [t for t, team in self.tokens.items() if team == team_id]:
            del self.tokens[token]
            self.revoked.add(token)

    def join(self, channel: str) -> None:
        self.member_of.add(channel)

    def leave(self, channel: str) -> None:
        self.member_of.discard(channel)

    def fail(self, method: str, error: str, *, times: int = 1, after: int = 0) -> None:
        """The next ``times`` calls of ``method`` (once ``after`` more were answered as usual)
        answer ``{"ok": false, "error": error}``."""
        queue = self._scripted.setdefault(method, [])
        queue.extend([None] * after + [(200, error, {})] * times)

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer 429 with Retry-After."""
        headers = {"Retry-After": str(retry_after)}
        self._scripted.setdefault(method, []).extend([(429, "ratelimited", headers)] * times)

    # -- observing the bot ----------------------------------------------------------------
    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    async def next_call(
        self,
        method: str,
        where: Callable[[ApiCall], bool] | None = None,
        within: float = WAIT,
    ) -> ApiCall:
        """The first call of ``method`` (matching ``where``) not returned before; waits for it."""
        async with asyncio.timeout(within), self._changed:
            while True:
                for call in self.calls:
                    if call.taken or call.method != method or (where and not where(call)):
                        continue
                    call.taken = True
                    return call
                await self._changed.wait()

    async def connected(self, within: float = WAIT, *, count: int = 1) -> None:
        """Wait until ``count`` Socket Mode connections are open (each was sent hello)."""
        async with asyncio.timeout(within), self._changed:
            await self._changed.wait_for(lambda: len(self.open_connections()) >= count)

    def open_connections(self) -> list[int]:
        """The open Socket Mode connections, by number (0 is the first opened)."""
        return [n for n, ws in enumerate(self._sockets) if self._open(ws)]

    def _open(self, ws: web.WebSocketResponse) -> bool:
        return not ws.closed and id(ws) not in self._ended

    def connection_of(self, envelope_id: str) -> int:
        return self._sockets.index(self._envelopes[envelope_id].ws)

    async def all_acked(self, within: float = WAIT) -> None:
        """Wait until every envelope sent so far was acknowledged (a test's clean ending); one
        left unacknowledged and sent again counts through its retry."""
        waiting = [f for e, f in self._acks.items() if not self._envelopes[e].retried]
        async with asyncio.timeout(within):
            await asyncio.gather(*(asyncio.shield(f) for f in waiting))

    async def acked(self, envelope_id: str, within: float = WAIT) -> dict[str, Any]:
        async with asyncio.timeout(within):
            return await asyncio.shield(self._acks[envelope_id])

    # -- people acting (Socket Mode envelopes) ------------------------------------------------
    async def deliver(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int | None = None,
        response_url: str | None = None,
        trigger_id: str | None = None,
        connection: int | None = None,
    ) -> Interaction:
        """Send one envelope (``slash_commands``, ``interactive`` or ``events_api``) on the
        next open connection in turn, or on ``connection``."""
        envelope = _Envelope(kind, payload, retry_attempt)
        ws = self._pick(connection)
        assert ws is not None, "the bot is not connected"
        await self._send(envelope, ws)
        return Interaction(self, envelope.envelope_id, response_url, trigger_id)

    async def redeliver(
        self, interaction: Interaction, *, connection: int | None = None
    ) -> Interaction:
        """Slack's retry of an event whose acknowledgement it did not get: the same payload in a
        new envelope, ``retry_attempt`` one higher, on another open connection (or
        ``connection``)."""
        first = self._envelopes[interaction.envelope_id]
        assert first.kind == "events_api", "Slack only retries Events API envelopes"
        retry = first.retry()
        ws = self._pick(connection, avoid=first.ws)
        assert ws is not None, "no other connection is open"
        await self._send(retry, ws)
        return Interaction(self, retry.envelope_id)

    async def next_retry(self, interaction: Interaction, within: float = WAIT) -> Interaction:
        """Wait for Slack's own retry of an event left unacknowledged (its connection closed)."""

        def retried() -> _Envelope | None:
            return next(
                (e for e in self._envelopes.values() if e.retry_of == interaction.envelope_id),
                None,
            )

        async with asyncio.timeout(within), self._changed:
            envelope = await self._changed.wait_for(retried)
        return Interaction(self, envelope.envelope_id)

    def _pick(
        self, connection: int | None, avoid: web.WebSocketResponse | None = None
    ) -> web.WebSocketResponse | None:
        if connection is not None:
            return self._sockets[connection]
        candidates = [ws for ws in self._sockets if self._open(ws) and ws is not avoid]
        return candidates[next(self._turn) % len(candidates)] if candidates else None

    async def _send(self, envelope: _Envelope, ws: web.WebSocketResponse) -> None:
        envelope.ws = ws
        self._envelopes[envelope.envelope_id] = envelope
        self._acks[envelope.envelope_id] = asyncio.get_running_loop().create_future()
        await ws.send_str(json.dumps(envelope.message()))
        async with self._changed:
            self._changed.notify_all()

    async def _retry_unacknowledged(self, closed: web.WebSocketResponse) -> None:
        """Events sent on a connection that closed before acknowledging them go again."""
        for envelope in list(self._envelopes.values()):
            if envelope.ws is not closed or envelope.kind != "events_api" or envelope.retried:
                continue
            if self._acks[envelope.envelope_id].done():
                continue
            retry = envelope.retry()
            ws = self._pick(None, avoid=closed)
            if ws is None:
                self._undelivered.append(retry)
            else:
                await self._send(retry, ws)

    async def slash(self, line: str, *, user: str, channel: str = GENERAL) -> Interaction:
        """A person typing ``line`` (like ``/echo 2 hi``) in ``channel``."""
        command, _, text = line.partition(" ")
        response_url, trigger_id = self._response_url(), self._trigger()
        payload = {
            "token": "unused",
            "team_id": TEAM_ID,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": channel.lower(),
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": _escape(text),
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
        return await self.deliver(
            "slash_commands", payload, response_url=response_url, trigger_id=trigger_id
        )

    async def click(
        self,
        blocks: list[dict[str, Any]],
        label: str,
        *,
        user: str,
        channel: str | None = GENERAL,
        message_ts: str = "1700000000.000001",
    ) -> Interaction:
        """A person pressing the button labelled ``label`` among ``blocks``."""
        block, element = _find(blocks, lambda e: e.get("type") == "button", label)
        action = {
            "type": "button",
            "action_id": element["action_id"],
            "block_id": block.get("block_id", "b"),
            "text": element["text"],
            "value": element.get("value"),
            "action_ts": "1700000001.000001",
        }
        return await self._block_action(blocks, action, user, channel, message_ts)

    async def choose(
        self,
        blocks: list[dict[str, Any]],
        option: str,
        *,
        user: str,
        channel: str | None = GENERAL,
        message_ts: str = "1700000000.000001",
    ) -> Interaction:
        """A person choosing the option labelled ``option`` in a static select of ``blocks``."""

        def has_option(element: dict[str, Any]) -> bool:
            return element.get("type") == "static_select" and any(
                o["text"]["text"] == option for o in element.get("options", [])
            )

        block, element = _find(blocks, has_option, None)
        chosen = next(o for o in element["options"] if o["text"]["text"] == option)
        action = {
            "type": "static_select",
            "action_id": element["action_id"],
            "block_id": block.get("block_id", "b"),
            "selected_option": chosen,
            "action_ts": "1700000001.000001",
        }
        return await self._block_action(blocks, action, user, channel, message_ts)

    async def submit(
        self, view: dict[str, Any], answers: dict[str, str], *, user: str
    ) -> Interaction:
        """A person submitting the modal ``view`` with ``answers`` by input label or block id
        (inputs not named keep their initial value)."""
        values: dict[str, Any] = {}
        known = set()
        for block in view.get("blocks", []):
            if block.get("type") != "input":
                continue
            element = block["element"]
            names = {block["block_id"], block["label"]["text"]}
            known |= names
            given = next((answers[n] for n in names if n in answers), None)
            if given is None:  # an input left alone keeps what it showed
                given = element.get("initial_value")
            values[block["block_id"]] = {
                element["action_id"]: {"type": element["type"], "value": given or None}
            }
        unknown = set(answers) - known
        assert not unknown, f"the modal has no input {sorted(unknown)}"
        trigger_id = self._trigger()
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "fake"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "unused",
            "trigger_id": trigger_id,
            "view": {
                **view,
                "id": "V0FAKE",
                "team_id": TEAM_ID,
                "app_id": APP_ID,
                "state": {"values": values},
                "hash": "h",
            },
            "response_urls": [],
        }
        return await self.deliver("interactive", payload, trigger_id=trigger_id)

    async def react(
        self,
        ts: str,
        name: str,
        *,
        user: str,
        channel: str = GENERAL,
        added: bool = True,
        item_user: str = BOT_USER_ID,
        event_id: str | None = None,
        retry_attempt: int | None = None,
        connection: int | None = None,
    ) -> Interaction:
        """A person adding (or removing) the reaction ``name`` on message ``ts``."""
        event = {
            "type": "reaction_added" if added else "reaction_removed",
            "user": user,
            "reaction": name,
            "item_user": item_user,
            "item": {"type": "message", "channel": channel, "ts": ts},
            "event_ts": "1700000002.000001",
        }
        return await self.event(
            event, event_id=event_id, retry_attempt=retry_attempt, connection=connection
        )

    async def open_home(self, user: str, tab: str = "home") -> Interaction:
        event = {
            "type": "app_home_opened",
            "user": user,
            "channel": f"D{user}",
            "tab": tab,
            "event_ts": "1700000003.000001",
        }
        return await self.event(event)

    async def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_attempt: int | None = None,
        connection: int | None = None,
    ) -> Interaction:
        """Any Events API event, wrapped as Slack wraps it (the same ``event_id`` = a retry)."""
        payload = {
            "token": "unused",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._numbers):08d}",
            "event_time": 1700000000,
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        return await self.deliver(
            "events_api", payload, retry_attempt=retry_attempt, connection=connection
        )

    async def _block_action(
        self,
        blocks: list[dict[str, Any]],
        action: dict[str, Any],
        user: str,
        channel: str | None,
        message_ts: str,
    ) -> Interaction:
        response_url, trigger_id = self._response_url(), self._trigger()
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": APP_ID,
            "token": "unused",
            "trigger_id": trigger_id,
            "team": {"id": TEAM_ID, "domain": "fake"},
            "actions": [action],
        }
        if channel is None:  # a button in the App Home tab: no channel, no response_url
            payload["container"] = {"type": "view", "view_id": "V0HOME"}
            return await self.deliver("interactive", payload, trigger_id=trigger_id)
        payload |= {
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
            "channel": {"id": channel, "name": channel.lower()},
            "message": {"type": "message", "ts": message_ts, "user": BOT_USER_ID, "blocks": blocks},
            "response_url": response_url,
        }
        return await self.deliver(
            "interactive", payload, response_url=response_url, trigger_id=trigger_id
        )

    def _response_url(self) -> str:
        return f"{self.url}/respond/R{next(self._numbers):06d}"

    def _trigger(self) -> str:
        trigger = f"{next(self._numbers)}.trigger"
        self._triggers.add(trigger)
        return trigger

    # -- the server side ----------------------------------------------------------------------
    async def _record(self, call: ApiCall) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _scripted_answer(self, method: str) -> tuple[int, str, dict[str, str]] | None:
        queue = self._scripted.get(method)
        return queue.pop(0) if queue else None

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.get("token")
        call = ApiCall(method, args, token, team=self.tokens.get(token or ""))
        scripted = self._scripted_answer(method)
        if method == "apps.connections.open":
            allowed = token == APP_TOKEN
        elif method == "oauth.v2.access":
            allowed = _client_auth(auth) == (CLIENT_ID, CLIENT_SECRET)
        else:
            allowed = call.team is not None
        refused = "token_revoked" if token in self.revoked else "invalid_auth"
        if scripted is not None:
            call.status, call.error, headers = scripted
            body: dict[str, Any] = {"ok": False, "error": call.error}
        elif not allowed:
            call.error, headers, body = refused, {}, {"ok": False, "error": refused}
        elif self.channel_teams.get(str(args.get("channel") or args.get("channel_id"))) not in (
            None,
            call.team,
        ):
            headers, body = {}, {"ok": False, "error": "channel_not_found"}
            call.error = "channel_not_found"
        else:
            headers = {}
            body = self._answer(method, args, call.team)
            call.error = None if body.get("ok") else str(body.get("error"))
        call.response = body
        await self._record(call)
        return web.json_response(body, status=call.status, headers=headers)

    def _answer(self, method: str, args: dict[str, Any], team: str | None = None) -> dict[str, Any]:
        if method == "auth.test" and team is not None:
            return self._auth_test(team)
        if method == "oauth.v2.access":
            return self._oauth_access(args)
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        return dict(handler(args))

    def _may_post(self, channel: str) -> bool:
        return channel in self.member_of or channel.startswith("D")

    def _ts(self) -> str:
        number = next(self._numbers)
        return f"{1700000000 + number}.{number:06d}"

    # Web API methods: _m_<method with dots as underscores>(args) -> answer
    def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://fake.slack.com/",
            "team": "Fake",
            "user": "organizer-bot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _auth_test(self, team: str) -> dict[str, Any]:
        user_id, bot_id = self.bots[team]
        return self._m_auth_test({}) | {"team_id": team, "user_id": user_id, "bot_id": bot_id}

    def _oauth_access(self, args: dict[str, Any]) -> dict[str, Any]:
        team = self._codes.pop(str(args.get("code", "")), None)
        if team is None:
            return {"ok": False, "error": "invalid_code"}
        token = f"xoxb-{team}-{next(self._numbers)}-fake"
        self.tokens[token] = team
        return {
            "ok": True,
            "app_id": APP_ID,
            "authed_user": {"id": "UINSTALLER"},
            "scope": "chat:write,commands",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": self.bots[team][0],
            "team": {"id": team, "name": f"Workspace {team}"},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    async def _authorize(self, request: web.Request) -> web.Response:
        """A person approving the install in workspace ``team`` (Slack's authorize page)."""
        args = dict(request.query)
        await self._record(ApiCall("oauth.authorize", args))
        team = args.get("team", TEAM_ID)
        if args.get("client_id") != CLIENT_ID or team not in self.bots:
            return web.Response(status=400, text="invalid_client_id or team")
        if self.redirect_url is None or args.get("redirect_uri", self.redirect_url) != (
            self.redirect_url
        ):
            return web.Response(status=400, text="bad_redirect_uri")
        code = f"{next(self._numbers)}.{uuid.uuid4().hex}"
        self._codes[code] = team
        query = urlencode({"code": code, "state": args.get("state", "")})
        raise web.HTTPFound(f"{self.redirect_url}?{query}")

    def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        self.sockets_opened += 1
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if not self._may_post(channel):
            return {"ok": False, "error": "not_in_channel"}
        if _too_long(args):
            return {"ok": False, "error": "msg_blocks_too_long"}
        ts = self._ts()
        message = {"type": "message", "user": BOT_USER_ID, "ts": ts, **args}
        self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        key = (str(args.get("channel")), str(args.get("ts")))
        if key not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        if _too_long(args):
            return {"ok": False, "error": "msg_blocks_too_long"}
        self.messages[key] |= args
        return {"ok": True, "channel": key[0], "ts": key[1], "text": args.get("text", "")}

    def _m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not self._may_post(str(args.get("channel", ""))):
            return {"ok": False, "error": "not_in_channel"}
        if _too_long(args):
            return {"ok": False, "error": "msg_blocks_too_long"}
        return {"ok": True, "message_ts": self._ts()}

    def _m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("users", "")), {})
        if user.get("deleted"):
            return {"ok": False, "error": "user_disabled"}
        if user.get("is_bot"):
            return {"ok": False, "error": "cannot_dm_bot"}
        return {"ok": True, "channel": {"id": f"D{args.get('users')}"}}

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = str(args.get("user", ""))
        user = dict(self.users.get(user_id) or _user(user_id))
        if str(args.get("include_locale", "")).lower() in ("1", "true"):  # as Slack: on request
            user["locale"] = self.locales.get(user_id, "en-US")
        return {"ok": True, "user": user}

    def _m_usergroups_list(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "usergroups": self.usergroups}

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        trigger = str(args.get("trigger_id", ""))
        if trigger not in self._triggers:
            return {"ok": False, "error": "invalid_trigger_id"}
        self._triggers.discard(trigger)
        return {"ok": True, "view": {"id": f"V{next(self._numbers):06d}", **args["view"]}}

    def _m_views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "view": args.get("view", {})}

    def _m_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        self.home_views[str(args.get("user_id"))] = args["view"]
        return {"ok": True, "view": args["view"]}

    def _m_reactions_add(self, args: dict[str, Any]) -> dict[str, Any]:
        if not self._may_post(str(args.get("channel", ""))):
            return {"ok": False, "error": "not_in_channel"}
        return {"ok": True}

    def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._numbers):06d}"
        self.files[file_id] = {
            "filename": args.get("filename"),
            "length": args.get("length"),
            "alt_txt": args.get("alt_txt"),  # what screen readers say of an image
        }
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel_id")
        if channel and not self._may_post(str(channel)):
            return {"ok": False, "error": "not_in_channel"}
        shared = []
        for item in args.get("files") or []:
            stored = self.files.get(item["id"])
            if stored is None or "data" not in stored:
                return {"ok": False, "error": "file_not_found"}
            stored |= {"title": item.get("title"), "channel": channel}
            shared.append({"id": item["id"], "title": item.get("title")})
        return {"ok": True, "files": shared}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        if file_id in self.files:
            self.files[file_id]["data"] = data
        await self._record(ApiCall("file_upload", {"size": len(data)}, path=file_id))
        status = 200 if file_id in self.files else 404
        return web.Response(status=status, text=f"OK - {len(data)}")

    async def _respond(self, request: web.Request) -> web.Response:
        rid = request.match_info["rid"]
        call = ApiCall("response_url", await request.json(), path=rid)
        scripted = self._scripted_answer("response_url")
        if scripted is not None:
            call.status, call.error = 404, scripted[1]
        elif _too_long(call.args):
            call.status, call.error = 400, "msg_blocks_too_long"
        await self._record(call)
        return web.Response(status=call.status, text=call.error or "ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        opened = len(self.open_connections())
        await ws.send_json(
            {"type": "hello", "num_connections": opened, "connection_info": {"app_id": APP_ID}}
        )
        self._connected.set()
        waiting, self._undelivered = self._undelivered, []
        for envelope in waiting:
            await self._send(envelope, ws)
        async with self._changed:
            self._changed.notify_all()
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                data = json.loads(message.data)
                future = self._acks.get(str(data.get("envelope_id")))
                if future is not None and not future.done():
                    future.set_result(data)
        finally:
            self._ended.add(id(ws))
            await self._retry_unacknowledged(ws)
            async with self._changed:
                self._changed.notify_all()
        return ws


@dataclass
class _Envelope:
    """One envelope as sent (a retry is a new envelope with the same payload)."""

    kind: str
    payload: dict[str, Any]
    retry_attempt: int | None = None
    envelope_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ws: web.WebSocketResponse | None = None
    retried: bool = False
    retry_of: str | None = None  # the envelope this one sends again

    def message(self) -> dict[str, Any]:
        envelope: dict[str, Any] = {
            "envelope_id": self.envelope_id,
            "type": self.kind,
            "payload": self.payload,
            "accepts_response_payload": self.kind != "events_api",
        }
        if self.retry_attempt is not None:
            envelope |= {"retry_attempt": self.retry_attempt, "retry_reason": "timeout"}
        return envelope

    def retry(self) -> _Envelope:
        self.retried = True
        return _Envelope(
            self.kind, self.payload, (self.retry_attempt or 0) + 1, retry_of=self.envelope_id
        )


def sign(body: str | bytes, timestamp: int, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """The headers Slack sends with an HTTP request: its timestamp and v0 signature."""
    raw = body.encode() if isinstance(body, str) else body
    base = f"v0:{timestamp}:".encode() + raw
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def slash_form(command: str, text: str, *, user: str, response_url: str) -> str:
    """A slash command as Slack posts it in HTTP mode (a url-encoded form)."""
    return urlencode(
        {
            "token": "unused",
            "team_id": TEAM_ID,
            "channel_id": GENERAL,
            "user_id": user,
            "command": command,
            "text": _escape(text),
            "api_app_id": APP_ID,
            "response_url": response_url,
            "trigger_id": "1.http",
        }
    )


def _client_auth(header: str) -> tuple[str, str] | None:
    """The client id and secret of an HTTP Basic Authorization header."""
    if not header.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(header.removeprefix("Basic ")).decode()
    except ValueError:
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _user(user_id: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "team_id": TEAM_ID,
        "name": user_id.lower(),
        "deleted": False,
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_bot": False,
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _find(
    blocks: list[dict[str, Any]],
    kind: Callable[[dict[str, Any]], bool],
    label: str | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    for block in blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if kind(element) and (label is None or element["text"]["text"] == label):
                return block, element
    raise AssertionError(f"no such control {label!r} in {block_texts(blocks)}")


async def _args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        args.update(await request.json())
    elif request.can_read_body:
        args.update(await request.post())
    for key in JSON_ARGS:
        if isinstance(args.get(key), str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(args[key])
    return args
