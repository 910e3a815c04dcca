"""The interactive console's input: lines read off the event loop, ending cleanly at EOF."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator

import pytest

from bot.platforms.console.runner import LineReader, run_interactive
from bot.services import Services


class Pipe:
    """An OS pipe: the reader gets ``read``; the test writes, then closes (end of input)."""

    def __init__(self) -> None:
        self.read, self._write = os.pipe()
        self._open = {self.read, self._write}

    def send(self, data: bytes) -> None:
        os.write(self._write, data)
        self._close(self._write)

    def close(self) -> None:
        for fd in list(self._open):
            self._close(fd)

    def _close(self, fd: int) -> None:
        self._open.discard(fd)
        os.close(fd)


@pytest.fixture
def pipe() -> Iterator[Pipe]:
    made = Pipe()
    yield made
    made.close()


async def test_lines_arrive_in_order_then_end_of_input(pipe: Pipe) -> None:
    """Each line without its newline, a last line with none, then EOFError, again and again."""
    reader = LineReader(pipe.read)
    pipe.send(b"/help\n\n/as ann\nlast")
    assert [await reader.readline() for _ in range(4)] == ["/help", "", "/as ann", "last"]
    for _ in range(2):
        with pytest.raises(EOFError):
            await reader.readline()


async def test_bytes_that_are_not_utf8_become_a_replacement_character(
    pipe: Pipe,
) -> None:
    """A stray byte is shown as �, not a crash that ends the console."""
    reader = LineReader(pipe.read)
    pipe.send("café \xff ok\n".encode("latin-1") + "naïve\n".encode())
    assert await reader.readline() == "caf\ufffd \ufffd ok"
    assert await reader.readline() == "naïve"


async def test_the_interactive_console_answers_piped_lines_until_eof(
    services: Services, pipe: Pipe, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped commands are answered in order, each after its prompt; end of input ends it."""

    class Stdin(io.StringIO):
        def fileno(self) -> int:
            return pipe.read

    monkeypatch.setattr(sys, "stdin", Stdin())
    pipe.send(b"/whoami\n/as ann\n/whoami\n")
    out = io.StringIO()
    await run_interactive(services, out)
    text = out.getvalue()
    assert text.index("you> You are now you (an organizer).") < text.index(
        "ann> You are now ann (a member)."
    )
    assert text.endswith("ann> \n")
