"""Reports arriving together: duplicates, interleaved adds and removes, floods and bursts."""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.domain.action_models import Change
from bot.domain.clock import ManualClock
from bot.domain.errors import RateLimited
from bot.domain.models import Actor
from bot.services import Services
from bot.storage.actions import MANY_SCOPES, ActionRepository

from .actions_world import MONDAY_NOON, SANDERS, World, make_world


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


async def members(world: World, count: int, prefix: str = "m") -> list[Actor]:
    return [await world.actor(f"{prefix}{i}") for i in range(count)]


async def test_duplicate_and_interleaved_events_count_right(world: World) -> None:
    """Concurrent duplicates count once; a member's adds and removes end as their last says."""
    actions = world.services.actions
    react = actions.react
    dupes, switchers, quitters = (
        await members(world, 30, "d"),
        await members(world, 30, "s"),
        await members(world, 30, "q"),
    )
    for actor in quitters:  # each starts with a recorded contact
        await react(actor, "general", "m1", "📞", True)
    events = []
    for actor in dupes:  # the same reaction delivered three times
        events += [react(actor, "general", "m1", "📞", True) for _ in range(3)]
    for actor in switchers:  # 📞, 📫 and their duplicates, interleaved: one action either way
        events += [react(actor, "general", "m1", e, True) for e in ("📞", "📫", "📞", "📫")]
    for actor in quitters:  # the removal, delivered twice
        events += [react(actor, "general", "m1", "📞", False) for _ in range(2)]
    random.Random(5).shuffle(events)
    results = await asyncio.gather(*events)

    assert all(r is not None for r in results)
    assert await world.count() == 60
    outcomes = await world.outcomes()
    assert outcomes["contact"] + outcomes.get("voicemail", 0) == 60
    assert outcomes["contact"] >= 30
    assert await world.count("SELECT count(DISTINCT member_id) FROM actions") == 60
    assert await world.consistent()
    changes = [r.change for r in results if r is not None]
    assert changes.count(Change.RETRACTED) == 30  # one per quitter: the duplicate did nothing


async def test_a_flood_of_adds_and_removes_from_one_member(world: World) -> None:
    """Hundreds of 📞 on/off from one member end as the last event says, counted once."""
    react = world.services.actions.react
    flood = [react(world.ann, "general", "m1", "📞", i % 2 == 0) for i in range(301)]
    await asyncio.gather(*flood)
    assert await world.outcomes() == {"contact": 1}
    await asyncio.gather(*(react(world.ann, "general", "m1", "📞", False) for _ in range(5)))
    assert await world.count() == 0
    assert await world.consistent()


async def test_concurrent_reports_share_batches(world: World) -> None:
    """A burst of reports is written in far fewer transactions than reports."""
    actions = world.services.actions
    crowd = await members(world, 200)
    before = actions.batcher.batches
    results = await asyncio.gather(
        *(actions.report(a, "contact", prompt_id=world.prompt.id) for a in crowd)
    )
    assert all(r.change is Change.RECORDED for r in results)
    assert len({r.action.id for r in results if r.action}) == 200
    assert actions.batcher.batches - before < 20
    assert await world.count() == 200


async def test_a_refused_report_in_a_batch_costs_the_others_nothing(world: World) -> None:
    """One member over the cap is refused; the reports batched with it are recorded."""
    actions = world.services.actions
    prompts = [world.prompt] + [await world.post(message=f"m{i}") for i in range(2, 8)]
    crowd = await members(world, 20)
    burst = [
        actions.report(world.ann, "contact", prompt_id=p.id, lawmaker=SANDERS) for p in prompts
    ] + [actions.report(a, "contact", prompt_id=world.prompt.id) for a in crowd]
    results = await asyncio.gather(*burst, return_exceptions=True)
    refused = [r for r in results if isinstance(r, RateLimited)]
    assert len(refused) == len(prompts) - actions.daily_cap
    assert await world.count() == actions.daily_cap + 20
    assert await world.consistent()


async def test_a_cancelled_caller_does_not_lose_the_batch(world: World) -> None:
    """A report whose caller gives up is still written, and the others in its batch too."""
    actions = world.services.actions
    crowd = await members(world, 10)
    waiting = [actions.report(a, "contact", prompt_id=world.prompt.id) for a in crowd]
    gave_up = asyncio.ensure_future(waiting[0])
    gave_up.cancel()
    results = await asyncio.gather(*waiting[1:])
    await actions.batcher.idle()
    assert gave_up.cancelled()
    assert all(r.change is Change.RECORDED for r in results)
    assert await world.count() == 10


async def test_reactions_are_recorded_in_the_order_they_arrived(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reaction removed right after it was added ends uncounted, even when finding the
    prompt of the first event takes longer than of the second (on PostgreSQL each lookup takes
    its own pooled connection, so answers may come back in any order)."""
    prompts = world.services.prompts
    find = prompts.by_message
    second_found = asyncio.Event()
    calls = 0

    async def slow_first(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        first = calls == 1
        if first:
            await second_found.wait()
        found = await find(*args, **kwargs)  # type: ignore[arg-type]
        if not first:
            second_found.set()
        return found

    monkeypatch.setattr(prompts, "by_message", slow_first)
    react = world.services.actions.react
    added, removed = await asyncio.gather(
        react(world.ann, "general", "m1", "📞", True),
        react(world.ann, "general", "m1", "📞", False),
    )
    assert added is not None and added.change is Change.RECORDED
    assert removed is not None and removed.change is Change.RETRACTED
    assert await world.count() == 0


async def test_a_batch_over_many_prompts_finds_what_each_member_reported(world: World) -> None:
    """Reports on more prompts than a batch asks about one by one are looked up by their keys
    in one statement (a list of (member, prompt, lawmaker)): each is found, nothing else."""
    actions = world.services.actions
    prompts = [world.prompt] + [await world.post(message=f"m{i}") for i in range(2, 2 + 25)]
    crowd = await members(world, len(prompts))
    first = await asyncio.gather(
        *(actions.report(a, "contact", prompt_id=p.id) for a, p in zip(crowd, prompts, strict=True))
    )
    keys = {(r.action.member_id, r.action.scope, "") for r in first if r.action}
    strays = {(crowd[0].member.id, f"p{prompts[1].id}", ""), (crowd[1].member.id, "p999", "")}
    repo = ActionRepository(world.services.db)
    async with repo.batch() as batch:
        found, _, _ = await batch.load(keys | strays, (), (), ())
    assert len(keys) == len(prompts) > MANY_SCOPES
    assert {(a.member_id, a.scope, a.lawmaker) for a in found} == keys
