"""Logging never shows a secret: known values and anything shaped like a platform token."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from bot.logs import REDACTED, RedactingFilter, configure_logging

DISCORD_LIKE = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


def _record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("t", logging.ERROR, __file__, 1, message, args, info)


@pytest.mark.parametrize(
    "text",
    [
        f"login failed for token {DISCORD_LIKE}",
        "auth.test with xoxb-1234567890-abcdefghij failed",
        "socket mode xapp-1-A0123-456789-abcdef failed",
        "headers={'Authorization': 'Bot sekrit-value-123'}",
    ],
)
def test_token_shapes_are_redacted(text: str) -> None:
    """Tokens are blanked even when the filter was not told their value."""
    record = _record("%s", text)
    RedactingFilter().filter(record)
    message = record.getMessage()
    assert REDACTED in message
    for secret in (DISCORD_LIKE, "xoxb-1234567890", "xapp-1-A0123", "sekrit-value-123"):
        assert secret not in message


def test_known_secrets_are_redacted_in_tracebacks() -> None:
    """A configured secret inside an exception's text does not reach the log."""
    try:
        raise RuntimeError("bad credentials: hunter2-hunter2")
    except RuntimeError as exc:
        record = _record("auth failure", exc=exc)
    RedactingFilter(["hunter2-hunter2"]).filter(record)
    assert "hunter2-hunter2" not in (record.exc_text or "")
    assert REDACTED in (record.exc_text or "")


def test_configured_root_handler_redacts(capsys: pytest.CaptureFixture[str]) -> None:
    """configure_logging installs the filter on the handler every logger reaches."""
    configure_logging("INFO", ["s3cret-token-value"])
    try:
        logging.getLogger("discord.http").error("token %s rejected", "s3cret-token-value")
        logging.getLogger("slack_sdk").warning("using %s", "xoxb-99999999-zzzzzzzz")
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
    err = capsys.readouterr().err
    assert "token [redacted] rejected" in err
    assert "s3cret-token-value" not in err and "xoxb-99999999" not in err


def test_installed_filter_blanks_a_token_in_arguments_and_tracebacks() -> None:
    """The per-host filter (Discord installs it at login) redacts arguments and tracebacks."""
    secret = "MTExMjIyMzMzNDQ0NTU1.Gx-yz1.secret-token-value-for-tests"
    item = _record("logging in with %s", secret)
    RedactingFilter([secret]).filter(item)
    assert item.getMessage() == "logging in with [redacted]"
    try:
        raise RuntimeError(f"bad header Bot {secret}")
    except RuntimeError as caught:
        item = _record("failed", exc=caught)
    RedactingFilter([secret]).filter(item)
    text = logging.Formatter().format(item)
    assert secret not in text and "[redacted]" in text and "RuntimeError" in text


def test_typed_text_cannot_forge_a_log_line_or_reach_the_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A record quoting hostile text is one line with the controls written out; a lone
    surrogate cannot stop the handler; a traceback keeps its own lines."""
    configure_logging("INFO")
    try:
        log = logging.getLogger("bot.test")
        log.warning("no campaign %s", "x\n2026-01-01 INFO bot: forged\x1b[2J\u202e\ud800")
        try:
            raise ValueError("bad\x1b[31m")
        except ValueError:
            log.exception("failed")
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
    err = capsys.readouterr().err
    assert "no campaign x\\x0a2026-01-01 INFO bot: forged\\x1b[2J\\u202e\\ud800" in err
    assert "\x1b" not in err and "\u202e" not in err and "Logging error" not in err
    lines = err.splitlines()
    assert lines[1].endswith("failed") and lines[2] == "Traceback (most recent call last):"
    assert lines[-1] == "ValueError: bad\\x1b[31m"


# -- ORGBOT_LOG_FORMAT=json ------------------------------------------------------------------
def _json_lines(capsys: pytest.CaptureFixture[str], write: Callable[[], None]) -> list[str]:
    configure_logging("INFO", ["s3cret-token-value"], "json")
    try:
        write()
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
    return capsys.readouterr().err.splitlines()


def test_json_logs_are_one_object_per_line_with_secrets_redacted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each record is one JSON object (time, level, logger, message); known secrets and
    token shapes are redacted as in text logs."""

    def write() -> None:
        logging.getLogger("discord.http").error("token %s rejected", "s3cret-token-value")
        logging.getLogger("slack_sdk").warning("using %s", "xoxb-99999999-zzzzzzzz")

    lines = _json_lines(capsys, write)
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"time", "level", "logger", "message"}
    assert (first["level"], first["logger"]) == ("ERROR", "discord.http")
    assert first["message"] == "token [redacted] rejected"
    assert second["message"] == "using [redacted]"
    assert datetime.fromisoformat(first["time"]).utcoffset() == timedelta(0)
    assert "s3cret-token-value" not in "".join(lines) and "xoxb-99999999" not in "".join(lines)


def test_json_logs_keep_hostile_text_and_a_traceback_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Line breaks, escapes, bidi overrides, line separators and a lone surrogate in a
    message, and a traceback with a secret in it: still one line per record, nothing raw."""

    def write() -> None:
        log = logging.getLogger("bot.test")
        log.warning("no campaign %s", 'x\n{"level": "forged"}\x1b[2J\u202e\u2028\ud800')
        try:
            raise ValueError("bad\x1b[31m s3cret-token-value")
        except ValueError:
            log.exception("failed")

    lines = _json_lines(capsys, write)
    assert len(lines) == 2, lines
    assert all(line.isascii() and line.isprintable() for line in lines), lines
    warned, failed = (json.loads(line) for line in lines)
    assert warned["message"] == 'no campaign x\\x0a{"level": "forged"}\\x1b[2J\\u202e\\u2028\\ud800'
    assert failed["message"] == "failed"
    assert failed["exception"].startswith("Traceback (most recent call last):\n")
    assert failed["exception"].endswith("ValueError: bad\\x1b[31m [redacted]")


def test_text_stays_the_default_format(capsys: pytest.CaptureFixture[str]) -> None:
    """Without ORGBOT_LOG_FORMAT, records are text lines, as before."""
    configure_logging("INFO")
    try:
        logging.getLogger("bot.test").info("hello")
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
    assert capsys.readouterr().err.rstrip("\n").endswith(" INFO bot.test: hello")
