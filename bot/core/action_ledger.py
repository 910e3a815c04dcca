"""The rules of recording, applied in order to a batch of reports on what is stored.

Pure: the service loads the stored rows a batch touches, applies each entry here in arrival
order, then writes only the net change (:meth:`Ledger.plan`). One action per (member, scope,
lawmaker): a repeated report changes nothing, another outcome replaces the stored one, a
withdrawal deletes it only if it names the stored outcome, and a new action over the daily cap
per member per lawmaker is refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from bot.core.action_models import Action, ActionResult, Change
from bot.core.campaign_models import Campaign
from bot.core.errors import RateLimited

Key = tuple[int, str, str]  # (member id, scope, lawmaker)


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
    who: str = ""  # how the cap message names the lawmaker ("Sen. Sanders")

    @property
    def key(self) -> Key:
        return (self.member_id, self.scope, self.lawmaker)


class Plan(NamedTuple):
    """The net writes of a batch."""

    inserts: tuple[Action, ...]
    updates: tuple[Action, ...]
    deletes: tuple[int, ...]

    @property
    def empty(self) -> bool:
        return not (self.inserts or self.updates or self.deletes)


def over_cap_message(cap: int, who: str) -> str:
    noun = "call" if who else "report"
    target = f"{cap} {noun}{'s' * (cap != 1)}" + (f" to {who}" if who else "")
    return (
        f"Thank you! You have already reported {target} today, the most one person can "
        "report in a day, so this one was not added. Your reports reopen tomorrow."
    )


class Ledger:
    """The stored actions a batch touches, changed entry by entry."""

    def __init__(
        self,
        stored: Iterable[Action],
        day_counts: Mapping[tuple[int, str, str], int],
        cap: int,
        next_id: int = 1,
    ) -> None:
        """``stored``: the rows of the batch's keys; ``day_counts``: (member, member day,
        lawmaker) -> actions stored, for the days the batch's members report on; new actions
        are numbered from ``next_id``."""
        self.cap = cap
        self._next_id = next_id
        self._initial: dict[Key, Action] = {_key(a): a for a in stored}
        self._current: dict[Key, Action | None] = dict(self._initial)
        self._day: defaultdict[tuple[int, str, str], int] = defaultdict(int, day_counts)

    def apply(self, entry: Entry) -> ActionResult:
        """Apply one entry; raises RateLimited when a new action would pass the daily cap."""
        key = (entry.member_id, entry.scope, entry.lawmaker)
        stored = self._current.get(key)
        campaign, prompt_id = entry.campaign, entry.prompt_id
        if not entry.add:
            if stored is None or stored.outcome != entry.outcome:
                return ActionResult(Change.NOTHING, campaign, stored, None, prompt_id)
            self._set(key, None)
            return ActionResult(Change.RETRACTED, campaign, None, stored.outcome, prompt_id)
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
            return ActionResult(Change.REPLACED, campaign, changed, stored.outcome, prompt_id)
        if self._day[(entry.member_id, entry.member_day, entry.lawmaker)] >= self.cap:
            raise RateLimited(over_cap_message(self.cap, entry.who))
        initial = self._initial.get(key)
        if initial is not None:
            ident = initial.id
        else:
            ident = self._next_id
            self._next_id += 1
        action = Action(ident, *entry[:10])  # Entry starts with Action's fields, in order
        self._set(key, action)
        return ActionResult(Change.RECORDED, campaign, action, None, prompt_id)

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
        return Plan(tuple(inserts), tuple(updates), tuple(deletes))

    def _set(self, key: Key, action: Action | None) -> None:
        old = self._current.get(key)
        if old is not None:
            self._day[_day_key(old)] -= 1
        if action is not None:
            self._day[_day_key(action)] += 1
        self._current[key] = action


def _key(action: Action) -> Key:
    return (action.member_id, action.scope, action.lawmaker)


def _day_key(action: Action) -> tuple[int, str, str]:
    return (action.member_id, action.member_day, action.lawmaker)
