"""Campaigns: create, edit, import and run them. Changes are for organizers only, checked here.

Reads take a community id; every change takes the acting :class:`Actor` and calls
``require(actor, Permission.ORGANIZER)`` before anything else.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from zoneinfo import ZoneInfo

from bot.civic.store import DirectoryStore
from bot.core.campaign_rules import (
    CampaignText,
    TextLimits,
    check_dates,
    check_outcome,
    check_slug,
    check_text,
    default_outcomes,
    merge_outcomes,
    parse_day,
    slug_from_title,
)
from bot.core.campaign_templates import TemplateCatalog
from bot.core.emoji_map import split_emoji
from bot.core.permissions import Permission, require
from bot.core.ports.campaigns import CampaignStore
from bot.core.targets import check_targets
from bot.domain.campaign_models import (
    Campaign,
    CampaignStatus,
    NewCampaign,
    Outcome,
    duplicate_slug,
)
from bot.domain.clock import Clock, iso
from bot.domain.errors import Conflict, InvalidInput, NotFound, Unavailable
from bot.domain.models import Actor, Community
from bot.domain.targets import Target, parse_targets

DEFAULT_TARGETS = parse_targets("mine")
DATA_NEEDED = (
    "The lawmaker data is not loaded, so committee and lawmaker targets cannot be checked. "
    "An operator needs to run `orgbot data sync` first."
)


class CampaignService:
    """Everything about campaigns that is not how they look."""

    def __init__(
        self,
        repo: CampaignStore,
        directory: DirectoryStore,
        clock: Clock,
        limits: TextLimits,
        templates: TemplateCatalog,
    ) -> None:
        self._repo = repo
        self._directory = directory
        self._clock = clock
        self.limits = limits
        self.templates = templates

    # -- reading ---------------------------------------------------------------------------
    def today(self, community: Community) -> date:
        """The date in the community's time zone (campaign dates are days there)."""
        return self._clock.now().astimezone(ZoneInfo(community.timezone)).date()

    async def get(self, community_id: int, slug: str) -> Campaign:
        """The campaign with this slug, or NotFound suggesting a close one."""
        wanted = slug.strip().lower()
        found = await self._repo.by_slug(community_id, wanted) if wanted else None
        if found is not None:
            return found
        slugs = await self._repo.slugs(community_id)
        close = difflib.get_close_matches(wanted, slugs, n=1)
        hint = f" Did you mean {close[0]}?" if close else " /campaigns lists them."
        shown = "".join(ch for ch in slug.strip() if ch.isprintable())[:40] or "(blank)"
        raise NotFound(f"There is no campaign called {shown}.{hint}")

    async def get_by_id(self, community_id: int, campaign_id: int) -> Campaign:
        found = await self._repo.get(community_id, campaign_id)
        if found is None:
            raise NotFound("That campaign no longer exists.")
        return found

    async def all(self, community_id: int) -> list[Campaign]:
        """Every campaign, newest first."""
        return await self._repo.list(community_id)

    async def running(self, community: Community) -> list[Campaign]:
        """Active campaigns within their dates: what members see."""
        today = self.today(community)
        return [c for c in await self._repo.list(community.id) if c.running(today)]

    async def visible_to(self, actor: Actor) -> list[Campaign]:
        """Organizers see every campaign; members the running ones."""
        if actor.is_organizer:
            return await self.all(actor.community.id)
        return await self.running(actor.community)

    async def for_member(self, actor: Actor, slug: str) -> Campaign:
        """A campaign a member may call about now (organizers may preview any)."""
        campaign = await self.get(actor.community.id, slug)
        if not actor.is_organizer:
            self.check_running(campaign, actor.community)
        return campaign

    async def main(self, community_id: int) -> Campaign | None:
        """The campaign organizers marked as the main one (whatever its status now), if any:
        what reminders carry by default while it runs."""
        found = await self._repo.main_id(community_id)
        return None if found is None else await self._repo.get(community_id, found)

    def check_running(self, campaign: Campaign, community: Community) -> None:
        """Raise Conflict, saying why, unless members can act on the campaign today."""
        today = self.today(community)
        if campaign.running(today):
            return
        slug = campaign.slug
        if campaign.status is CampaignStatus.DRAFT:
            raise Conflict(
                f"{slug} is still a draft; an organizer can start it with /campaign resume {slug}."
            )
        if campaign.status is CampaignStatus.PAUSED:
            raise Conflict(f"{slug} is paused right now; /campaign resume {slug} restarts it.")
        if campaign.status is CampaignStatus.ARCHIVED:
            raise Conflict(f"{slug} is archived: it is over. Thank you to everyone who called!")
        if campaign.starts_on and today < campaign.starts_on:
            raise Conflict(f"{slug} starts on {campaign.starts_on.isoformat()}.")
        assert campaign.ends_on is not None
        raise Conflict(f"{slug} ended on {campaign.ends_on.isoformat()}.")

    # -- changing (organizers) -------------------------------------------------------------
    async def create(self, actor: Actor, fields: Mapping[str, str]) -> Campaign:
        """A new draft from the form's answers; its slug comes from the title."""
        require(actor, Permission.ORGANIZER)
        text = check_text(fields, self.limits)
        slug = slug_from_title(text.title)
        if await self._repo.by_slug(actor.community.id, slug) is not None:
            raise duplicate_slug(slug)
        new = self._new(
            actor, slug, text, DEFAULT_TARGETS, default_outcomes(), CampaignStatus.DRAFT
        )
        return await self._repo.insert(new, iso(self._clock.now()))

    async def update(
        self,
        actor: Actor,
        campaign_id: int,
        fields: Mapping[str, str],
        new_slug: str | None = None,
    ) -> Campaign:
        """Apply the edit form's answers (and a new slug) all at once, or nothing."""
        require(actor, Permission.ORGANIZER)
        campaign = _editable(await self.get_by_id(actor.community.id, campaign_id))
        text = check_text(fields, self.limits)
        changes: dict[str, object] = {
            "title": text.title,
            "ask": text.ask,
            "background": text.background,
            "script": text.script,
            "goal": text.goal,
        }
        if new_slug is not None:
            changes["slug"] = await self._free_slug(actor, new_slug, campaign)
        return await self._repo.update(
            actor.community.id, campaign.id, iso(self._clock.now()), **changes
        )

    async def check_new_slug(self, actor: Actor, campaign: Campaign, new_slug: str) -> str:
        """Check a slug before the edit form is shown, so the form is not filled in vain."""
        require(actor, Permission.ORGANIZER)
        return await self._free_slug(actor, new_slug, campaign)

    async def editable(self, actor: Actor, slug: str) -> Campaign:
        """The campaign, if the actor may edit it now."""
        require(actor, Permission.ORGANIZER)
        return _editable(await self.get(actor.community.id, slug))

    async def set_status(self, actor: Actor, slug: str, status: CampaignStatus) -> Campaign:
        """Pause, resume (also starts a draft) or archive a campaign."""
        require(actor, Permission.ORGANIZER)
        campaign = await self.get(actor.community.id, slug)
        current = campaign.status
        if current is status:
            raise Conflict(f"{campaign.slug} is already {status.value}.")
        if current is CampaignStatus.ARCHIVED:
            raise Conflict(
                f"{campaign.slug} is archived, and archived campaigns stay as they are. Create "
                "or import a new campaign instead."
            )
        if status is CampaignStatus.PAUSED and current is not CampaignStatus.ACTIVE:
            raise Conflict(f"{campaign.slug} is a draft, so there is nothing to pause.")
        if status is CampaignStatus.DRAFT:
            raise InvalidInput("A campaign cannot go back to being a draft.")
        return await self._repo.update(
            actor.community.id, campaign.id, iso(self._clock.now()), status=status
        )

    async def set_targets(self, actor: Actor, slug: str, text: str) -> Campaign:
        require(actor, Permission.ORGANIZER)
        campaign = await self.editable(actor, slug)
        targets = self.check_targets(parse_targets(text))
        return await self._repo.update(
            actor.community.id, campaign.id, iso(self._clock.now()), targets=targets
        )

    async def set_dates(self, actor: Actor, slug: str, start: str, end: str = "") -> Campaign:
        """Set the start and end days ('-' clears one); the end may not come before the start."""
        require(actor, Permission.ORGANIZER)
        campaign = await self.editable(actor, slug)
        today = self.today(actor.community)
        starts_on, ends_on = parse_day(start, today), parse_day(end, today)
        check_dates(starts_on, ends_on)
        return await self._repo.update(
            actor.community.id,
            campaign.id,
            iso(self._clock.now()),
            starts_on=starts_on,
            ends_on=ends_on,
        )

    async def set_outcome(self, actor: Actor, slug: str, key: str, label: str) -> Campaign:
        """Rename an outcome, or add one; outcomes are never removed (actions refer to them).
        A standard emoji leading the label ('🗽 Wrote a letter') becomes its reaction."""
        require(actor, Permission.ORGANIZER)
        campaign = await self.editable(actor, slug)
        emoji, label = split_emoji(label)
        outcome = check_outcome(key, label, emoji)
        merged = merge_outcomes(campaign.outcomes, (outcome,))
        saved = next(o for o in merged if o.key == outcome.key)
        return await self._repo.save_outcome(
            actor.community.id, campaign.id, saved, iso(self._clock.now())
        )

    async def set_main(self, actor: Actor, slug: str | None) -> Campaign | None:
        """Mark ``slug`` as the main campaign, in place of any other (None: no main one). An
        archived campaign cannot be the main one; one not running yet can (it counts once it
        runs)."""
        require(actor, Permission.ORGANIZER)
        community_id = actor.community.id
        if slug is None:
            if not await self._repo.set_main(community_id, None):
                raise Conflict("No campaign is marked as the main one: nothing to undo.")
            return None
        campaign = await self.get(community_id, slug)
        if campaign.status is CampaignStatus.ARCHIVED:
            raise Conflict(
                f"{campaign.slug} is archived: it is over, so it can't be the main campaign."
            )
        if not await self._repo.set_main(community_id, campaign.id):
            raise Conflict(f"{campaign.slug} is already the main campaign.")
        return campaign

    async def import_template(self, actor: Actor, name: str, slug: str = "") -> Campaign:
        """A new active campaign from a shipped template, under its slug or the one given."""
        require(actor, Permission.ORGANIZER)
        key = name.strip().lower().removesuffix(".yaml")
        if key in self.templates.broken:
            raise Unavailable(
                f"The template {key} is unavailable: {self.templates.broken[key]}. An operator "
                f"needs to fix {key}.yaml in the campaign template folder."
            )
        template = self.templates.templates.get(key)
        if template is None:
            names = ", ".join(sorted(self.templates.templates)) or "none"
            raise NotFound(f"There is no template called {key[:40]}. Templates: {names}.")
        spec = template.spec
        text = check_text(
            {
                "title": spec.title,
                "ask": spec.ask,
                "background": spec.background,
                "script": spec.script,
                "goal": str(spec.goal or ""),
            },
            self.limits,
        )
        chosen = check_slug(slug) if slug.strip() else template.slug
        if await self._repo.by_slug(actor.community.id, chosen) is not None:
            raise Conflict(
                f"There is already a campaign called {chosen}. To import the template again, give "
                f"it another slug: /campaign import {key} <new-slug>."
            )
        targets = self.check_targets(spec.parsed_targets)
        new = self._new(
            actor, chosen, text, targets, spec.parsed_outcomes, CampaignStatus.ACTIVE, key
        )
        return await self._repo.insert(new, iso(self._clock.now()))

    def check_targets(self, targets: tuple[Target, ...]) -> tuple[Target, ...]:
        """Committees and lawmakers named must exist in the lawmaker data."""
        if all(t.local for t in targets):
            return targets
        try:
            directory = self._directory.current()
        except Unavailable:
            raise Unavailable(DATA_NEEDED) from None
        check_targets(targets, directory)
        return targets

    # -- helpers ---------------------------------------------------------------------------
    async def _free_slug(self, actor: Actor, text: str, campaign: Campaign) -> str:
        slug = check_slug(text)
        other = await self._repo.by_slug(actor.community.id, slug)
        if other is not None and other.id != campaign.id:
            raise duplicate_slug(slug)
        return slug

    @staticmethod
    def _new(
        actor: Actor,
        slug: str,
        text: CampaignText,
        targets: tuple[Target, ...],
        outcomes: tuple[Outcome, ...],
        status: CampaignStatus,
        template: str | None = None,
    ) -> NewCampaign:
        return NewCampaign(
            community_id=actor.community.id,
            slug=slug,
            title=text.title,
            ask=text.ask,
            background=text.background,
            script=text.script,
            targets=targets,
            outcomes=outcomes,
            goal=text.goal,
            status=status,
            template=template,
        )


def _editable(campaign: Campaign) -> Campaign:
    if campaign.status is CampaignStatus.ARCHIVED:
        raise Conflict(
            f"{campaign.slug} is archived, so it cannot be changed. Create or import a new "
            "campaign instead."
        )
    return campaign
