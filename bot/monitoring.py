"""``GET /healthz`` and ``GET /metrics`` on the bot's HTTP server (bot.web).

- ``/healthz``: 200 and ``{"status": "ok", ...}`` when every part is up, else 503 naming the
  parts that are down (bot.health). For load balancers, container health checks and uptime
  monitors.
- ``/metrics``: the counts in Prometheus' text format (bot.metrics); the gauges that describe
  a state now (each platform's connection, the lawmaker index's age) are read at each scrape.
"""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.domain.clock import Clock
from bot.health import Health
from bot.metrics import CONTENT_TYPE, PrometheusMetrics
from bot.web import WebServer

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"


class Monitoring:
    def __init__(self, health: Health, metrics: PrometheusMetrics, clock: Clock) -> None:
        self.health = health
        self.metrics = metrics
        self.clock = clock

    def mount(self, server: WebServer) -> Callable[[], None]:
        """Serve both routes on ``server``; returns the function that unmounts them."""
        removers = [
            server.add_route("GET", HEALTH_PATH, self.healthz),
            server.add_route("GET", METRICS_PATH, self.scrape),
        ]

        def remove() -> None:
            for unmount in removers:
                unmount()

        return remove

    async def healthz(self, request: web.Request) -> web.Response:
        report = await self.health.check()
        return web.json_response(report.body(), status=200 if report.ok else 503)

    async def scrape(self, request: web.Request) -> web.Response:
        for platform, up in (await self.health.connections.states()).items():
            self.metrics.connected(platform.value, up)
        self.metrics.index_age(self.health.index_age(self.clock.now()))
        return web.Response(body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})
