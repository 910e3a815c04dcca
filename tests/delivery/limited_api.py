"""A local fake chat API that enforces Discord's documented limits, for tests and the benchmark.

The server (aiohttp on 127.0.0.1:0) answers the two calls a direct message takes on Discord:
``POST /users/@me/channels`` (open the DM) and ``POST /channels/{id}/messages`` (send it), with
payloads discord.py reads (and the two GETs of discord.py's login, so a real client can log in).
It enforces a global limit (N requests in any rolling window) and a per-channel bucket for
messages, reports the bucket in X-RateLimit-* headers, and answers 429 with Retry-After (and
X-RateLimit-Global) whenever a limit is broken. Every accepted message is kept with its nonce, so
a test can count lost and duplicated messages.

The client here is a HostPort (the interface the scheduler sends through) whose every request
goes through a :class:`DeliveryQueue`, reporting the buckets the server announces; the benchmark
uses the bot's own Discord messenger on discord.py instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bot.delivery.discord_policy import route
from bot.delivery.queue import FINAL, TRANSIENT, DeliveryQueue, Verdict
from bot.domain.models import Community, Platform
from bot.messages import Message, PostedRef


@dataclass
class Limits:
    global_limit: int = 50  # requests ...
    global_period: float = 1.0  # ... per this many seconds
    channel_limit: int = 5  # messages in one channel ...
    channel_period: float = 5.0  # ... per this many seconds


@dataclass
class LimitedApi:
    limits: Limits = field(default_factory=Limits)
    requests: int = 0
    rejected: int = 0  # 429s answered
    opened: int = 0  # DMs opened (accepted POST /users/@me/channels)
    messages: list[dict[str, Any]] = field(default_factory=list)
    _global: deque[float] = field(default_factory=deque)
    _channels: dict[str, deque[float]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _runner: web.AppRunner | None = None
    port: int = 0

    async def __aenter__(self) -> LimitedApi:
        app = web.Application()
        app.router.add_get("/users/@me", self._me)
        app.router.add_get("/oauth2/applications/@me", self._application)
        app.router.add_post("/users/@me/channels", self._open_dm)
        app.router.add_post("/channels/{channel}/messages", self._message)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @contextlib.asynccontextmanager
    async def in_thread(self) -> AsyncIterator[LimitedApi]:
        """Serve from another thread with its own event loop, as a remote API would: the
        arrival times it judges are not delayed by the caller's busy loop."""
        ready = threading.Event()
        stopping: list[asyncio.Event] = []
        loop_box: list[asyncio.AbstractEventLoop] = []

        async def serve() -> None:
            stop = asyncio.Event()
            stopping.append(stop)
            loop_box.append(asyncio.get_running_loop())
            async with self:
                ready.set()
                await stop.wait()

        thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
        thread.start()
        await asyncio.to_thread(ready.wait, 30)
        try:
            yield self
        finally:
            loop_box[0].call_soon_threadsafe(stopping[0].set)
            await asyncio.to_thread(thread.join, 30)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def duplicates(self) -> int:
        nonces = [m["nonce"] for m in self.messages]
        return len(nonces) - len(set(nonces))

    # -- limits ----------------------------------------------------------------------------------
    def _refused(self, channel: str | None) -> web.Response | None:
        now = time.monotonic()
        self.requests += 1
        limits = self.limits
        wait = _window_wait(self._global, limits.global_limit, limits.global_period, now)
        if wait > 0:
            return self._too_many(wait, everything=True)
        if channel is not None:
            used = self._channels.setdefault(channel, deque())
            wait = _window_wait(used, limits.channel_limit, limits.channel_period, now)
            if wait > 0:
                return self._too_many(wait, everything=False)
            used.append(now)
        self._global.append(now)
        return None

    def _too_many(self, wait: float, everything: bool) -> web.Response:
        self.rejected += 1
        body = {"message": "You are being rate limited.", "retry_after": wait, "global": everything}
        headers = {"Retry-After": f"{wait:.3f}", "X-RateLimit-Global": str(everything).lower()}
        return _json(body, status=429, headers=headers)

    def _bucket_headers(self, channel: str) -> dict[str, str]:
        used = self._channels[channel]
        limits = self.limits
        remaining = limits.channel_limit - len(used)
        reset_after = used[0] + limits.channel_period - time.monotonic() if used else 0.0
        return {
            "X-RateLimit-Limit": str(limits.channel_limit),
            "X-RateLimit-Remaining": str(max(0, remaining)),
            "X-RateLimit-Reset-After": f"{max(0.0, reset_after):.3f}",
        }

    # -- routes ----------------------------------------------------------------------------------
    async def _me(self, request: web.Request) -> web.Response:
        return _json(_user(BOT_ID, bot=True))

    async def _application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": BOT_ID,
                "name": "organizer-bot",
                "description": "",
                "icon": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": _user("1"),
                "flags": 0,
                "summary": "",
            }
        )

    async def _open_dm(self, request: web.Request) -> web.Response:
        refused = self._refused(None)
        if refused is not None:
            return refused
        self.opened += 1
        recipient = str((await request.json())["recipient_id"])
        channel = str(DM_IDS + int(recipient)) if recipient.isdigit() else f"dm{recipient}"
        return _json(
            {"id": channel, "type": 1, "last_message_id": None, "recipients": [_user(recipient)]}
        )

    async def _message(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        refused = self._refused(channel)
        if refused is not None:
            return refused
        body = await request.json()
        message = {
            "id": str(next(self._ids)),
            "channel_id": channel,
            "author": _user(BOT_ID, bot=True),
            **_EMPTY_MESSAGE,
            **body,
        }
        self.messages.append(message)
        return _json(message, headers=self._bucket_headers(channel))


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON whose Content-Type is exactly application/json (as discord.py expects)."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


BOT_ID = "1000"
DM_IDS = 7_000_000_000_000_000  # a user's DM channel id: this plus their id
_EMPTY_MESSAGE: dict[str, Any] = {
    "type": 0,
    "content": "",
    "timestamp": "2026-01-05T14:00:00+00:00",
    "edited_timestamp": None,
    "tts": False,
    "mention_everyone": False,
    "mentions": [],
    "mention_roles": [],
    "attachments": [],
    "embeds": [],
    "components": [],
    "pinned": False,
}


def _user(user_id: str, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": f"user{user_id}",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
    }


def _window_wait(used: deque[float], limit: int, period: float, now: float) -> float:
    while used and used[0] <= now - period:
        used.popleft()
    return used[0] + period - now if len(used) >= limit else 0.0


class Throttled(Exception):
    def __init__(self, after: float, everything: bool) -> None:
        super().__init__(f"429: retry after {after:.3f} s")
        self.after = after
        self.everything = everything


class ServerError(Exception):
    """A 5xx answer: the request was not done."""


def classify(exc: BaseException) -> Verdict:
    if isinstance(exc, Throttled):
        return Verdict.throttled(exc.after, everything=exc.everything)
    if isinstance(exc, ServerError | aiohttp.ClientConnectorError):
        return TRANSIENT
    return FINAL


class LimitedClient:
    """A HostPort on the fake API; every request goes through ``queue``."""

    platform = Platform.DISCORD

    def __init__(self, session: aiohttp.ClientSession, base: str, queue: DeliveryQueue) -> None:
        self.session = session
        self.base = base
        self.queue = queue

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        nonce = secrets.token_hex(12)
        sent = await self.queue.run(
            route("POST", f"/channels/{channel_id}/messages"),
            lambda: self._call(f"/channels/{channel_id}/messages", _payload(message, nonce)),
            idempotent=True,
        )
        return PostedRef(channel_id, str(sent["id"]))

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        raise NotImplementedError("the fake API has no edits")

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        opened = await self.queue.run(
            route("POST", f"/users/@me/channels:{user_id}"),
            lambda: self._call("/users/@me/channels", {"recipient_id": user_id}),
            idempotent=True,
        )
        return await self.post(community, str(opened["id"]), message)

    async def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        async with self.session.post(self.base + path, json=body) as response:
            data = await response.json()
            if response.status == 429:
                everything = response.headers.get("X-RateLimit-Global") == "true"
                raise Throttled(float(response.headers["Retry-After"]), everything)
            if response.status >= 500:
                raise ServerError(response.status)
            if response.status >= 400:
                raise RuntimeError(f"{response.status}: {data}")
            if "X-RateLimit-Remaining" in response.headers:
                key = route("POST", path)[0]
                self.queue.limiter.report(
                    key,
                    int(response.headers["X-RateLimit-Remaining"]),
                    float(response.headers["X-RateLimit-Reset-After"]),
                )
            return dict(data)


def _payload(message: Message, nonce: str) -> dict[str, Any]:
    text = "\n\n".join(part for part in (message.title or "", message.body) if part)
    fields = [{"name": f.name, "value": f.value} for f in message.fields]
    return {"content": text[:2000], "embeds": json.loads(json.dumps(fields)), "nonce": nonce}
