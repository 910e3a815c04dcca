"""Every 429 Discord answers, counted for /metrics (``orgbot_rate_limited_total``).

discord.py waits most 429s out inside its own HTTP client (those with a ``Via`` header), so the
delivery queue never sees them: an aiohttp trace on the client's session counts each one as it
arrives, whoever then waits it out."""

from __future__ import annotations

from types import SimpleNamespace

import aiohttp

from bot.core.metrics import Metrics
from bot.domain.models import Platform

TOO_MANY_REQUESTS = 429


def counting_429s(metrics: Metrics) -> aiohttp.TraceConfig:
    """A trace for ``discord.Client(http_trace=...)`` that counts the 429 answers."""

    async def ended(
        session: aiohttp.ClientSession,
        context: SimpleNamespace,
        params: aiohttp.TraceRequestEndParams,
    ) -> None:
        if params.response.status == TOO_MANY_REQUESTS:
            metrics.throttled(Platform.DISCORD.value)

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(ended)
    return trace
