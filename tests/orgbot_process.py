"""``python -m bot ...`` as a real process, on temporary folders, with a deadline.

A process that outlives its deadline is killed and fails the test with what it wrote: a hang
is a failure, never a stuck suite.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

WAIT = 60.0  # generous for a loaded 2-core machine; a healthy run takes a second or two
TOKENS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


def orgbot_env(tmp_path: Path, data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a bot on ``tmp_path`` (no token: the console), plus ``settings``.

    On the PostgreSQL run it keeps ORGBOT_DATABASE_URL (the test's database_url fixture)."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if k not in TOKENS and (not k.startswith("ORGBOT_") or k == "ORGBOT_DATABASE_URL")
    }
    return keep | {
        "ORGBOT_DATABASE_PATH": str(tmp_path / "orgbot.sqlite3"),
        "ORGBOT_DATA_DIR": str(data_dir),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(tmp_path / "console"),
        "ORGBOT_LOG_LEVEL": "INFO",
        **settings,
    }


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


async def start(
    *args: str, env: dict[str, str], python: tuple[str, ...] = ("-m", "bot")
) -> asyncio.subprocess.Process:
    """``python -m bot --env-file /dev/null ARGS`` with pipes for stdin, stdout and stderr."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        *python,
        "--env-file",
        os.devnull,
        *args,
        cwd=REPO_ROOT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def orgbot(
    *args: str, env: dict[str, str], stdin: str = "", python: tuple[str, ...] = ("-m", "bot")
) -> Finished:
    """Run to the end with ``stdin`` as its input; fails the test if it is not done by WAIT."""
    process = await start(*args, env=env, python=python)
    try:
        out, err = await asyncio.wait_for(process.communicate(stdin.encode()), WAIT)
    except TimeoutError:
        process.kill()
        out, err = await process.communicate()
        pytest.fail(
            f"`orgbot {' '.join(args)}` was still running after {WAIT:.0f} s; it wrote:\n"
            f"{err.decode('utf-8', 'replace')[-3000:]}"
        )
    assert process.returncode is not None
    return Finished(
        process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    )


def assert_one_line_error(run: Finished, *words: str, progress: bool = False) -> None:
    """Non-zero exit and one ``orgbot: ...`` line holding ``words``, the last; no traceback.

    Nothing else is written, unless ``progress`` allows a sync's progress lines before it."""
    assert run.code != 0, run
    assert "Traceback" not in run.stderr, run.stderr
    errors = [line for line in run.stderr_lines if line.startswith("orgbot: ")]
    assert len(errors) == 1 and run.stderr_lines[-1] == errors[0], run.stderr
    assert progress or len(run.stderr_lines) == 1, run.stderr
    line = errors[0]
    for word in words:
        assert word in line, line
