"""The campaign service: creating, editing, importing and running campaigns, organizers only."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest

from bot.core.campaigns import CampaignService
from bot.domain.campaign_models import DEFAULT_OUTCOMES, CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, Unavailable
from bot.domain.models import Actor, Platform
from bot.domain.targets import TargetKind
from bot.services import Services

FORM = {
    "title": "Protect taxpayer privacy!",
    "ask": "Tell Congress to keep tax records private.",
    "background": "Some **background**.",
    "script": "Hi, I'm {caller_name} from {city}. Please ask {lawmaker} to act.",
    "goal": "50",
}


async def actor(services: Services, name: str, organizer: bool, where: str = "c1") -> Actor:
    return await services.members.actor(Platform.CONSOLE, where, name, organizer)


@pytest.fixture
async def olga(full_services: Services) -> Actor:
    return await actor(full_services, "olga", True)


@pytest.fixture
async def ann(full_services: Services) -> Actor:
    return await actor(full_services, "ann", False)


@pytest.fixture
def campaigns(full_services: Services) -> CampaignService:
    return full_services.campaigns


async def test_create_makes_a_draft_with_defaults(campaigns: CampaignService, olga: Actor) -> None:
    """A new campaign is a draft calling the caller's lawmakers, with the default outcomes."""
    made = await campaigns.create(olga, FORM)
    assert made.slug == "protect-taxpayer-privacy"
    assert made.status is CampaignStatus.DRAFT
    assert [t.kind for t in made.targets] == [TargetKind.MINE]
    assert made.outcomes == DEFAULT_OUTCOMES
    assert made.goal == 50
    assert await campaigns.get(olga.community.id, "protect-taxpayer-privacy") == made


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "   ", "The title is empty"),
        ("title", "x" * 101, "The title is too long (101 characters; the limit is 100)"),
        ("ask", "", "The ask is empty"),
        ("ask", "y" * 301, "The ask is too long"),
        ("background", "z" * 1501, "The background is too long"),
        ("script", "", "The script is empty"),
        ("script", "w " * 1001, "The script is too long"),
        ("script", "Hello {ctiy}", "unknown fill-in {ctiy} (did you mean {city}?) at line 1"),
        ("script", "Hi\n[[house]] Rep", "never closed (add [[/house]]) at line 2, column 1"),
        ("goal", "lots", "The goal must be a whole number"),
        ("goal", "0", "between 1 and 1,000,000"),
    ],
)
async def test_bad_form_answers_are_refused_and_nothing_is_stored(
    campaigns: CampaignService, olga: Actor, field: str, value: str, expected: str
) -> None:
    """Each bad field gets its own sentence, and no campaign is saved."""
    with pytest.raises(InvalidInput) as info:
        await campaigns.create(olga, {**FORM, field: value})
    assert expected in info.value.message
    assert await campaigns.all(olga.community.id) == []


async def test_goal_accepts_thousands_separators(campaigns: CampaignService, olga: Actor) -> None:
    """'1,000' is a goal of 1000; an empty goal is no goal."""
    assert (await campaigns.create(olga, {**FORM, "goal": "1,000"})).goal == 1000
    assert (await campaigns.create(olga, {**FORM, "title": "Other", "goal": ""})).goal is None


async def test_duplicate_title_is_a_conflict(campaigns: CampaignService, olga: Actor) -> None:
    """A second campaign with the same slug is refused; only one is stored."""
    await campaigns.create(olga, FORM)
    with pytest.raises(Conflict, match="already a campaign called protect-taxpayer-privacy"):
        await campaigns.create(olga, {**FORM, "title": "Protect  TAXPAYER privacy"})
    assert len(await campaigns.all(olga.community.id)) == 1


async def test_concurrent_duplicates_store_one(campaigns: CampaignService, olga: Actor) -> None:
    """Two submissions of the same form at once: one campaign, and a Conflict for the other."""
    results = await asyncio.gather(
        campaigns.create(olga, FORM), campaigns.create(olga, FORM), return_exceptions=True
    )
    assert sorted(type(r).__name__ for r in results) == ["Campaign", "Conflict"]
    assert len(await campaigns.all(olga.community.id)) == 1


async def test_slugs_are_per_community(full_services: Services, olga: Actor) -> None:
    """Another community cannot see this one's campaigns, and may reuse the slug."""
    other = await actor(full_services, "olga", True, where="c2")
    mine = await full_services.campaigns.create(olga, FORM)
    with pytest.raises(NotFound):
        await full_services.campaigns.get(other.community.id, mine.slug)
    with pytest.raises(NotFound):
        await full_services.campaigns.get_by_id(other.community.id, mine.id)
    theirs = await full_services.campaigns.create(other, FORM)
    assert theirs.slug == mine.slug and theirs.id != mine.id


async def test_unknown_slug_suggests_a_close_one(campaigns: CampaignService, olga: Actor) -> None:
    """A typo in a slug gets a suggestion."""
    await campaigns.create(olga, FORM)
    with pytest.raises(NotFound, match="Did you mean protect-taxpayer-privacy"):
        await campaigns.get(olga.community.id, "protect-taxpayer-privcy")


async def test_update_changes_every_field_at_once(campaigns: CampaignService, olga: Actor) -> None:
    """The edit form replaces title, ask, background, script and goal, and may rename."""
    made = await campaigns.create(olga, FORM)
    changed = {**FORM, "title": "New title", "ask": "New ask.", "goal": "", "background": ""}
    saved = await campaigns.update(olga, made.id, changed, new_slug="tax-privacy")
    assert (saved.title, saved.ask, saved.goal, saved.background) == (
        "New title",
        "New ask.",
        None,
        "",
    )
    assert saved.slug == "tax-privacy"


async def test_bad_update_changes_nothing(campaigns: CampaignService, olga: Actor) -> None:
    """One bad field refuses the whole edit."""
    made = await campaigns.create(olga, FORM)
    with pytest.raises(InvalidInput):
        await campaigns.update(olga, made.id, {**FORM, "title": "Fine", "script": "{oops"})
    assert await campaigns.get(olga.community.id, made.slug) == made


async def test_rename_to_a_taken_or_bad_slug_is_refused(
    campaigns: CampaignService, olga: Actor
) -> None:
    """A new slug must be well-formed and free."""
    first = await campaigns.create(olga, FORM)
    await campaigns.create(olga, {**FORM, "title": "Second"})
    with pytest.raises(Conflict, match="already a campaign called second"):
        await campaigns.update(olga, first.id, FORM, new_slug="second")
    with pytest.raises(InvalidInput, match="cannot be a campaign slug"):
        await campaigns.check_new_slug(olga, first, "Not a slug!")
    assert (await campaigns.get(olga.community.id, first.slug)).slug == first.slug


async def test_status_changes(campaigns: CampaignService, olga: Actor) -> None:
    """Draft -> active -> paused -> active -> archived; pointless changes are refused."""
    slug = (await campaigns.create(olga, FORM)).slug
    with pytest.raises(Conflict, match="draft, so there is nothing to pause"):
        await campaigns.set_status(olga, slug, CampaignStatus.PAUSED)
    assert (await campaigns.set_status(olga, slug, CampaignStatus.ACTIVE)).status == "active"
    with pytest.raises(Conflict, match="already active"):
        await campaigns.set_status(olga, slug, CampaignStatus.ACTIVE)
    assert (await campaigns.set_status(olga, slug, CampaignStatus.PAUSED)).status == "paused"
    assert (await campaigns.set_status(olga, slug, CampaignStatus.ACTIVE)).status == "active"
    assert (await campaigns.set_status(olga, slug, CampaignStatus.ARCHIVED)).status == "archived"


@pytest.mark.parametrize(
    "change",
    [
        lambda s, a, c: s.update(a, c.id, FORM),
        lambda s, a, c: s.set_targets(a, c.slug, "senate"),
        lambda s, a, c: s.set_dates(a, c.slug, "2026-01-01"),
        lambda s, a, c: s.set_outcome(a, c.slug, "contact", "Talked"),
        lambda s, a, c: s.set_status(a, c.slug, CampaignStatus.ACTIVE),
        lambda s, a, c: s.editable(a, c.slug),
    ],
    ids=["edit", "targets", "dates", "outcome", "resume", "edit-form"],
)
async def test_archived_campaigns_cannot_change(
    campaigns: CampaignService, olga: Actor, change: Callable[..., Awaitable[Any]]
) -> None:
    """Every change to an archived campaign is refused with a sentence; it stays as it was."""
    made = await campaigns.create(olga, FORM)
    archived = await campaigns.set_status(olga, made.slug, CampaignStatus.ARCHIVED)
    with pytest.raises(Conflict, match="archived"):
        await change(campaigns, olga, archived)
    assert await campaigns.get(olga.community.id, made.slug) == archived


async def test_targets_are_checked_against_the_directory(
    campaigns: CampaignService, olga: Actor
) -> None:
    """Known committees and lawmakers are saved; unknown ones are refused."""
    slug = (await campaigns.create(olga, FORM)).slug
    saved = await campaigns.set_targets(olga, slug, "mine, leaders:hswm? member:S000033")
    assert [str(t) for t in saved.targets] == ["mine", "leaders:HSWM?", "member:S000033"]
    with pytest.raises(NotFound, match="no committee with the id HSXX"):
        await campaigns.set_targets(olga, slug, "mine committee:HSXX")
    with pytest.raises(NotFound, match="S999999"):
        await campaigns.set_targets(olga, slug, "member:S999999")
    with pytest.raises(InvalidInput, match="not a bioguide id"):
        await campaigns.set_targets(olga, slug, "member:sanders")
    with pytest.raises(InvalidInput, match="'friends' is not a target"):
        await campaigns.set_targets(olga, slug, "mine friends")
    assert (await campaigns.get(olga.community.id, slug)).targets == saved.targets


async def test_dates(campaigns: CampaignService, olga: Actor) -> None:
    """Dates parse as YYYY-MM-DD or 'today'; an end before the start is refused."""
    slug = (await campaigns.create(olga, FORM)).slug
    saved = await campaigns.set_dates(olga, slug, "today", "2026-02-01")
    assert (saved.starts_on, saved.ends_on) == (date(2026, 1, 5), date(2026, 2, 1))
    with pytest.raises(InvalidInput, match="end date 2026-01-01 is before the start date"):
        await campaigns.set_dates(olga, slug, "2026-01-05", "2026-01-01")
    with pytest.raises(InvalidInput, match="'next week' is not a date"):
        await campaigns.set_dates(olga, slug, "next week")
    cleared = await campaigns.set_dates(olga, slug, "-", "")
    assert (cleared.starts_on, cleared.ends_on) == (None, None)


async def test_outcomes_can_be_renamed_and_added(campaigns: CampaignService, olga: Actor) -> None:
    """Renaming keeps the key and the emoji; a new key is added at the end."""
    slug = (await campaigns.create(olga, FORM)).slug
    await campaigns.set_outcome(olga, slug, "contact", "Talked to staff")
    saved = await campaigns.set_outcome(olga, slug, "wrote_letter", "Sent a letter")
    assert [(o.key, o.label, o.emoji) for o in saved.outcomes] == [
        ("contact", "Talked to staff", "📞"),
        ("voicemail", "Left voicemail", "📫"),
        ("unreachable", "Couldn't get through", "🚫"),
        ("wrote_letter", "Sent a letter", None),
    ]


async def test_bad_outcomes_are_refused(campaigns: CampaignService, olga: Actor) -> None:
    """Keys are short identifiers, labels short, and at most eight outcomes."""
    slug = (await campaigns.create(olga, FORM)).slug
    with pytest.raises(InvalidInput, match="cannot be an outcome key"):
        await campaigns.set_outcome(olga, slug, "Wrote Letter!", "x")
    with pytest.raises(InvalidInput, match="at most 40 characters"):
        await campaigns.set_outcome(olga, slug, "long", "x" * 41)
    for i in range(5):
        await campaigns.set_outcome(olga, slug, f"extra{i}", f"Extra {i}")
    with pytest.raises(InvalidInput, match="at most 8 outcomes"):
        await campaigns.set_outcome(olga, slug, "ninth", "One too many")
    assert len((await campaigns.get(olga.community.id, slug)).outcomes) == 8


async def test_import_the_shipped_template(campaigns: CampaignService, olga: Actor) -> None:
    """The IRS template imports as an active campaign calling mine plus optional leaders."""
    made = await campaigns.import_template(olga, "irs-data-privacy")
    assert made.slug == "irs-data-privacy" and made.status is CampaignStatus.ACTIVE
    assert [str(t) for t in made.targets] == ["mine", "leaders:HSWM?", "leaders:SSFI?"]
    assert made.template == "irs-data-privacy"
    with pytest.raises(Conflict, match="give it another slug"):
        await campaigns.import_template(olga, "irs-data-privacy")
    again = await campaigns.import_template(olga, "irs-data-privacy.yaml", slug="irs-2")
    assert again.slug == "irs-2"


async def test_import_unknown_template(campaigns: CampaignService, olga: Actor) -> None:
    """An unknown name lists the templates there are."""
    with pytest.raises(NotFound, match="Templates: irs-data-privacy"):
        await campaigns.import_template(olga, "nope")


async def test_import_needs_the_lawmaker_data(services: Services) -> None:
    """Without the directory, committee targets cannot be checked: nothing is imported."""
    olga = await actor(services, "olga", True)
    with pytest.raises(Unavailable, match="orgbot data sync"):
        await services.campaigns.import_template(olga, "irs-data-privacy")
    assert await services.campaigns.all(olga.community.id) == []


async def test_members_see_running_campaigns_only(
    full_services: Services, olga: Actor, ann: Actor, clock: ManualClock
) -> None:
    """Drafts, paused campaigns and those outside their dates are hidden from members."""
    campaigns = full_services.campaigns
    await campaigns.create(olga, {**FORM, "title": "Draft one"})
    live = await campaigns.import_template(olga, "irs-data-privacy")
    later = await campaigns.import_template(olga, "irs-data-privacy", slug="later")
    await campaigns.set_dates(olga, later.slug, "2026-03-01")
    assert [c.slug for c in await campaigns.visible_to(ann)] == [live.slug]
    assert len(await campaigns.visible_to(olga)) == 3
    clock.advance(timedelta(days=60))
    assert {c.slug for c in await campaigns.visible_to(ann)} == {live.slug, later.slug}


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda s, a, slug: s.set_status(a, slug, CampaignStatus.PAUSED), "is paused"),
        (lambda s, a, slug: s.set_status(a, slug, CampaignStatus.ARCHIVED), "is archived"),
        (lambda s, a, slug: s.set_dates(a, slug, "2026-02-01"), "starts on 2026-02-01"),
        (lambda s, a, slug: s.set_dates(a, slug, "2025-12-01", "2025-12-31"), "ended on"),
    ],
    ids=["paused", "archived", "not-yet", "ended"],
)
async def test_why_a_campaign_is_not_running(
    campaigns: CampaignService,
    olga: Actor,
    ann: Actor,
    setup: Callable[..., Awaitable[Any]],
    expected: str,
) -> None:
    """A member asking for a stopped campaign is told why; an organizer can still preview it."""
    slug = (await campaigns.import_template(olga, "irs-data-privacy")).slug
    await setup(campaigns, olga, slug)
    with pytest.raises(Conflict, match=expected):
        await campaigns.for_member(ann, slug)
    assert (await campaigns.for_member(olga, slug)).slug == slug


async def test_drafts_are_not_running(campaigns: CampaignService, olga: Actor) -> None:
    """A draft tells how to start it."""
    made = await campaigns.create(olga, FORM)
    with pytest.raises(Conflict, match=f"/campaign resume {made.slug}"):
        campaigns.check_running(made, olga.community)


ORGANIZER_CALLS = {
    "create": lambda s, a, c: s.create(a, FORM),
    "update": lambda s, a, c: s.update(a, c.id, FORM),
    "editable": lambda s, a, c: s.editable(a, c.slug),
    "check_new_slug": lambda s, a, c: s.check_new_slug(a, c, "fresh"),
    "set_status": lambda s, a, c: s.set_status(a, c.slug, CampaignStatus.PAUSED),
    "set_targets": lambda s, a, c: s.set_targets(a, c.slug, "senate"),
    "set_dates": lambda s, a, c: s.set_dates(a, c.slug, "today"),
    "set_outcome": lambda s, a, c: s.set_outcome(a, c.slug, "wrote", "Wrote"),
    "import_template": lambda s, a, c: s.import_template(a, "irs-data-privacy", "x"),
}


@pytest.mark.parametrize("call", ORGANIZER_CALLS.values(), ids=ORGANIZER_CALLS.keys())
async def test_core_refuses_non_organizers(
    campaigns: CampaignService, olga: Actor, ann: Actor, call: Callable[..., Awaitable[Any]]
) -> None:
    """Every change is checked in the core, whatever a platform's menus show."""
    made = await campaigns.import_template(olga, "irs-data-privacy")
    with pytest.raises(NotAllowed, match="Only organizers"):
        await call(campaigns, ann, made)
    assert await campaigns.all(olga.community.id) == [made]
