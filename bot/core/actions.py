"""Recording actions: one tap (a button or a reaction) after a call, counted exactly once.

Every report goes through one :class:`~bot.core.batcher.Batcher`: reports arriving together
are checked against their prompt and campaign (:mod:`bot.core.action_batch`), then applied in
arrival order by the :class:`~bot.core.action_ledger.Ledger` inside one transaction, so a
burst of ten thousand costs a few statements per batch instead of several per report, and
duplicates, replacements and withdrawals in the same burst come out exactly as if applied one
by one. Inside that transaction the batch checks again that its members, prompts and
campaigns are still there and running, since it was prepared outside it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Sequence
from dataclasses import replace
from datetime import datetime

from bot.civic.store import DirectoryStore
from bot.core.action_batch import GONE, BatchContext, Prepared, Recent, Report
from bot.core.action_ledger import Entry, Ledger
from bot.core.batcher import Batcher, InOrder, failed
from bot.core.campaigns import CampaignService
from bot.core.emoji_map import EmojiMap, normalize
from bot.core.lawmaker_titles import InRunningText
from bot.core.live_counts import LiveCounts
from bot.core.member_time import MemberTime
from bot.core.metrics import ACTION_FAILED, ACTION_REFUSED, NO_METRICS, Metrics
from bot.core.ports.actions import ActionStore
from bot.core.prompts import PromptService
from bot.domain.action_models import (
    NOTE_MAX,
    NOTE_OUTCOME,
    Action,
    ActionResult,
    CampaignState,
)
from bot.domain.campaign_models import Campaign
from bot.domain.clock import Clock, iso
from bot.domain.errors import Conflict, DomainError, InvalidInput, NotFound, StoredConflict
from bot.domain.models import Actor, Community
from bot.domain.text import t

log = logging.getLogger(__name__)

ERASED = t("Your data was just erased, so this was not recorded. Please report it again.")
RETRY = t("That report could not be saved because something changed meanwhile; please try again.")
NOT_YOURS = t("That report is no longer there (it was withdrawn or changed).")
NOT_CONTACT = t("Notes go with a call where you made contact; this one is not.")
MARK_MAX = 64  # a reaction's emoji as kept in one_tap_marks
_BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")


class ActionService:
    """Records, replaces and withdraws actions; answers whether a member acted."""

    def __init__(
        self,
        repo: ActionStore,
        prompts: PromptService,
        campaigns: CampaignService,
        directory: DirectoryStore,
        clock: Clock,
        daily_cap: int,
        emoji: EmojiMap,
        live: LiveCounts,
        max_batch: int = 1000,
        metrics: Metrics = NO_METRICS,
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
        self._metrics = metrics
        self._recent = Recent()
        self.batcher: Batcher[Report, ActionResult] = Batcher(
            self._prepare, self._commit, max_batch
        )
        self._order = InOrder()  # reports that look something up first keep their order

    # -- reporting --------------------------------------------------------------------------
    def report(
        self,
        actor: Actor,
        outcome: str,
        *,
        prompt_id: int | None = None,
        campaign_id: int | None = None,
        lawmaker: str = "",
    ) -> Awaitable[ActionResult]:
        """Record an outcome on a prompt (or a campaign, from a script asked for without one).

        Await the result. It raises NotFound (unknown prompt), Conflict (campaign not
        running), InvalidInput (an outcome the campaign does not have, an unknown lawmaker)
        or RateLimited (over the daily cap). A future rather than a coroutine, so a burst of
        reports awaited together costs no task each.
        """
        return self._submit(actor, outcome, True, prompt_id, campaign_id, lawmaker)

    def withdraw(
        self,
        actor: Actor,
        outcome: str,
        *,
        prompt_id: int | None = None,
        campaign_id: int | None = None,
        lawmaker: str = "",
    ) -> Awaitable[ActionResult]:
        """Take back a report, only if ``outcome`` is still what is recorded (await it)."""
        return self._submit(actor, outcome, False, prompt_id, campaign_id, lawmaker)

    def _submit(
        self,
        actor: Actor,
        outcome: str,
        add: bool,
        prompt_id: int | None,
        campaign_id: int | None,
        lawmaker: str,
    ) -> Awaitable[ActionResult]:
        try:
            bioguide = self._lawmaker(lawmaker)
        except DomainError as exc:
            self._metrics.action(ACTION_REFUSED)
            return failed(exc)
        return self.batcher.submit(Report(actor, outcome, add, prompt_id, campaign_id, bioguide))

    async def react(
        self, actor: Actor, channel_id: str, message_id: str, emoji: str, added: bool
    ) -> ActionResult | None:
        """A reaction on a message: None when it is not a prompt or the emoji means nothing.
        Reactions are recorded in the order they arrived (a 📞 added then removed at once
        ends removed), whatever order their prompts are found in."""
        async with self._order.turn() as turn:
            prompt = await self._prompts.by_message(actor.community.id, channel_id, message_id)
            if prompt is None:
                return None
            key = ("c", actor.community.id, prompt.campaign_id)
            campaign = self._recent.get(key)  # the emoji map needs only its (fixed) outcomes
            if campaign is None:
                campaign = await self._campaigns.get_by_id(actor.community.id, prompt.campaign_id)
            outcome = self.emoji.outcome(campaign, emoji)
            if outcome is None:
                return None
            mark = normalize(emoji)[:MARK_MAX] or "?"
            await turn.ready()
            recorded = self.batcher.submit(Report(actor, outcome, added, prompt.id, mark=mark))
        return await recorded

    async def undo(self, actor: Actor, action_id: int, outcome: str) -> ActionResult:
        """Withdraw one of the member's own actions (the Undo button), in arrival order."""
        async with self._order.turn() as turn:
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
            await turn.ready()
            withdrawn = self.batcher.submit(report)
        return await withdrawn

    async def add_note(self, actor: Actor, action_id: int, text: str) -> Action:
        """Save one line on what the office said, on the member's own 'made contact'."""
        note = clean_note(text)
        action = await self._own(actor, action_id)
        if action.outcome != NOTE_OUTCOME:
            raise Conflict(NOT_CONTACT)
        saved = await self._repo.set_note(action.id, actor.member.id, note)
        if saved is None:
            raise NotFound(NOT_YOURS)
        return saved

    async def note_target(self, actor: Actor, action_id: int, lawmaker: str) -> Action:
        """The "made contact" report a note goes on: the member's own report ``action_id``,
        or, for a one-tap report whose member names the lawmaker they reached, that
        lawmaker's report in the same place (recorded now if needed; it then covers the
        one-tap report, so the call still counts once)."""
        action = await self._own(actor, action_id)
        if action.outcome != NOTE_OUTCOME:
            raise Conflict(NOT_CONTACT)
        if not lawmaker or lawmaker == action.lawmaker:
            return action
        if action.lawmaker:
            raise InvalidInput(t("That note goes with your call to another lawmaker."))
        result = await self.report(
            actor,
            NOTE_OUTCOME,
            prompt_id=action.prompt_id,
            campaign_id=None if action.prompt_id else action.campaign_id,
            lawmaker=lawmaker,
        )
        if result.action is None:
            raise NotFound(NOT_YOURS)
        return result.action

    async def get(self, actor: Actor, action_id: int) -> Action:
        return await self._own(actor, action_id)

    async def acted_between(
        self, community_id: int, member_id: int, start: datetime, end: datetime
    ) -> bool:
        """True if the member has an action (not withdrawn) reported in [start, end)."""
        return await self._repo.acted_between(community_id, member_id, iso(start), iso(end))

    # -- the batch --------------------------------------------------------------------------
    async def _prepare(self, reports: Sequence[Report]) -> Prepared:
        context = BatchContext(
            self._prompts, self._campaigns, self._time, self._who, self._recent, self._clock.now()
        )
        return await context.prepare(reports)

    async def _commit(self, prepared: Prepared) -> list[ActionResult | BaseException]:
        results = prepared.results
        if prepared.entries:
            applied = await self._apply_safely(prepared.entries, prepared.communities)
            for position, outcome in zip(prepared.positions, applied, strict=True):
                results[position] = outcome
        done = [r if r is not None else RuntimeError("not processed") for r in results]
        for result in done:
            self._count(result)
        return done

    def _count(self, result: ActionResult | BaseException) -> None:
        if isinstance(result, ActionResult):
            self._metrics.action(result.change.value)
        else:
            self._metrics.action(
                ACTION_REFUSED if isinstance(result, DomainError) else ACTION_FAILED
            )

    async def _apply_safely(
        self, entries: list[Entry], communities: dict[int, Community]
    ) -> list[ActionResult | BaseException]:
        """Apply a batch; if the database refuses it (a row vanished meanwhile), apply each
        entry alone so one bad entry does not cost the others."""
        try:
            return await self._apply(entries, communities)
        except StoredConflict:
            if len(entries) == 1:
                log.info("an action could not be saved: a row it refers to changed")
                return [Conflict(RETRY)]
        results: list[ActionResult | BaseException] = []
        for entry in entries:
            results.extend(await self._apply_safely([entry], communities))
        return results

    async def _apply(
        self, entries: list[Entry], communities: dict[int, Community]
    ) -> list[ActionResult | BaseException]:
        async with self._repo.batch() as batch:
            members = await batch.existing_members(e.member_id for e in entries)
            prompts = await batch.existing_prompts(
                e.prompt_id for e in entries if e.prompt_id is not None
            )
            refused = self._not_running(
                {e.campaign_id: e.campaign for e in entries},
                await batch.campaign_states({e.campaign_id for e in entries}),
                communities,
            )
            stored, counts, marks = await batch.load(
                (e.key for e in entries),
                ((e.member_id, e.scope) for e in entries if not e.lawmaker),
                ((e.member_id, e.member_day) for e in entries),
                ((e.member_id, e.member_day) for e in entries if e.lawmaker),
            )
            ledger = Ledger(stored, counts, self.daily_cap, await batch.next_id(), marks)
            results: list[ActionResult | BaseException] = []
            for entry in entries:
                if entry.member_id not in members:
                    results.append(NotFound(ERASED))
                elif entry.prompt_id is not None and entry.prompt_id not in prompts:
                    results.append(NotFound(GONE))
                elif entry.campaign_id in refused:
                    results.append(refused[entry.campaign_id])
                else:
                    try:
                        results.append(ledger.apply(entry))
                    except DomainError as exc:
                        results.append(exc)
            plan = ledger.plan()
            if not plan.empty:
                # New rows in key order: every index and roll-up is then walked forwards.
                inserts = sorted(plan.inserts, key=_key)
                self.batcher.writing()
                await batch.write(
                    inserts, plan.updates, plan.deletes, plan.mark_writes, plan.mark_deletes
                )
        return results

    # -- helpers ----------------------------------------------------------------------------
    def _not_running(
        self,
        campaigns: dict[int, Campaign],
        states: dict[int, CampaignState],
        communities: dict[int, Community],
    ) -> dict[int, DomainError]:
        """Campaigns that stopped (or vanished) since the batch was prepared, with the reason."""
        refused: dict[int, DomainError] = {}
        for campaign_id, campaign in campaigns.items():
            state = states.get(campaign_id)
            if state is None:
                refused[campaign_id] = NotFound(t("That campaign no longer exists."))
                continue
            current = replace(
                campaign, status=state.status, starts_on=state.starts_on, ends_on=state.ends_on
            )
            try:
                self._campaigns.check_running(current, communities[campaign_id])
            except DomainError as exc:
                refused[campaign_id] = exc
        return refused

    async def _own(self, actor: Actor, action_id: int) -> Action:
        action = await self._repo.get(actor.community.id, action_id)
        if action is None or action.member_id != actor.member.id:
            raise NotFound(NOT_YOURS)
        return action

    def _lawmaker(self, text: str) -> str:
        """'' (no lawmaker named), or the bioguide id of a sitting member of Congress."""
        if not text:
            return ""
        bioguide = text.strip().upper()
        if not bioguide:
            return ""
        if not _BIOGUIDE.match(bioguide):
            raise InvalidInput(
                t("That lawmaker is not one I know; use the buttons in your script.")
            )
        self._directory.current().member(bioguide)  # NotFound, or Unavailable without data
        return bioguide

    def _who(self, bioguide: str) -> object:
        """The lawmaker as the cap message names them, in the reader's language."""
        if not bioguide:
            return ""
        try:
            lawmaker = self._directory.current().member(bioguide)
        except DomainError:
            return bioguide
        return InRunningText(lawmaker)


def clean_note(text: str) -> str:
    """One line of plain text, at most NOTE_MAX characters; otherwise a clear refusal."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    if not line:
        raise InvalidInput(t("The note is empty; write a few words, like 'undecided'."))
    if len(line) > NOTE_MAX:
        raise InvalidInput(
            t(
                "That note is {length} characters; keep it to one line of at most {most} "
                "(like 'staffer said the senator is undecided').",
                length=len(line),
                most=NOTE_MAX,
            )
        )
    return line


def _key(action: Action) -> tuple[int, str, str]:
    return (action.member_id, action.scope, action.lawmaker)
