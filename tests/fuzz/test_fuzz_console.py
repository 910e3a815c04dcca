"""Property test: thousands of generated command lines and component payloads, no crash.

Every line goes through the console host and every payload through the dispatcher, as a
platform would deliver them. Nothing may end in the 'something went wrong' path (an
unhandled exception), every refusal must be a readable sentence on one line, nothing the
console writes may hold what a terminal would obey, and the database must pass its
integrity check afterwards.

Hostile text is mixed in: lone surrogates (as a JSON payload from Discord or Slack can
carry), NUL and other controls, ANSI escape sequences, bidi overrides, every kind of line
break, and raw bytes that are not UTF-8, decoded as the interactive console decodes them.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_services, close_services
from bot.cogkit import Context, ReactionEvent
from bot.domain.clock import ManualClock
from bot.messages import Form, Message, PostedRef, Tone
from bot.platforms.console.runner import LineDecoder, start_console
from bot.settings import load_settings

EXAMPLES = 5_000  # lines; the same number again of component payloads
WORDS = st.sampled_from(
    ["05401", "02134", "20500", "00000", "abc", "-1", "0", "99999999999", "yes", "no", "all",
     "7d", "irs-data-privacy", "HSWM", "sanders", "'", '"', "name:x", "zip:05401", "::", "#1",
     "📞", "🚫", "٣", "@everyone", "<@123>", "\u200b", "x" * 300, "2026-13-40", "09:00",
     "mine", "leaders:HSWM?", "member:S000033", "weekdays", "*/5 * * * *", "Mars/Base"]
)  # fmt: skip
HOSTILE = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\x1b[2J", "\x1b[31m", "\x1b]0;title\x07", "\x9b1m", "\x07",
     "\x7f", "\u202e", "\u2066", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028",
     "\u2029", "\t", "\ufffd", "\ufdd0"]
)  # fmt: skip
PIECE = st.one_of(HOSTILE, st.characters(categories=["Cc", "Cs", "Zl", "Zp"]))
TEXT = st.one_of(
    st.text(max_size=40),
    st.builds(lambda a, p, b: a + p + b, st.text(max_size=15), PIECE, st.text(max_size=15)),
)
RAW = st.binary(max_size=40)  # typed or piped bytes, through the console's decoder
# What a terminal would obey: C0 controls but tab and newline, DEL, C1, line and paragraph
# separators, bidi embeddings, overrides and isolates, lone surrogates.
OBEYED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


class Sink:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        pass


class UnexpectedErrors(logging.Handler):
    """Counts the dispatcher's 'unexpected error' records (unhandled exceptions)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


def readable(message: Message) -> bool:
    """One plain sentence: on one line, with no traceback, not a wall of text."""
    body = message.body.strip()
    return (
        bool(body)
        and "Traceback" not in body
        and len(body) < 1500
        and len(body.splitlines()) == 1
        and "something went wrong" not in body
    )


def decoded(raw: bytes) -> list[str]:
    """The lines the interactive console reads from these bytes."""
    decoder = LineDecoder()
    return decoder.feed(raw) + decoder.feed(b"")


@pytest.fixture
def fuzz_world(full_data_dir: Path, tmp_path: Path, database_url: str | None):
    loop = asyncio.new_event_loop()
    config = load_settings(
        env_file=None,
        database_path=tmp_path / "fuzz.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "out",
    )
    services = loop.run_until_complete(build_services(config, ManualClock()))
    sink = Sink()
    host = loop.run_until_complete(start_console(services, sink))  # type: ignore[arg-type]
    catcher = UnexpectedErrors()
    logging.getLogger().addHandler(catcher)
    yield loop, services, host, catcher, sink
    logging.getLogger().removeHandler(catcher)
    problems = []
    if services.db.dialect == "sqlite":  # PostgreSQL keeps no file to check
        problems = loop.run_until_complete(services.db.integrity_check())
    loop.run_until_complete(close_services(services))
    loop.close()
    assert problems == []


def command_lines(names: list[str]) -> st.SearchStrategy[str]:
    real = st.builds(
        lambda name, args: "/" + " ".join([name, *args]),
        st.sampled_from(names),
        st.lists(st.one_of(WORDS, TEXT), max_size=5),
    )
    meta = st.builds(
        lambda verb, n, arg: f"/{verb} {n} {arg}",
        st.sampled_from(["press", "select", "react", "unreact", "as"]),
        st.integers(-1, 40),
        st.one_of(WORDS, TEXT),
    )
    noise = st.one_of(TEXT, st.builds(lambda t: "/" + t, TEXT))
    raw = st.builds(lambda name, b: f"/{name} ".encode() + b, st.sampled_from(names), RAW)
    return st.one_of(real, real, meta, noise, raw)


def test_generated_lines_never_crash(fuzz_world) -> None:
    """Command lines of every shape, hostile text and raw bytes included, get an answer in
    one line, never an unhandled exception, and nothing a terminal would obey is written."""
    loop, _, host, catcher, sink = fuzz_world
    names = sorted(host.registry.commands)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(typed=command_lines(names), organizer=st.booleans())
    def check(typed: str | bytes, organizer: bool) -> None:
        if not host.form_pending:
            host.organizer = organizer
        shown, written = len(host.messages), len(sink.lines)
        for line in decoded(typed) if isinstance(typed, bytes) else [typed]:
            assert loop.run_until_complete(host.handle(line)) in (True, False)
        for number in range(shown + 1, len(host.messages) + 1):
            message = host.messages.get(number)
            if message is not None and message.tone is Tone.ERROR:
                assert readable(message), message.body
        assert not catcher.records, catcher.records[0].getMessage()
        for text in sink.lines[written:]:
            assert not OBEYED.search(text), text

    check()


def test_generated_component_payloads_never_crash(fuzz_world) -> None:
    """Button, select, form, typed-option (Discord) and reaction payloads with forged and
    hostile values are refused in words (a reaction that is not ours is ignored)."""
    loop, _, host, catcher, _ = fuzz_world
    actions = sorted(host.registry.components)
    commands = sorted(host.registry.commands)
    ids = st.builds(
        lambda a, v: f"{a}:{v}", st.sampled_from([*actions, "gone.away"]), st.one_of(WORDS, TEXT)
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(
        custom_id=ids,
        kind=st.sampled_from(["press", "choose", "submit", "command", "react"]),
        name=st.sampled_from(commands),
        value=st.one_of(WORDS, TEXT),
        answers=st.dictionaries(st.sampled_from(["title", "ask", "zip", "note", "x"]), TEXT),
        organizer=st.booleans(),
    )
    def check(
        custom_id: str,
        kind: str,
        name: str,
        value: str,
        answers: dict[str, str],
        organizer: bool,
    ) -> None:
        host.organizer = organizer

        async def deliver() -> object:
            ctx: Context = await host._context()
            if kind == "press":
                return await host.dispatcher.press(ctx, custom_id)
            if kind == "choose":
                return await host.dispatcher.choose(ctx, custom_id, value)
            if kind == "command":
                options = {o.name: value for o in host.registry.commands[name].options}
                return await host.dispatcher.run_command(ctx, name, options)
            if kind == "react":
                ref = PostedRef(ctx.channel_id, f"{host.tag}-1")
                return await host.dispatcher.react(ctx, ReactionEvent(ref, value, added=True))
            return await host.dispatcher.submit(ctx, custom_id, answers)

        answer = loop.run_until_complete(deliver())
        assert answer is None or isinstance(answer, Message | Form)
        if isinstance(answer, Message) and answer.tone is Tone.ERROR:
            assert readable(answer), answer.body
        assert not catcher.records, catcher.records[0].getMessage()

    check()
