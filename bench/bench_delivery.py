"""Benchmark delivery: 1,000 personal reminders through the queue, under Discord's limits.

    .venv/bin/python bench/bench_delivery.py [--count 1000] [--mirror ../shared/civic-data]

The real reminder path: members with ZIP codes and reminders at 09:00; one scheduler tick at
09:00 builds each personal script and sends it by direct message (open the DM, then post: two
requests) through the Discord delivery queue to a local aiohttp fake that enforces Discord's
documented limits (50 requests per second globally, 5 messages per 5 seconds per channel,
reported in X-RateLimit-* headers) and answers 429 when they are broken. The fake runs in its own
thread and event loop, like a remote API, so the arrival times it judges are its own.

Measured in the same run: a baseline day with no limits (how long the bot itself takes to build
and send them), then a paced day with the limits. Printed: 429s, reminders lost or sent twice,
the total time, and the minimum the limits allow: the k-th request in a sliding one-second
window of 50 cannot start before floor(k / 50) seconds.
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

import aiohttp  # noqa: E402

from bot.app import build_services, close_services  # noqa: E402
from bot.civic.sync import sync  # noqa: E402
from bot.core.clock import ManualClock  # noqa: E402
from bot.core.models import Platform  # noqa: E402
from bot.delivery.discord_policy import rules  # noqa: E402
from bot.delivery.limits import RateLimiter  # noqa: E402
from bot.delivery.queue import DeliveryQueue  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from tests.delivery.limited_api import LimitedApi, LimitedClient, Limits, classify  # noqa: E402

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


async def day(
    services: Services, clock: ManualClock, queue: DeliveryQueue, api: LimitedApi, when: datetime
) -> tuple[float, int]:
    """One tick at ``when`` with the given queue; (seconds, reminders sent)."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:
        services.scheduler.attach(LimitedClient(session, api.base, queue))
        clock.set(when)
        started = time.perf_counter()
        fired = await services.scheduler.engine.tick()
        elapsed = time.perf_counter() - started
    return elapsed, sum(1 for f in fired if f.text.endswith(": sent"))


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
                queue = DeliveryQueue(RateLimiter(), classify, name="unpaced")
                base_s, base_sent = await day(services, clock, queue, api, MONDAY_NINE)
            limits = Limits()
            async with LimitedApi(limits).in_thread() as api:
                queue = DeliveryQueue(RateLimiter(rules(limits.global_limit)), classify)
                tuesday = MONDAY_NINE + timedelta(days=1)
                paced_s, sent = await day(services, clock, queue, api, tuesday)
                report(count, limits, base_s, base_sent, paced_s, sent, api, queue)
        finally:
            await close_services(services)


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
    minimum = (accepted - 1) // limits.global_limit * limits.global_period
    print(f"Python {platform.python_version()} on {platform.machine()}")
    print(f"Baseline (no limits): {base_sent} reminders in {base_s:.2f} s")
    print(
        f"Paced ({limits.global_limit} requests/s, {limits.channel_limit} messages per "
        f"{limits.channel_period:.0f} s per channel): {sent} reminders, {accepted} requests"
    )
    print(f"  429 answers:          {api.rejected}")
    print(f"  lost:                 {lost}")
    print(f"  sent twice:           {twice}")
    print(f"  total time:           {paced_s:.2f} s")
    print(f"  minimum by the limits: {minimum:.2f} s")
    print(f"  ratio:                {paced_s / minimum:.3f} (goal: at most 1.10)")
    print(f"  queue: {queue.stats}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--mirror", default=str(DEFAULT_MIRROR))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(run(args.count, args.mirror))


if __name__ == "__main__":
    main()
