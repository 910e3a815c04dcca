"""Property test: thousands of generated command lines and component payloads, no crash.

Every line goes through the console host and every payload through the dispatcher, as a
platform would deliver them. Nothing may end in the 'something went wrong' path (an
unhandled exception), every refusal must be a readable sentence, and the database must pass
its integrity check afterwards.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_services, close_services
from bot.cogkit import Context
from bot.core.clock import ManualClock
from bot.messages import Form, Message, Tone
from bot.platforms.console.runner import start_console
from bot.settings import load_settings

EXAMPLES = 5_000  # lines; the same number again of component payloads
WORDS = st.sampled_from(
    ["05401", "02134", "20500", "00000", "abc", "-1", "0", "99999999999", "yes", "no", "all",
     "7d", "irs-data-privacy", "HSWM", "sanders", "'", '"', "name:x", "zip:05401", "::", "#1",
     "📞", "🚫", "٣", "@everyone", "<@123>", "\u200b", "x" * 300, "2026-13-40", "09:00",
     "mine", "leaders:HSWM?", "member:S000033", "weekdays", "*/5 * * * *", "Mars/Base"]
)  # fmt: skip
TEXT = st.text(max_size=40)


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
    body = message.body.strip()
    return bool(body) and "Traceback" not in body and len(body) < 1500


@pytest.fixture
def fuzz_world(full_data_dir: Path, tmp_path: Path):
    loop = asyncio.new_event_loop()
    config = load_settings(
        env_file=None,
        database_path=tmp_path / "fuzz.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "out",
    )
    services = loop.run_until_complete(build_services(config, ManualClock()))
    host = loop.run_until_complete(start_console(services, Sink()))  # type: ignore[arg-type]
    catcher = UnexpectedErrors()
    logging.getLogger().addHandler(catcher)
    yield loop, services, host, catcher
    logging.getLogger().removeHandler(catcher)
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
    return st.one_of(real, real, meta, noise)


def test_generated_lines_never_crash(fuzz_world) -> None:
    """Command lines of every shape get an answer, never an unhandled exception."""
    loop, _, host, catcher = fuzz_world
    names = sorted(host.registry.commands)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(line=command_lines(names), organizer=st.booleans())
    def check(line: str, organizer: bool) -> None:
        if not host.form_pending:
            host.organizer = organizer
        shown = len(host.messages)
        assert loop.run_until_complete(host.handle(line)) in (True, False)
        for number in range(shown + 1, len(host.messages) + 1):
            message = host.messages.get(number)
            if message is not None and message.tone is Tone.ERROR:
                assert readable(message), message.body
        assert not catcher.records, catcher.records[0].getMessage()

    check()


def test_generated_component_payloads_never_crash(fuzz_world) -> None:
    """Button, select and form payloads with forged values are refused in words."""
    loop, _, host, catcher = fuzz_world
    actions = sorted(host.registry.components)
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
        kind=st.sampled_from(["press", "choose", "submit"]),
        value=st.one_of(WORDS, TEXT),
        answers=st.dictionaries(st.sampled_from(["title", "ask", "zip", "note", "x"]), TEXT),
        organizer=st.booleans(),
    )
    def check(
        custom_id: str, kind: str, value: str, answers: dict[str, str], organizer: bool
    ) -> None:
        host.organizer = organizer

        async def deliver() -> object:
            ctx: Context = await host._context()
            if kind == "press":
                return await host.dispatcher.press(ctx, custom_id)
            if kind == "choose":
                return await host.dispatcher.choose(ctx, custom_id, value)
            return await host.dispatcher.submit(ctx, custom_id, answers)

        answer = loop.run_until_complete(deliver())
        assert answer is None or isinstance(answer, Message | Form)
        if isinstance(answer, Message) and answer.tone is Tone.ERROR:
            assert readable(answer), answer.body
        assert not catcher.records, catcher.records[0].getMessage()

    check()
