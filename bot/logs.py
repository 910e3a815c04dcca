"""Logging set-up: secrets redacted from every record, whatever logger wrote it, and each
record's message kept on one line with nothing a terminal would obey (so text someone typed
can neither forge a log line nor send escape sequences to whoever reads the log)."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

from bot.core.hostile_text import visible

REDACTED = "[redacted]"
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


def configure_logging(level: str, secrets: Iterable[str] = ()) -> RedactingFilter:
    """Log to stderr at ``level``; every handler of the root logger redacts secrets."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    redactor = RedactingFilter(secrets)
    handler.addFilter(redactor)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return redactor
