"""Through a change of lawmaker data, end to end: the console host on a real SQLite file, and a
synthetic before-and-after built from the offline mirror (tests/scheduling/changed_data.py).

The new data arrives each of the three ways it can: ``orgbot data sync`` in another process
(the index file is replaced and the store reloads it), the weekly refresh inside the bot, and a
restart on a new index.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.civic import index_file
from bot.core.after_sync import AfterSync
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, Community, Platform
from bot.i18n.stored import kept
from bot.messages import Message, PostedRef
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services
from bot.settings import Settings, load_settings
from bot.storage.directory_seen import DirectorySeenRepository

from ..conftest import Transcript
from . import changed_data as data
from .conftest import RecordingPort

ASK = "Please confirm your congressional district"
NOTE = "New lawmaker data changed district lines: your saved district"


@pytest.fixture(scope="session")
def changed(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> data.ChangedData:
    return asyncio.run(data.build(mirror, tmp_path_factory.mktemp("changed-data")))


@pytest.fixture
def settings(tmp_path: Path, changed: data.ChangedData, database_url: str | None) -> Settings:
    """The bot on the 'before' data; its weekly refresh would read the 'after' mirror."""
    folder = tmp_path / "civic"
    folder.mkdir()
    shutil.copy(changed.before_index, index_file.index_path(folder))
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=folder,
        data_mirror=str(changed.after_mirror),
        console_output_dir=tmp_path / "console",
    )


@asynccontextmanager
async def bot(settings: Settings, clock: ManualClock) -> AsyncIterator[Services]:
    """The bot's services on the settings' database and data (closed after)."""
    built = await build_services(settings, clock)
    try:
        yield built
    finally:
        await close_services(built)


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def dms(transcript: Transcript, user: str) -> list[tuple[int, str]]:
    """(number, text) of each direct message to ``user`` shown so far."""
    found = []
    for block in re.split(r"(?m)^(?=#\d+ )", transcript.text):
        head = re.match(rf"#(\d+) \(direct message to {user}\)", block)
        if head:
            found.append((int(head.group(1)), block))
    return found


async def actor(services: Services, name: str, organizer: bool = False) -> Actor:
    return await services.members.actor(Platform.CONSOLE, "console", name, organizer)


async def running(services: Services, targets: str) -> Campaign:
    olga = await actor(services, "olga", organizer=True)
    made = await services.campaigns.create(
        olga,
        {"title": "Protect the data", "ask": "Ask them to act.", "script": "Hi {lawmaker}."},
    )
    await services.campaigns.set_targets(olga, made.slug, targets)
    return await services.campaigns.set_status(olga, made.slug, CampaignStatus.ACTIVE)


def install(changed: data.ChangedData, settings: Settings) -> None:
    """What `orgbot data sync` in another process does: replace the index file atomically."""
    index_file.write_atomic(
        index_file.index_path(settings.data_dir), changed.after_index.read_bytes()
    )


async def test_another_process_s_sync_asks_members_once_to_confirm_their_district(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """A sync in another process moves ann's ZIP to NC-2 and removes cal's NC-14: each is asked
    once, privately; bea, whose ZIP is still wholly in NC-1, is not. Their scripts and /myreps
    say so until they confirm; organizers see how many are left; nothing is asked twice, also
    after a restart."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        await running(services, "house")
        for name, zip5 in (
            ("ann", data.MOVED_ZIP),
            ("bea", data.STAYING_ZIP),
            ("cal", data.GONE_ZIP),
        ):
            await feed(console, f"/as {name}", f"/setzip {zip5}")
        assert (await actor(services, "ann")).member.district == "NC-1"
        assert (await actor(services, "cal")).member.district == "NC-14"
        await services.scheduler.tick()  # the data in use is remembered
        transcript.clear()

        install(changed, settings)
        services.directory.recheck()
        await services.scheduler.tick()
        [(ann_ask, ann_text)] = dms(transcript, "ann")
        [(_, cal_text)] = dms(transcript, "cal")
        assert dms(transcript, "bea") == []
        assert ASK in ann_text and "NC-1 now covers different ZIP areas" in ann_text
        assert "NC-14 no longer exists" in cal_text
        assert "NC-2: Rep. Deborah K. Ross" in ann_text  # the picker: where 27530 is now
        assert (await actor(services, "ann")).member.district_check == "moved"
        assert (await actor(services, "cal")).member.district_check == "gone"

        transcript.clear()
        await services.scheduler.tick()
        assert dms(transcript, "ann") == dms(transcript, "cal") == []  # asked once

        await feed(console, "/as cal", "/script", "/myreps")
        assert transcript.text.count(NOTE) == 2
        await feed(console, "/as bea", "/myreps")
        assert transcript.text.count(NOTE) == 2

        await feed(console, "/as olga organizer", "/stats")
        assert "2 members have not confirmed their district" in transcript.text

        await feed(console, "/as ann", f"/select {ann_ask} NC-2")
        assert "Saved: your district is NC-2" in transcript.text
        assert (await actor(services, "ann")).member.district_check is None
        transcript.clear()
        await feed(console, "/script", "/myreps")
        assert NOTE not in transcript.text
        await feed(console, "/as olga organizer", "/stats")
        assert "1 member has not confirmed their district" in transcript.text

    async with bot(settings, clock) as services:  # a restart: nothing is asked again
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        transcript.clear()
        await services.scheduler.tick()
        assert dms(transcript, "cal") == [] and dms(transcript, "ann") == []
        await feed(console, "/as cal", f"/setzip {data.GONE_ZIP}")
        assert (await actor(services, "cal")).member.district_check is None


def last(transcript: Transcript, head: str) -> tuple[int, str]:
    """(number, text) of the last message whose first line contains ``head``."""
    found = [
        (int(m.group(1)), block)
        for block in re.split(r"(?m)^(?=#\d+ )", transcript.text)
        if (m := re.match(r"#(\d+) ", block)) and head in block.splitlines()[0]
    ]
    assert found, f"no message with {head!r}"
    return found[-1]


async def test_the_weekly_refresh_re_resolves_targets_and_tells_organizers_once(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """A prompt scheduled before the weekly refresh and posted after it names the new VT member
    and the new Ways and Means chair; organizers read once, in the digest, which targets
    changed; the call reported to the member who left stays under her name in /stats."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        campaign = await running(services, f"mine leaders:HSWM member:{data.BALINT}")
        olga = await actor(services, "olga", organizer=True)
        await services.schedules.add(olga, campaign.slug, "calls", "daily 10:00")
        await services.schedules.set_digest(olga, "organizers")
        await feed(console, "/as vic", "/setzip 05401")
        vic = await actor(services, "vic")
        await services.actions.report(vic, "contact", campaign_id=campaign.id, lawmaker=data.BALINT)
        await services.scheduler.tick()  # the data in use is remembered
        await feed(console, "/as olga organizer", "/stats")
        assert "Rep. Becca Balint (D-VT-AL): 1" in transcript.text

        assert await services.scheduler.refresh.run()  # the weekly refresh: the new data
        transcript.clear()
        await feed(console, "/clock advance 3h")  # the digest at 08:00, the prompt at 10:00
        _, digest = last(transcript, "Daily digest")
        assert "Campaign targets changed" in digest
        assert (
            "The chair of the House Committee on Ways and Means is now Rep. Vern Buchanan "
            "(R-FL-16) (was Jason Smith)." in digest
        )
        assert (
            f"Rep. Becca Balint (D-VT-AL) is no longer in office, so member:{data.BALINT} is "
            f"skipped in scripts; VT-AL is now held by Rep. {data.NEWCOMER_NAME} (D-VT-AL)"
            in digest
        )
        number, _ = last(transcript, "Protect the data")
        await feed(console, "/as vic", f"/press {number} Get my script")
        _, script = last(transcript, "Your calls: Protect the data")
        assert f"Rep. {data.NEWCOMER_NAME} (D-VT-AL), your representative" in script
        assert "Rep. Vern Buchanan (R-FL-16), Chair of the House Committee on Ways" in script
        assert "Jason Smith" not in script
        assert "Becca Balint (D-VT-AL) is no longer in office, so was left out" in script
        assert dms(transcript, "olga") == []  # the community has a digest: it says so

        transcript.clear()
        await feed(console, "/as olga organizer", "/clock advance 1d")
        _, digest = last(transcript, "Daily digest")
        assert "Campaign targets changed" not in digest  # told once

        await feed(console, "/as olga organizer", "/stats")
        assert "Rep. Becca Balint (D-VT-AL) (no longer in office): 1" in transcript.text
        assert "VT-AL: 1" in transcript.text


async def test_a_restart_on_new_data_asks_and_tells_organizers_once(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """The bot stopped, the index was replaced, the bot started: ann is asked to confirm, and the
    organizer who made the schedule (no digest here) gets one DM about the new chair; the next
    tick and the next restart send neither again."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        campaign = await running(services, "mine leaders:HSWM")
        olga = await actor(services, "olga", organizer=True)
        await services.schedules.add(olga, campaign.slug, "calls", "daily 10:00")
        await feed(console, "/as ann", f"/setzip {data.MOVED_ZIP}")
        await services.scheduler.tick()  # the data in use is remembered
    shutil.copy(changed.after_index, index_file.index_path(settings.data_dir))

    for restart in range(2):
        async with bot(settings, clock) as services:
            await start_console(services, transcript)  # type: ignore[arg-type]
            transcript.clear()
            await services.scheduler.tick()
            await services.scheduler.tick()
            asks, told = dms(transcript, "ann"), dms(transcript, "olga")
            if restart:
                assert asks == told == []
                continue
            [(_, ask)] = asks
            assert ASK in ask and "NC-1 now covers different ZIP areas" in ask
            [(_, notice)] = told
            assert "Campaign targets changed with new lawmaker data" in notice
            assert "is now Rep. Vern Buchanan (R-FL-16) (was Jason Smith)" in notice


async def test_an_ask_that_cannot_be_delivered_is_recorded_once_and_privacy_shows_the_flag(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """cal's DMs are closed: the ask is recorded as a delivery failure for organizers, once (not
    retried at every tick); /privacy shows cal that the bot asks them to confirm."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        await running(services, "house")
        await feed(console, "/as cal", f"/setzip {data.GONE_ZIP}")
        await services.scheduler.tick()
        closed = RecordingPort(clock, closed_dms={"cal"})
        services.scheduler.attach(closed)
        install(changed, settings)
        services.directory.recheck()
        for _ in range(3):
            await services.scheduler.tick()
        cal = (await actor(services, "cal")).member
        failures = await services.db.fetchall("SELECT purpose, member_id FROM delivery_failures")
        assert [(str(kept(r[0])), r[1]) for r in failures] == [("district check", cal.id)]
        assert closed.sent == []
        on_its_way = await services.db.fetchone("SELECT count(*) FROM district_check_asks")
        assert on_its_way is not None and on_its_way[0] == 0  # recorded: never counted as cut off

        services.scheduler.attach(console)  # type: ignore[arg-type]
        transcript.clear()
        await feed(console, "/privacy")
        assert "New lawmaker data changed your saved district" in transcript.text


class SpanishPlatform(RecordingPort):
    """A platform whose members' app speaks Spanish (as Slack's user locale says)."""

    async def locale_of(self, community: object, user_id: str) -> str:
        return "es-LA"


async def test_the_ask_follows_the_member_s_platform_language(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """cal chose no language and her platform speaks Spanish: the ask is Spanish (issue 18)."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        await running(services, "house")
        await feed(console, "/as cal", f"/setzip {data.GONE_ZIP}")
        await services.scheduler.tick()
        spanish = SpanishPlatform(clock)
        services.scheduler.attach(spanish)
        install(changed, settings)
        services.directory.recheck()
        await services.scheduler.tick()
        [ask] = spanish.sent
        assert ask.message.title == "Confirma tu distrito del Congreso, por favor"


async def test_a_district_saved_without_a_zip_is_asked_about_too(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """dan saved only a district (NC-14), which the new data removes: the ask offers /setzip
    (there is no ZIP to list districts for), and /myreps says to confirm instead of failing."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        await services.members.set_district((await actor(services, "dan")).member, "NC-14")
        await services.scheduler.tick()
        install(changed, settings)
        services.directory.recheck()
        transcript.clear()
        await services.scheduler.tick()
        [(_, ask)] = dms(transcript, "dan")
        assert "NC-14 no longer exists" in ask and "Save your ZIP code again with /setzip" in ask
        transcript.clear()
        await feed(console, "/as dan", "/myreps")
        assert f"{NOTE} NC-14 no longer exists" in transcript.text


async def test_the_ask_offers_the_street_address_lookup_where_it_helps(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """eve picked NC-14 for 28006, a ZIP shared with NC-10; NC-14 is gone and 28006 now spans
    NC-10 and NC-13: the ask lists both and offers the street-address lookup."""
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        await feed(console, "/as eve", "/setzip 28006")
        number, _ = last(transcript, "Your lawmakers")
        await feed(console, f"/select {number} NC-14")
        assert (await actor(services, "eve")).member.district == "NC-14"
        await services.scheduler.tick()
        install(changed, settings)
        services.directory.recheck()
        transcript.clear()
        await services.scheduler.tick()
        [(_, ask)] = dms(transcript, "eve")
        assert "NC-10: Rep." in ask and "NC-13: Rep. Brad Knott" in ask
        assert "[Find my district from my street address]" in ask


@dataclass
class HangingPort(RecordingPort):
    """Delivers DMs, except to the members in ``hang``: those it takes and never answers, as a
    platform does while the process is killed mid-send."""

    hang: set[str] = field(default_factory=set)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        if user_id in self.hang:
            self.arrived.set()
            await asyncio.Event().wait()  # no answer: the process dies here
        return await super().send_dm(community, user_id, message)


async def crash_while_asking(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, digest: bool
) -> None:
    """New data flags ann and cal; cal's ask is delivered, ann's is on its way when the bot
    dies (its task is cut off, nothing after the claim runs: the database is left as a kill -9
    leaves it). olga made a schedule, and a digest when ``digest``."""
    transcript = Transcript()
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        campaign = await running(services, "house")
        olga = await actor(services, "olga", organizer=True)
        await services.schedules.add(olga, campaign.slug, "calls", "daily 10:00")
        if digest:
            await services.schedules.set_digest(olga, "organizers")
        await feed(console, "/as cal", f"/setzip {data.GONE_ZIP}")  # asked first (lower id)
        await feed(console, "/as ann", f"/setzip {data.MOVED_ZIP}")
        await services.scheduler.tick()  # the data in use is remembered
        port = HangingPort(clock, hang={"ann"})
        services.scheduler.attach(port)
        job = services.district_asks
        assert job is not None
        job._slots = asyncio.Semaphore(1)  # one ask at a time: cal's is done before ann's starts
        install(changed, settings)
        services.directory.recheck()
        tick = asyncio.create_task(services.scheduler.tick())
        await asyncio.wait_for(port.arrived.wait(), 30)
        assert [s.message.title for s in port.dms("cal")] == [ASK]
        assert port.dms("ann") == []
        tick.cancel()
        await asyncio.gather(tick, return_exceptions=True)


CUT_OFF = "the bot was stopped while sending 1 district confirmation ask."
STILL_ASKED = "their call scripts and /myreps keep asking them to confirm their district"
PRIVACY_CUT_OFF = "was cut off by a stop of the bot"


async def test_an_ask_cut_off_by_a_stop_is_not_sent_again_and_the_digest_counts_it_once(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """After the restart ann is not asked again (a missed ask beats a double one; her scripts
    still ask her to confirm); the next digest counts her cut-off ask, and only hers (cal's
    arrived), in the line for sends a stop cut off; the digest after that does not."""
    await crash_while_asking(settings, clock, changed, digest=True)
    async with bot(settings, clock) as services:
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        transcript.clear()
        await services.scheduler.tick()
        await services.scheduler.tick()
        assert dms(transcript, "ann") == [] and dms(transcript, "olga") == []
        await feed(console, "/as ann", "/myreps", "/privacy")
        assert NOTE in transcript.text and PRIVACY_CUT_OFF in transcript.text

        await feed(console, "/as olga organizer", "/clock advance 1d")
        _, digest = last(transcript, "Daily digest")
        assert "Interrupted by a stop" in digest
        assert f"Since the last digest {CUT_OFF}" in digest and STILL_ASKED in digest
        assert dms(transcript, "ann") == []
        transcript.clear()
        await feed(console, "/as ann", "/privacy")  # told: the row is gone
        assert "New lawmaker data changed your saved district" in transcript.text
        assert PRIVACY_CUT_OFF not in transcript.text
        transcript.clear()
        await feed(console, "/as olga organizer", "/clock advance 1d")
        _, digest = last(transcript, "Daily digest")
        assert "Interrupted by a stop" not in digest  # told once
    async with bot(settings, clock) as services:  # and a later start finds nothing to tell
        console = await start_console(services, transcript)  # type: ignore[arg-type]
        transcript.clear()
        await feed(console, "/as olga organizer", "/clock advance 1d")
        assert "Interrupted by a stop" not in transcript.text and dms(transcript, "ann") == []


async def test_without_a_digest_organizers_hear_of_a_cut_off_ask_by_dm_once(
    settings: Settings, clock: ManualClock, changed: data.ChangedData, transcript: Transcript
) -> None:
    """No digest: the organizer who made the schedule gets one DM counting ann's cut-off ask
    (not cal's, which arrived); ann is not asked again; later ticks and starts tell nothing."""
    await crash_while_asking(settings, clock, changed, digest=False)
    for restart in range(2):
        async with bot(settings, clock) as services:
            await start_console(services, transcript)  # type: ignore[arg-type]
            transcript.clear()
            await services.scheduler.tick()
            await services.scheduler.tick()
            assert dms(transcript, "ann") == []
            told = dms(transcript, "olga")
            if restart:
                assert told == []
                continue
            [(_, notice)] = told
            assert "The bot stopped while sending" in notice
            assert CUT_OFF.capitalize() in notice and STILL_ASKED in notice


async def test_two_processes_comparing_the_same_new_data_at_once_act_on_it_once(
    settings: Settings, clock: ManualClock, changed: data.ChangedData
) -> None:
    """Two processes (two AfterSync on one database) see the new data at the same moment: ann
    is flagged once and each target notice is left once; the one that lost says nothing."""
    async with bot(settings, clock) as services:
        campaign = await running(services, "mine leaders:HSWM")
        ann = await actor(services, "ann")
        await services.members.set_location(ann.member, data.MOVED_ZIP, "NC-1")
        await services.after_sync.observe(services.directory.current())  # the data in use
        install(changed, settings)
        services.directory.recheck()
        directory = services.directory.current()
        other = AfterSync(DirectorySeenRepository(services.db), clock)
        found = await asyncio.gather(
            services.after_sync.observe(directory), other.observe(directory)
        )
        [observed] = [f for f in found if f is not None]
        assert observed.flagged == 1 and observed.notices == 1
        [notice] = await services.after_sync.unreported(campaign.community_id)
        assert "is now Rep. Vern Buchanan (R-FL-16) (was Jason Smith)" in str(kept(notice.text))
        assert await other.observe(directory) is None  # seen now, by the other process
