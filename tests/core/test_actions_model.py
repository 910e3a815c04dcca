"""The whole recording path against the plain model of the rules: random reactions, buttons,
per-lawmaker reports and withdrawals from two members over two days, each its own batch as
events arrive, end with exactly the rows and marks the model says (so the repository loads
everything the rules need)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from bot.core.action_ledger import BUTTON, Entry
from bot.domain.clock import ManualClock
from bot.domain.errors import RateLimited
from bot.services import Services

from .actions_world import MONDAY_NOON, SANDERS, WELCH, World, make_world
from .test_actions_ledger import CAMPAIGN, CAP, REACTIONS, Model


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    full_services.actions.daily_cap = CAP
    return await make_world(full_services)


@pytest.mark.parametrize("seed", range(6))
async def test_random_reports_end_as_the_model_says(
    world: World, clock: ManualClock, seed: int
) -> None:
    """Sixty random events; stored actions and marks equal the model's after each day."""
    rng = random.Random(seed)
    actions = world.services.actions
    second = await world.post(message="m2")
    prompts = {"m1": world.prompt.id, "m2": second.id}
    members = {"ann": world.ann, "bob": world.bob}
    model = Model()
    for day_index, day in enumerate(("2026-01-05", "2026-01-06")):
        if day_index:
            clock.advance(timedelta(days=1))
        for _ in range(30):
            name = rng.choice(list(members))
            actor = members[name]
            add = rng.random() < 0.65
            kind = rng.choice(["react", "button", "named", "script"])
            lawmaker, mark, outcome = "", BUTTON, rng.choice(["contact", "voicemail"])
            message = rng.choice(list(prompts))
            scope = f"p{prompts[message]}"
            if kind == "react":
                mark = rng.choice(list(REACTIONS))
                outcome = REACTIONS[mark]
            elif kind in ("named", "script"):
                lawmaker = rng.choice([SANDERS, WELCH])
                if kind == "script":
                    scope = f"c{world.campaign.id}:{day}"
            entry = Entry(
                1,
                actor.member.id,
                1,
                None,
                scope,
                lawmaker,
                outcome,
                "",
                day,
                day,
                add,
                CAMPAIGN,
                mark=mark,
            )
            expected = model.apply(entry)
            try:
                if kind == "react":
                    result = await actions.react(actor, "general", message, mark, add)
                    assert result is not None
                else:
                    where = (
                        {"campaign_id": world.campaign.id}
                        if kind == "script"
                        else {"prompt_id": prompts[message]}
                    )
                    call = actions.report if add else actions.withdraw
                    result = await call(actor, outcome, lawmaker=lawmaker, **where)
                got: object = result.change
            except RateLimited:
                got = "refused"
            assert got == expected, (kind, name, add, mark, lawmaker, outcome)
        want_actions, want_marks = model.state()
        assert await stored(world) == want_actions
        assert await marks(world) == want_marks
        assert await world.consistent()


async def stored(world: World) -> dict[tuple[int, str, str], tuple[str, str]]:
    rows = await world.services.db.fetchall(
        "SELECT member_id, scope, lawmaker, outcome, member_day FROM actions"
    )
    return {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}


async def marks(world: World) -> set[tuple[int, str, str, str]]:
    rows = await world.services.db.fetchall(
        "SELECT member_id, scope, mark, outcome FROM one_tap_marks"
    )
    return {(r[0], r[1], r[2], r[3]) for r in rows}
