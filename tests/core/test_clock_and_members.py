"""The manual clock and the member service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.clock import ManualClock, iso
from bot.domain.errors import InvalidInput
from bot.domain.models import Platform
from bot.services import Services


def test_manual_clock_moves_only_when_told() -> None:
    """advance moves forward; backwards is refused."""
    clock = ManualClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    assert clock.now() == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    clock.advance(timedelta(days=1))
    assert iso(clock.now()) == "2026-03-02T09:00:00Z"
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))


async def test_actor_registers_once(services: Services) -> None:
    """The same platform user in the same community is one member."""
    a = await services.members.actor(Platform.DISCORD, "guild-1", "user-1", False)
    b = await services.members.actor(Platform.DISCORD, "guild-1", "user-1", True)
    c = await services.members.actor(Platform.DISCORD, "guild-2", "user-1", False)
    assert a.member.id == b.member.id
    assert b.is_organizer and not a.is_organizer
    assert c.community.id != a.community.id  # scoped by community
    assert c.member.id != a.member.id


async def test_bad_timezone_is_refused_and_nothing_changes(services: Services) -> None:
    """An unknown zone is a friendly error and the stored zone stays."""
    actor = await services.members.actor(Platform.CONSOLE, "c", "u", False)
    member = await services.members.set_timezone(actor.member, "America/Denver")
    with pytest.raises(InvalidInput, match="America/Chicago"):
        await services.members.set_timezone(member, "Nowhere/Land")
    assert (await services.members.refresh(member)).timezone == "America/Denver"
