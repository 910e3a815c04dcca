"""The end of docs/demos/campaigns.txt: a member lists the running campaigns with /campaigns."""

from __future__ import annotations

from bot.services import Services

from .test_prompts_demo import run_demo


async def test_demo_member_lists_campaigns(full_services: Services) -> None:
    """Bob is refused /campaign create, then his /campaigns shows the campaign and its ask."""
    text = await run_demo(full_services)
    listed = text.split("> /campaigns\n", 1)[1]
    assert listed.startswith("#7 (only you can see this) Campaigns\n")
    assert "irs-data-privacy Keep tax records confidential: Ask Congress to hold" in listed
    assert "(active)" not in listed  # a member's list, not an organizer's
    assert "/script <slug> gives you your personal call script." in listed
