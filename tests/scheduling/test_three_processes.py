"""Three ``orgbot run`` processes on one PostgreSQL database: one scheduler, never a double send.

Three real bot processes (real discord.py and slack-bolt clients, the fake Discord and the fake
Slack, one PostgreSQL database; each process runs one Discord shard of three and one Slack
connection) start together on a burst that is due at once: scheduled prompts
in three Discord channels and one Slack channel, and six members' daily reminders, paced slowly
(a few Discord requests a second) so the burst takes a while. Exactly one process leads. The
fake Discord takes the leader's second reminder DM and, before answering, kills the leader with
SIGKILL. Then:

- another process leads within 30 seconds (they try every second here; 5 by default), and it
  alone marks what the dead leader had on its way 'interrupted' (docs/ARCHITECTURE.md, "Several
  processes");
- every scheduled prompt was posted exactly once (none was on its way at the kill), every
  member got at most one reminder, and all but those cut off got theirs; the organizer is told
  of the cut-off ones, once;
- a replacement process joins (on the dead one's shard), and members' reactions on the Slack
  prompt, spread by Slack over the three processes' connections (some delivered twice, on two
  processes), are counted once each.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from aiohttp import web

from bot.app import build_services, close_services
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.settings import Settings, load_settings

from ..conftest import REPO_ROOT
from ..fakes.discord_server import CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, TOKEN, FakeDiscord
from ..fakes.discord_server import FakeUser as DiscordUser
from ..fakes.slack_server import APP_TOKEN, BOT_TOKEN, GENERAL, SIGNING_SECRET, TEAM_ID, FakeSlack

pytestmark = pytest.mark.postgres

WAIT = 90.0  # generous: three bot processes on a loaded 2-core machine
TAKEOVER = 30.0  # the bound on a new leader after the leader's death
MEMBERS = 6
KILL_AT = 2  # the leader dies while Discord holds its second reminder DM
THIRD_CHANNEL_ID = 3000000000000000003
SHARDS = 3  # one Discord shard per process
DISCORD_CHANNELS = (CHANNEL_ID, OTHER_CHANNEL_ID, THIRD_CHANNEL_ID)
REACTORS = 12  # Slack members reacting on the prompt, spread over the processes
TWICE = 3  # of them, reactions Slack delivers again on another connection
LEADS = "this process now runs the scheduler"
NEW_YORK = ZoneInfo("America/New_York")  # the members' ZIP 05401 (Burlington, Vermont)
SLACK_ORGANIZER = "UORG"


class KillingDiscord(FakeDiscord):
    """Takes the KILL_AT-th DM and calls ``kill`` instead of answering."""

    def __init__(self) -> None:
        super().__init__()
        self.channels[THIRD_CHANNEL_ID] = self._text_channel(THIRD_CHANNEL_ID, "phones", GUILD_ID)
        self.kill: Callable[[], None] | None = None
        self.dms_taken = 0
        self.released = asyncio.Event()

    async def _post_message(self, request: Any, channel_id: str) -> web.Response:
        response = await super()._post_message(request, channel_id)
        if self.kill is not None and self.channels[int(channel_id)].get("type") == 1:
            self.dms_taken += 1
            if self.dms_taken == KILL_AT:
                self.kill()
                await self.released.wait()  # the answer never reaches the dead bot
        return response


@pytest.fixture
async def discord() -> AsyncIterator[KillingDiscord]:
    async with KillingDiscord() as server:
        yield server
        server.released.set()


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        yield server


@pytest.fixture
def bot_settings(tmp_path: Path, full_data_dir: Path, database_url: str) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "unused.sqlite3",
        database_url=database_url,
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
    )


async def prepare(settings: Settings, discord: FakeDiscord, now: datetime) -> list[DiscordUser]:
    """A running campaign on Discord and on Slack; a prompt schedule in each of three Discord
    channels and in Slack's #general, due five minutes ago; six Discord members in Vermont
    whose daily reminder was due five minutes ago."""
    services = await build_services(settings, ManualClock(now - timedelta(minutes=30)))
    members = [discord.add_user(f"member{n}") for n in range(MEMBERS)]
    due = (now - timedelta(minutes=5)).astimezone(NEW_YORK).strftime("%H:%M")
    try:
        olga = await services.members.actor(
            Platform.DISCORD, str(GUILD_ID), str(discord.olga.id), True
        )
        owner = await services.members.actor(Platform.SLACK, TEAM_ID, SLACK_ORGANIZER, True)
        for organizer, channels in ((olga, DISCORD_CHANNELS), (owner, (GENERAL,))):
            created = await services.campaigns.create(
                organizer,
                {"title": "Protect the data", "ask": "Ask Congress.", "script": "Hi {lawmaker}."},
            )
            await services.campaigns.set_status(organizer, created.slug, CampaignStatus.ACTIVE)
            for channel in channels:
                await services.schedules.add(organizer, created.slug, str(channel), f"daily {due}")
        for user in members:
            actor = await services.members.actor(
                Platform.DISCORD, str(GUILD_ID), str(user.id), False
            )
            await services.lawmakers.save_zip(actor.member, "05401")
            actor = await services.members.actor(
                Platform.DISCORD, str(GUILD_ID), str(user.id), False
            )
            await services.reminders.turn_on(actor, due, "", "every day")
    finally:
        await close_services(services)
    return members


class Bot:
    """One ``orgbot run`` process; what it writes to stderr is read as it comes (and kept in a
    file), and ``changed`` is notified at every line."""

    def __init__(
        self, process: asyncio.subprocess.Process, log: Path, changed: asyncio.Condition
    ) -> None:
        self.process = process
        self.log = log
        self.lines: list[str] = []
        self._changed = changed
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.process.stderr is not None
        with self.log.open("a") as file:
            async for raw in self.process.stderr:
                line = raw.decode("utf-8", "replace")
                file.write(line)
                file.flush()
                async with self._changed:
                    self.lines.append(line)
                    self._changed.notify_all()

    def text(self) -> str:
        return "".join(self.lines)

    @property
    def leads(self) -> bool:
        return any(LEADS in line for line in self.lines)

    async def end(self, sig: signal.Signals = signal.SIGINT) -> None:
        if self.process.returncode is None:
            self.process.send_signal(sig)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        await self._reader


async def start_bot(
    settings: Settings,
    discord: FakeDiscord,
    slack: FakeSlack,
    log: Path,
    changed: asyncio.Condition,
    shard: int,
) -> Bot:
    """A bot process running Discord shard ``shard`` of three (each process its own, as
    docs/DEPLOY.md says) and one Slack Socket Mode connection."""
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith(("ORGBOT_", "SLACK_", "DISCORD_"))
    }
    url = settings.postgres_url
    assert url is not None
    env = keep | {
        "ORGBOT_DATABASE_URL": url,
        "ORGBOT_DATABASE_POOL_SIZE": "3",
        "ORGBOT_DATA_DIR": str(settings.data_dir),
        "ORGBOT_LOG_LEVEL": "INFO",
        "ORGBOT_LEADER_RETRY_SECONDS": "1",
        "DISCORD_TOKEN": TOKEN,
        "ORGBOT_DISCORD_API_BASE": discord.api_base,
        "ORGBOT_DISCORD_GATEWAY_URL": discord.gateway_url,
        "ORGBOT_DISCORD_REQUESTS_PER_SECOND": "3",  # reminders wait for their turn
        "ORGBOT_DISCORD_SHARD_COUNT": str(SHARDS),
        "ORGBOT_DISCORD_SHARD_IDS": str(shard),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "ORGBOT_SLACK_API_URL": slack.api_url,
        "ORGBOT_SLACK_ORGANIZERS": SLACK_ORGANIZER,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--env-file",
        os.devnull,
        "run",
        cwd=REPO_ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    return Bot(process, log, changed)


async def until(
    changed: asyncio.Condition, check: Callable[[], Any], within: float, what: str, bots: list[Bot]
) -> Any:
    """Wait until ``check()`` is true (checked again at every line a bot writes)."""
    try:
        async with asyncio.timeout(within), changed:
            return await changed.wait_for(check)
    except TimeoutError:
        logs = "\n".join(f"--- {b.log.name}\n{b.text()[-3000:]}" for b in bots)
        pytest.fail(f"{what} did not happen within {within:.0f} s; the bots wrote:\n{logs}")


async def rows(url: str, sql: str) -> list[Any]:
    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


async def test_three_processes_one_leader_a_sigkill_and_nothing_twice(
    bot_settings: Settings, discord: KillingDiscord, slack: FakeSlack, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    members = await prepare(bot_settings, discord, now)
    url = bot_settings.postgres_url
    assert url is not None
    changed = asyncio.Condition()  # a bot wrote a line, or the leader was killed
    bots: list[Bot] = []
    killed_at: list[float] = []
    held: list[DiscordUser] = []
    notices: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()

    async def told() -> None:
        async with changed:
            changed.notify_all()

    def kill_the_leader() -> None:
        [leader] = [b for b in bots if b.leads]  # exactly one process leads
        taken = [u for u in members if discord.dm_messages(u)]  # what Discord took by now,
        held.extend(sorted(taken, key=lambda u: discord.dm_messages(u)[0].id))  # in order
        leader.process.send_signal(signal.SIGKILL)
        killed_at.append(loop.time())
        notices.add(loop.create_task(told()))

    def waiting_for(check: Callable[[], Any], within: float, what: str) -> Any:
        return until(changed, check, within, what, bots)

    discord.kill = kill_the_leader
    try:
        for n in range(SHARDS):
            log = tmp_path / f"bot{n}.log"
            bots.append(await start_bot(bot_settings, discord, slack, log, changed, n))
        await waiting_for(lambda: killed_at, WAIT, "the leader's second reminder DM")
        [dead] = [b for b in bots if b.leads]
        await asyncio.wait_for(dead.process.wait(), WAIT)
        discord.kill = None
        alive = [b for b in bots if b is not dead]

        # Another process leads within 30 s of the death (here it tries every second).
        await waiting_for(lambda: any(b.leads for b in alive), TAKEOVER, "a new leader")
        assert loop.time() - killed_at[0] < TAKEOVER

        # The new leader finishes the burst; the organizer's notice of the cut-off reminders
        # comes after the tick's reminders (the digest job runs after the reminder job).
        await discord.until(lambda: discord.dm_messages(discord.olga), within=WAIT)
        statuses = await reminder_statuses(url)
        cut_off = {user for user, status in statuses.items() if status == "interrupted"}
        waiting = [u for u in members if str(u.id) not in cut_off]
        await discord.until(lambda: all(discord.dm_messages(u) for u in waiting), within=WAIT)

        # A replacement process joins; reactions on the Slack prompt are spread by Slack over
        # the three processes' connections, some delivered twice (on two processes).
        shard = bots.index(dead)  # the replacement runs the dead process's shard
        log = tmp_path / "bot3.log"
        bots.append(await start_bot(bot_settings, discord, slack, log, changed, shard))
        await slack.connected(WAIT, count=3)
        prompt = await slack.next_call(
            "chat.postMessage", lambda c: c.args.get("channel") == GENERAL, within=WAIT
        )
        reactions = [
            await slack.react(str(prompt.response["ts"]), "telephone_receiver", user=f"U{n}")
            for n in range(REACTORS)
        ]
        reactions += [await slack.redeliver(reaction) for reaction in reactions[:TWICE]]
        for reaction in reactions:
            await reaction.ack(WAIT)
        assert {r.connection for r in reactions} == set(slack.open_connections())
        assert len(slack.open_connections()) == 3
        for n in range(REACTORS):  # each member's thank-you: their report was handled
            await slack.next_call(
                "chat.postEphemeral", lambda c, n=n: c.args.get("user") == f"U{n}", within=WAIT
            )
        # Leadership so far: the dead leader, then exactly one other (the replacement follows).
        leaders = [b.log.name for b in bots if b.leads]
        assert len(leaders) == 2 and dead.log.name in leaders, leaders
        assert not bots[-1].leads
    finally:
        discord.released.set()
        for bot in bots:
            await bot.end()

    logs = {b.log.name: b.text() for b in bots}
    assert all("Traceback" not in text for text in logs.values()), logs

    # Every scheduled prompt was posted exactly once (none was on its way at the kill).
    for channel in DISCORD_CHANNELS:
        assert len(discord.channel_messages(channel)) == 1, channel
    slack_posts = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == GENERAL]
    assert len(slack_posts) == 1
    prompts = await rows(url, "SELECT status FROM dispatches WHERE kind = 'prompt'")
    assert sorted(r["status"] for r in prompts) == ["sent"] * (len(DISCORD_CHANNELS) + 1)

    # Each reminder at most once. Cut off: the DM Discord held at the kill, one it took whose
    # answer the leader had not recorded yet (a loaded machine), and at most one more whose
    # request had left (the limiter lets one go every third of a second; it may still reach
    # Discord); the rest waited, unclaimed, and the new leader sent them. None is sent again.
    statuses = await reminder_statuses(url)
    assert set(statuses) == {str(u.id) for u in members}, statuses
    assert all(s in ("sent", "interrupted") for s in statuses.values()), statuses
    cut_off = {user for user, status in statuses.items() if status == "interrupted"}
    assert len(held) == KILL_AT and str(held[-1].id) in cut_off, (held, statuses)
    assert len(cut_off) <= KILL_AT + 1, statuses
    got = {str(u.id): len(discord.dm_messages(u)) for u in members}
    assert all(n <= 1 for n in got.values()), got
    assert all(got[user] == 1 for user in got if user not in cut_off), (got, statuses)
    [notice] = discord.dm_messages(discord.olga)
    count = "1 daily reminder" if len(cut_off) == 1 else f"{len(cut_off)} daily reminders"
    assert f"The bot was stopped while sending {count}." in notice.text()

    # Reports made on three processes, some delivered twice: each counted once (read after the
    # processes stopped, so nothing they acknowledged is still on its way).
    assert await counted(url) == {f"U{n}": 1 for n in range(REACTORS)}


async def reminder_statuses(url: str) -> dict[str, str]:
    found = await rows(
        url,
        "SELECT m.user_id, d.status FROM dispatches d JOIN members m ON m.id = d.member_id "
        "WHERE d.kind = 'reminder'",
    )
    return {r["user_id"]: r["status"] for r in found}


async def counted(url: str) -> dict[str, int]:
    """Actions counted per Slack member (the reactors)."""
    found = await rows(
        url,
        "SELECT m.user_id, count(*) AS n FROM actions a JOIN members m ON m.id = a.member_id "
        "JOIN communities c ON c.id = m.community_id "
        f"WHERE c.platform = 'slack' AND m.user_id != '{SLACK_ORGANIZER}' GROUP BY m.user_id",
    )
    return {r["user_id"]: int(r["n"]) for r in found}
