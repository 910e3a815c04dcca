"""/healthz and /metrics over real HTTP (127.0.0.1, an ephemeral port), and the one server
features mount their routes on."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from bot.app import build_services, close_services
from bot.domain.clock import ManualClock
from bot.domain.errors import StartupError
from bot.domain.models import Platform
from bot.domain.schedule_models import DispatchKind
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from bot.settings import Settings
from bot.storage.schedules import DispatchRepository
from bot.web import WebServer

from .conftest import Transcript
from .monitoring import get, scrape, serving, value

OPEN = datetime(2026, 1, 6, 13, 30, tzinfo=UTC)  # Tuesday 08:30 in Washington
COMMANDS = "orgbot_commands_total"
ACTIONS = "orgbot_actions_total"
SCHEDULED = "orgbot_scheduled_total"


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


# -- the server ---------------------------------------------------------------------------------
async def hello(request: web.Request) -> web.Response:
    return web.Response(text="hello")


async def test_a_route_mounted_while_it_runs_is_served_until_unmounted() -> None:
    """A feature mounts its route on the running server; removing it answers 404 again, and a
    known path asked with another method is 405."""
    server = WebServer("127.0.0.1", 0)
    await server.start()
    try:
        assert (await get(server, "/hello")).status == 404
        remove = server.add_route("GET", "/hello", hello)
        answer = await get(server, "/hello")
        assert (answer.status, answer.text) == (200, "hello")
        assert (await get(server, "/hello", "HEAD")).status == 200
        assert (await get(server, "/hello", "POST")).status == 405
        with pytest.raises(ValueError, match="served already"):
            server.add_route("get", "/hello", hello)
        remove()
        assert (await get(server, "/hello")).status == 404
        assert server.listening == [("127.0.0.1", server.port)]
    finally:
        await server.close()


async def test_a_port_in_use_is_one_line_naming_the_setting() -> None:
    """Another program on the port: the start is refused in one line naming ORGBOT_HTTP_PORT."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        server = WebServer("127.0.0.1", taken.getsockname()[1])
        with pytest.raises(StartupError) as refused:
            await server.start()
        assert "ORGBOT_HTTP_PORT" in refused.value.message
        assert "\n" not in refused.value.message and not server.running
    finally:
        taken.close()


# -- /healthz -----------------------------------------------------------------------------------
async def test_healthy_when_the_database_answers_and_the_index_is_loaded(
    full_services: Services,
) -> None:
    """With no platform to run, the database and the lawmaker index are the whole answer."""
    async with serving(full_services) as server:
        answer = await get(server, "/healthz")
    assert answer.status == 200 and answer.content_type == "application/json"
    assert answer.json() == {
        "status": "ok",
        "down": [],
        "checks": {"database": "up", "lawmaker_index": "up"},
    }


async def test_no_lawmaker_index_is_503_naming_it(services: Services) -> None:
    """The data was never synced: 503, and the index is the part named down."""
    async with serving(services) as server:
        answer = await get(server, "/healthz")
    assert answer.status == 503
    assert answer.json()["down"] == ["lawmaker_index"]
    assert answer.json()["checks"]["database"] == "up"


async def test_a_closed_database_is_503_naming_it(full_settings: Settings) -> None:
    """The database no longer answers: 503 naming it, and nothing of the error."""
    services = await build_services(full_settings, ManualClock())
    try:
        async with serving(services) as server:
            assert (await get(server, "/healthz")).status == 200
            await services.db.close()
            answer = await get(server, "/healthz")
    finally:
        await close_services(services)
    assert answer.status == 503
    assert answer.json() == {
        "status": "down",
        "down": ["database"],
        "checks": {"database": "down", "lawmaker_index": "up"},
    }


async def test_a_busy_database_that_does_not_answer_in_time_is_down(
    full_services: Services,
) -> None:
    """Transactions holding the database past the check's timeout (SQLite's one connection, or
    every connection of PostgreSQL's pool): down, not a hung check."""
    db = full_services.db
    holders = 1 if db.dialect == "sqlite" else full_services.settings.database_pool_size
    async with serving(full_services, within=0.05) as server:
        held = asyncio.Semaphore(0)
        release = asyncio.Event()

        async def hold() -> None:
            async with db.transaction():
                held.release()
                await release.wait()

        holding = [asyncio.create_task(hold()) for _ in range(holders)]
        for _ in holding:
            await held.acquire()
        try:
            answer = await get(server, "/healthz")
        finally:
            release.set()
            await asyncio.gather(*holding)
        assert answer.json()["down"] == ["database"]
        assert (await get(server, "/healthz")).status == 200


async def test_a_platform_not_connected_is_503_naming_it(full_services: Services) -> None:
    """A platform expected but not (yet) connected, and one whose probe hangs, are down;
    once connected it is up."""
    connections = full_services.connections
    connections.expect(Platform.DISCORD)
    never = asyncio.Event()

    async def hangs() -> bool:
        await never.wait()
        return True

    connections.track(Platform.SLACK, hangs)
    async with serving(full_services, within=0.05) as server:
        answer = await get(server, "/healthz")
        assert answer.status == 503
        assert answer.json()["down"] == ["discord", "slack"]

        async def up() -> bool:
            return True

        connections.track(Platform.DISCORD, up)
        connections.track(Platform.SLACK, up)
        assert (await get(server, "/healthz")).status == 200
        connections.lost(Platform.SLACK)
        assert (await get(server, "/healthz")).json()["down"] == ["slack"]


# -- /metrics -----------------------------------------------------------------------------------
async def test_commands_are_counted_by_name_and_result(
    full_console: ConsoleHost, full_services: Services, clock: ManualClock
) -> None:
    """Handled, refused (bad input, not allowed) and unknown commands each move their own
    counter; an unknown command is 'unknown', never what was typed."""
    clock.set(OPEN)
    async with serving(full_services) as server:
        before = await scrape(server)
        assert value(before, COMMANDS, command="reps", result="handled") == 0
        await feed(
            full_console,
            "/as ann",
            "/reps 05401",
            "/reps 05401",
            "/reps 1",
            "/campaign import irs-data-privacy",
            "/frobnicate-secret-words",
        )
        after = await scrape(server)
    assert value(after, COMMANDS, command="reps", result="handled") == 2
    assert value(after, COMMANDS, command="reps", result="refused") == 1
    assert value(after, COMMANDS, command="campaign import", result="refused") == 1
    assert value(after, COMMANDS, command="unknown", result="refused") == 1
    assert not [k for k in after if "frobnicate" in str(k)]


async def test_reports_scheduled_prompts_and_interruptions_are_counted(
    full_console: ConsoleHost, full_services: Services, clock: ManualClock, transcript: Transcript
) -> None:
    """A schedule posts (sent), ann reports twice the same (recorded, then unchanged), a
    report on an archived campaign is refused, and a send a stop cut off is interrupted."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/schedule add irs-data-privacy here weekdays 09:00",
        "/clock advance 1h",
    )
    assert "#3 Keep tax records confidential" in transcript.text  # the scheduled prompt
    prompt = 3
    async with serving(full_services) as server:
        sent = await scrape(server)
        assert value(sent, SCHEDULED, kind="prompt", outcome="sent") == 1
        await feed(full_console, "/as ann", f"/press {prompt} 📫", f"/press {prompt} 📫")
        await feed(full_console, "/as olga organizer", "/campaign archive irs-data-privacy")
        await feed(full_console, "/as bob", f"/press {prompt} 📞")
        reported = await scrape(server)
        assert value(reported, ACTIONS, result="recorded") == 1
        assert value(reported, ACTIONS, result="unchanged") == 1
        assert value(reported, ACTIONS, result="refused") == 1

        community = (await full_console._context()).actor.community
        await DispatchRepository(full_services.db).claim(
            community.id, DispatchKind.PROMPT, "schedule:999", "slot-1", clock.now()
        )
        # as the next start's first tick: a process that has just become the leader
        await full_services.scheduler.engine.leadership.release()
        await full_services.scheduler.engine.tick()
        interrupted = await scrape(server)
    assert value(interrupted, SCHEDULED, kind="prompt", outcome="interrupted") == 1


async def test_the_index_age_and_each_platform_state_are_read_at_each_scrape(
    full_services: Services, clock: ManualClock
) -> None:
    """The lawmaker index's age in seconds and 0/1 per platform, as they are at the scrape."""
    built = full_services.directory.current().freshness.built_at
    clock.set(built)
    full_services.connections.expect(Platform.DISCORD)
    async with serving(full_services) as server:
        first = await scrape(server)
        clock.set(built + timedelta(days=1))

        async def up() -> bool:
            return True

        full_services.connections.track(Platform.DISCORD, up)
        second = await scrape(server)
    assert value(first, "orgbot_platform_connected", platform="discord") == 0
    assert value(first, "orgbot_lawmaker_index_age_seconds") == 0
    assert value(second, "orgbot_platform_connected", platform="discord") == 1
    assert value(second, "orgbot_lawmaker_index_age_seconds") == 86400


async def test_with_no_index_there_is_no_index_age(services: Services) -> None:
    """No lawmaker data: the age is left out (not a made-up number); no platform, no state."""
    async with serving(services) as server:
        bare = await scrape(server)
    assert ("orgbot_lawmaker_index_age_seconds", ()) not in bare
    assert not [k for k in bare if k[0] == "orgbot_platform_connected"]


def test_each_bot_counts_on_its_own_registry() -> None:
    """Two PrometheusMetrics never share counts (the library's global registry is unused)."""
    from prometheus_client import REGISTRY

    from bot.core.metrics import CommandResult
    from bot.metrics import PrometheusMetrics

    one, two = PrometheusMetrics(), PrometheusMetrics()
    one.command("reps", CommandResult.HANDLED)
    assert b'orgbot_commands_total{command="reps",result="handled"} 1.0' in one.exposition()
    assert b"reps" not in two.exposition()
    assert REGISTRY.get_sample_value("orgbot_commands_total", {"command": "reps"}) is None
