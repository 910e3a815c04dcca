"""Run the console host: interactively at a prompt, or from a script with a transcript."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import sys
import threading
from collections.abc import Iterable
from typing import TextIO

from bot.app import cog_modules
from bot.domain.hostile_text import visible
from bot.domain.text import t
from bot.platforms.console.host import META_HELP, ConsoleHost
from bot.scheduling.console_clock import HELP as CLOCK_HELP
from bot.scheduling.console_clock import ClockControl
from bot.services import Services

STOP_WAIT = 5.0  # seconds a line being handled gets to finish once the console is stopped
STOPPED_MIDWAY = t("The console is stopping, so that command could not finish.")
WELCOME = t("organizer-bot console. Type /help for commands, /console for console controls.")
CLOCK_USAGE = t("Time: {commands}.")


async def start_console(services: Services, out: TextIO) -> ConsoleHost:
    """A console host with every cog loaded, writing to ``out``."""

    def write(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    host = ConsoleHost(services, write)
    await host.load_extensions(cog_modules())
    clock = ClockControl(services.clock, services.scheduler.engine)
    host.add_control("clock", clock, CLOCK_USAGE.with_values(commands=CLOCK_HELP))
    return host


async def run_script(services: Services, lines: Iterable[str], out: TextIO) -> None:
    """Feed each line to the host, echoing it first, so the output reads as a transcript."""
    host = await start_console(services, out)
    for raw in lines:
        line = raw.rstrip("\n")
        if not host.form_pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        out.write(f"> {visible(line)}\n")  # the script's line, not a terminal's command
        if not await handled(host, line):
            break


async def run_interactive(services: Services, out: TextIO = sys.stdout) -> None:
    """A prompt in the terminal until /quit or end of input."""
    host = await start_console(services, out)
    out.write(f"{host.words.render(WELCOME)}\n{host.words.render(META_HELP)}\n")
    reader = LineReader(sys.stdin.fileno())
    while True:
        out.write(f"{host.user}> ")
        out.flush()
        try:
            line = await reader.readline()
        except EOFError:
            out.write("\n")
            return
        except asyncio.CancelledError:  # SIGTERM or Ctrl-C: end the prompt's line, then stop
            out.write("\n")
            out.flush()
            raise
        if not await handled(host, line):
            return


async def handled(host: ConsoleHost, line: str) -> bool:
    """``host.handle(line)``, finished even when a stop (SIGTERM, Ctrl-C) comes meanwhile.

    The line's work is not cut in the middle (a post printed but not recorded, a report half
    saved): the engine is told to stop, so a clock advance ends once the send in flight is
    done, and the line gets STOP_WAIT seconds to finish; only then does the stop go on (what
    still runs then is cancelled, and the console says so).
    """
    work = asyncio.ensure_future(host.handle(line))
    try:
        return await asyncio.shield(work)
    except asyncio.CancelledError:
        host.services.scheduler.engine.stop.request()
        _, running = await asyncio.wait({work}, timeout=STOP_WAIT)
        if running:
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await work
            host.write(host.words.render(STOPPED_MIDWAY))
        raise


class LineReader:
    """Lines typed at the terminal (or piped in), read by a daemon thread with ``os.read``.

    Not ``input()`` in the loop's executor: when SIGTERM or Ctrl-C stops the console, the
    process must exit at once, not wait for someone to press Enter, and a daemon thread left
    blocked inside ``input()`` holds stdin's lock, which aborts the interpreter at exit.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._loop = asyncio.get_running_loop()
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()  # None: end of input
        self._thread = threading.Thread(target=self._read, name="console-input", daemon=True)
        self._thread.start()

    async def readline(self) -> str:
        """The next line without its newline; EOFError at the end of input."""
        line = await self._lines.get()
        if line is None:
            self._lines.put_nowait(None)  # stays at the end
            raise EOFError
        return line

    def _read(self) -> None:
        decoder = LineDecoder()
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except OSError:
                chunk = b""
            for line in decoder.feed(chunk):
                self._put(line)
            if not chunk:
                self._put(None)
                return

    def _put(self, line: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed while this thread waited
            self._loop.call_soon_threadsafe(self._lines.put_nowait, line)


class LineDecoder:
    """Bytes typed or piped in, as lines: UTF-8, with each byte that is not shown as U+FFFD,
    so stray bytes never end the console (the dispatcher judges the text that results)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""

    def feed(self, chunk: bytes) -> list[str]:
        """The lines ``chunk`` completes; an empty chunk is the end (the last line, if any)."""
        self._pending += self._decoder.decode(chunk, final=not chunk)
        *lines, self._pending = self._pending.split("\n")
        if not chunk and self._pending:
            lines.append(self._pending)
            self._pending = ""
        return lines
