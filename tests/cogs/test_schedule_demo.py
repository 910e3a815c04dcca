"""The scheduling must-show, run from docs/demos/schedule.txt as a person would run it."""

from __future__ import annotations

import io
import re

from bot.platforms.console.runner import run_script
from bot.services import Services

from ..conftest import REPO_ROOT

DEMO = REPO_ROOT / "docs" / "demos" / "schedule.txt"


async def run_demo(services: Services) -> str:
    out = io.StringIO()
    await run_script(services, DEMO.read_text(encoding="utf-8").splitlines(), out)
    return out.getvalue()


async def test_three_days_fire_exactly_the_prompts_and_reminders_due(
    full_services: Services,
) -> None:
    """Thursday and Friday prompts at 09:00 (none on Saturday); reminders at each member's 09:00,
    ann's on weekdays (the default), bob's every day."""
    text = await run_demo(full_services)
    report = text.split("> /clock advance 3d\n", 1)[1].split("> /schedule list", 1)[0]
    fired = report.split("🕘 It is now Sun 2026-01-11 08:00 EST\n", 1)[1].splitlines()
    assert fired == [
        "   Thu 2026-01-08 09:00 EST: schedule #1: posted irs-data-privacy in calls",
        "   Thu 2026-01-08 09:00 EST: reminder for member ann: sent",
        "   Thu 2026-01-08 12:00 EST: reminder for member bob: sent",
        "   Fri 2026-01-09 09:00 EST: schedule #1: posted irs-data-privacy in calls",
        "   Fri 2026-01-09 09:00 EST: reminder for member ann: sent",
        "   Fri 2026-01-09 12:00 EST: reminder for member bob: sent",
        "   Sat 2026-01-10 12:00 EST: reminder for member bob: sent",
    ]
    assert len(re.findall(r"^#\d+ Keep tax records confidential$", report, re.M)) == 2
    assert len(re.findall(r"^#\d+ \(direct message to ann\) Your calls", report, re.M)) == 2
    assert len(re.findall(r"^#\d+ \(direct message to bob\) Your calls", report, re.M)) == 3
    assert "every weekday at 09:00 America/New_York (from your ZIP code 05401)" in text
    assert "every day at 09:00 America/Los_Angeles (from your ZIP code 94103)" in text
    assert "Rep. Nancy Pelosi (D-CA-11), your representative:" in report


async def test_the_demo_sends_each_slot_once(full_services: Services) -> None:
    """The dispatch log holds two prompts and five reminders, all sent, nothing twice."""
    await run_demo(full_services)
    rows = await full_services.db.fetchall(
        "SELECT kind, count(*), min(status), max(status) FROM dispatches GROUP BY kind"
    )
    assert sorted(tuple(r) for r in rows) == [
        ("prompt", 2, "sent", "sent"),
        ("reminder", 5, "sent", "sent"),
    ]
    prompts = await full_services.db.fetchall("SELECT message_id FROM prompts")
    assert len(prompts) == 2 and all(r["message_id"] for r in prompts)
