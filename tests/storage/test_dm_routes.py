"""DM routes: a DM's message id leads back to its member and community, for 30 days at most."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.clock import ManualClock
from bot.domain.dm_routes import KEEP, DmRoute
from bot.domain.models import Platform
from bot.services import Services
from bot.storage.dm_routes import DmRouteRepository
from bot.storage.privacy import PrivacyRepository, member_links

ANN = DmRoute("g1", "ann")


async def member(services: Services, server: str = "g1", user: str = "ann") -> int:
    actor = await services.members.actor(Platform.DISCORD, server, user, False)
    return actor.member.id


async def routes(services: Services) -> int:
    row = await services.db.fetchone("SELECT count(*) FROM dm_routes")
    assert row is not None
    return int(row[0])


async def test_a_recorded_dm_is_found_by_its_message_id(
    services: Services, clock: ManualClock
) -> None:
    """The DM's route names its server and its recipient; only ids and the time are stored."""
    await member(services)
    repo = DmRouteRepository(services.db)
    assert await repo.remember(Platform.DISCORD, ANN, "111", clock.now())
    assert await repo.find(Platform.DISCORD, "111", clock.now()) == ANN
    row = await services.db.fetchone("SELECT * FROM dm_routes")
    assert row is not None and set(row.keys()) == {"message_id", "member_id", "sent_at"}


async def test_an_unknown_message_or_another_platform_finds_nothing(
    services: Services, clock: ManualClock
) -> None:
    """A message never recorded, or one looked up for another platform, has no route."""
    await member(services)
    repo = DmRouteRepository(services.db)
    await repo.remember(Platform.DISCORD, ANN, "111", clock.now())
    assert await repo.find(Platform.DISCORD, "222", clock.now()) is None
    assert await repo.find(Platform.SLACK, "111", clock.now()) is None


async def test_a_dm_to_someone_who_is_not_a_member_is_not_stored(
    services: Services, clock: ManualClock
) -> None:
    """No member row for the recipient (or that server): nothing is stored, nothing created."""
    await member(services)
    repo = DmRouteRepository(services.db)
    assert not await repo.remember(Platform.DISCORD, DmRoute("g1", "zed"), "111", clock.now())
    assert not await repo.remember(Platform.DISCORD, DmRoute("g2", "ann"), "112", clock.now())
    assert await routes(services) == 0
    members = await services.db.fetchone("SELECT count(*) FROM members")
    assert members is not None and members[0] == 1


async def test_recording_the_same_dm_twice_keeps_one_route(
    services: Services, clock: ManualClock
) -> None:
    """A second record of the same message changes nothing (the first recipient stays)."""
    await member(services)
    await member(services, user="bob")
    repo = DmRouteRepository(services.db)
    assert await repo.remember(Platform.DISCORD, ANN, "111", clock.now())
    assert not await repo.remember(Platform.DISCORD, DmRoute("g1", "bob"), "111", clock.now())
    assert await routes(services) == 1
    assert await repo.find(Platform.DISCORD, "111", clock.now()) == ANN


async def test_an_old_route_is_not_used_and_goes_at_the_next_record(
    services: Services, clock: ManualClock
) -> None:
    """Past KEEP a route is no longer found, and the next DM recorded removes it."""
    await member(services)
    repo = DmRouteRepository(services.db)
    await repo.remember(Platform.DISCORD, ANN, "111", clock.now())
    clock.advance(KEEP - timedelta(minutes=1))
    assert await repo.find(Platform.DISCORD, "111", clock.now()) == ANN
    clock.advance(timedelta(minutes=2))
    assert await repo.find(Platform.DISCORD, "111", clock.now()) is None
    assert await routes(services) == 1
    await repo.remember(Platform.DISCORD, ANN, "222", clock.now())
    rows = await services.db.fetchall("SELECT message_id FROM dm_routes")
    assert [row[0] for row in rows] == ["222"]


async def test_routes_go_when_their_member_is_erased(
    services: Services, clock: ManualClock
) -> None:
    """dm_routes is a member link that cascades: erasure removes ann's routes, not bob's."""
    ann = await member(services)
    await member(services, user="bob")
    repo = DmRouteRepository(services.db)
    await repo.remember(Platform.DISCORD, ANN, "111", clock.now())
    await repo.remember(Platform.DISCORD, DmRoute("g1", "bob"), "222", clock.now())
    links = {(link.table, link.on_delete) for link in await member_links(services.db)}
    assert ("dm_routes", "CASCADE") in links
    assert await PrivacyRepository(services.db).erase(ann) == 0
    assert await repo.find(Platform.DISCORD, "111", clock.now()) is None
    assert await repo.find(Platform.DISCORD, "222", clock.now()) == DmRoute("g1", "bob")


async def test_the_daily_retention_job_removes_old_routes(
    services: Services, clock: ManualClock
) -> None:
    """Old routes go at the daily retention run even when no DM is sent; recent ones stay."""
    await member(services)
    repo = DmRouteRepository(services.db)
    await repo.remember(Platform.DISCORD, ANN, "111", clock.now())
    clock.advance(KEEP - timedelta(days=1))
    await repo.remember(Platform.DISCORD, ANN, "222", clock.now())
    clock.advance(timedelta(days=2))
    await services.privacy.fold_expired(clock.now())
    rows = await services.db.fetchall("SELECT message_id FROM dm_routes")
    assert [row[0] for row in rows] == ["222"]
