"""INFO logs carry counts, never who: no platform user id and no member id, on the real
slack-bolt app against the fake Slack, through reminders (sent and undeliverable), a
reaction, a button and an erasure. /forgetme cannot reach a log, so nothing in it may name
the person; their ids appear only at DEBUG, which operators turn on to debug, briefly."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.i18n.stored import kept
from bot.services import Services

from ...fakes.slack_server import TEAM_ID, FakeSlack
from .conftest import ORGANIZER, every_cog, settle

FIRST_MEMBER_ID = 48_213_001  # member numbers no timestamp or count in a log line would show
CALLER, OTHER, GONE = "UCALLER4821", "UOTHER4821", "UGONE4821"
DM = f"D{CALLER}"  # the fake's direct message channel with CALLER
FAKE_SLACK_ACCESS_LOG = "aiohttp.access"  # the fake's own server (Socket Mode runs none)


async def opt_in(slack: FakeSlack, user: str) -> None:
    await (await slack.slash("/setzip 05401", user=user)).reply()
    reply = await (await slack.slash("/reminders on", user=user)).reply()
    assert "Weekday reminders are on" in reply.text


def logged(records: list[logging.LogRecord]) -> str:
    """Every record as an operator's log would hold it, traceback included."""
    formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    return "\n".join(formatter.format(record) for record in records)


async def test_info_logs_of_reminders_reactions_and_erasure_name_no_member(
    full_services: Services,
    slack: FakeSlack,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Reminders sent and refused, a reaction, a report and an erasure: none of their INFO
    (or higher) lines holds a user id or a member id; at DEBUG the reminders do name them."""
    services = full_services
    async with services.db.transaction() as tx:  # members' ids start at FIRST_MEMBER_ID
        if tx.dialect == "postgresql":
            await tx.fetchval(
                "SELECT setval(pg_get_serial_sequence('members', 'id'), ?)", (FIRST_MEMBER_ID - 1,)
            )
        else:
            await tx.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('members', ?)",
                (FIRST_MEMBER_ID - 1,),
            )
    slack.add_user(ORGANIZER, admin=True)
    slack.add_user(GONE)
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="bot")
    async with every_cog(services, slack) as host:
        await (await slack.slash("/campaign import irs-data-privacy", user=ORGANIZER)).reply()
        for user in (CALLER, OTHER, GONE):
            await opt_in(slack, user)
        slack.add_user(GONE, deleted=True)  # the reminder to GONE cannot be delivered
        clock.advance(timedelta(hours=2))  # 09:00, when reminders are due
        await services.scheduler.tick()  # as APScheduler wakes it every minute
        reminder = await slack.next_call("chat.postMessage", lambda c: c.args["channel"] == DM)
        assert "Your daily reminder to call." in reminder.text

        await (await slack.slash("/prompt post irs-data-privacy", user=ORGANIZER)).reply()
        prompt = await slack.next_call("chat.postMessage", lambda c: "No calls reported" in c.text)
        await (await slack.react(str(prompt.response["ts"]), "mailbox", user=OTHER)).ack()
        pressed = await slack.click(prompt.blocks, "📞 Made contact", user=CALLER)
        assert "Counted" in (await pressed.reply()).text
        await settle(host)

        members = [row[0] for row in await services.db.fetchall("SELECT id FROM members")]
        asked = await (await slack.slash("/forgetme", user=CALLER)).reply()
        erased = await slack.click(asked.blocks, "Erase everything about me", user=CALLER)
        await erased.reply()
        await settle(host)

    assert await services.db.fetchone("SELECT 1 FROM members WHERE user_id = ?", (CALLER,)) is None
    organizer = await services.members.actor(Platform.SLACK, TEAM_ID, ORGANIZER, True)
    [failure] = await services.schedules.failures(organizer)
    assert "deactivated" in str(kept(failure.reason))
    bots = [r for r in caplog.records if r.name != FAKE_SLACK_ACCESS_LOG]
    text = logged([r for r in bots if r.levelno >= logging.INFO])
    assert text, "the flows logged nothing at INFO: the test would prove nothing"
    for user in (CALLER, OTHER, GONE, ORGANIZER):
        assert user not in text
    assert len(members) == 4 and min(members) >= FIRST_MEMBER_ID
    for member in members:
        assert not re.search(rf"\b{member}\b", text), member
    debug = logged([r for r in bots if r.levelno == logging.DEBUG])
    assert CALLER in debug and GONE in debug  # who got which reminder: for debugging only
