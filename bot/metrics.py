"""The bot's counts in Prometheus' text format, through prometheus-client.

One :class:`PrometheusMetrics` per running bot, each with its own registry (never the library's
global one), so two bots in one process (tests) never mix their counts. Label values come only
from small sets fixed in the code: command names from the registry, enums, platform names. No
metric carries a member, user, channel or community id, or anything a person typed.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.core.metrics import CommandResult, Metrics

CONTENT_TYPE = CONTENT_TYPE_LATEST


class PrometheusMetrics(Metrics):
    """Counters and gauges on a registry of their own; :meth:`exposition` is ``/metrics``."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self._commands = Counter(
            "orgbot_commands",
            "Commands run, by command and result (handled, refused with a sentence, failed).",
            ["command", "result"],
            registry=registry,
        )
        self._actions = Counter(
            "orgbot_actions",
            "Reports and withdrawals of calls, by what they did to the counts "
            "(recorded, replaced, unchanged, retracted, nothing, covered, refused, failed).",
            ["result"],
            registry=registry,
        )
        self._scheduled = Counter(
            "orgbot_scheduled",
            "Scheduled sends (prompt, reminder, snooze, digest) by outcome "
            "(sent, failed, skipped, stopped, interrupted).",
            ["kind", "outcome"],
            registry=registry,
        )
        self._throttled = Counter(
            "orgbot_rate_limited",
            "429 answers from a platform, each waited out by its delivery queue.",
            ["platform"],
            registry=registry,
        )
        self._queue = Gauge(
            "orgbot_delivery_queue_depth",
            "Requests waiting in or going through a platform's delivery queue.",
            ["platform"],
            registry=registry,
        )
        self._connected = Gauge(
            "orgbot_platform_connected",
            "1 while the platform's connection is up (Discord gateway, Slack socket or HTTP).",
            ["platform"],
            registry=registry,
        )
        self._index_age = Gauge(
            "orgbot_lawmaker_index_age_seconds",
            "Seconds since the loaded lawmaker index was built (absent with no index).",
            registry=None,  # registered once there is an index
        )
        self._has_index = False

    # -- counted where it happens ------------------------------------------------------------
    def command(self, name: str, result: CommandResult) -> None:
        self._commands.labels(name, result.value).inc()

    def action(self, result: str) -> None:
        self._actions.labels(result).inc()

    def scheduled(self, kind: str, outcome: str, count: int = 1) -> None:
        self._scheduled.labels(kind, outcome).inc(count)

    def throttled(self, platform: str) -> None:
        self._throttled.labels(platform).inc()

    def queue_depth(self, platform: str, depth: int) -> None:
        self._queue.labels(platform).set(depth)

    # -- read when scraped -------------------------------------------------------------------
    def connected(self, platform: str, up: bool) -> None:
        self._connected.labels(platform).set(1 if up else 0)

    def index_age(self, seconds: float | None) -> None:
        """The loaded index's age; None (no index) leaves the gauge out."""
        if seconds is None:
            if self._has_index:
                self.registry.unregister(self._index_age)
                self._has_index = False
            return
        if not self._has_index:
            self.registry.register(self._index_age)
            self._has_index = True
        self._index_age.set(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
