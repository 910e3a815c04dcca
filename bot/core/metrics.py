"""What the bot counts for its operators, as one small object passed to whoever counts.

:class:`Metrics` itself counts nothing: it is the default of every part that takes one, so a
part built alone (in a test, a benchmark) pays nothing. ``bot.metrics.PrometheusMetrics``
exports the counts at ``/metrics``.

Every value passed here comes from a small set fixed in the code (a command's name from the
registry, an enum): never a member, user, channel or community id, nor anything typed.
"""

from __future__ import annotations

from enum import StrEnum


class CommandResult(StrEnum):
    HANDLED = "handled"  # the handler answered
    REFUSED = "refused"  # a sentence instead: bad input, not allowed, rate limited, unknown
    FAILED = "failed"  # an unexpected error (logged with its reference)


UNKNOWN_COMMAND = "unknown"  # the line named no command (or was refused before it was read)
ACTION_REFUSED = "refused"  # a report refused with a sentence (over the cap, campaign ended)
ACTION_FAILED = "failed"  # a report lost to an unexpected error


class Metrics:
    """Counts nothing; ``bot.metrics.PrometheusMetrics`` overrides each method."""

    def command(self, name: str, result: CommandResult) -> None:
        """A command line or typed command ended so (``name`` as the registry has it)."""

    def action(self, result: str) -> None:
        """A report or withdrawal ended so: a ``Change`` value, ACTION_REFUSED or ACTION_FAILED."""

    def scheduled(self, kind: str, outcome: str, count: int = 1) -> None:
        """Scheduled sends of ``kind`` (a ``DispatchKind``) ended with ``outcome`` (a
        ``DispatchStatus``: sent, failed, skipped, stopped, interrupted)."""

    def throttled(self, platform: str) -> None:
        """The platform answered 429 (its delivery queue waits it out)."""

    def queue_depth(self, platform: str, depth: int) -> None:
        """Requests waiting in or going through the platform's delivery queue now."""


NO_METRICS = Metrics()
