"""Logging set-up: secrets redacted from every record, whatever logger wrote it, and each
record's message kept on one line with nothing a terminal would obey (so text someone typed
can neither forge a log line nor send escape sequences to whoever reads the log).

Two formats (ORGBOT_LOG_FORMAT): ``text``, a line per record (a traceback keeps its lines),
and ``json``, one JSON object per line for log collectors (:class:`JsonFormatter`)."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

from bot.domain.hostile_text import visible

REDACTED = "[redacted]"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Discord bot tokens (three base64url parts), Slack tokens (xoxb-, xapp-, ...), bearer headers.
TOKEN_PATTERNS = (
    re.compile(r"[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}"),
    re.compile(r"\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{8,}"),
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:bot|bearer)\s+)[^\s'\",}]+"),
)


class RedactingFilter(logging.Filter):
    """Replaces known secrets and anything shaped like a token in the formatted message, and
    writes line breaks and control characters out (``\x0a``, ``\x1b``); a traceback keeps
    its lines."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        for pattern in TOKEN_PATTERNS:
            text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + REDACTED, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        cleaned = visible(self.redact(message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_text:
            record.exc_text = visible(self.redact(record.exc_text), lines=True)
        return True


def install_secret_filter(*secrets: str) -> RedactingFilter:
    """Add a redacting filter for these secrets to every handler of the root logger."""
    redactor = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    return redactor


def remove_secret_filter(redactor: RedactingFilter) -> None:
    for handler in logging.getLogger().handlers:
        handler.removeFilter(redactor)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line: ``time`` (UTC, ISO 8601), ``level``,
    ``logger``, ``message`` and, when there is one, ``exception`` (the traceback's text).

    It formats what the redacting filter left (secrets blanked, controls written out), and
    writes every character outside ASCII as an escape, so no line break, control or line
    separator can end or bend the line, whatever a message holds."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=True)


def formatter(log_format: str = "text") -> logging.Formatter:
    """The formatter for ORGBOT_LOG_FORMAT: ``text`` or ``json``."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure_logging(
    level: str, secrets: Iterable[str] = (), log_format: str = "text"
) -> RedactingFilter:
    """Log to stderr at ``level`` in ``log_format`` (text or json); every handler of the root
    logger redacts secrets."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(log_format))
    redactor = RedactingFilter(secrets)
    handler.addFilter(redactor)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return redactor
