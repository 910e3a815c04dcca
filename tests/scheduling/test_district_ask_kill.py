"""A crash while asking members to confirm their district costs only the ask on its way, and
is told.

A real bot process (``python -m bot run``, real SQLite file, real discord.py) starts on new
lawmaker data (tests/scheduling/changed_data.py) that moves ann's saved district and removes
bob's, so both are asked, by DM, to confirm. The fake Discord takes the second ask and, before
answering, kills the bot with SIGKILL. A second process on the same database does not ask again
(a missed ask beats a double one; the member's scripts keep asking) and DMs the organizer who
made the community's schedule (there is no digest) how many asks were cut off, once.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.civic import index_file
from bot.domain.campaign_models import CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.scheduling.interruptions import TITLE
from bot.settings import Settings, load_settings

from ..fakes.discord_server import CHANNEL_ID, GUILD_ID
from ..stored import stored_rows
from . import changed_data as data
from .conftest import RecordingPort
from .test_reminder_kill import WAIT, KillingDiscord, ended, start_bot

ASK = "Please confirm your congressional district"


@pytest.fixture(scope="module")
def changed(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> data.ChangedData:
    return asyncio.run(data.build(mirror, tmp_path_factory.mktemp("changed-data")))


@pytest.fixture
async def fake() -> AsyncIterator[KillingDiscord]:
    async with KillingDiscord() as server:
        yield server


@pytest.fixture
def bot_settings(tmp_path: Path, changed: data.ChangedData, database_url: str | None) -> Settings:
    folder = tmp_path / "civic"
    folder.mkdir()
    shutil.copy(changed.before_index, index_file.index_path(folder))
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=folder,
        console_output_dir=tmp_path / "console",
    )


async def prepare(settings: Settings, fake: KillingDiscord, changed: data.ChangedData) -> None:
    """Olga's running campaign and schedule (an organizer the bot knows), ann's and bob's
    ZIPs saved on the old data, which the bot remembers; then the new data is installed."""
    now = datetime.now(UTC)
    services = await build_services(settings, ManualClock(now))
    try:
        olga = await services.members.actor(
            Platform.DISCORD, str(GUILD_ID), str(fake.olga.id), True
        )
        created = await services.campaigns.create(
            olga, {"title": "Protect the data", "ask": "Ask Congress.", "script": "Hi {lawmaker}."}
        )
        await services.campaigns.set_status(olga, created.slug, CampaignStatus.ACTIVE)
        later = (now + timedelta(hours=6)).strftime("daily %H:%M")
        await services.schedules.add(olga, created.slug, str(CHANNEL_ID), later)
        for user, zip5 in ((fake.ann, data.MOVED_ZIP), (fake.bob, data.GONE_ZIP)):
            actor = await services.members.actor(
                Platform.DISCORD, str(GUILD_ID), str(user.id), False
            )
            await services.lawmakers.save_zip(actor.member, zip5)
        await services.scheduler.engine.tick()  # the data in use is remembered
    finally:
        await close_services(services)
    index_file.write_atomic(
        index_file.index_path(settings.data_dir), changed.after_index.read_bytes()
    )


def asks_on_their_way(database: Path) -> dict[str, str]:
    """platform user id -> status of each ask still kept (on its way, or cut off)."""
    rows = stored_rows(
        database,
        "SELECT m.user_id, a.status FROM district_check_asks a "
        "JOIN members m ON m.id = a.member_id",
    )
    return dict(rows)


async def test_a_kill_mid_ask_is_not_asked_again_and_the_organizer_is_told_once(
    bot_settings: Settings, fake: KillingDiscord, changed: data.ChangedData, tmp_path: Path
) -> None:
    """SIGKILL while Discord holds bob's ask: it is left on its way; after a restart nobody is
    asked twice, the ask is marked cut off and the organizer is told how many, once."""
    await prepare(bot_settings, fake, changed)
    database = Path(bot_settings.database_path)
    log = tmp_path / "bot.log"
    first = await start_bot(bot_settings, fake, log, ORGBOT_DISCORD_REQUESTS_PER_SECOND="3")
    fake.kill = lambda: first.send_signal(signal.SIGKILL)
    try:
        await asyncio.wait_for(first.wait(), WAIT)
    finally:
        await ended(first, signal.SIGKILL)
        fake.kill = None
        fake.released.set()

    for user in (fake.ann, fake.bob):  # ann's arrived; bob's was held when the bot died
        assert [m.text().count(ASK) for m in fake.dm_messages(user)] == [1], log.read_text()
    left = asks_on_their_way(database)
    assert left.get(str(fake.bob.id)) == "sending", left
    assert set(left.values()) == {"sending"}

    second = await start_bot(bot_settings, fake, log)
    try:
        await fake.until(lambda: fake.dm_messages(fake.olga), within=WAIT)
    finally:
        await ended(second, signal.SIGINT)

    for user in (fake.ann, fake.bob):  # never asked twice
        assert len(fake.dm_messages(user)) == 1
    [told] = fake.dm_messages(fake.olga)
    count = "1 district confirmation ask" if len(left) == 1 else "2 district confirmation asks"
    assert str(TITLE) in told.text()
    assert f"The bot was stopped while sending {count}." in told.text()
    assert asks_on_their_way(database) == {}  # told: nothing about them is kept
    assert "Traceback" not in log.read_text()

    services = await build_services(bot_settings, ManualClock(datetime.now(UTC)))
    try:  # told once: a later start says nothing, and asks nobody
        port = RecordingPort(services.clock, Platform.DISCORD)
        services.scheduler.attach(port)
        await services.scheduler.engine.tick()
        assert port.sent == []
    finally:
        await close_services(services)
