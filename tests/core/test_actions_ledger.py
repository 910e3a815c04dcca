"""The recording rules on their own: any sequence of reports ends as one by one would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.action_ledger import Entry, Ledger
from bot.core.action_models import Action, Change
from bot.core.campaign_models import DEFAULT_OUTCOMES, Campaign, CampaignStatus
from bot.core.errors import RateLimited

CAP = 2
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


def entry(member: int, scope: str, lawmaker: str, outcome: str, add: bool) -> Entry:
    return Entry(
        community_id=1,
        member_id=member,
        campaign_id=1,
        prompt_id=int(scope[1:]),
        scope=scope,
        lawmaker=lawmaker,
        outcome=outcome,
        add=add,
        at="2026-01-05T12:00:00Z",
        day="2026-01-05",
        member_day="2026-01-05",
        campaign=CAMPAIGN,
    )


entries = st.builds(
    entry,
    member=st.integers(1, 3),
    scope=st.sampled_from(["p1", "p2", "p3", "p4"]),
    lawmaker=st.sampled_from(["", "S000033"]),
    outcome=st.sampled_from(["contact", "voicemail"]),
    add=st.booleans(),
)


def stored(member: int, scope: str, ident: int) -> Action:
    return Action(
        ident, 1, member, 1, int(scope[1:]), scope, "", "voicemail", "t", "2026-01-05", "2026-01-05"
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(entries, max_size=40))
def test_a_batch_ends_as_a_simple_model_says(batch: list[Entry]) -> None:
    """Final state and per-entry changes match a dictionary model of the rules."""
    initial = [stored(1, "p1", 10), stored(2, "p2", 11)]
    ledger = Ledger(initial, {(1, "2026-01-05", ""): 1, (2, "2026-01-05", ""): 1}, CAP)
    model: dict[tuple[int, str, str], str] = {
        (a.member_id, a.scope, ""): a.outcome for a in initial
    }
    for item in batch:
        key = item.key
        now = model.get(key)
        per_day = sum(1 for k in model if k[0] == item.member_id and k[2] == item.lawmaker)
        if item.add and now is None and per_day >= CAP:
            expected = "refused"
        elif item.add:
            expected = (
                Change.UNCHANGED
                if now == item.outcome
                else (Change.REPLACED if now else Change.RECORDED)
            )
        else:
            expected = Change.RETRACTED if now == item.outcome else Change.NOTHING
        try:
            got = ledger.apply(item).change
        except RateLimited:
            got = "refused"
        assert got == expected
        if got in (Change.RECORDED, Change.REPLACED):
            model[key] = item.outcome
        elif got == Change.RETRACTED:
            del model[key]
    plan = ledger.plan()
    keys = {a.id: (a.member_id, a.scope, a.lawmaker) for a in initial}
    final = {keys[a.id]: a.outcome for a in initial if a.id not in plan.deletes}
    for action in (*plan.updates, *plan.inserts):
        final[(action.member_id, action.scope, action.lawmaker)] = action.outcome
    assert final == model
    assert not {a.id for a in plan.updates} & set(plan.deletes)
