"""The actions must-show, run from docs/demos/actions.txt exactly as the README runs it."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.charts import PNG_SIGNATURE
from bot.domain.clock import ManualClock
from bot.platforms.console.runner import run_script
from bot.services import Services
from bot.settings import load_settings

from ..conftest import REPO_ROOT

DEMO = REPO_ROOT / "docs" / "demos" / "actions.txt"


@pytest.fixture
async def demo_services(
    tmp_path: Path, full_data_dir: Path, clock: ManualClock, database_url: str | None
) -> AsyncIterator[Services]:
    """As the README's command: the full lawmaker data, and ORGBOT_LIVE_COUNT_INTERVAL=0."""
    settings = load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
        live_count_interval=0,
    )
    services = await build_services(settings, clock)
    yield services
    await close_services(services)


@pytest.fixture
async def transcript(demo_services: Services) -> str:
    out = io.StringIO()
    await run_script(demo_services, DEMO.read_text(encoding="utf-8").splitlines(), out)
    return out.getvalue()


def after(text: str, line: str) -> str:
    """What the console printed for ``line`` (up to the next input line)."""
    return text.split(f"> {line}\n", 1)[1].split("\n> ", 1)[0]


def counts(text: str) -> list[str]:
    """The live count lines, in the order the prompt was shown and updated."""
    return re.findall(r"So far: (.*)", text)


async def test_three_members_and_the_live_count(transcript: str) -> None:
    """Reactions and buttons move the prompt's count; a second reaction, one taken back and a
    reaction beside per-lawmaker reports never count twice."""
    assert counts(transcript) == [
        "No calls reported yet",  # posted
        "1 member acted · 1 action",  # ann 📞
        "2 members acted · 2 actions",  # bob 📫
        "3 members acted · 3 actions",  # cat 🚫
        "3 members acted · 3 actions",  # cat adds 📫: replaces, adds nothing
        "3 members acted · 3 actions",  # cat takes 📫 back: her 🚫 counts again
        "3 members acted · 3 actions",  # bob 📫 -> 📞 replaces, adds nothing
        "3 members acted · 3 actions",  # the next day's prompt
        "3 members acted · 4 actions",  # ann 📞 on it
        "3 members acted · 4 actions",  # ann's script button for Sen. Welch covers her 📞
        "3 members acted · 5 actions",  # and one for Rep. Balint
    ]
    assert transcript.count("(message #2 was updated)") == 6
    assert transcript.count("(message #12 was updated)") == 3


async def test_the_replaced_outcome_and_the_notes(transcript: str) -> None:
    """bob's voicemail becomes made contact; ann's note after her reaction is filed under the
    senator she reached; both notes reach the organizers' /stats."""
    changed = after(transcript, "/press 2 📞 Made contact")
    assert "Changed: 📫 Left voicemail → 📞 Made contact." in changed
    assert "[Add what the office said] [Undo]" in changed
    assert "Add what the office said: whose office?" in after(transcript, "/react 2 📞")
    assert "(filed under Sen. Sanders)" in transcript
    stats = after(transcript, "/stats irs-data-privacy")
    assert "Sen. Bernard Sanders (I-VT): “The staffer said the senator is still undecided”" in (
        stats
    )
    assert "No lawmaker named: “The staffer took my name and said they are tracking calls”" in (
        stats
    )


async def test_the_withdrawal_is_quiet_and_falls_back(transcript: str) -> None:
    """Removing a reaction answers nothing (only the prompt is shown again), and cat's 🚫,
    still on the prompt, is what counts for her."""
    withdrawn = after(transcript, "/unreact 2 📫")
    shown = [line for line in withdrawn.splitlines() if line.startswith("#")]
    assert shown == ["#2 Keep tax records confidential"]
    assert "🚫 Couldn't get through 1" in after(transcript, "/stats irs-data-privacy")


async def test_a_reaction_and_script_buttons_count_once(transcript: str) -> None:
    """ann's 📞 on the second prompt is covered by her per-lawmaker reports of that day."""
    welch = after(transcript, "/press 15 Sen. Welch: Made contact")
    assert "Your one-tap report on the prompt today now counts as these calls" in welch


async def test_mystats_has_a_streak(transcript: str) -> None:
    """ann reported on two days in a row: /mystats shows the two-day streak."""
    assert "🔥 2 days in a row" in after(transcript, "/react 12 📞")
    mine = after(transcript, "/mystats")
    assert mine.startswith("#18 (only you can see this) Your actions\n   🔥 2 days in a row\n")
    assert "Total: 3 actions: 📞 Made contact 2 · 📫 Left voicemail 1" in mine
    assert "Streaks: Days: 2 days in a row (best 2)." in mine


async def test_stats_saves_a_chart_that_opens_as_png(transcript: str) -> None:
    """/stats counts five actions by three members, two of them one-tap reports, and saves a
    PNG matplotlib can read."""
    from matplotlib.image import imread

    stats = after(transcript, "/stats irs-data-privacy")
    assert "Actions: 5\n   Members: 3\n   One-tap reports: 2\n" in stats
    assert "One-tap reports (no lawmaker named): 2" in stats
    [path] = re.findall(r"File saved: (\S+\.png)", stats)
    data = Path(path).read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert imread(io.BytesIO(data), format="png").ndim == 3


async def test_the_leaderboard_leaves_out_bob(transcript: str) -> None:
    """bob opted out: ann and cat are listed, the community total still counts his action."""
    board = after(transcript, "/leaderboard")
    assert "1. @ann: 3 actions\n   2. @cat: 1 action\n" in board
    assert "bob" not in board
    assert "Community: 5 actions by 3 members" in board
