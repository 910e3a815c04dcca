"""A prompt the console printed is a posted prompt, also after the console was restarted.

Two console processes in turn (``python -m bot console --script -``) on one SQLite file each
advance the clock through scheduled prompts; the second one's messages are numbered from #1
again. Every prompt either printed is recorded 'sent', and no organizer is told a prompt
"could not be posted". And should a printed prompt's message ever fail to be linked to its
prompt, the post still counts as made.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_services, close_services
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, Platform
from bot.domain.schedule_models import DispatchStatus
from bot.i18n.stored import kept
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from bot.settings import load_settings

from ...conftest import REPO_ROOT, Transcript
from ...stored import stored_rows

TITLE = "Protect the data"


def console(database: Path, data_dir: Path, script: str) -> str:
    """Run one console session on ``database`` with ``script``; its transcript."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))},
        "ORGBOT_DATABASE_PATH": str(database),
        "ORGBOT_DATA_DIR": str(data_dir),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(database.parent / "console"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", os.devnull, "console", "--script", "-"],
        input=script,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


async def test_prompts_printed_before_and_after_a_restart_are_all_posted(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    """Session one advances a day, session two three days (its #1 is a prompt, as session
    one's was): every slot is 'sent', none 'failed', and nobody is told otherwise."""
    database = tmp_path / "orgbot.sqlite3"
    settings = load_settings(env_file=None, database_path=database, data_dir=full_data_dir)
    services = await build_services(settings, ManualClock(datetime.now(UTC) - timedelta(hours=1)))
    try:
        you, campaign = await running_campaign(services)
        await services.schedules.add(you, campaign.slug, "calls", "daily 09:00")
    finally:
        await close_services(services)

    first = console(database, full_data_dir, "/clock advance 1d\n")
    second = console(database, full_data_dir, "/clock advance 3d\n")
    assert f"#1 {TITLE}" in first and f"#1 {TITLE}" in second
    statuses = [s for (s,) in stored_rows(database, "SELECT status FROM dispatches ORDER BY slot")]
    printed = (first + second).count(f" {TITLE}\n")
    assert statuses == ["sent"] * printed
    assert "could not be posted" not in first + second
    assert "⚠" not in first + second


async def running_campaign(services: Services) -> tuple[Actor, Campaign]:
    you = await services.members.actor(Platform.CONSOLE, "console", "you", True)
    created = await services.campaigns.create(
        you, {"title": TITLE, "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
    )
    return you, await services.campaigns.set_status(you, created.slug, CampaignStatus.ACTIVE)


async def test_a_printed_prompt_whose_message_cannot_be_linked_is_still_posted(
    services: Services,
) -> None:
    """Two sessions that (against the odds) share a tag show #1 under the same message id:
    the second session's prompt cannot be linked to its message, but it was printed, so its
    slot is 'sent' (saying why), and no "could not be posted" DM goes out."""
    transcript = Transcript()
    you, campaign = await running_campaign(services)
    await services.schedules.add(you, campaign.slug, "calls", "daily 09:00")
    services.scheduler.attach(ConsoleHost(services, Transcript().write, tag="same"))
    await services.scheduler.engine.advance(timedelta(days=1))
    services.scheduler.attach(ConsoleHost(services, transcript.write, tag="same"))
    await services.scheduler.engine.advance(timedelta(days=1))
    rows = await services.db.fetchall("SELECT status, detail FROM dispatches ORDER BY slot")
    assert [r["status"] for r in rows] == [DispatchStatus.SENT] * 2
    assert str(kept(rows[1]["detail"])).startswith("posted, but not linked to its prompt")
    assert f"#1 {TITLE}" in transcript.text
    assert "could not be posted" not in transcript.text
