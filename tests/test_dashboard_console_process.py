"""`orgbot run` with no token (the console) and the dashboard's settings, as a real process:
its HTTP server serves the page of the link /dashboard prints, as README says."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import aiohttp
from cryptography.fernet import Fernet

from .orgbot_process import WAIT, orgbot_env, start
from .test_monitoring_process import closed_port

LINK = re.compile(r"(http://127\.0\.0\.1:\d+/dashboard\?t=[A-Za-z0-9._-]+)")


async def test_the_console_serves_the_dashboard_link_it_prints(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    port = closed_port()
    env = orgbot_env(
        tmp_path,
        full_data_dir,
        ORGBOT_HTTP_HOST="127.0.0.1",
        ORGBOT_HTTP_PORT=str(port),
        ORGBOT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        ORGBOT_SECRET_KEY=Fernet.generate_key().decode(),
    )
    process = await start("run", env=env)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"/as olga organizer\n/dashboard\n")
        await process.stdin.drain()
        link = None
        async with asyncio.timeout(WAIT):
            while link is None:
                line = (await process.stdout.readline()).decode()
                assert line, "the console ended before printing a link"
                found = LINK.search(line)
                link = found.group(1) if found else None
            async with aiohttp.ClientSession() as session:
                async with session.get(link) as page:
                    assert page.status == 200
                    assert "no-referrer" in page.headers["Referrer-Policy"]
                async with session.get(link[:-1] + ("A" if link[-1] != "A" else "B")) as forged:
                    assert forged.status == 403
            process.stdin.write(b"/quit\n")
            await process.stdin.drain()
            assert await process.wait() == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
