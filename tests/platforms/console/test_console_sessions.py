"""Each console session numbers its own messages: #n never reaches an earlier session's message,
and `orgbot console --fresh` runs on a throwaway database beside the installed lawmaker data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.domain.models import Platform
from bot.messages import Message, PostedRef
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services

from ...conftest import REPO_ROOT, Transcript
from ...stored import stored_rows
from .scenes import SLUG, START, feed


async def earlier_session_posts_a_prompt(services: Services) -> int:
    """A first console session posts the campaign's prompt; its number in that session."""
    first = await start_console(services, Transcript())  # type: ignore[arg-type]
    await feed(first, "/as olga organizer", *START, f"/prompt post {SLUG}")
    [number] = [n for n, m in first.messages.items() if m.title == "Fund the IRS privacy office"]
    return number


async def test_a_number_never_reaches_an_earlier_sessions_prompt(
    full_services: Services, transcript: Transcript
) -> None:
    """A new session's #n, the same number as an earlier session's prompt, is its own message:
    reacting on it counts nothing, and posting the prompt again is not refused."""
    number = await earlier_session_posts_a_prompt(full_services)
    second = await start_console(full_services, transcript)  # type: ignore[arg-type]
    for _ in range(number):
        await feed(second, "/about")
    await feed(second, "/as ann", f"/react {number} 📞")
    rows = await full_services.db.fetchall("SELECT id FROM actions")
    assert rows == []
    assert "Counted" not in transcript.text
    await feed(second, "/as olga organizer", f"/prompt post {SLUG}")
    assert "⚠" not in transcript.text
    prompts = await full_services.db.fetchall("SELECT channel_id, message_id FROM prompts")
    assert len({tuple(p) for p in prompts}) == 2


async def test_an_edit_of_an_earlier_sessions_message_changes_nothing_here(
    services: Services, transcript: Transcript
) -> None:
    """An update of a message another session showed (a live count, say) does not overwrite
    this session's message with the same number."""
    first = ConsoleHost(services, Transcript().write)
    second = ConsoleHost(services, transcript.write)
    actor = await services.members.actor(Platform.CONSOLE, first.session, "olga", True)
    old = await first.post(actor.community, CHANNEL, Message(body="first session"))
    await second.post(actor.community, CHANNEL, Message(body="second session"))
    transcript.clear()
    await second.edit(actor.community, old, Message(body="updated"))
    assert second.messages[1].body == "second session"
    assert transcript.text == ""
    assert second.number_of(old) is None
    assert first.number_of(old) == 1
    assert old != PostedRef(CHANNEL, "1")


def orgbot(tmp_path: Path, data_dir: Path, *args: str, lines: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(tmp_path / "orgbot.sqlite3"),
        "ORGBOT_DATA_DIR": str(data_dir),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(tmp_path / "console"),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", *args],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )


def test_fresh_uses_a_throwaway_database_and_the_installed_data(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    """--fresh starts with no campaigns, looks lawmakers up in the installed data, leaves the
    usual database as it was and leaves no other behind."""
    first = orgbot(
        tmp_path,
        full_data_dir,
        "--script",
        "-",
        lines=f"/as olga organizer\n{chr(10).join(START)}\n",
    )
    assert first.returncode == 0, first.stderr
    db = tmp_path / "orgbot.sqlite3"
    before = db.read_bytes() if db.exists() else None  # on PostgreSQL, the test's database
    files = sorted(tmp_path.rglob("*"))
    fresh = orgbot(
        tmp_path,
        full_data_dir,
        "--fresh",
        "--script",
        "-",
        lines=f"/as olga organizer\n/campaign list\n{chr(10).join(START)}\n/reps 05401\n",
    )
    assert fresh.returncode == 0, fresh.stderr
    assert "⚠" not in fresh.stdout
    assert "There are no campaigns yet" in fresh.stdout.split("> /campaign list", 1)[1]
    assert "Sen. Bernard Sanders" in fresh.stdout
    assert (db.read_bytes() if db.exists() else None) == before
    assert sorted(tmp_path.rglob("*")) == files
    assert stored_rows(db, "SELECT count(*) FROM campaigns") == [(1,)]
