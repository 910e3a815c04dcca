"""Stances and tags stored on both backends: history, the current stance, tags linked to
reports (replaced by a second press, gone with the member), and the read API."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.domain.stance_models import Stance, Tag, TagCounts
from bot.services import Services

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)


async def test_stances_history_tags_and_erasure(
    full_services: Services, clock: ManualClock
) -> None:
    """Set, change and clear a stance; tag a report twice; erasing the caller drops the tag,
    erasing the organizer keeps the stances unlinked."""
    clock.set(OPEN)
    s = full_services
    assert s.stances is not None
    olga = await s.members.actor(Platform.CONSOLE, "c1", "olga", True)
    ann = await s.members.actor(Platform.CONSOLE, "c1", "ann", False)
    campaign = await s.campaigns.import_template(olga, "irs-data-privacy")
    # the chair of Ways and Means is targeted (leaders:HSWM?), unknown until set
    before = {x.lawmaker: x.stance for x in await s.stances.stances(campaign)}
    assert before and set(before.values()) == {Stance.UNKNOWN}
    done = await s.stances.set(olga, "S000033", "undecided", "staffer unsure")
    lawmaker, first = done.lawmaker, done.change
    assert done.previous is Stance.UNKNOWN and done.campaign.id == campaign.id
    assert (lawmaker.bioguide, first.stance, first.note) == (
        "S000033",
        Stance.UNDECIDED,
        "staffer unsure",
    )
    await s.stances.set(olga, "S000033", "a", "favor")
    now = {x.lawmaker: x for x in await s.stances.stances(campaign)}
    assert now["S000033"].stance is Stance.SUPPORTS  # called by no one, yet set: listed
    assert s.stances.undecided(campaign.id) == frozenset()
    await s.stances.set(olga, "S000033", "unknown")
    history = await s.stances.history(campaign, "S000033")
    assert [h.stance for h in history] == [Stance.UNDECIDED, Stance.SUPPORTS, Stance.UNKNOWN]
    assert {h.set_by for h in history} == {olga.member.id}
    assert "S000033" not in {x.lawmaker for x in await s.stances.stances(campaign)}

    result = await s.actions.report(ann, "contact", campaign_id=campaign.id, lawmaker="S000033")
    assert result.action is not None
    await s.stances.tag(ann, result.action.id, Tag.SUPPORTS)
    await s.stances.tag(ann, result.action.id, Tag.UNDECIDED)  # pressing again replaces it
    counts = await s.stances.tag_counts(olga.community.id, campaign.id, None, None)
    assert counts == {"S000033": TagCounts(undecided=1)}
    token = await s.privacy.request_erase(ann.member)
    await s.privacy.confirm_erase(ann, token)
    assert await s.stances.tag_counts(olga.community.id, campaign.id, None, None) == {}
    assert await s.db.fetchval("SELECT count(*) FROM action_tags") == 0
    # an organizer who erases their data leaves the stances, no longer linked to them
    token = await s.privacy.request_erase(olga.member)
    await s.privacy.confirm_erase(olga, token)
    kept = await s.stances.history(campaign, "S000033")
    assert [(h.stance, h.set_by, h.set_by_user) for h in kept][-1] == (Stance.UNKNOWN, None, None)
    assert len(kept) == 3
