"""The console shows text it did not write, never obeys it: escape sequences, controls, bidi
overrides and line separators are written out (``\\x1b``); a script that is not UTF-8 gets
one line and exit code 2."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.messages import Button, Field, Message, Select, SelectOption
from bot.platforms.console.render import render
from bot.platforms.console.runner import run_script
from bot.services import Services

from ...conftest import REPO_ROOT

# What a terminal would act on: C0 controls but tab and newline, DEL, C1, line and paragraph
# separators, bidi embeddings, overrides and isolates, lone surrogates.
OBEYED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
HOSTILE = "\x1b[2J\x1b]0;owned\x07\r\u202eevil\u2028\x9b31m\x00\ud800"


def test_a_message_with_hostile_text_renders_it_visibly_on_its_own_lines() -> None:
    """Every part of a message (title, body, fields, menus, buttons, footer) shows the
    characters written out; a one-line part stays one line (a body's line breaks are its
    lines)."""
    message = Message(
        title=f"T{HOSTILE}",
        body=f"first{HOSTILE}\nsecond",
        fields=(Field(f"F{HOSTILE}", f"v{HOSTILE}"),),
        selects=(Select("x.pick", (SelectOption(f"O{HOSTILE}", "1"),), f"P{HOSTILE}"),),
        buttons=(Button(f"B{HOSTILE}", "x.press", "1"),),
        footer=f"foot{HOSTILE}",
    )
    text = render(1, message, [])
    assert not OBEYED.search(text)
    assert text.count("\\x1b[2J") == 8
    shown = HOSTILE.encode("unicode_escape", "backslashreplace").decode().replace("\\r", "\\x0d")
    lines = text.splitlines()
    assert lines[0] == f"#1 T{shown}"
    assert [line for line in lines if line.strip().startswith(("[B", "(1) O", "P", "foot"))] == [
        f"   P{shown}:",
        f"      (1) O{shown}",
        f"   [B{shown}]",
        f"   foot{shown}",
    ]
    assert "   second" in lines


async def test_a_scripted_transcript_echoes_and_answers_hostile_lines_visibly(
    services: Services,
) -> None:
    """A script's lines are echoed, and answers quoting them are shown, with nothing a
    terminal would obey; the dispatcher's refusal is the usual one sentence."""
    out = io.StringIO()
    lines = [
        "/help",
        f"/press 1 Go{HOSTILE}",  # the console's own command quotes the label
        f"/campaign show x{HOSTILE}",  # a cog command: refused at the dispatcher
        f"/campaign import irs{HOSTILE}",
    ]
    await run_script(services, lines, out)
    text = out.getvalue()
    assert not OBEYED.search(text)
    assert f"> /press 1 Go{HOSTILE[:4]}".replace("\x1b", "\\x1b") in text
    assert "Message #1 has no button 'Go\\x1b[2J" in text
    assert text.count("a hidden control character") == 2
    assert "something went wrong" not in text


def orgbot_script(tmp_path: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(tmp_path / "orgbot.sqlite3"),
        "ORGBOT_DATA_DIR": str(tmp_path / "civic"),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(tmp_path / "console"),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", "--script", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_script_that_is_not_utf8_gets_one_line_and_exit_code_2(
    tmp_path: Path, source: str, database_url: str | None
) -> None:
    """Latin-1 bytes on line 2: refused whole before any line runs, saying where."""
    script = "/whoami\n/as caf\xe9\n".encode("latin-1")
    if source == "file":
        path = tmp_path / "demo.txt"
        path.write_bytes(script)
        done = orgbot_script(tmp_path, str(path))
        named = str(path)
    else:
        done = orgbot_script(tmp_path, "-", stdin=script)
        named = "on standard input"
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err.splitlines() == [
        f"orgbot: The script {named} is not UTF-8 text (line 2 has the byte 0xe9). "
        "Save it as UTF-8 and run it again."
    ]
    assert b"You are now" not in done.stdout
