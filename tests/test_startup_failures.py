"""What cannot be read at start never hangs the process nor shows the operator a traceback.

Each case runs ``python -m bot`` as a real process on temporary folders, with a deadline: a
broken template is listed as unavailable and the bot starts; a deeply nested or non-regular
file in a data mirror, an unopenable database and an error nobody foresaw each end the process
promptly, non-zero, with one line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.civic import INDEX_FILENAME
from tests.civic.civic_fakes import write_mirror

from .orgbot_process import assert_one_line_error, orgbot, orgbot_env
from .stored import left_sound

NESTED_YAML = "[" * 30_000  # tens of kB, under the template size limit
NESTED_JSON = "[" * 100_000
GOOD_TEMPLATE = "title: A fine campaign\nask: Call.\nscript: Hi {lawmaker}, I live in {city}.\n"


async def test_nested_and_fifo_templates_are_listed_unavailable_and_the_bot_starts(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    """A ``[[[[...`` template and a FIFO named like one: one log line each, listed, and the
    console answers."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "fine.yaml").write_text(GOOD_TEMPLATE)
    (templates / "deep.yaml").write_text(NESTED_YAML)
    os.mkfifo(templates / "pipe.yaml")
    script = tmp_path / "import.txt"
    script.write_text("/campaign import\n")
    env = orgbot_env(tmp_path, full_data_dir, ORGBOT_CAMPAIGN_TEMPLATES_DIR=str(templates))

    run = await orgbot("console", "--script", str(script), env=env)

    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert [line.split(": ", 1)[1] for line in run.stderr_lines] == [
        f"campaign template {templates / 'deep.yaml'} is unavailable: "
        "it is nested too deeply to be a template",
        f"campaign template {templates / 'pipe.yaml'} is unavailable: "
        "it is a FIFO (named pipe), not a regular file",
    ]
    assert "Available: fine A fine campaign" in run.stdout
    assert "deep it is nested too deeply to be a template" in run.stdout
    assert "pipe it is a FIFO (named pipe), not a regular file" in run.stdout


def bad_mirror(tmp_path: Path, kind: str) -> Path:
    """The small fake mirror with one file broken: nested JSON, or a FIFO in its place."""
    if kind == "nested":
        return write_mirror(tmp_path / "mirror", legislators_current_json=NESTED_JSON)
    folder = write_mirror(tmp_path / "mirror", zccd_csv=None)
    os.mkfifo(folder / "zccd.csv")
    return folder


MIRROR_CASES = [
    ("nested", "legislators-current.json is nested too deeply to be read"),
    ("fifo", "zccd.csv is a FIFO (named pipe), not a regular file"),
]


@pytest.mark.parametrize(("kind", "words"), MIRROR_CASES)
async def test_data_sync_refuses_a_bad_mirror_file_in_one_line(
    tmp_path: Path, kind: str, words: str
) -> None:
    """`orgbot data sync --mirror`: exit 1 with one line naming the file; nothing installed."""
    data_dir = tmp_path / "civic"
    mirror = bad_mirror(tmp_path, kind)
    run = await orgbot("data", "sync", "--mirror", str(mirror), env=orgbot_env(tmp_path, data_dir))
    assert run.code == 1
    assert_one_line_error(run, words, progress=True)
    assert not (data_dir / INDEX_FILENAME).exists()


@pytest.mark.parametrize(("kind", "words"), MIRROR_CASES)
async def test_the_first_start_sync_from_a_bad_mirror_is_told_and_the_bot_runs_on(
    tmp_path: Path, kind: str, words: str, database_url: str | None
) -> None:
    """`orgbot run` with no lawmaker data yet and a broken ORGBOT_DATA_MIRROR: one line, and
    the console still answers."""
    env = orgbot_env(
        tmp_path, tmp_path / "civic", ORGBOT_DATA_MIRROR=str(bad_mirror(tmp_path, kind))
    )
    run = await orgbot("run", env=env, stdin="/help\n")
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    told = [line for line in run.stderr_lines if line.startswith("orgbot: ")]
    assert len(told) == 1 and words in told[0], run.stderr
    assert "Lawmaker lookups stay unavailable" in told[0]
    assert "Commands" in run.stdout  # /help answered


def unopenable(tmp_path: Path, case: str) -> Path:
    if case == "parent is a file":
        (tmp_path / "afile").write_text("not a folder")
        return tmp_path / "afile" / "orgbot.sqlite3"
    if case == "a folder":
        (tmp_path / "afolder").mkdir()
        return tmp_path / "afolder"
    (tmp_path / "notes.txt").write_bytes(os.urandom(4096))
    return tmp_path / "notes.txt"


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("parent is a file", "Not a directory"),
        ("a folder", "Cannot open database"),
        ("not SQLite", "is not a valid SQLite file"),
    ],
)
@pytest.mark.sqlite_only
async def test_an_unopenable_database_ends_the_start_in_one_line(
    tmp_path: Path, full_data_dir: Path, case: str, words: str
) -> None:
    """Exit 2 at once with one line naming the database; no traceback."""
    database = unopenable(tmp_path, case)
    env = orgbot_env(tmp_path, full_data_dir, ORGBOT_DATABASE_PATH=str(database))
    run = await orgbot("run", env=env)
    assert run.code == 2
    assert_one_line_error(run, words, str(database.name))


# A fault nobody foresaw, once the database is open: what a nested template did before.
FAULT = """
import bot.app
def load_templates(folder):
    raise RecursionError("maximum recursion depth exceeded\\nwhile reading a template")
bot.app.load_templates = load_templates
from bot.__main__ import main
raise SystemExit(main())
"""


async def test_an_unexpected_start_up_error_closes_the_database_and_exits_in_one_line(
    tmp_path: Path, full_data_dir: Path, database_url: str | None
) -> None:
    """Exit 1 with one line naming the error (traceback only at DEBUG); the database was
    closed, so nothing keeps the process alive, and the next start is not refused."""
    env = orgbot_env(tmp_path, full_data_dir)
    run = await orgbot("run", env=env, python=("-c", FAULT))
    assert run.code == 1
    assert_one_line_error(
        run, "stopped by an unexpected error (RecursionError: maximum recursion depth exceeded)"
    )
    assert left_sound(tmp_path / "orgbot.sqlite3")
    debug = await orgbot("run", env=env | {"ORGBOT_LOG_LEVEL": "DEBUG"}, python=("-c", FAULT))
    assert "Traceback" in debug.stderr  # asked for: the operator gets it at DEBUG
    assert (await orgbot("run", env=env)).code == 0
