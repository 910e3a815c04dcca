"""The process's one small HTTP server: features mount their routes on it.

``/healthz`` and ``/metrics`` (bot.monitoring), Slack's ``/slack/events`` in HTTP mode, and
whatever else a feature serves share one aiohttp server on ORGBOT_HTTP_HOST:ORGBOT_HTTP_PORT.

A feature mounts a route whenever it is ready, before or after the server started, and
unmounts it when it stops::

    remove = server.add_route("POST", "/slack/events", handler)  # async (web.Request) -> Response
    ...
    remove()  # the path answers 404 again

A path is matched exactly (no patterns); a known path asked with another method is 405. No
access log is written: a request's line can carry what is not the log's business (an OAuth
redirect's code and state), and a health check every few seconds would drown the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.domain.errors import StartupError

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class WebServer:
    """One aiohttp server; routes are added and removed while it runs."""

    def __init__(self, host: str, port: int, *, settings_hint: str = "ORGBOT_HTTP_PORT") -> None:
        self.host = host
        self.wanted_port = port
        self._hint = settings_hint  # the settings to name when the port cannot be had
        self._routes: dict[str, dict[str, Handler]] = {}  # path -> method -> handler
        self._runner: web.AppRunner | None = None

    def add_route(self, method: str, path: str, handler: Handler) -> Callable[[], None]:
        """Serve ``method path`` with ``handler``; returns the function that unmounts it.
        ValueError if that method and path are served already."""
        if not path.startswith("/"):
            raise ValueError(f"a route's path starts with '/': {path!r}")
        methods = self._routes.setdefault(path, {})
        verb = method.upper()
        if verb in methods:
            raise ValueError(f"{verb} {path} is served already")
        methods[verb] = handler

        def remove() -> None:
            mounted = self._routes.get(path, {})
            if mounted.get(verb) is handler:
                del mounted[verb]
                if not mounted:
                    self._routes.pop(path, None)

        return remove

    def serves(self, method: str, path: str) -> bool:
        return method.upper() in self._routes.get(path, {})

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def listening(self) -> list[tuple[str, int]]:
        """The (address, port) pairs it listens on (none before :meth:`start`)."""
        if self._runner is None:
            return []
        return [(str(address[0]), int(address[1])) for address in self._runner.addresses]

    @property
    def port(self) -> int:
        """The bound port (the wanted one, or the one the OS chose for port 0)."""
        listening = self.listening
        return listening[0][1] if listening else self.wanted_port

    async def start(self) -> int:
        """Listen; returns the bound port. StartupError (one line) if the port cannot be had."""
        if self._runner is not None:
            return self.port
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._route)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.wanted_port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise StartupError(
                f"Cannot listen on {self.host}:{self.wanted_port} ({exc.strerror}); check "
                f"ORGBOT_HTTP_HOST and {self._hint} (is the port in use?)"
            ) from None
        self._runner = runner
        log.info("HTTP server listening on %s:%d", self.host, self.port)
        return self.port

    async def close(self) -> None:
        """Stop listening; requests under way get aiohttp's grace period."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _route(self, request: web.Request) -> web.StreamResponse:
        methods = self._routes.get(request.path)
        if not methods:
            raise web.HTTPNotFound()
        handler = methods.get(request.method)
        if handler is None and request.method == "HEAD":
            handler = methods.get("GET")
        if handler is None:
            raise web.HTTPMethodNotAllowed(request.method, sorted(methods))
        return await handler(request)
