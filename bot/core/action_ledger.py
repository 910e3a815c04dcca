"""The rules of recording, applied in order to a batch of reports on what is stored.

Pure: the service loads the stored rows a batch touches, applies each entry here in arrival
order, then writes only the net change (:meth:`Ledger.plan`).

- **Per lawmaker** (a script's buttons): one action per (member, scope, lawmaker). A repeated
  report changes nothing, another outcome replaces the stored one, and a withdrawal deletes it
  only if it names the stored outcome.
- **One tap** (a reaction or an outcome button on a prompt, naming no lawmaker): each is kept
  as a :class:`Mark` (the reaction's emoji, or '' for the button). The one action counted for
  (member, scope, '') follows the marks still there: the latest one's outcome, time and day;
  none when no mark is left. Removing one reaction falls back to the one left; a repeated
  event changes nothing.
- **Not twice**: while a member has a per-lawmaker report for a campaign on a day (their day),
  their one-tap reports of that day do not count (those reports name the same calls). They
  count again, from their marks, once no per-lawmaker report of that day is left.
- **Daily cap**: a new action over the cap per member, day and lawmaker ('' for one tap) is
  refused, and nothing of that report is kept.

The ledger is given the counts of every member day it may check, the rows its entries touch,
and every mark of the scopes they touch; for per-lawmaker reports, also every row and mark of
their member days (the repository loads them so).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from bot.domain.action_models import Action, ActionResult, Change, DayCount, Mark, OneTap
from bot.domain.campaign_models import Campaign
from bot.domain.errors import RateLimited
from bot.domain.text import Text, tn

Key = tuple[int, str, str]  # (member id, scope, lawmaker)
Group = tuple[int, str]  # (member id, scope): a one-tap report's marks
Day = tuple[int, int, str]  # (member id, campaign id, member day)
MarkKey = tuple[int, str, str]  # (member id, scope, mark)
BUTTON = ""  # the mark of an outcome button (and of one-tap reports stored before marks)


class Entry(NamedTuple):
    """One report (``add``) or withdrawal, resolved and checked against its campaign."""

    community_id: int
    member_id: int
    campaign_id: int
    prompt_id: int | None
    scope: str
    lawmaker: str
    outcome: str
    at: str
    day: str
    member_day: str  # the fields so far are an Action's, after its id, in the same order
    add: bool
    campaign: Campaign
    who: object = ""  # how the cap message names the lawmaker ("Sen. Sanders"), a value that
    # says itself in the reader's language (bot.core.lawmaker_titles.InRunningText)
    mark: str = BUTTON  # a one-tap report's reaction emoji ('' for a button)

    @property
    def key(self) -> Key:
        return (self.member_id, self.scope, self.lawmaker)


class Plan(NamedTuple):
    """The net writes of a batch."""

    inserts: tuple[Action, ...]
    updates: tuple[Action, ...]
    deletes: tuple[int, ...]
    mark_writes: tuple[Mark, ...] = ()  # new or changed (by member, scope and mark)
    mark_deletes: tuple[MarkKey, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.inserts or self.updates or self.deletes or self.mark_writes or self.mark_deletes
        )


def over_cap_message(cap: int, who: object) -> Text:
    """Why a report over the daily cap was not added; ``who``: the lawmaker called, if any."""
    if who:
        return tn(
            "Thank you! You have already reported {cap} call to {who} today, the most one "
            "person can report in a day, so this one was not added. Your reports reopen "
            "tomorrow.",
            "Thank you! You have already reported {cap} calls to {who} today, the most one "
            "person can report in a day, so this one was not added. Your reports reopen "
            "tomorrow.",
            cap,
            cap=cap,
            who=who,
        )
    return tn(
        "Thank you! You have already reported {cap} report today, the most one person can "
        "report in a day, so this one was not added. Your reports reopen tomorrow.",
        "Thank you! You have already reported {cap} reports today, the most one person can "
        "report in a day, so this one was not added. Your reports reopen tomorrow.",
        cap,
        cap=cap,
    )


class Ledger:
    """The stored actions and marks a batch touches, changed entry by entry."""

    def __init__(
        self,
        stored: Iterable[Action],
        counts: Iterable[DayCount],
        cap: int,
        next_id: int = 1,
        marks: Iterable[Mark] = (),
    ) -> None:
        """``stored``: the actions of the batch's keys (and of the member days its
        per-lawmaker reports touch); ``counts``: every action of each member day the batch
        and its marks fall on; ``marks``: every mark of the scopes its one-tap reports touch
        (and of those member days); new actions are numbered from ``next_id``."""
        self.cap = cap
        self._next_id = next_id
        self._initial: dict[Key, Action] = {_key(a): a for a in stored}
        self._current: dict[Key, Action | None] = dict(self._initial)
        self._day: defaultdict[tuple[int, str, str], int] = defaultdict(int)
        self._named: defaultdict[Day, int] = defaultdict(int)
        for count in counts:
            self._day[(count.member_id, count.member_day, count.lawmaker)] += count.actions
            if count.lawmaker:
                self._named[(count.member_id, count.campaign_id, count.member_day)] += count.actions
        self._initial_marks: dict[MarkKey, Mark] = {_mark_key(m): m for m in marks}
        self._marks: defaultdict[Group, dict[str, Mark]] = defaultdict(dict)
        self._groups: defaultdict[tuple[int, int], set[str]] = defaultdict(set)
        for mark in self._initial_marks.values():
            self._marks[(mark.member_id, mark.scope)][mark.mark] = mark
            self._groups[(mark.member_id, mark.campaign_id)].add(mark.scope)

    def apply(self, entry: Entry) -> ActionResult:
        """Apply one entry; raises RateLimited when a new action would pass the daily cap."""
        if entry.lawmaker:
            return self._apply_named(entry)
        return self._apply_one_tap(entry)

    # -- per lawmaker -------------------------------------------------------------------------
    def _apply_named(self, entry: Entry) -> ActionResult:
        key = entry.key
        stored = self._current.get(key)
        campaign, prompt_id = entry.campaign, entry.prompt_id
        if not entry.add:
            if stored is None or stored.outcome != entry.outcome:
                return ActionResult(Change.NOTHING, campaign, stored, None, prompt_id)
            self._set(key, None)
            one_tap = self._follow(entry, stored.member_day)
            return ActionResult(
                Change.RETRACTED, campaign, None, stored.outcome, prompt_id, one_tap
            )
        if stored is not None:
            if stored.outcome == entry.outcome:
                return ActionResult(Change.UNCHANGED, campaign, stored, None, prompt_id)
            changed = stored._replace(
                outcome=entry.outcome,
                at=entry.at,
                day=entry.day,
                member_day=entry.member_day,
                note=None,
            )
            self._set(key, changed)
            one_tap = self._follow(entry, stored.member_day, entry.member_day)
            return ActionResult(
                Change.REPLACED, campaign, changed, stored.outcome, prompt_id, one_tap
            )
        if self._day[(entry.member_id, entry.member_day, entry.lawmaker)] >= self.cap:
            raise RateLimited(over_cap_message(self.cap, entry.who))
        action = Action(self._id_for(key), *entry[:10])  # Entry starts with Action's fields
        self._set(key, action)
        one_tap = self._follow(entry, entry.member_day)
        return ActionResult(Change.RECORDED, campaign, action, None, prompt_id, one_tap)

    def _follow(self, entry: Entry, *days: str) -> OneTap:
        """Bring the member's one-tap reports of these days in line with their per-lawmaker
        reports; what happened to them (covered, restored, or nothing)."""
        effect = OneTap.NONE
        for scope in sorted(self._groups.get((entry.member_id, entry.campaign_id), ())):
            group = (entry.member_id, scope)
            current = self._current.get((*group, ""))
            wanted = self._derived(group, entry.campaign_id)
            on_days = {a.member_day for a in (current, wanted) if a is not None}
            if not on_days & set(days) or current == wanted:
                continue
            self._set((*group, ""), wanted)
            if current is not None and wanted is None:
                effect = OneTap.COVERED
            elif current is None and wanted is not None:
                effect = OneTap.RESTORED
        return effect

    # -- one tap ------------------------------------------------------------------------------
    def _apply_one_tap(self, entry: Entry) -> ActionResult:
        group = (entry.member_id, entry.scope)
        key = (*group, "")
        marks = self._marks[group]
        before = self._current.get(key)
        campaign, prompt_id = entry.campaign, entry.prompt_id
        if entry.add:
            found = marks.get(entry.mark)
            if found is not None and found.outcome == entry.outcome:
                change = Change.UNCHANGED if before is not None else Change.COVERED
                return ActionResult(change, campaign, before, None, prompt_id)
            mark = Mark(
                max((m.seq for m in marks.values()), default=0) + 1,
                entry.community_id,
                entry.member_id,
                entry.campaign_id,
                entry.scope,
                entry.mark,
                entry.outcome,
                entry.at,
                entry.day,
                entry.member_day,
            )
            marks[entry.mark] = mark
            after = self._derived(group, entry.campaign_id)
            if before is None and after is not None and self._over_cap(after):
                if found is None:
                    del marks[entry.mark]
                else:
                    marks[entry.mark] = found
                raise RateLimited(over_cap_message(self.cap, ""))
            self._groups[(entry.member_id, entry.campaign_id)].add(entry.scope)
        else:
            found = marks.get(entry.mark)
            if found is None or found.outcome != entry.outcome:
                found = marks.get(BUTTON) if entry.mark != BUTTON else None
                if found is None or found.outcome != entry.outcome:  # reacted before marks
                    return ActionResult(Change.NOTHING, campaign, before, None, prompt_id)
            del marks[found.mark]
            after = self._derived(group, entry.campaign_id)
        self._set(key, after)
        return self._one_tap_result(entry, before, self._current[key])

    def _one_tap_result(
        self, entry: Entry, before: Action | None, after: Action | None
    ) -> ActionResult:
        campaign, prompt_id = entry.campaign, entry.prompt_id
        if before is None and after is None:
            change = Change.COVERED if entry.add else Change.NOTHING
            return ActionResult(change, campaign, None, None, prompt_id)
        if before is None:
            return ActionResult(Change.RECORDED, campaign, after, None, prompt_id)
        if after is None:
            return ActionResult(Change.RETRACTED, campaign, None, before.outcome, prompt_id)
        kept_by = None if entry.add else self._latest((entry.member_id, entry.scope)).mark
        if after.outcome == before.outcome:
            return ActionResult(Change.UNCHANGED, campaign, after, None, prompt_id, kept_by=kept_by)
        return ActionResult(
            Change.REPLACED, campaign, after, before.outcome, prompt_id, kept_by=kept_by
        )

    def _derived(self, group: Group, campaign_id: int) -> Action | None:
        """The one-tap action the group's marks make count now (None: none counts): the
        latest mark's, unless a per-lawmaker report of its day covers it."""
        marks = self._marks.get(group)
        if not marks:
            return None
        latest = self._latest(group)
        if self._named[(group[0], campaign_id, latest.member_day)]:
            return None
        current = self._current.get((*group, ""))
        wanted = Action(
            current.id if current is not None else 0,
            latest.community_id,
            latest.member_id,
            campaign_id,
            _prompt_of(latest.scope),
            latest.scope,
            "",
            latest.outcome,
            latest.at,
            latest.day,
            latest.member_day,
            current.note if current is not None and current.outcome == latest.outcome else None,
        )
        return current if wanted == current else wanted

    def _latest(self, group: Group) -> Mark:
        return max(self._marks[group].values())

    def _over_cap(self, action: Action) -> bool:
        return self._day[(action.member_id, action.member_day, "")] >= self.cap

    # -- bookkeeping --------------------------------------------------------------------------
    def plan(self) -> Plan:
        inserts, updates, deletes = [], [], []
        for key, final in self._current.items():
            initial = self._initial.get(key)
            if initial is None and final is not None:
                inserts.append(final)
            elif initial is not None and final is None:
                deletes.append(initial.id)
            elif initial is not None and final is not None and final != initial:
                updates.append(final)
        final = {_mark_key(m): m for group in self._marks.values() for m in group.values()}
        return Plan(
            tuple(inserts),
            tuple(updates),
            tuple(deletes),
            tuple(m for k, m in final.items() if self._initial_marks.get(k) != m),
            tuple(k for k in self._initial_marks if k not in final),
        )

    def _id_for(self, key: Key) -> int:
        """The key's stored id if it had a row (rewritten, not deleted), else a new one."""
        initial = self._initial.get(key)
        if initial is not None:
            return initial.id
        ident = self._next_id
        self._next_id += 1
        return ident

    def _set(self, key: Key, action: Action | None) -> None:
        if action is not None and action.id == 0:
            action = Action(self._id_for(key), *action[1:])
        old = self._current.get(key)
        if old is not None:
            self._count(old, -1)
        if action is not None:
            self._count(action, 1)
        self._current[key] = action

    def _count(self, action: Action, step: int) -> None:
        self._day[(action.member_id, action.member_day, action.lawmaker)] += step
        if action.lawmaker:
            self._named[(action.member_id, action.campaign_id, action.member_day)] += step


def _key(action: Action) -> Key:
    return (action.member_id, action.scope, action.lawmaker)


def _mark_key(mark: Mark) -> MarkKey:
    return (mark.member_id, mark.scope, mark.mark)


def _prompt_of(scope: str) -> int | None:
    """'p12' -> 12; a campaign's day ('c3:2026-01-05') has no prompt."""
    return int(scope[1:]) if scope.startswith("p") else None
