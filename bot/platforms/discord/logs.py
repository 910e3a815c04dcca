"""Keep secrets out of the logs: a filter that blanks them in every record."""

from __future__ import annotations

import logging

REDACTED = "[redacted]"


class SecretFilter(logging.Filter):
    """Replaces each secret in a record's message (after formatting its arguments)."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if len(s) >= 8)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        text = record.getMessage()
        cleaned = text
        for secret in self.secrets:
            cleaned = cleaned.replace(secret, REDACTED)
        if cleaned != text:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            trace = logging.Formatter().formatException(record.exc_info)
            if any(secret in trace for secret in self.secrets):
                for secret in self.secrets:
                    trace = trace.replace(secret, REDACTED)
                record.exc_text, record.exc_info = trace, None
        return True


def install_secret_filter(*secrets: str) -> SecretFilter:
    """Add the filter to every handler of the root logger (where all records end up)."""
    secret_filter = SecretFilter(*secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(secret_filter)
    return secret_filter


def remove_secret_filter(secret_filter: SecretFilter) -> None:
    for handler in logging.getLogger().handlers:
        handler.removeFilter(secret_filter)
