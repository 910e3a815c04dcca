"""`orgbot run` with tokens set and no network: one line per failed try, retries with a capped,
jittered backoff, no traceback, and SIGTERM still stops it at once. The real process and the
real discord.py / slack-bolt clients, pointed at a closed 127.0.0.1 port."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.domain.errors import StartupError
from bot.platforms.reconnect import Backoff, Unreachable, keep_trying, reason

WAIT = 60  # seconds: a bound on waiting for output, never a pause


def closed_port() -> int:
    """An ephemeral port with nothing listening on it (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the backoff -------------------------------------------------------------------------------
def test_the_backoff_doubles_up_to_its_cap() -> None:
    """Without jitter: 2, 4, 8, ... and never above the cap."""
    delays = Backoff(first=2, cap=20, jitter=0).delays()
    assert [next(delays) for _ in range(6)] == [2, 4, 8, 16, 20, 20]


def test_the_jitter_spreads_each_wait_within_bounds() -> None:
    """The jitter moves a wait by at most ±20%, and a jittered wait stays under the cap."""
    low = Backoff(first=10, cap=100).delays(rand=lambda: 0.0)
    high = Backoff(first=10, cap=100).delays(rand=lambda: 1.0)
    assert [round(next(low), 6) for _ in range(3)] == [8, 16, 32]
    assert [round(next(high), 6) for _ in range(6)] == [12, 24, 48, 96, 100, 100]


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "could not be looked up"),
        (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), "connection refused"),
        (TimeoutError(), "timed out"),
        (aiohttp.ServerDisconnectedError(), "ServerDisconnectedError"),
    ],
)
def test_the_reason_is_a_few_plain_words(error: BaseException, says: str) -> None:
    assert says in reason(error)


async def test_unreachable_is_retried_and_other_errors_are_not() -> None:
    """Two unreachable tries, then a connection: the waits follow the backoff; a refused token
    (any other StartupError) ends it at once."""
    tries: list[int] = []
    waits: list[float] = []

    async def start() -> None:
        tries.append(len(tries) + 1)
        if len(tries) < 3:
            raise Unreachable("Cannot reach Example.")

    async def record(seconds: float) -> None:
        waits.append(seconds)

    await keep_trying(start, Backoff(first=1, jitter=0), sleep=record)
    assert tries == [1, 2, 3] and waits == [1, 2]

    async def refused() -> None:
        raise StartupError("Example refused the token.")

    with pytest.raises(StartupError, match="refused the token"):
        await keep_trying(refused, Backoff(), sleep=record)
    assert waits == [1, 2]


async def test_a_stop_during_the_wait_ends_it_at_once() -> None:
    """Cancelling (what SIGTERM and Ctrl-C do) while waiting for the next try ends the retries."""
    waiting = asyncio.Event()

    async def unreachable() -> None:
        raise Unreachable("Cannot reach Example.")

    async def forever(_: float) -> None:
        waiting.set()
        await asyncio.Event().wait()

    task = asyncio.ensure_future(keep_trying(unreachable, Backoff(), sleep=forever))
    await waiting.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


# -- the real process ---------------------------------------------------------------------------
async def test_orgbot_run_offline_says_one_line_per_try_and_stops_on_sigterm(
    tmp_path: Path,
    database_url: str | None,
) -> None:
    """Discord and Slack tokens set, both APIs and the data mirror on a closed port, no lawmaker
    data: a short message naming --mirror and ORGBOT_DATA_MIRROR, one line per failed try,
    tries again for each platform, no traceback; SIGTERM stops it with exit code 0."""
    port = closed_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DISCORD_TOKEN": "MTIz.not-a-real.token",
        "SLACK_BOT_TOKEN": "xoxb-not-real",
        "SLACK_APP_TOKEN": "xapp-not-real",
        "ORGBOT_DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10",
        "ORGBOT_DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/",
        "ORGBOT_SLACK_API_URL": f"http://127.0.0.1:{port}/api/",
        "ORGBOT_DATA_MIRROR": f"http://127.0.0.1:{port}/",
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
        "ORGBOT_DATABASE_PATH": str(tmp_path / "orgbot.sqlite3"),
        "ORGBOT_CONNECT_RETRY_FIRST": "0.05",
        "ORGBOT_CONNECT_RETRY_MAX": "0.2",
    }
    if database_url:  # the PostgreSQL run
        env["ORGBOT_DATABASE_URL"] = database_url
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--env-file",
        os.devnull,
        "run",
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    lines: list[str] = []
    wanted = ("Cannot reach Discord at", "Cannot reach Slack's Web API at")
    try:
        async with asyncio.timeout(WAIT):
            # "(try 3)" for both: each platform was tried a second time, and that failed too.
            while not all(any(w in x and "(try 3)" in x for x in lines) for w in wanted):
                line = await process.stdout.readline()
                assert line, "orgbot run ended:\n" + "\n".join(lines)
                lines.append(line.decode().rstrip())
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(WAIT):
        rest, _ = await process.communicate()
    output = [*lines, *rest.decode().splitlines()]
    text = "\n".join(output)

    assert process.returncode == 0, text
    assert "Traceback" not in text and "Error Group" not in text, text
    [data] = [x for x in output if x.startswith("orgbot: ")]
    assert "`orgbot data sync --mirror" in data and "ORGBOT_DATA_MIRROR" in data, data
    for platform in wanted:
        tries = [x for x in output if platform in x]
        assert tries and all("connection refused" in x and "Trying again in" in x for x in tries)
    # Besides log lines, only the first-start download says anything: a handful of lines.
    plain = [x for x in output if not x[:4].isdigit()]
    assert len(plain) <= 8, text
