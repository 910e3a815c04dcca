"""Run the console host: interactively at a prompt, or from a script with a transcript."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from typing import TextIO

from bot.app import cog_modules
from bot.platforms.console.host import META_HELP, ConsoleHost
from bot.scheduling.console_clock import HELP as CLOCK_HELP
from bot.scheduling.console_clock import ClockControl
from bot.services import Services


async def start_console(services: Services, out: TextIO) -> ConsoleHost:
    """A console host with every cog loaded, writing to ``out``."""

    def write(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    host = ConsoleHost(services, write)
    await host.load_extensions(cog_modules())
    clock = ClockControl(services.clock, services.scheduler.engine)
    host.add_control("clock", clock, f"Time: {CLOCK_HELP}.")
    return host


async def run_script(services: Services, lines: Iterable[str], out: TextIO) -> None:
    """Feed each line to the host, echoing it first, so the output reads as a transcript."""
    host = await start_console(services, out)
    for raw in lines:
        line = raw.rstrip("\n")
        if not host.form_pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        out.write(f"> {line}\n")
        if not await host.handle(line):
            break


async def run_interactive(services: Services, out: TextIO = sys.stdout) -> None:
    """A prompt in the terminal until /quit or end of input."""
    host = await start_console(services, out)
    out.write(
        "organizer-bot console. Type /help for commands, /console for console controls.\n"
        f"{META_HELP}\n"
    )
    loop = asyncio.get_running_loop()
    while True:
        try:
            line = await loop.run_in_executor(None, input, f"{host.user}> ")
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return
        if not await host.handle(line):
            return
