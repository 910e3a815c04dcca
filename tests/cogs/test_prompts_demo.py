"""The campaign must-show, run from docs/demos/campaigns.txt exactly as a person would run it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bot.domain.clock import ManualClock
from bot.platforms.console.runner import run_script
from bot.services import Services

from ..conftest import REPO_ROOT

DEMO = REPO_ROOT / "docs" / "demos" / "campaigns.txt"


async def run_demo(services: Services) -> str:
    out = io.StringIO()
    await run_script(services, DEMO.read_text(encoding="utf-8").splitlines(), out)
    return out.getvalue()


async def test_campaign_demo(full_services: Services, clock: ManualClock) -> None:
    """Import, post, a 05401 member's script naming Vermont's lawmakers and numbers; a refusal."""
    clock.set(datetime(2026, 1, 6, 15, 30, tzinfo=UTC))  # a Tuesday, 10:30 in Washington
    text = await run_demo(full_services)
    assert "Available: irs-data-privacy Keep tax records confidential" in text
    assert "#2 (only you can see this) Imported Keep tax records confidential" in text
    prompt = text.split("> /prompt post irs-data-privacy\n", 1)[1]
    assert prompt.startswith("#3 Keep tax records confidential\n")
    assert "[Get my script]" in prompt
    assert "After your call, react: 📞 Made contact · 📫 Left voicemail" in prompt

    script = text.split("> 05401\n", 1)[1].split("> /as bob", 1)[0]
    assert script.startswith("#5 (only you can see this) Your calls: Keep tax records")
    assert "Saved your ZIP code 05401 (district VT-AL)" in script
    assert "DC offices are open now" in script
    for line in (
        "Sen. Bernard Sanders (I-VT), your senator:",
        "📞 DC office: (202) 224-5141",
        "📞 Burlington office: (802) 862-0697",
        "Sen. Peter Welch (D-VT), your senator:",
        "📞 DC office: (202) 224-4242",
        "Rep. Becca Balint (D-VT-AL), your representative:",
        "📞 DC office: (202) 225-4115",
        "I'm asking Senator Sanders to work in the Senate",
        "I'm asking Representative Balint to work in the House",
        "Hi, my name is [your name], and I live in Burlington, Vermont, ZIP code 05401.",
    ):
        assert line in script, line
    assert "{" not in script

    refusal = text.split("> /campaign create\n", 1)[1]
    assert refusal.startswith("#6 (only you can see this) ⚠\n   Only organizers can do that.")


async def test_demo_counts_nothing_twice(full_services: Services) -> None:
    """After the demo there is one campaign, one prompt, and ann's ZIP saved once."""
    await run_demo(full_services)
    campaigns = await full_services.db.fetchall("SELECT slug, status FROM campaigns")
    prompts = await full_services.db.fetchall("SELECT message_id FROM prompts")
    zips = await full_services.db.fetchall("SELECT user_id, zip FROM members WHERE zip IS NOT NULL")
    assert [tuple(r) for r in campaigns] == [("irs-data-privacy", "active")]
    assert [r["message_id"].rsplit("-", 1)[1] for r in prompts] == ["3"]  # the session's #3
    assert [tuple(r) for r in zips] == [("ann", "05401")]
