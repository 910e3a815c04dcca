"""Keep form answers that must never be logged (a street address) out of the platform
libraries' DEBUG logs.

discord.py logs every gateway event whole at DEBUG ("WebSocket Event: {...}"), and slack_sdk
every Socket Mode message ("Received message (... data: ...)"), so a modal's answers would be in
the log. A filter on those loggers replaces any record that names a marked field (the address
form's field id, which the payload carries beside the answer) with one line saying it was
withheld. It is a logger filter, so it holds for every handler, whatever the log level.
"""

from __future__ import annotations

import logging

PAYLOAD_LOGGERS = (
    "discord.gateway",  # each gateway event, interactions (modal answers) included
    "discord.client",
    "discord.state",
    "organizer-bot",  # slack-bolt's app logger (the app's name), which Socket Mode logs to
    "slack_sdk.socket_mode.aiohttp",  # each Socket Mode message, with no logger given
    "slack_sdk.socket_mode.async_client",
    "slack_sdk.socket_mode.builtin.client",
    "slack_bolt.AsyncApp",
    "slack_bolt.App",
)
WITHHELD = "a payload holding a form answer that is never logged was withheld"


class WithholdPayloads(logging.Filter):
    """Replaces a record whose message names one of ``markers`` with :data:`WITHHELD`."""

    def __init__(self, markers: tuple[str, ...]) -> None:
        super().__init__()
        self.markers = markers

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # a record that cannot format: let logging report it as usual
            return True
        if any(marker in text for marker in self.markers):
            record.msg, record.args = WITHHELD, None
            record.exc_info, record.exc_text = None, None
        return True


def withhold_payloads_naming(*markers: str) -> None:
    """Filter the platform libraries' payload loggers for ``markers`` (once per marker set)."""
    for name in PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if not any(
            isinstance(f, WithholdPayloads) and f.markers == markers for f in logger.filters
        ):
            logger.addFilter(WithholdPayloads(markers))
