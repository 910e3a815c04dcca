"""A real console process stopped with SIGTERM in the middle of ``/clock advance``.

The console (``python -m bot console``, reading a pipe, on a real SQLite file) advances its
clock through many days of scheduled prompts; as soon as the first prompt is printed, the test
sends SIGTERM. The post in flight is finished (printed and recorded 'sent'), no other starts,
and the process exits 0: no row is left 'sending' (which the next start would report as a post
the bot may or may not have made), and every prompt printed is a prompt recorded as posted.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_services, close_services
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.settings import Settings, load_settings

from ...conftest import REPO_ROOT
from ...stored import stored_rows
from ...test_shutdown import Output

WAIT = 60.0
TITLE = "Protect the data"
CHANNELS = 20  # prompts per day, all at 09:00 (each in its own channel)


async def prepare(settings: Settings) -> None:
    """A running campaign with twenty daily 09:00 schedules, made an hour ago."""
    services = await build_services(settings, ManualClock(datetime.now(UTC) - timedelta(hours=1)))
    try:
        you = await services.members.actor(Platform.CONSOLE, "console", "you", True)
        created = await services.campaigns.create(
            you, {"title": TITLE, "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
        )
        await services.campaigns.set_status(you, created.slug, CampaignStatus.ACTIVE)
        for n in range(CHANNELS):
            await services.schedules.add(you, created.slug, f"calls-{n}", "daily 09:00")
    finally:
        await close_services(services)


async def test_sigterm_mid_advance_finishes_the_post_in_flight_and_no_other(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    """SIGTERM right after the first prompt of a long advance is printed: exit 0, no
    traceback, nothing left 'sending', as many prompts recorded sent as were printed, and
    far fewer than the advance would have posted."""
    settings = load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
    )
    await prepare(settings)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))},
        "ORGBOT_DATABASE_PATH": str(settings.database_path),
        "ORGBOT_DATA_DIR": str(full_data_dir),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(tmp_path / "console"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "bot", "--env-file", os.devnull, "console"),
        cwd=REPO_ROOT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout and process.stderr
    stdout, stderr = Output(process.stdout), Output(process.stderr)
    try:
        await stdout.wait_for("organizer-bot console.")
        process.stdin.write(b"/clock advance 200d\n")
        await process.stdin.drain()
        await stdout.wait_for(f"#1 {TITLE}")
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), WAIT) == 0, stderr.text
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    printed = (await stdout.finished()).count(f" {TITLE}\n")
    errors = await stderr.finished()
    assert "Traceback" not in errors, errors
    database = settings.database_path
    rows = dict(stored_rows(database, "SELECT status, count(*) FROM dispatches GROUP BY status"))
    [(recorded,)] = stored_rows(
        database, "SELECT count(*) FROM prompts WHERE message_id IS NOT NULL"
    )
    assert rows == {"sent": printed}, (rows, printed)
    assert recorded == printed
    assert printed < CHANNELS * 100  # stopped mid-advance, not after it
