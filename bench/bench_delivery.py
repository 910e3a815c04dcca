"""Benchmark delivery: 1,000 personal reminders through the queue, under Discord's limits.

    .venv/bin/python bench/bench_delivery.py [--count 1000] [--mirror ../shared/civic-data]

The real reminder path: members with ZIP codes and reminders at 09:00; each day one scheduler
tick at 09:00 builds each personal script and sends it by direct message through the bot's own
Discord messenger (a real discord.py client, the Discord delivery queue, the DM routes and DM
channels it keeps in SQLite) to a local aiohttp fake that enforces Discord's documented limits
(50 requests per second globally, 5 messages per 5 seconds per channel, reported in
X-RateLimit-* headers) and answers 429 when they are broken. The fake runs in its own thread and
event loop, like a remote API, so the arrival times it judges are its own.

Three days in one run: Monday, without limits, opens every member's DM channel (two requests a
reminder: open it, post in it) and the bot keeps each channel's id; Tuesday, without limits, is
the baseline (how long the bot itself takes to build and send them, one request each); Wednesday
is paced by the limits. Printed for Wednesday: 429s, DM channels opened, reminders lost or sent
twice, the total time, and the minimum the limits allow with one request per reminder: the k-th
request in a sliding one-second window of 50 cannot start before floor(k / 50) seconds, so 1,000
requests need at least 19.0 s (and 2,000, two a reminder as before, 39.0 s).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import platform
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import discord  # noqa: E402

from bot.app import build_services, close_services  # noqa: E402
from bot.civic.sync import sync  # noqa: E402
from bot.delivery.discord_policy import classify, delivers, discord_queue  # noqa: E402
from bot.delivery.limits import RateLimiter  # noqa: E402
from bot.delivery.queue import DeliveryQueue  # noqa: E402
from bot.domain.clock import ManualClock  # noqa: E402
from bot.domain.models import Community, Platform  # noqa: E402
from bot.messages import Message, PostedRef  # noqa: E402
from bot.platforms.discord.dm_channels import DmChannels  # noqa: E402
from bot.platforms.discord.dm_routes import DmRoutes  # noqa: E402
from bot.platforms.discord.endpoints import apply_endpoints  # noqa: E402
from bot.platforms.discord.messenger import Messenger  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.storage.dm_channels import DmChannelRepository  # noqa: E402
from bot.storage.dm_routes import DmRouteRepository  # noqa: E402
from tests.delivery.limited_api import LimitedApi, Limits  # noqa: E402

DEFAULT_MIRROR = REPO.parent / "shared" / "civic-data"
EASTERN_ZIPS = ("05401", "10001", "02108", "20001", "30301", "33101", "19103", "27601")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY_NINE = datetime(2026, 1, 5, 9, 0, tzinfo=NEW_YORK)
GUILD = "900000000000000001"


async def members(services: Services, count: int) -> None:
    """An organizer imports the IRS campaign; ``count`` members save a ZIP and opt in."""
    olga = await services.members.actor(Platform.DISCORD, GUILD, "1", True)
    await services.campaigns.import_template(olga, "irs-data-privacy")
    for n in range(count):
        actor = await services.members.actor(Platform.DISCORD, GUILD, str(10_000 + n), False)
        await services.lawmakers.save_zip(actor.member, EASTERN_ZIPS[n % len(EASTERN_ZIPS)])
        located = await services.members.actor(Platform.DISCORD, GUILD, str(10_000 + n), False)
        await services.reminders.turn_on(located)


class MessengerPort:
    """The HostPort the scheduler sends through: the bot's Discord messenger (what DiscordHost
    hands it), on a discord.py client that logged in to the fake but opened no gateway."""

    platform = Platform.DISCORD

    def __init__(self, messenger: Messenger) -> None:
        self.messenger = messenger

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        return await self.messenger.post(community, channel_id, message)

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        await self.messenger.edit(community, ref, message)

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        return await self.messenger.send_dm(community, user_id, message)


async def day(
    services: Services, clock: ManualClock, queue: DeliveryQueue, api: LimitedApi, when: datetime
) -> tuple[float, int]:
    """One tick at ``when`` through the messenger with ``queue``; (seconds, reminders sent)."""
    apply_endpoints(api.base, None)
    client = discord.Client(intents=discord.Intents.none())
    await client.login("bench-token")
    try:
        messenger = Messenger(
            client,
            DmRoutes(DmRouteRepository(services.db), services.clock),
            queue,
            DmChannels(DmChannelRepository(services.db)),
        )
        services.scheduler.attach(MessengerPort(messenger))
        clock.set(when)
        started = time.perf_counter()
        fired = await services.scheduler.engine.tick()
        elapsed = time.perf_counter() - started
    finally:
        await client.close()
    return elapsed, sum(1 for f in fired if f.text.endswith(": sent"))


def unpaced() -> DeliveryQueue:
    return DeliveryQueue(RateLimiter(), classify, name="unpaced", delivers=delivers)


async def run(count: int, mirror: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"Preparing: lawmaker data from {mirror}, {count} members ...", flush=True)
        await sync(folder / "civic", mirror)
        settings = load_settings(
            env_file=None,
            database_path=folder / "bench.sqlite3",
            data_dir=folder / "civic",
            console_output_dir=folder / "console",
        )
        clock = ManualClock(MONDAY_NINE - timedelta(hours=12))
        services = await build_services(settings, clock)
        try:
            await members(services, count)
            unlimited = Limits(global_limit=10**9, channel_limit=10**9)
            async with LimitedApi(unlimited).in_thread() as api:
                first_s, first_sent = await day(services, clock, unpaced(), api, MONDAY_NINE)
                first_opened = api.opened
            async with LimitedApi(unlimited).in_thread() as api:
                tuesday = MONDAY_NINE + timedelta(days=1)
                base_s, base_sent = await day(services, clock, unpaced(), api, tuesday)
            limits = Limits()
            async with LimitedApi(limits).in_thread() as api:
                queue = discord_queue(limits.global_limit)
                wednesday = MONDAY_NINE + timedelta(days=2)
                paced_s, sent = await day(services, clock, queue, api, wednesday)
                print(f"Python {platform.python_version()} on {platform.machine()}")
                print(
                    f"Monday (no limits, opening each DM): {first_sent} reminders, "
                    f"{first_opened} DMs opened, {first_s:.2f} s"
                )
                report(count, limits, base_s, base_sent, paced_s, sent, api, queue)
        finally:
            await close_services(services)


def floor(requests: int, limits: Limits) -> float:
    """The least time ``requests`` can take: the k-th cannot start before floor(k / limit)."""
    return (requests - 1) // limits.global_limit * limits.global_period


def report(
    count: int,
    limits: Limits,
    base_s: float,
    base_sent: int,
    paced_s: float,
    sent: int,
    api: LimitedApi,
    queue: DeliveryQueue,
) -> None:
    recipients = [m["channel_id"] for m in api.messages]
    lost = count - len(set(recipients))
    twice = len(recipients) - len(set(recipients)) + api.duplicates()
    accepted = api.requests - api.rejected
    minimum = floor(count, limits)  # one request per reminder
    print(f"Baseline (Tuesday, no limits): {base_sent} reminders in {base_s:.2f} s")
    print(
        f"Paced (Wednesday; {limits.global_limit} requests/s, {limits.channel_limit} messages "
        f"per {limits.channel_period:.0f} s per channel): {sent} reminders, {accepted} requests"
    )
    print(f"  429 answers:            {api.rejected}")
    print(f"  DMs opened:             {api.opened}")
    print(f"  lost:                   {lost}")
    print(f"  sent twice:             {twice}")
    print(f"  total time:             {paced_s:.2f} s")
    print(
        f"  minimum, one request each: {minimum:.2f} s (two each: {floor(2 * count, limits):.2f} s)"
    )
    print(f"  ratio:                  {paced_s / minimum:.3f} (goal: at most 1.10)")
    print(f"  queue: {queue.stats}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--mirror", default=str(DEFAULT_MIRROR))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("discord").setLevel(logging.ERROR)  # no gateway, intents or voice here
    asyncio.run(run(args.count, args.mirror))


if __name__ == "__main__":
    main()
