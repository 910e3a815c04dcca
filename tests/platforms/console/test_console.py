"""The console host: transcripts, meta-commands, and the installed `orgbot console` script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ...conftest import REPO_ROOT, Transcript
from ...fakes.sample_cog import SampleCog


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


async def test_help_lists_commands_by_permission(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """Members see the commands they may use; the list comes from the registry."""
    await console.add_cog(SampleCog())
    await feed(console, "/as ann", "/help")
    assert "/echo <times>" in transcript.text
    assert "/thing make" not in transcript.text
    transcript.clear()
    await feed(console, "/as olga organizer", "/help")
    assert "/thing make <name>" in transcript.text


async def test_messages_are_numbered_and_buttons_pressable(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """Each message gets #n; /press and /select act on message n as the current member."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/as olga organizer", "/thing make box")
    assert "#1 Thing box" in transcript.text
    assert "[Poke] [Drop]" in transcript.text
    await feed(console, "/as ann", "/press 1 poke", "/select 1 large", "/select 1 1")
    assert "#2 (only you can see this)\n   poked box as ann" in transcript.text
    assert "size l" in transcript.text and "size s" in transcript.text
    assert cog.pressed == ["box"]


async def test_reactions_reach_the_cog(console: ConsoleHost) -> None:
    """/react and /unreact deliver reaction events for the numbered message."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/help", "/react 1 📞", "/unreact #1 📞")
    assert [(e.ref, e.emoji, e.added) for e in cog.reactions] == [
        (console.ref_of(1), "📞", True),
        (console.ref_of(1), "📞", False),
    ]


async def test_meta_command_mistakes_are_explained(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """Bad meta-commands get a sentence, not a crash."""
    await feed(
        console,
        "/as",
        "/as bad name!",
        "/as ann boss",
        "/press 9 ok",
        "/press x",
        "/help",
        "/press 1 nothing",
        "/select 1 nothing",
        "hello",
    )
    text = transcript.text
    assert "Usage: /as <name> [organizer]" in text
    assert "Unknown role 'boss'" in text
    assert "There is no message #9." in text
    assert "Usage: /press <n> <button label>" in text
    assert "has no button 'nothing'" in text
    assert "has no menu option 'nothing'" in text
    assert "Commands start with /." in text


async def test_quit_ends_the_session(console: ConsoleHost) -> None:
    """/quit returns False to stop the loop."""
    assert await console.handle("/quit") is False


async def test_attachments_are_saved_to_files(services: Services, tmp_path: Path) -> None:
    """Files a message carries are written to the output folder and their paths printed."""
    from bot.messages import Attachment, Message

    out: list[str] = []
    host = ConsoleHost(services, out.append)
    await host.post(None, "console", Message(attachments=(Attachment("c.png", b"\x89PNG"),)))  # type: ignore[arg-type]
    saved = Path(out[0].split("File saved: ")[1])
    assert saved.read_bytes() == b"\x89PNG"


def test_orgbot_console_script_prints_help_and_about(
    tmp_path: Path, database_url: str | None
) -> None:
    """The installed `orgbot console --script -` prints the command list and the about text."""
    orgbot = Path(sys.executable).parent / "orgbot"
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
    }
    result = subprocess.run(
        [str(orgbot), "console", "--script", "-"],
        input="/help\n/about\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "> /help" in result.stdout and "/about" in result.stdout
    assert "About organizer-bot" in result.stdout
    assert "What the bot keeps about members" in result.stdout


def test_bad_setting_stops_the_cli_with_one_line(tmp_path: Path) -> None:
    """A malformed setting exits 2 with one line on stderr naming it, and no traceback."""
    env = {**os.environ, "ORGBOT_DB_BUSY_TIMEOUT_MS": "later"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--script", "-"],
        input="/help\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "ORGBOT_DB_BUSY_TIMEOUT_MS" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.sqlite_only  # a corrupt SQLite file
def test_corrupt_database_stops_the_cli_with_one_line(tmp_path: Path) -> None:
    """A corrupt database file is named in one line and left untouched."""
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"garbage" * 1000)
    env = {**os.environ, "ORGBOT_DATABASE_PATH": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--script", "-"],
        input="/help\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not a valid SQLite file" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == b"garbage" * 1000


async def test_forms_ask_one_field_at_a_time(console: ConsoleHost, transcript: Transcript) -> None:
    """A Form is asked field by field; long text ends with '.', '-' keeps the default."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/note money", "", "Rent", "line one", "", "line three", ".", "-")
    assert cog.notes == [
        ("money", {"title": "Rent", "body": "line one\n\nline three", "tag": "none"})
    ]
    assert "Title is required." in transcript.text
    assert "saved Rent in money" in transcript.text


async def test_forms_check_length_and_can_be_cancelled(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """An over-long answer is asked again; /cancel saves nothing."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/note", "x" * 21, "/cancel", "/help")
    assert "the limit is 20" in transcript.text
    assert "Form cancelled; nothing was saved." in transcript.text
    assert cog.notes == []
    assert not console.form_pending
