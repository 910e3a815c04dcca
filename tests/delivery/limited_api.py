"""A local fake chat API that enforces Discord's documented limits, for tests and the benchmark.

The server (aiohttp on 127.0.0.1:0) answers the two calls a direct message takes on Discord:
``POST /users/@me/channels`` (open the DM) and ``POST /channels/{id}/messages`` (send it). It
enforces a global limit (N requests in any rolling window) and a per-channel bucket for messages,
reports the bucket in X-RateLimit-* headers, and answers 429 with Retry-After (and
X-RateLimit-Global) whenever a limit is broken. Every accepted message is kept with its nonce, so
a test can count lost and duplicated messages.

The client is a HostPort (the interface the scheduler sends through) whose every request goes
through a :class:`DeliveryQueue`, reporting the buckets the server announces.
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

from bot.core.models import Community, Platform
from bot.delivery.discord_policy import route
from bot.delivery.queue import FINAL, TRANSIENT, DeliveryQueue, Verdict
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
    messages: list[dict[str, Any]] = field(default_factory=list)
    _global: deque[float] = field(default_factory=deque)
    _channels: dict[str, deque[float]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _runner: web.AppRunner | None = None
    port: int = 0

    async def __aenter__(self) -> LimitedApi:
        app = web.Application()
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
        return web.json_response(body, status=429, headers=headers)

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
    async def _open_dm(self, request: web.Request) -> web.Response:
        refused = self._refused(None)
        if refused is not None:
            return refused
        body = await request.json()
        return web.json_response({"id": f"dm{body['recipient_id']}", "type": 1})

    async def _message(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        refused = self._refused(channel)
        if refused is not None:
            return refused
        body = await request.json()
        message = {"id": str(next(self._ids)), "channel_id": channel, **body}
        self.messages.append(message)
        return web.json_response(message, headers=self._bucket_headers(channel))


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
