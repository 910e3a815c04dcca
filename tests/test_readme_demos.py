"""Every console demo the README shows, run as written and in README order, on one data folder
whose database an earlier plain console session already used (as after `make run`).

The README is parsed, so this test follows it. A demo file's comment speaks for the lines below
it, up to the next comment: "(message #N)" says those lines show message #N, and "(refused on
purpose)" that they get a refusal. Every other line must pass without a refusal or an apology,
and every /press, /select, /react or /unreact names a message a comment announced.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

import pytest

from bot.app import build_services, close_services
from bot.platforms.console.runner import run_script
from bot.scheduling.clockwork import OffsetClock
from bot.settings import Settings, load_settings

from .conftest import REPO_ROOT, Transcript

README = REPO_ROOT / "README.md"
DEMOS = REPO_ROOT / "docs" / "demos"
REFUSED = "(refused on purpose)"
ANNOUNCED = re.compile(r"\(message #(\d+)\)")
REFERENCE = re.compile(r"^/(?:press|select|react|unreact)\s+#?(\d+)\b")
PROBLEMS = ("⚠", "Sorry, something went wrong", "Commands start with /")
# What an earlier console session on the same database leaves behind: the campaign the demos
# import, its prompt as message #2, a schedule, a reminder and a reaction.
EARLIER_SESSION = [
    "/as olga organizer",
    "/campaign import irs-data-privacy",
    "/prompt post irs-data-privacy",
    "/schedule add irs-data-privacy calls weekdays 09:00",
    "/as ann",
    "/setzip 05401",
    "/remind on",
    "/react 2 📞",
]


@dataclass
class Block:
    """A demo comment and the lines below it, with what the console printed for them."""

    notes: str
    lines: list[str]
    output: str = ""

    def where(self) -> str:
        return "\n".join([self.notes.rstrip(), *self.lines, "--- printed:", self.output])


def readme_commands() -> list[str]:
    """The shell lines of the README's ``sh`` blocks that run the console, in order."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)
    lines = [re.sub(r"\s+#.*$", "", line).strip() for block in blocks for line in block.split("\n")]
    return [line for line in lines if "orgbot console" in line]


def demo_blocks(text: str) -> list[Block]:
    blocks = [Block("", [])]
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            if blocks[-1].lines:
                blocks.append(Block("", []))
            blocks[-1].notes += line + "\n"
        elif line.strip():
            blocks[-1].lines.append(line)
    return [b for b in blocks if b.lines]


def split_transcript(transcript: str, blocks: list[Block]) -> None:
    """Give each block the output of its lines; the echoed lines must be the demo's."""
    _, *pairs = re.split(r"^> (.*)\n", transcript, flags=re.M)
    echoed, outputs = pairs[0::2], pairs[1::2]
    assert echoed == [line for b in blocks for line in b.lines], "the transcript follows the demo"
    taken = 0
    for block in blocks:
        block.output = "".join(outputs[taken : taken + len(block.lines)])
        taken += len(block.lines)


def check_blocks(blocks: list[Block]) -> list[int]:
    """Refusals only where intended, announced numbers shown, references announced; the
    announced numbers."""
    announced: list[int] = []
    for block in blocks:
        problems = [line for line in block.output.splitlines() if any(p in line for p in PROBLEMS)]
        if REFUSED in block.notes:
            assert problems, f"a refusal was announced but none came:\n{block.where()}"
        else:
            assert not problems, f"an unintended refusal or apology:\n{block.where()}"
        for number in map(int, ANNOUNCED.findall(block.notes)):
            assert re.search(rf"^#{number}(?!\d)", block.output, re.M), (
                f"message #{number} is not shown where the comment says:\n{block.where()}"
            )
            announced.append(number)  # a line below may act on it
        for line in block.lines:
            found = REFERENCE.match(line)
            assert found is None or int(found.group(1)) in announced, (
                f"{line!r} names a message no comment announced:\n{block.where()}"
            )
    return announced


@pytest.fixture
async def used_data(tmp_path: Path, full_data_dir: Path, database_url: str | None) -> Settings:
    """A data folder as after `make run`: the installed lawmaker data and a database an earlier
    plain console session used."""
    settings = load_settings(
        env_file=None,
        database_path=tmp_path / "data" / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "data" / "console",
    )
    services = await build_services(settings, OffsetClock())
    try:
        out = Transcript()
        await run_script(services, EARLIER_SESSION, out)  # type: ignore[arg-type]
        assert "⚠" not in out.text, out.text
    finally:
        await close_services(services)
    return settings


async def run_shell(command: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run a README line with sh in the repository, as a person would paste it."""
    process = await asyncio.create_subprocess_exec(
        "sh", "-c", command, cwd=REPO_ROOT, env=env, stdout=PIPE, stderr=PIPE
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=180)
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def counts(settings: Settings) -> tuple[int, ...]:
    services = await build_services(settings, OffsetClock())
    try:
        found = []
        for table in ("campaigns", "prompts", "schedules", "actions", "members"):
            row = await services.db.fetchone(f"SELECT count(*) FROM {table}")
            assert row is not None
            found.append(int(row[0]))
        return tuple(found)
    finally:
        await close_services(services)


async def test_the_readme_demos_run_in_order_on_a_used_data_folder(used_data: Settings) -> None:
    """Each README console command, in README order: no unintended refusal, the message numbers
    the demo's comments give, and the earlier session's database left as it was."""
    commands = readme_commands()
    files = [re.search(r"--script (\S+)", c) for c in commands]
    demo_files = sorted(f.group(1) for f in files if f and f.group(1) != "-")
    assert demo_files == sorted(f"docs/demos/{p.name}" for p in DEMOS.glob("*.txt"))
    before = await counts(used_data)
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "ORGBOT_DATABASE_PATH": str(used_data.database_path),
        "ORGBOT_DATA_DIR": str(used_data.data_dir),
        "ORGBOT_CONSOLE_OUTPUT_DIR": str(used_data.console_output_dir),
    }
    announced = 0
    for command, script in zip(commands, files, strict=True):
        assert ".venv/bin/orgbot " in command, command
        shell = command.replace(".venv/bin/", shlex.quote(str(bin_dir)) + "/")
        returncode, stdout, stderr = await run_shell(shell, env)
        assert returncode == 0, f"{command}\n{stderr}"
        assert "Traceback" not in stderr, f"{command}\n{stderr}"
        if script is None or script.group(1) == "-":
            blocks = [Block("", [command], stdout)]
        else:
            blocks = demo_blocks((REPO_ROOT / script.group(1)).read_text(encoding="utf-8"))
            split_transcript(stdout, blocks)
        announced += len(check_blocks(blocks))
    assert announced >= 5  # the demos do announce the messages they act on
    assert await counts(used_data) == before
