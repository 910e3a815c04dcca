"""The privacy must-show, run from docs/demos/privacy.txt in the console on the full mirror."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from bot.platforms.console.runner import run_script
from bot.services import Services
from bot.storage.privacy import member_links, quoted
from bot.storage.sql import tables

from ..conftest import REPO_ROOT
from ..storage_checks import storage_is_sound

DEMO = REPO_ROOT / "docs" / "demos" / "privacy.txt"
USER = "vol42x"
ERASE_AT = "/press 9 Erase everything about me"


def demo_lines() -> list[str]:
    return DEMO.read_text(encoding="utf-8").splitlines()


def after(text: str, line: str) -> str:
    """What the console printed for ``line`` (up to the next input line)."""
    return text.split(f"> {line}\n", 1)[1].split("\n> ", 1)[0]


async def run(services: Services, lines: Iterable[str]) -> str:
    out = io.StringIO()
    await run_script(services, lines, out)
    return out.getvalue()


async def total(services: Services) -> int:
    campaign = await services.campaigns.get(1, "irs-data-privacy")
    return (await services.stats.campaign_count(campaign)).actions


async def text_cells(services: Services) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value stored in any table."""
    found = []
    for table in await tables(services.db):
        for row in await services.db.fetchall(f"SELECT * FROM {quoted(table)}"):
            for column, value in zip(row.keys(), tuple(row), strict=True):
                if isinstance(value, str):
                    found.append((table, column, value))
    return found


@pytest.fixture
async def before_erase(full_services: Services) -> tuple[str, int, int]:
    """The demo up to the confirmation: transcript, the member's id and the campaign total."""
    lines = demo_lines()
    text = await run(full_services, lines[: lines.index(ERASE_AT)])
    row = await full_services.db.fetchone("SELECT id FROM members WHERE user_id = ?", (USER,))
    assert row is not None
    return text, int(row[0]), await total(full_services)


async def test_privacy_shows_exactly_the_zip_district_and_action(
    before_erase: tuple[str, int, int],
) -> None:
    """/privacy says, in words, the saved ZIP and district, the one call and its counts."""
    shown = after(before_erase[0], "/privacy")
    assert "Your ZIP code: 05401 (used to find your lawmakers)\n" in shown
    assert "Your congressional district: VT-AL (used to find your House member)\n" in shown
    assert "1 call you reported, on 5 January\n" in shown
    assert "• 5 January: Keep tax records confidential: 📞 Made contact" in shown
    assert "In all: 1 call, the latest on 5 January" in shown
    sections = re.findall(r"^   ([A-Z][^:\n]*):$", shown, re.M)
    assert sections[0] == "Your settings"
    assert {"Calls you reported", "Your call counts (for /mystats and the leaderboard)"} <= set(
        sections
    )
    assert "Display names are never stored" in shown


async def test_the_export_is_the_stored_data_as_json(
    before_erase: tuple[str, int, int], full_services: Services
) -> None:
    """/privacy export DMs a JSON file whose content is the member's rows."""
    exported = after(before_erase[0], "/privacy export")
    assert f"(direct message to {USER}) Your data" in exported
    [path] = re.findall(r"File saved: (\S+\.json)", exported)
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    assert doc["member"]["zip"] == "05401" and doc["member"]["district"] == "VT-AL"
    [action] = doc["linked"]["actions"]
    assert (action["outcome"], action["member_id"]) == ("contact", before_erase[1])
    stored = await full_services.db.fetchone("SELECT * FROM actions")
    assert stored is not None and dict(zip(stored.keys(), tuple(stored), strict=True)) == action


async def test_forgetme_leaves_nothing_linked_and_the_total_unchanged(
    before_erase: tuple[str, int, int], full_services: Services
) -> None:
    """After the confirmation nothing refers to the member, the total is the same, the DB sound."""
    _, member_id, total_before = before_erase
    text = await run(full_services, [f"/as {USER}", "/forgetme", "/press 1 Erase everything"])
    assert "Done: everything the bot kept about you is erased." in text
    for link in await member_links(full_services.db):
        row = await full_services.db.fetchone(
            f"SELECT count(*) FROM {quoted(link.table)} WHERE {quoted(link.column)} = ?",
            (member_id,),
        )
        assert row is not None and row[0] == 0, link
    assert [c for c in await text_cells(full_services) if USER in c[2]] == []
    assert total_before == 1
    assert await total(full_services) == total_before
    await storage_is_sound(full_services.db)


async def test_the_whole_demo_runs_as_written(full_services: Services) -> None:
    """The demo file itself: the confirmation erases and the organizer's /stats still counts 1."""
    text = await run(full_services, demo_lines())
    assert "Done: everything the bot kept about you is erased." in after(text, ERASE_AT)
    assert "Actions: 1\n   Members: none linked (the reports left are anonymous counts)\n" in (
        after(text, "/stats irs-data-privacy")
    )
    assert [c for c in await text_cells(full_services) if USER in c[2]] == []
