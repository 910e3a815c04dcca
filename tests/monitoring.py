"""Serving /healthz and /metrics for a test: the real server on 127.0.0.1, an ephemeral port."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.health import Health
from bot.monitoring import Monitoring
from bot.services import Services
from bot.web import WebServer


@dataclass(frozen=True)
class Answer:
    status: int
    text: str
    content_type: str

    def json(self) -> Any:
        return json.loads(self.text)


@asynccontextmanager
async def serving(services: Services, within: float = 2.0) -> AsyncIterator[WebServer]:
    """The bot's HTTP server with /healthz and /metrics, listening on 127.0.0.1:<free port>;
    each part of a health check gets ``within`` seconds."""
    server = WebServer("127.0.0.1", 0)
    health = Health(services.db, services.directory, services.connections, within)
    Monitoring(health, services.metrics, services.clock).mount(server)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


async def get(server: WebServer, path: str, method: str = "GET") -> Answer:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, f"http://127.0.0.1:{server.port}{path}") as response,
    ):
        return Answer(response.status, await response.text(), response.content_type)


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    """Every sample of a /metrics answer, parsed by prometheus-client's own parser:
    (name, sorted labels) -> value."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def scrape(server: WebServer) -> Samples:
    answer = await get(server, "/metrics")
    assert answer.status == 200 and answer.content_type == "text/plain", answer
    return samples(answer.text)


def value(
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    """A sample's value, 0 when it is not there (a counter not yet moved)."""
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def health_when(
    server: WebServer, holds: Callable[[Answer], bool], within: float = 10.0
) -> Answer:
    """/healthz once its answer ``holds``: for a state another task reaches on its own (a
    client noticing its connection closed, a runner mounting its route), asked again every
    hundredth of a second up to ``within`` seconds."""
    async with asyncio.timeout(within):
        while True:
            answer = await get(server, "/healthz")
            if holds(answer):
                return answer
            await asyncio.sleep(0.01)
