"""`orgbot run` as a real process with ORGBOT_HTTP_PORT set and JSON logs: the HTTP server
answers /healthz and /metrics while Discord cannot be reached, and every log line is one
JSON object."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
from pathlib import Path

import aiohttp

from .monitoring import samples, value
from .orgbot_process import WAIT, orgbot_env, start

LISTENING = re.compile(r"HTTP server listening on 127\.0\.0\.1:(\d+)$")


def closed_port() -> int:
    """An ephemeral port with nothing listening on it (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def fetch(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def test_orgbot_run_serves_health_and_metrics_and_logs_json(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    """Discord unreachable: /healthz is 503 naming discord (the database and index up),
    /metrics says discord is not connected; SIGTERM stops it cleanly; stderr is JSON lines."""
    closed = closed_port()
    env = orgbot_env(
        tmp_path,
        full_data_dir,
        DISCORD_TOKEN="MTIz.not-a-real.token",
        ORGBOT_DISCORD_API_BASE=f"http://127.0.0.1:{closed}/api/v10",
        ORGBOT_DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{closed}/",
        ORGBOT_CONNECT_RETRY_FIRST="0.05",
        ORGBOT_CONNECT_RETRY_MAX="0.2",
        ORGBOT_HTTP_HOST="127.0.0.1",
        ORGBOT_HTTP_PORT="0",
        ORGBOT_LOG_FORMAT="json",
    )
    process = await start("run", env=env)
    assert process.stderr is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(WAIT):
            port = None
            while port is None:
                line = await process.stderr.readline()
                assert line, "orgbot run ended:\n" + "\n".join(lines)
                lines.append(line.decode().rstrip("\n"))
                found = LISTENING.search(json.loads(lines[-1])["message"])
                port = int(found.group(1)) if found else None
            health, body = await fetch(port, "/healthz")
            scraped, metrics = await fetch(port, "/metrics")
            while not any("Cannot reach Discord" in line for line in lines):  # it has tried
                line = await process.stderr.readline()
                assert line, "orgbot run ended:\n" + "\n".join(lines)
                lines.append(line.decode().rstrip("\n"))
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(WAIT):
        _, rest = await process.communicate()
    lines += rest.decode().splitlines()

    assert health == 503, body
    assert json.loads(body) == {
        "status": "down",
        "down": ["discord"],
        "checks": {"database": "up", "lawmaker_index": "up", "discord": "down"},
    }
    assert scraped == 200
    assert value(samples(metrics), "orgbot_platform_connected", platform="discord") == 0
    assert process.returncode == 0, "\n".join(lines)
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all(set(r) >= {"time", "level", "logger", "message"} for r in records), records
    assert any("Cannot reach Discord" in r["message"] for r in records), records
