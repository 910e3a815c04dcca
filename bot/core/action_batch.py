"""Preparing a batch of reports: each checked against its prompt and campaign, with its days
and scope, before the transaction that applies them (:mod:`bot.core.actions`).

Prompts and campaigns looked up by one batch are reused by the next ones for up to
``RECENT_SECONDS``, so a batch being prepared rarely waits for the database while the one
before it commits. That is safe: the commit checks again, inside its transaction, that each
prompt still exists and each campaign still runs (and a campaign's outcome keys never change).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.core.action_ledger import BUTTON, Entry
from bot.core.campaigns import CampaignService
from bot.core.member_time import MemberTime, community_day
from bot.core.prompts import PromptService
from bot.domain.action_models import ActionResult
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.clock import iso
from bot.domain.errors import DomainError, InvalidInput, NotFound
from bot.domain.models import Actor, Community, Member
from bot.domain.text import t

GONE = t("That prompt is no longer available, so nothing was recorded.")
NOT_COUNTED = t("That is not an outcome this campaign counts; use the buttons on its prompt.")
RECENT_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Report:
    """A member says what they did (``add``) or takes it back, on a prompt or a campaign."""

    actor: Actor
    outcome: str
    add: bool = True
    prompt_id: int | None = None
    campaign_id: int | None = None
    lawmaker: str = ""
    scope: str | None = None  # an action's own scope, when taking it back (Undo)
    mark: str = BUTTON  # a one-tap report's reaction emoji ('' for the outcome button)


@dataclass
class Prepared:
    """A batch ready to commit: refusals so far by position, and the entries to apply."""

    results: list[ActionResult | BaseException | None]
    positions: list[int] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    communities: dict[int, Community] = field(default_factory=dict)  # by campaign id


class Recent:
    """Prompts and campaigns found by recent batches, each kept ``max_age`` seconds."""

    def __init__(
        self, max_age: float = RECENT_SECONDS, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_age = max_age
        self._now = now
        self._found: dict[tuple[str, int, int], tuple[Any, float]] = {}

    def get(self, key: tuple[str, int, int]) -> Any | None:
        hit = self._found.get(key)
        if hit is None or self._now() - hit[1] > self._max_age:
            return None
        return hit[0]

    def put(self, key: tuple[str, int, int], value: Any) -> None:
        if len(self._found) > 10_000:
            self._found.clear()
        self._found[key] = (value, self._now())

    def forget(self, key: tuple[str, int, int]) -> None:
        self._found.pop(key, None)


class BatchContext:
    """Looks up what one batch needs once: prompts, campaigns, names and days."""

    def __init__(
        self,
        prompts: PromptService,
        campaigns: CampaignService,
        member_time: MemberTime,
        who: Callable[[str], object],
        recent: Recent,
        now: datetime,
    ) -> None:
        self._prompt_service = prompts
        self._campaign_service = campaigns
        self._time = member_time
        self._who_of = who
        self._recent = recent
        self._now = now
        self.at = iso(now)
        self._prompts: dict[tuple[int, int], Prompt | None] = {}
        self._campaigns: dict[tuple[int, int], Campaign | DomainError] = {}
        self._outcomes: dict[int, frozenset[str]] = {}
        self._days: dict[str, str] = {}
        self._member_days: dict[tuple[str | None, str | None, str], str] = {}
        self._who: dict[str, object] = {"": ""}

    async def prepare(self, reports: Sequence[Report]) -> Prepared:
        await self._load(reports)
        prepared = Prepared([None] * len(reports))
        for position, report in enumerate(reports):
            try:
                entry = self._entry(report)
            except DomainError as exc:
                prepared.results[position] = exc
                continue
            prepared.positions.append(position)
            prepared.entries.append(entry)
            prepared.communities[entry.campaign_id] = report.actor.community
        return prepared

    async def _load(self, reports: Sequence[Report]) -> None:
        """Look up each prompt and campaign the reports name, once (a campaign again, fresh,
        if a report names an outcome a recently cached copy does not have)."""
        refreshed: set[tuple[int, int]] = set()
        for report in reports:
            community = report.actor.community
            campaign_id = report.campaign_id
            if report.prompt_id is not None:
                prompt = await self._prompt(community.id, report.prompt_id)
                campaign_id = prompt.campaign_id if prompt else None
            if campaign_id is None:
                continue
            key = (community.id, campaign_id)
            try:
                if key not in self._campaigns:
                    await self._campaign(community, campaign_id)
                known = self._outcomes.get(campaign_id, frozenset())
                if report.outcome not in known and key not in refreshed:
                    refreshed.add(key)
                    await self._campaign(community, campaign_id, fresh=True)
            except DomainError:
                continue  # kept in self._campaigns: each report on it gets the error

    def _entry(self, report: Report) -> Entry:
        """The report checked against its prompt and campaign, with its days and scope."""
        community = report.actor.community
        prompt = None
        if report.prompt_id is not None:
            prompt = self._prompts[(community.id, report.prompt_id)]
            if prompt is None:
                raise NotFound(GONE)
            campaign_id = prompt.campaign_id
        elif report.campaign_id is not None:
            campaign_id = report.campaign_id
        else:
            raise NotFound(GONE)
        campaign = self._campaigns[(community.id, campaign_id)]
        if isinstance(campaign, DomainError):
            raise campaign
        if report.outcome not in self._outcomes[campaign.id]:
            raise InvalidInput(NOT_COUNTED)
        member = report.actor.member
        member_day = self._member_day(member, community)
        scope = report.scope or (f"p{prompt.id}" if prompt else f"c{campaign.id}:{member_day}")
        return Entry(
            community.id,
            member.id,
            campaign.id,
            prompt.id if prompt else None,
            scope,
            report.lawmaker,
            report.outcome,
            self.at,
            self._day(community),
            member_day,
            report.add,
            campaign,
            self._name(report.lawmaker),
            report.mark,
        )

    async def _prompt(self, community_id: int, prompt_id: int) -> Prompt | None:
        key = (community_id, prompt_id)
        if key not in self._prompts:
            cached = self._recent.get(("p", *key))
            if cached is None:
                cached = await self._prompt_service.get(*key)
                if cached is not None:
                    self._recent.put(("p", *key), cached)
            self._prompts[key] = cached
        return self._prompts[key]

    async def _campaign(
        self, community: Community, campaign_id: int, fresh: bool = False
    ) -> Campaign:
        """The campaign, or raises the error a report on it gets (gone, or not running)."""
        key = (community.id, campaign_id)
        cached = None if fresh else self._recent.get(("c", *key))
        try:
            found = cached or await self._campaign_service.get_by_id(*key)
            self._campaign_service.check_running(found, community)
        except DomainError as exc:
            self._campaigns[key] = exc
            self._recent.forget(("c", *key))
            raise
        if cached is None:
            self._recent.put(("c", *key), found)
        self._campaigns[key] = found
        self._outcomes[found.id] = frozenset(o.key for o in found.outcomes)
        return found

    def _day(self, community: Community) -> str:
        if community.timezone not in self._days:
            self._days[community.timezone] = community_day(community, self._now).isoformat()
        return self._days[community.timezone]

    def _member_day(self, member: Member, community: Community) -> str:
        key = (member.timezone, member.zip, community.timezone)
        if key not in self._member_days:
            day = self._time.day_of(member, community, self._now)
            self._member_days[key] = day.isoformat()
        return self._member_days[key]

    def _name(self, bioguide: str) -> object:
        if bioguide not in self._who:
            self._who[bioguide] = self._who_of(bioguide)
        return self._who[bioguide]
