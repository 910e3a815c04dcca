"""The built wheel carries everything the bot needs: installed (not editable) into a new virtual
environment outside the checkout, it syncs the lawmaker data and runs a campaign in the console.

Slow (it builds the sdist and, from it, the wheel): marked ``wheel``, and ``make test`` runs it.
The new environment sees the project environment's dependencies through a folder of links that
leaves this project's own (editable) install out, so pip finds them installed and downloads
nothing, and ``bot`` can only come from the wheel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from ..conftest import REPO_ROOT
from .install_steps import BUILD, INSTALL, SOURCES, command

pytestmark = [pytest.mark.wheel, pytest.mark.timeout(600)]

STEP_TIMEOUT = 300  # seconds: the build may fetch setuptools into its own environment first
SCRIPT = """\
/as olga organizer
/campaign import irs-data-privacy
/prompt post irs-data-privacy
/reps 05401
"""
PROBLEMS = ("⚠", "Sorry", "Traceback")
WARNING = re.compile(r"\b\w+Warning\b")  # setuptools' own (BuildBackendWarning: ...), not pip's
NOT_FOR_THE_BOT = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
TOKENS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


def clean_env() -> dict[str, str]:
    """This environment without the bot's settings and anything that points Python elsewhere."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ORGBOT_") and k not in NOT_FOR_THE_BOT + TOKENS
    }


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        argv,
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def copy_sources(dest: Path) -> None:
    """What the Dockerfile copies into its build stage, and nothing else of the checkout."""
    dest.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=skip)
        else:
            shutil.copy2(source, dest / name)


def dependency_view(dest: Path) -> Path:
    """Links to what the project environment has installed, except this project itself."""
    dest.mkdir()
    site = Path(sysconfig.get_path("purelib"))
    for entry in site.iterdir():
        name = entry.name.lower()
        ours = name.startswith(("organizer_bot-", "organizer-bot-", "__editable__"))
        if ours or name.endswith(".pth") or name in {"bot", "cogs"}:
            continue
        (dest / entry.name).symlink_to(entry)
    return dest


def new_environment(path: Path, dependencies: Path) -> Path:
    """A virtual environment that also sees ``dependencies``; its python."""
    run([sys.executable, "-m", "venv", "--without-pip", str(path)], cwd=path.parent)
    python = path / "bin" / "python"
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], path)
    (Path(site.stdout.strip()) / "dependencies.pth").write_text(f"{dependencies}\n")
    return python


def package_files(src: Path) -> set[str]:
    """Every file of the packages in the sources: modules and the data they read."""
    return {
        p.relative_to(src).as_posix()
        for top in ("bot", "cogs")
        for p in (src / top).rglob("*")
        if p.is_file()
    }


def warnings_in(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (done.stdout + done.stderr).splitlines() if WARNING.search(line)]


# Built and installed once, on the SQLite run (it checks that the wheel holds every file of bot/,
# the PostgreSQL migrations too).
@pytest.mark.sqlite_only
def test_the_installed_wheel_syncs_data_and_runs_a_campaign(tmp_path: Path, mirror: Path) -> None:
    """Built from the sources alone (no setuptools warning) and installed without -e outside the
    checkout, the bot imports a shipped campaign, posts its prompt and finds lawmakers by ZIP.
    An editable install (what `make run` does) builds without a warning too."""
    src, dist, work = tmp_path / "src", tmp_path / "dist", tmp_path / "work"
    copy_sources(src)
    build = command(BUILD, python=sys.executable, dist=str(dist), src=str(src))
    assert warnings_in(run(build, cwd=tmp_path)) == []
    (wheel,) = dist.glob("*.whl")
    assert len(list(dist.glob("*.tar.gz"))) == 1
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if ".dist-info/" not in n}
    assert shipped == package_files(src)  # every data file, and no tests or lawmaker data

    dependencies = dependency_view(tmp_path / "deps")
    editable_python = new_environment(tmp_path / "editable", dependencies)
    pip_e = [str(editable_python), "-m", "pip", "install", "--no-deps", "--editable", str(src)]
    assert warnings_in(run(pip_e, cwd=tmp_path)) == []

    venv = tmp_path / "venv"
    python = new_environment(venv, dependencies)
    run(command(INSTALL, python=str(python), wheel=str(wheel)), cwd=tmp_path)
    work.mkdir()
    found = run([str(python), "-c", "import bot, cogs; print(bot.__file__, cogs.__file__)"], work)
    for module in found.stdout.split():
        assert Path(module).resolve().is_relative_to(venv.resolve()), found.stdout

    orgbot = str(venv / "bin" / "orgbot")
    version = wheel.name.split("-")[1]
    assert run([orgbot, "--version"], work).stdout.strip() == f"orgbot {version}"
    run([orgbot, "data", "sync", "--mirror", str(mirror)], work)
    (work / "campaign.txt").write_text(SCRIPT, encoding="utf-8")
    console = run([orgbot, "console", "--script", "campaign.txt"], work)

    out = console.stdout
    assert not [p for p in PROBLEMS if p in out + console.stderr], out + console.stderr
    template = yaml.safe_load((src / "bot/resources/campaigns/irs-data-privacy.yaml").read_text())
    title = template["title"]
    assert f"Imported {title}" in out
    assert re.search(rf"^#2 {re.escape(title)}$", out, re.M), out
    assert "Posted the prompt for irs-data-privacy here." in out
    assert "Lawmakers for 05401 (Burlington, VT)" in out
    for lawmaker in ("Sen. Bernard Sanders", "Sen. Peter Welch", "Rep. Becca Balint"):
        assert lawmaker in out
    assert (work / "data" / "orgbot.sqlite3").is_file()  # the default place, under the work dir
