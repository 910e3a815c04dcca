"""Recording actions: one tap (a button or a reaction) after a call, counted exactly once.

Every report goes through one :class:`~bot.core.batcher.Batcher`: reports arriving together
are checked against their prompt and campaign, then applied in arrival order by the
:class:`~bot.core.action_ledger.Ledger` inside one transaction, so a burst of ten thousand
costs a few statements per batch instead of several per report, and duplicates, replacements
and withdrawals in the same burst still come out exactly as if applied one by one.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.civic.store import DirectoryStore
from bot.core.action_ledger import Applied, Entry, Ledger
from bot.core.action_models import NOTE_MAX, NOTE_OUTCOME, Action, ActionResult
from bot.core.batcher import Batcher
from bot.core.campaign_models import Campaign, Prompt
from bot.core.campaigns import CampaignService
from bot.core.clock import Clock, iso
from bot.core.emoji_map import EmojiMap
from bot.core.errors import Conflict, DomainError, InvalidInput, NotFound
from bot.core.live_counts import LiveCounts
from bot.core.member_time import MemberTime, community_day
from bot.core.models import Actor, Community, Member
from bot.core.prompts import PromptService
from bot.storage.actions import ActionRepository

log = logging.getLogger(__name__)

GONE = "That prompt is no longer available, so nothing was recorded."
ERASED = "Your data was just erased, so this was not recorded. Please report it again."
RETRY = "That report could not be saved because something changed meanwhile; please try again."
NOT_YOURS = "That report is no longer there (it was withdrawn or changed)."
_BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")


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


class ActionService:
    """Records, replaces and withdraws actions; answers whether a member acted."""

    def __init__(
        self,
        repo: ActionRepository,
        prompts: PromptService,
        campaigns: CampaignService,
        directory: DirectoryStore,
        clock: Clock,
        daily_cap: int,
        emoji: EmojiMap,
        live: LiveCounts,
        max_batch: int = 1000,
    ) -> None:
        self._repo = repo
        self._prompts = prompts
        self._campaigns = campaigns
        self._directory = directory
        self._clock = clock
        self._time = MemberTime(directory)
        self.daily_cap = daily_cap
        self.emoji = emoji
        self.live = live
        self.batcher: Batcher[Report, ActionResult] = Batcher(self._process, max_batch)

    # -- reporting --------------------------------------------------------------------------
    async def report(
        self,
        actor: Actor,
        outcome: str,
        *,
        prompt_id: int | None = None,
        campaign_id: int | None = None,
        lawmaker: str = "",
    ) -> ActionResult:
        """Record an outcome on a prompt (or a campaign, from a script asked for without one).

        Raises NotFound (unknown prompt), Conflict (campaign not running), InvalidInput
        (an outcome the campaign does not have, an unknown lawmaker) or RateLimited (cap).
        """
        report = Report(actor, outcome, True, prompt_id, campaign_id, self._lawmaker(lawmaker))
        return await self.batcher.submit(report)

    async def withdraw(
        self,
        actor: Actor,
        outcome: str,
        *,
        prompt_id: int | None = None,
        campaign_id: int | None = None,
        lawmaker: str = "",
    ) -> ActionResult:
        """Take back a report, only if ``outcome`` is still what is recorded."""
        report = Report(actor, outcome, False, prompt_id, campaign_id, self._lawmaker(lawmaker))
        return await self.batcher.submit(report)

    async def react(
        self, actor: Actor, channel_id: str, message_id: str, emoji: str, added: bool
    ) -> ActionResult | None:
        """A reaction on a message: None when it is not a prompt or the emoji means nothing."""
        prompt = await self._prompts.by_message(actor.community.id, channel_id, message_id)
        if prompt is None:
            return None
        campaign = await self._campaigns.get_by_id(actor.community.id, prompt.campaign_id)
        outcome = self.emoji.outcome(campaign, emoji)
        if outcome is None:
            return None
        report = Report(actor, outcome, added, prompt.id)
        return await self.batcher.submit(report)

    async def undo(self, actor: Actor, action_id: int, outcome: str) -> ActionResult:
        """Withdraw one of the member's own actions (the Undo button)."""
        action = await self._own(actor, action_id)
        report = Report(
            actor,
            outcome,
            add=False,
            prompt_id=action.prompt_id,
            campaign_id=action.campaign_id,
            lawmaker=action.lawmaker,
            scope=action.scope,
        )
        return await self.batcher.submit(report)

    async def add_note(self, actor: Actor, action_id: int, text: str) -> Action:
        """Save one line on what the office said, on the member's own 'made contact'."""
        note = clean_note(text)
        action = await self._own(actor, action_id)
        if action.outcome != NOTE_OUTCOME:
            raise Conflict("Notes go with a call where you made contact; this one is not.")
        saved = await self._repo.set_note(action.id, actor.member.id, note)
        if saved is None:
            raise NotFound(NOT_YOURS)
        return saved

    async def get(self, actor: Actor, action_id: int) -> Action:
        return await self._own(actor, action_id)

    async def acted_between(
        self, community_id: int, member_id: int, start: datetime, end: datetime
    ) -> bool:
        """True if the member has an action (not withdrawn) reported in [start, end)."""
        return await self._repo.acted_between(community_id, member_id, iso(start), iso(end))

    # -- the batch --------------------------------------------------------------------------
    async def _process(self, reports: Sequence[Report]) -> list[ActionResult | BaseException]:
        batch = _BatchContext(self, self._clock.now())
        await batch.load(reports)
        results: list[ActionResult | BaseException | None] = [None] * len(reports)
        checked: list[tuple[int, Entry, Campaign]] = []
        for index, report in enumerate(reports):
            try:
                entry, campaign = batch.entry(report)
            except DomainError as exc:
                results[index] = exc
                continue
            checked.append((index, entry, campaign))
        if checked:
            applied = await self._apply_safely([entry for _, entry, _ in checked])
            for (index, entry, campaign), outcome in zip(checked, applied, strict=True):
                if isinstance(outcome, BaseException):
                    results[index] = outcome
                else:
                    results[index] = ActionResult(
                        outcome.change, campaign, outcome.action, outcome.previous, entry.prompt_id
                    )
        return [r if r is not None else RuntimeError("not processed") for r in results]

    async def _apply_safely(self, entries: list[Entry]) -> list[Applied | BaseException]:
        """Apply a batch; if the database refuses it (a row vanished meanwhile), apply each
        entry alone so one bad entry does not cost the others."""
        try:
            return await self._apply(entries)
        except sqlite3.IntegrityError:
            if len(entries) == 1:
                log.info("an action could not be saved: a row it refers to changed")
                return [Conflict(RETRY)]
        results: list[Applied | BaseException] = []
        for entry in entries:
            results.extend(await self._apply_safely([entry]))
        return results

    async def _apply(self, entries: list[Entry]) -> list[Applied | BaseException]:
        async with self._repo.batch() as batch:
            members = await batch.existing_members(e.member_id for e in entries)
            prompts = await batch.existing_prompts(
                e.prompt_id for e in entries if e.prompt_id is not None
            )
            stored = await batch.stored(e.key for e in entries)
            days = await batch.day_counts((e.member_id, e.member_day) for e in entries)
            ledger = Ledger(stored, days, self.daily_cap, await batch.next_id())
            results: list[Applied | BaseException] = []
            for entry in entries:
                if entry.member_id not in members:
                    results.append(NotFound(ERASED))
                elif entry.prompt_id is not None and entry.prompt_id not in prompts:
                    results.append(NotFound(GONE))
                else:
                    try:
                        results.append(ledger.apply(entry))
                    except DomainError as exc:
                        results.append(exc)
            plan = ledger.plan()
            if not plan.empty:
                await batch.write(plan.inserts, plan.updates, plan.deletes)
        return results

    # -- helpers ----------------------------------------------------------------------------
    async def _own(self, actor: Actor, action_id: int) -> Action:
        action = await self._repo.get(actor.community.id, action_id)
        if action is None or action.member_id != actor.member.id:
            raise NotFound(NOT_YOURS)
        return action

    def _lawmaker(self, text: str) -> str:
        """'' (no lawmaker named), or the bioguide id of a sitting member of Congress."""
        bioguide = text.strip().upper()
        if not bioguide:
            return ""
        if not _BIOGUIDE.match(bioguide):
            raise InvalidInput("That lawmaker is not one I know; use the buttons in your script.")
        self._directory.current().member(bioguide)  # NotFound, or Unavailable without data
        return bioguide

    def _who(self, bioguide: str) -> str:
        if not bioguide:
            return ""
        try:
            lawmaker = self._directory.current().member(bioguide)
        except DomainError:
            return bioguide
        return f"{lawmaker.title} {lawmaker.last}"


class _BatchContext:
    """What one batch looks up once: prompts, campaigns, whether they run, and the days."""

    def __init__(self, service: ActionService, now: datetime) -> None:
        self._service = service
        self._now = now
        self.at = iso(now)
        self._prompts: dict[tuple[int, int], Prompt | None] = {}
        self._campaigns: dict[tuple[int, int], Campaign | DomainError] = {}
        self._running: dict[tuple[int, int], DomainError | None] = {}
        self._days: dict[str, str] = {}
        self._member_days: dict[tuple[str | None, str | None, str], str] = {}
        self._who: dict[str, str] = {"": ""}
        self._outcomes: dict[int, frozenset[str]] = {}

    async def load(self, reports: Sequence[Report]) -> None:
        """Look up each prompt and campaign the reports name, once."""
        for report in reports:
            community = report.actor.community
            campaign_id = report.campaign_id
            if report.prompt_id is not None:
                key = (community.id, report.prompt_id)
                if key not in self._prompts:
                    self._prompts[key] = await self._service._prompts.get(*key)
                prompt = self._prompts[key]
                campaign_id = prompt.campaign_id if prompt else None
            if campaign_id is not None and (community.id, campaign_id) not in self._campaigns:
                await self._load_campaign(community, campaign_id)

    def entry(self, report: Report) -> tuple[Entry, Campaign]:
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
            raise InvalidInput(
                "That is not an outcome this campaign counts; use the buttons on its prompt."
            )
        member = report.actor.member
        member_day = self._member_day(member, community)
        scope = report.scope or (f"p{prompt.id}" if prompt else f"c{campaign.id}:{member_day}")
        entry = Entry(
            community.id,
            member.id,
            campaign.id,
            prompt.id if prompt else None,
            scope,
            report.lawmaker,
            report.outcome,
            report.add,
            self.at,
            self._day(community),
            member_day,
            self._name(report.lawmaker),
        )
        return entry, campaign

    async def _load_campaign(self, community: Community, campaign_id: int) -> None:
        """The campaign, or the error a report on it gets (gone, or not running)."""
        key = (community.id, campaign_id)
        try:
            found = await self._service._campaigns.get_by_id(*key)
            self._service._campaigns.check_running(found, community)
            self._campaigns[key] = found
            self._outcomes[found.id] = frozenset(o.key for o in found.outcomes)
        except DomainError as exc:
            self._campaigns[key] = exc

    def _day(self, community: Community) -> str:
        if community.timezone not in self._days:
            self._days[community.timezone] = community_day(community, self._now).isoformat()
        return self._days[community.timezone]

    def _member_day(self, member: Member, community: Community) -> str:
        key = (member.timezone, member.zip, community.timezone)
        if key not in self._member_days:
            day = self._service._time.day_of(member, community, self._now)
            self._member_days[key] = day.isoformat()
        return self._member_days[key]

    def _name(self, bioguide: str) -> str:
        if bioguide not in self._who:
            self._who[bioguide] = self._service._who(bioguide)
        return self._who[bioguide]


def clean_note(text: str) -> str:
    """One line of plain text, at most NOTE_MAX characters; otherwise a clear refusal."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    if not line:
        raise InvalidInput("The note is empty; write a few words, like 'undecided'.")
    if len(line) > NOTE_MAX:
        raise InvalidInput(
            f"That note is {len(line)} characters; keep it to one line of at most {NOTE_MAX} "
            "(like 'staffer said the senator is undecided')."
        )
    return line
