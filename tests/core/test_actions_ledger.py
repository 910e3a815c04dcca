"""The recording rules on their own: any sequence of reports ends as a plain model of the rules
says, whether applied in one batch or one by one."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.action_ledger import BUTTON, Entry, Ledger
from bot.domain.action_models import Action, Change, DayCount, Mark
from bot.domain.campaign_models import DEFAULT_OUTCOMES, Campaign, CampaignStatus
from bot.domain.errors import RateLimited

CAP = 2
MONDAY, TUESDAY = "2026-01-05", "2026-01-06"
CAMPAIGN = Campaign(
    1,
    1,
    "c",
    "C",
    "Ask.",
    "",
    "Hi.",
    (),
    DEFAULT_OUTCOMES,
    None,
    None,
    None,
    CampaignStatus.ACTIVE,
    None,
    "t",
    "t",
)
REACTIONS = {"📞": "contact", "📫": "voicemail", "☎": "contact"}


def entry(
    member: int, scope: str, lawmaker: str, how: str, outcome: str, add: bool, day: str
) -> Entry:
    """A report: per lawmaker, or one tap by ``how`` (a reaction's emoji, or '' a button)."""
    if not lawmaker and how:
        outcome = REACTIONS[how]
    return Entry(
        community_id=1,
        member_id=member,
        campaign_id=1,
        prompt_id=int(scope[1:]),
        scope=scope,
        lawmaker=lawmaker,
        outcome=outcome,
        add=add,
        at=f"{day}T12:00:00Z",
        day=day,
        member_day=day,
        campaign=CAMPAIGN,
        mark="" if lawmaker else how,
    )


entries = st.builds(
    entry,
    member=st.integers(1, 2),
    scope=st.sampled_from(["p1", "p2", "p3"]),
    lawmaker=st.sampled_from(["", "", "S000033", "W000800"]),
    how=st.sampled_from([BUTTON, "📞", "📫", "☎"]),
    outcome=st.sampled_from(["contact", "voicemail"]),
    add=st.booleans(),
    day=st.sampled_from([MONDAY, MONDAY, TUESDAY]),
)

Counted = tuple[str, str]  # (outcome, member day)


@dataclass
class Model:
    """The rules written the plain way: dictionaries, everything recomputed after each step."""

    named: dict[tuple[int, str, str], Counted] = field(default_factory=dict)
    marks: dict[tuple[int, str], dict[str, tuple[int, str, str]]] = field(default_factory=dict)
    one_tap: dict[tuple[int, str], Counted] = field(default_factory=dict)
    seq: int = 100

    def count(self, member: int, day: str, lawmaker: str) -> int:
        named = sum(
            1 for k, v in self.named.items() if (k[0], v[1], k[2]) == (member, day, lawmaker)
        )
        taps = sum(
            1 for k, v in self.one_tap.items() if (k[0], v[1], "") == (member, day, lawmaker)
        )
        return named + taps

    def derive(self, group: tuple[int, str]) -> Counted | None:
        marks = self.marks.get(group)
        if not marks:
            return None
        _, outcome, day = max(marks.values())
        if any(k[0] == group[0] and v[1] == day for k, v in self.named.items()):
            return None
        return (outcome, day)

    def settle(self, member: int) -> None:
        for group in [g for g in self.marks if g[0] == member]:
            self._set(group, self.derive(group))

    def _set(self, group: tuple[int, str], counted: Counted | None) -> None:
        if counted is None:
            self.one_tap.pop(group, None)
        else:
            self.one_tap[group] = counted

    def apply(self, item: Entry) -> Change | str:
        if item.lawmaker:
            return self._named(item)
        group = (item.member_id, item.scope)
        before = self.one_tap.get(group)
        marks = self.marks.setdefault(group, {})
        if item.add:
            found = marks.get(item.mark)
            if found and found[1] == item.outcome:
                return Change.UNCHANGED if before else Change.COVERED
            marks[item.mark] = (self.seq, item.outcome, item.member_day)
            after = self.derive(group)
            if before is None and after and self.count(item.member_id, after[1], "") >= CAP:
                if found:
                    marks[item.mark] = found
                else:
                    del marks[item.mark]
                return "refused"
            self.seq += 1
        else:
            name = item.mark
            if name not in marks or marks[name][1] != item.outcome:
                name = BUTTON
                if item.mark == BUTTON or name not in marks or marks[name][1] != item.outcome:
                    return Change.NOTHING
            del marks[name]
            after = self.derive(group)
        self._set(group, after)
        if before is None and after is None:
            return Change.COVERED if item.add else Change.NOTHING
        if before is None:
            return Change.RECORDED
        if after is None:
            return Change.RETRACTED
        return Change.UNCHANGED if before[0] == after[0] else Change.REPLACED

    def _named(self, item: Entry) -> Change | str:
        now = self.named.get(item.key)
        if not item.add:
            if now is None or now[0] != item.outcome:
                return Change.NOTHING
            del self.named[item.key]
            self.settle(item.member_id)
            return Change.RETRACTED
        if now is not None:
            if now[0] == item.outcome:
                return Change.UNCHANGED
            self.named[item.key] = (item.outcome, item.member_day)
            self.settle(item.member_id)
            return Change.REPLACED
        if self.count(item.member_id, item.member_day, item.lawmaker) >= CAP:
            return "refused"
        self.named[item.key] = (item.outcome, item.member_day)
        self.settle(item.member_id)
        return Change.RECORDED

    def state(self) -> tuple[dict[tuple[int, str, str], Counted], set[tuple[int, str, str, str]]]:
        actions = dict(self.named)
        actions.update({(*g, ""): v for g, v in self.one_tap.items()})
        marks = {(*g, name, v[1]) for g, found in self.marks.items() for name, v in found.items()}
        return actions, marks


def initial() -> tuple[list[Action], list[Mark], Model]:
    """Member 1 pressed voicemail on p1 on Monday (a one-tap action and its button mark)."""
    action = Action(10, 1, 1, 1, 1, "p1", "", "voicemail", f"{MONDAY}T09:00:00Z", MONDAY, MONDAY)
    mark = Mark(5, 1, 1, 1, "p1", BUTTON, "voicemail", action.at, MONDAY, MONDAY)
    model = Model()
    model.marks[(1, "p1")] = {BUTTON: (5, "voicemail", MONDAY)}
    model.one_tap[(1, "p1")] = ("voicemail", MONDAY)
    return [action], [mark], model


def run(ledger: Ledger, item: Entry) -> Change | str:
    try:
        return ledger.apply(item).change
    except RateLimited:
        return "refused"


def stored_state(
    actions: list[Action], marks: list[Mark]
) -> tuple[dict[tuple[int, str, str], Counted], set[tuple[int, str, str, str]]]:
    return (
        {(a.member_id, a.scope, a.lawmaker): (a.outcome, a.member_day) for a in actions},
        {(m.member_id, m.scope, m.mark, m.outcome) for m in marks},
    )


def counts_of(actions: list[Action]) -> list[DayCount]:
    """The day counts the repository would read for these rows."""
    found: dict[tuple[int, int, str, str], int] = {}
    for a in actions:
        key = (a.member_id, a.campaign_id, a.member_day, a.lawmaker)
        found[key] = found.get(key, 0) + 1
    return [DayCount(*k, n) for k, n in found.items()]


def ledger_on(actions: list[Action], marks: list[Mark], next_id: int) -> Ledger:
    return Ledger(actions, counts_of(actions), CAP, next_id, marks)


def applied(
    actions: list[Action], marks: list[Mark], ledger: Ledger
) -> tuple[list[Action], list[Mark]]:
    """The stored rows after writing the ledger's plan."""
    plan = ledger.plan()
    ids = {a.id for a in (*plan.updates, *plan.inserts)}
    assert not ids & set(plan.deletes)
    assert len({(a.member_id, a.scope, a.lawmaker) for a in plan.inserts}) == len(plan.inserts)
    kept = [a for a in actions if a.id not in plan.deletes and a.id not in ids]
    written = {(m.member_id, m.scope, m.mark): m for m in plan.mark_writes}
    assert len(written) == len(plan.mark_writes)
    assert not set(written) & set(plan.mark_deletes)
    new_marks = {(m.member_id, m.scope, m.mark): m for m in marks}
    for key in plan.mark_deletes:
        del new_marks[key]
    new_marks.update(written)
    return kept + list(plan.updates) + list(plan.inserts), list(new_marks.values())


@settings(max_examples=300, deadline=None)
@given(st.lists(entries, max_size=30))
def test_a_batch_ends_as_the_model_says(batch: list[Entry]) -> None:
    """Per-entry changes and the final rows match the plain model, in one batch."""
    actions, marks, model = initial()
    ledger = ledger_on(actions, marks, 11)
    for item in batch:
        assert run(ledger, item) == model.apply(item), item
    final_actions, final_marks = applied(actions, marks, ledger)
    want_actions, want_marks = model.state()
    assert stored_state(final_actions, final_marks) == (want_actions, want_marks)


@settings(max_examples=150, deadline=None)
@given(st.lists(entries, max_size=20))
def test_one_by_one_ends_as_one_batch(batch: list[Entry]) -> None:
    """Each entry in its own batch (written in between) ends with the same rows."""
    actions, marks, _ = initial()
    together = ledger_on(actions, marks, 11)
    for item in batch:
        run(together, item)
    one_batch = stored_state(*applied(actions, marks, together))
    next_id = 11
    for item in batch:
        ledger = ledger_on(actions, marks, next_id)
        run(ledger, item)
        actions, marks = applied(actions, marks, ledger)
        next_id = max([a.id for a in actions], default=10) + 1
    assert stored_state(actions, marks) == one_batch


def test_a_second_reaction_counts_and_removing_it_falls_back() -> None:
    """📞 then 📫: voicemail counts; 📫 removed: contact again; 📞 removed: nothing."""
    ledger = ledger_on([], [], 1)
    react = [
        entry(1, "p1", "", "📞", "", True, MONDAY),
        entry(1, "p1", "", "📫", "", True, MONDAY),
        entry(1, "p1", "", "📫", "", False, MONDAY),
        entry(1, "p1", "", "📞", "", False, MONDAY),
    ]
    changes = [ledger.apply(item) for item in react]
    assert [c.change for c in changes] == [
        Change.RECORDED,
        Change.REPLACED,
        Change.REPLACED,
        Change.RETRACTED,
    ]
    assert changes[2].action is not None and changes[2].action.outcome == "contact"
    assert changes[2].kept_by == "📞"
    assert ledger.plan().inserts == () and ledger.plan().mark_writes == ()


def test_per_lawmaker_reports_cover_the_days_one_tap_report() -> None:
    """A reaction, then a script button the same day: one action, the lawmaker's; Undo of the
    button brings the reaction's count back."""
    ledger = ledger_on([], [], 1)
    tapped = ledger.apply(entry(1, "p1", "", "📞", "", True, MONDAY))
    named = ledger.apply(entry(1, "p2", "S000033", "", "contact", True, MONDAY))
    assert (tapped.change, named.change, named.one_tap.value) == (
        Change.RECORDED,
        Change.RECORDED,
        "covered",
    )
    assert [a.lawmaker for a in ledger.plan().inserts] == ["S000033"]
    again = ledger.apply(entry(1, "p1", "", "📫", "", True, MONDAY))
    assert again.change is Change.COVERED
    undone = ledger.apply(entry(1, "p2", "S000033", "", "contact", False, MONDAY))
    assert undone.one_tap.value == "restored"
    assert [(a.lawmaker, a.outcome) for a in ledger.plan().inserts] == [("", "voicemail")]


def test_another_days_per_lawmaker_report_does_not_cover() -> None:
    """Tuesday's script buttons leave Monday's reaction counted."""
    ledger = ledger_on([], [], 1)
    ledger.apply(entry(1, "p1", "", "📞", "", True, MONDAY))
    named = ledger.apply(entry(1, "p1", "S000033", "", "contact", True, TUESDAY))
    assert named.one_tap.value == ""
    assert sorted(a.lawmaker for a in ledger.plan().inserts) == ["", "S000033"]
