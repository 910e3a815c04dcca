"""Campaigns: create, edit, import and run them. Changes are for organizers only, checked here.

Reads take a community id; every change takes the acting :class:`Actor` and calls
``require(actor, Permission.ORGANIZER)`` before anything else.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
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
    CampaignVersion,
    NewCampaign,
    Outcome,
    duplicate_slug,
)
from bot.domain.clock import Clock, iso
from bot.domain.errors import Conflict, InvalidInput, NotFound, Unavailable
from bot.domain.models import Actor, Community
from bot.domain.targets import Target, parse_targets
from bot.domain.text import Text, t
from bot.i18n.languages import ENGLISH, LANGUAGES, parse_language

DEFAULT_TARGETS = parse_targets("mine")
ALREADY: dict[CampaignStatus, Text] = {
    CampaignStatus.DRAFT: t("{slug} is already draft."),
    CampaignStatus.ACTIVE: t("{slug} is already active."),
    CampaignStatus.PAUSED: t("{slug} is already paused."),
    CampaignStatus.ARCHIVED: t("{slug} is already archived."),
}
DATA_NEEDED = t(
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
        shown: Text | str = "".join(ch for ch in slug.strip() if ch.isprintable())[:40]
        shown = shown or t("(blank)")
        if close:
            raise NotFound(
                t(
                    "There is no campaign called {shown}. Did you mean {close}?",
                    shown=shown,
                    close=close[0],
                )
            )
        raise NotFound(
            t("There is no campaign called {shown}. /campaigns lists them.", shown=shown)
        )

    async def get_by_id(self, community_id: int, campaign_id: int) -> Campaign:
        found = await self._repo.get(community_id, campaign_id)
        if found is None:
            raise NotFound(t("That campaign no longer exists."))
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
                t(
                    "{slug} is still a draft; an organizer can start it with "
                    "/campaign resume {slug}.",
                    slug=slug,
                )
            )
        if campaign.status is CampaignStatus.PAUSED:
            raise Conflict(
                t("{slug} is paused right now; /campaign resume {slug} restarts it.", slug=slug)
            )
        if campaign.status is CampaignStatus.ARCHIVED:
            raise Conflict(
                t("{slug} is archived: it is over. Thank you to everyone who called!", slug=slug)
            )
        if campaign.starts_on and today < campaign.starts_on:
            raise Conflict(
                t("{slug} starts on {day}.", slug=slug, day=campaign.starts_on.isoformat())
            )
        assert campaign.ends_on is not None
        raise Conflict(t("{slug} ended on {day}.", slug=slug, day=campaign.ends_on.isoformat()))

    # -- changing (organizers) -------------------------------------------------------------
    async def create(
        self, actor: Actor, fields: Mapping[str, str], language: str = ENGLISH
    ) -> Campaign:
        """A new draft from the form's answers, written in ``language`` (its first language);
        its slug comes from the title."""
        require(actor, Permission.ORGANIZER)
        language = check_language(language)
        text = check_text(fields, self.limits)
        slug = slug_from_title(text.title)
        if await self._repo.by_slug(actor.community.id, slug) is not None:
            raise duplicate_slug(slug)
        new = self._new(
            actor, slug, text, DEFAULT_TARGETS, default_outcomes(), CampaignStatus.DRAFT
        )
        new = replace(new, language=language)
        return await self._repo.insert(new, iso(self._clock.now()))

    async def update(
        self,
        actor: Actor,
        campaign_id: int,
        fields: Mapping[str, str],
        new_slug: str | None = None,
        language: str | None = None,
    ) -> Campaign:
        """Apply the edit form's answers (and a new slug) all at once, or nothing. With a
        ``language`` other than the campaign's first, the answers are that language's version
        (added or replaced; the goal is the campaign's, not a version's)."""
        require(actor, Permission.ORGANIZER)
        campaign = _editable(await self.get_by_id(actor.community.id, campaign_id))
        language = campaign.language if language is None else check_language(language)
        if language != campaign.language:
            return await self._save_version(actor, campaign, fields, language, new_slug)
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

    async def _save_version(
        self,
        actor: Actor,
        campaign: Campaign,
        fields: Mapping[str, str],
        language: str,
        new_slug: str | None,
    ) -> Campaign:
        text = check_text({**fields, "goal": ""}, self.limits)
        version = CampaignVersion(language, text.title, text.ask, text.background, text.script)
        now = iso(self._clock.now())
        if new_slug is not None:
            slug = await self._free_slug(actor, new_slug, campaign)
            await self._repo.update(actor.community.id, campaign.id, now, slug=slug)
        return await self._repo.save_version(actor.community.id, campaign.id, version, now)

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
            raise Conflict(ALREADY[status].with_values(slug=campaign.slug))
        if current is CampaignStatus.ARCHIVED:
            raise Conflict(
                t(
                    "{slug} is archived, and archived campaigns stay as they are. Create "
                    "or import a new campaign instead.",
                    slug=campaign.slug,
                )
            )
        if status is CampaignStatus.PAUSED and current is not CampaignStatus.ACTIVE:
            raise Conflict(
                t("{slug} is a draft, so there is nothing to pause.", slug=campaign.slug)
            )
        if status is CampaignStatus.DRAFT:
            raise InvalidInput(t("A campaign cannot go back to being a draft."))
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
                raise Conflict(t("No campaign is marked as the main one: nothing to undo."))
            return None
        campaign = await self.get(community_id, slug)
        if campaign.status is CampaignStatus.ARCHIVED:
            raise Conflict(
                t(
                    "{slug} is archived: it is over, so it can't be the main campaign.",
                    slug=campaign.slug,
                )
            )
        if not await self._repo.set_main(community_id, campaign.id):
            raise Conflict(t("{slug} is already the main campaign.", slug=campaign.slug))
        return campaign

    async def import_template(self, actor: Actor, name: str, slug: str = "") -> Campaign:
        """A new active campaign from a shipped template, under its slug or the one given."""
        require(actor, Permission.ORGANIZER)
        key = name.strip().lower().removesuffix(".yaml")
        if key in self.templates.broken:
            raise Unavailable(
                t(
                    "The template {key} is unavailable: {reason}. An operator needs to fix "
                    "{key}.yaml in the campaign template folder.",
                    key=key,
                    reason=self.templates.broken[key],
                )
            )
        template = self.templates.templates.get(key)
        if template is None:
            names = ", ".join(sorted(self.templates.templates))
            if not names:
                raise NotFound(
                    t("There is no template called {key}. Templates: none.", key=key[:40])
                )
            raise NotFound(
                t(
                    "There is no template called {key}. Templates: {names}.",
                    key=key[:40],
                    names=names,
                )
            )
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
                t(
                    "There is already a campaign called {slug}. To import the template again, "
                    "give it another slug: /campaign import {key} <new-slug>.",
                    slug=chosen,
                    key=key,
                )
            )
        targets = self.check_targets(spec.parsed_targets)
        new = self._new(
            actor, chosen, text, targets, spec.parsed_outcomes, CampaignStatus.ACTIVE, key
        )
        versions = []
        for code, other in sorted(spec.versions.items()):
            words = check_text(other.model_dump() | {"goal": ""}, self.limits)
            versions.append(
                CampaignVersion(code, words.title, words.ask, words.background, words.script)
            )
        new = replace(new, language=spec.language, versions=tuple(versions))
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


def check_language(word: str) -> str:
    """The language code a campaign version is written in ('es', 'Español'), or InvalidInput."""
    code = parse_language(word)
    if code is None:
        raise InvalidInput(
            t(
                "'{word}' is not a language I speak. Choose {choices}.",
                word=word.strip()[:20],
                choices=", ".join(f"{c} ({name})" for c, name in LANGUAGES.items()),
            )
        )
    return code


def _editable(campaign: Campaign) -> Campaign:
    if campaign.status is CampaignStatus.ARCHIVED:
        raise Conflict(
            t(
                "{slug} is archived, so it cannot be changed. Create or import a new "
                "campaign instead.",
                slug=campaign.slug,
            )
        )
    return campaign
