"""Several Socket Mode connections for one Slack app, from one process or several: Slack
spreads envelopes over them and sends an unacknowledged event again on another; each event is
handled once, because the event id is claimed in the shared database (not in a process's
memory). The real slack-bolt client, the fake Slack, one SQLite file shared by the hosts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager

import pytest

from bot.app import cog_modules
from bot.domain.errors import Unavailable
from bot.domain.models import Platform
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.storage.unavailable import BUSY_MESSAGE

from ...fakes.sample_cog import SampleCog
from ...fakes.slack_server import FakeSlack
from .conftest import ORGANIZER, settle


@asynccontextmanager
async def hosts(
    services: Services, slack: FakeSlack, cogs: Sequence[SampleCog | None], connections: int = 1
) -> AsyncIterator[list[SlackHost]]:
    """One Slack host per entry of ``cogs`` (a SampleCog, or None for every cog in cogs/), all
    on one database, as several processes would be; each opens ``connections`` connections."""
    async with AsyncExitStack() as stack:
        running = []
        for cog in cogs:
            host = SlackHost(services, slack.config(socket_connections=connections))
            if cog is None:
                await host.load_extensions(cog_modules())
            else:
                await host.add_cog(cog)
            await host.start_socket_mode()
            stack.push_async_callback(host.close)
            running.append(host)
            await slack.connected(count=len(running) * connections)
        yield running
        await slack.all_acked()
        for host in running:
            await settle(host)


async def test_one_process_opens_as_many_connections_as_set(
    services: Services, slack: FakeSlack, sample: SampleCog
) -> None:
    """ORGBOT_SLACK_SOCKET_CONNECTIONS=2: two connections; commands on either are answered."""
    async with hosts(services, slack, [sample], connections=2):
        assert slack.open_connections() == [0, 1] and slack.sockets_opened == 2
        first = await slack.slash("/echo 1 one", user="U1")
        second = await slack.slash("/echo 1 two", user="U1")
        assert {first.connection, second.connection} == {0, 1}
        assert "one" in (await first.reply()).text and "two" in (await second.reply()).text


async def test_an_event_sent_again_on_another_process_is_handled_once(
    services: Services, slack: FakeSlack
) -> None:
    """Slack sends an event again on the other process's connection (it missed the ack):
    handled by the first only. Another event is handled as usual."""
    cogs = [SampleCog(), SampleCog()]
    async with hosts(services, slack, cogs):
        first = await slack.react("1.1", "tada", user="U1", event_id="Ev0TWICE")
        await first.ack()
        again = await slack.redeliver(first)
        assert again.connection != first.connection
        await again.ack()
        await (await slack.react("1.1", "wave", user="U1", event_id="Ev0OTHER")).ack()
    handled = [event.emoji for cog in cogs for event in cog.reactions]
    assert sorted(handled) == ["🎉", "👋"]


async def test_an_event_sent_again_after_a_restart_is_handled_once(
    services: Services, slack: FakeSlack
) -> None:
    """The ids taken outlive the process: a retry reaching the next one is skipped too."""
    before, after = SampleCog(), SampleCog()
    async with hosts(services, slack, [before]):
        first = await slack.react("1.1", "tada", user="U1", event_id="Ev0RESTART")
        await first.ack()
    async with hosts(services, slack, [after]):
        await (await slack.redeliver(first)).ack()
    assert len(before.reactions) == 1 and after.reactions == []


async def test_a_reaction_sent_again_late_is_counted_once(
    full_services: Services, slack: FakeSlack
) -> None:
    """Two processes on one database. U2 reacts 📫 (counted) and takes it back (withdrawn);
    Slack's late retry of the reaction reaches the other process: it counts nothing again, and
    U2 hears back once."""
    slack.add_user(ORGANIZER, admin=True)
    async with hosts(full_services, slack, [None, None]) as running:
        imported = await (
            await slack.slash("/campaign import irs-data-privacy", user=ORGANIZER)
        ).reply()
        assert "is active" in imported.text, imported.text
        await (await slack.slash("/prompt post irs-data-privacy", user=ORGANIZER)).reply()
        ts = str((await slack.next_call("chat.postMessage")).response["ts"])
        added = await slack.react(ts, "mailbox", user="U2", event_id="Ev0ADD")
        await added.ack()
        await slack.next_call("chat.postEphemeral", lambda c: c.args.get("user") == "U2")
        await (await slack.react(ts, "mailbox", user="U2", added=False, event_id="Ev0DEL")).ack()
        await slack.all_acked()
        for host in running:  # the withdrawal is done before the retry comes
            await settle(host)
        await (await slack.redeliver(added)).ack()
    rows = await full_services.db.fetchall("SELECT outcome FROM actions")
    assert [tuple(row) for row in rows] == []
    answers = [c for c in slack.calls_to("chat.postEphemeral") if c.args.get("user") == "U2"]
    assert len(answers) == 1


async def test_an_event_a_stopping_process_left_unacknowledged_goes_to_another(
    services: Services, slack: FakeSlack
) -> None:
    """A process that is stopping takes no new envelope and leaves it unacknowledged; when its
    connection closes, Slack sends the event on another process's connection, which handles it."""
    stopping, staying = SampleCog(), SampleCog()
    async with hosts(services, slack, [stopping, staying]) as (first, _):
        socket = first._sockets[0]
        socket.acks.closed = True  # as close_async() begins: no new envelope is taken
        event = await slack.react("1.1", "tada", user="U1", event_id="Ev0LEFT", connection=0)
        await first.close()
        again = await slack.next_retry(event)
        assert again.connection == 1 and (await again.ack())["envelope_id"] == again.envelope_id
    assert stopping.reactions == [] and [r.emoji for r in staying.reactions] == ["🎉"]


async def test_an_event_the_database_cannot_claim_is_left_for_slack_to_send_again(
    services: Services, slack: FakeSlack, sample: SampleCog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database is busy when an event comes: it is not acknowledged (nor the person told
    anything), so Slack sends it again, and that delivery is handled."""
    claims = services.event_claims
    real = claims.first_time
    refused = asyncio.Event()

    async def busy_once(platform: Platform, key: str) -> bool:
        if not refused.is_set():
            refused.set()
            raise Unavailable(BUSY_MESSAGE)
        return await real(platform, key)

    monkeypatch.setattr(claims, "first_time", busy_once)
    async with hosts(services, slack, [sample], connections=2):
        first = await slack.react("1.1", "tada", user="U1", event_id="Ev0BUSY")
        async with asyncio.timeout(5):
            await refused.wait()
        await (await slack.redeliver(first)).ack()
    assert [r.emoji for r in sample.reactions] == ["🎉"]
    assert not slack._acks[first.envelope_id].done()
    assert slack.calls_to("chat.postEphemeral") == []
