"""Reminders on the real slack-bolt app, against the fake Slack: DMs, buttons, pacing, refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.delivery.timing import VirtualTimer
from bot.domain.models import Platform
from bot.i18n.stored import kept
from bot.messages import Message
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.settings import Settings, load_settings

from ...fakes.slack_server import GENERAL, TEAM_ID, FakeSlack
from .conftest import Waits, every_cog, settle


@pytest.fixture
def settings(tmp_path: Path, full_data_dir: Path, database_url: str | None) -> Settings:
    """Settings with the full lawmaker data (reminders carry personal scripts)."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
    )


@pytest.fixture
async def real_host(services: Services, slack: FakeSlack, waits: Waits) -> AsyncIterator[SlackHost]:
    """Every cog, as `orgbot run` builds it (waits recorded, not slept)."""
    async with every_cog(services, slack, waits) as running:
        yield running


@pytest.fixture
async def campaign(real_host: SlackHost, services: Services) -> str:
    olga = await services.members.actor(Platform.SLACK, TEAM_ID, "UADMIN", True)
    return (await services.campaigns.import_template(olga, "irs-data-privacy")).slug


async def opt_in(slack: FakeSlack, user: str) -> None:
    await (await slack.slash("/setzip 05401", user=user)).reply()
    reply = await (await slack.slash("/reminders on", user=user)).reply()
    assert "Weekday reminders are on" in reply.text


async def test_a_reminder_dm_arrives_and_snooze_and_stop_work(
    real_host: SlackHost, services: Services, slack: FakeSlack, campaign: str
) -> None:
    """At 09:00 U1 gets the script by DM; Snooze brings it at 10:00; Stop ends reminders."""
    await opt_in(slack, "U1")
    await services.scheduler.engine.advance(timedelta(hours=2))
    reminder = await slack.next_call("chat.postMessage", lambda c: c.args["channel"] == "DU1")
    assert "Your daily reminder to call." in reminder.text
    assert "Sen. Bernard Sanders" in reminder.text

    pressed = await slack.click(reminder.blocks, "Snooze 1 hour", user="U1", channel="DU1")
    answer = await pressed.reply()
    assert "Snoozed: I'll remind you again at Mon 2026-01-05 10:00 EST." in answer.text
    await settle(real_host)
    await services.scheduler.engine.advance(timedelta(hours=1))
    again = await slack.next_call("chat.postMessage", lambda c: c.args["channel"] == "DU1")
    assert "Your reminder, as snoozed." in again.text

    stopped = await (await slack.click(again.blocks, "Stop reminders", user="U1")).reply()
    assert "Your reminders are off." in stopped.text
    await settle(real_host)
    await services.scheduler.engine.advance(timedelta(days=2))
    to_u1 = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == "DU1"]
    assert len(to_u1) == 2


async def test_a_deactivated_member_is_recorded_and_the_others_get_theirs(
    real_host: SlackHost, services: Services, slack: FakeSlack, campaign: str
) -> None:
    """Slack refuses to open a DM with a deactivated account: recorded; U1's still arrives."""
    slack.add_user("U9")
    await opt_in(slack, "U9")
    await opt_in(slack, "U1")
    slack.add_user("U9", deleted=True)
    await services.scheduler.engine.advance(timedelta(hours=2))
    posted = [c.args["channel"] for c in slack.calls_to("chat.postMessage")]
    assert "DU1" in posted and "DU9" not in posted
    olga = await services.members.actor(Platform.SLACK, TEAM_ID, "UADMIN", True)
    [failure] = await services.schedules.failures(olga)
    said = str(kept(failure.reason))
    assert said == "I couldn't send a direct message: that account is deactivated."


async def test_posts_in_one_channel_keep_to_one_a_second(
    real_host: SlackHost, services: Services, slack: FakeSlack
) -> None:
    """Three posts in #general wait about a second apart; a post elsewhere does not wait."""
    actor = await services.members.actor(Platform.SLACK, TEAM_ID, "U1", False)
    timer = real_host.messenger.queue.limiter.timer
    assert isinstance(timer, VirtualTimer)
    for n in range(3):
        await real_host.post(actor.community, GENERAL, Message(body=f"post {n}"))
    waited = list(timer.waits)
    slack.join("C0OTHER")
    await real_host.post(actor.community, "C0OTHER", Message(body="elsewhere"))
    assert len(waited) == 2 and all(0.99 <= w <= 1.0 for w in waited)
    assert timer.waits == waited
    assert len(slack.calls_to("chat.postMessage")) == 4


async def test_app_home_shows_the_reminders_days_and_campaign(
    real_host: SlackHost, services: Services, slack: FakeSlack, campaign: str
) -> None:
    """Off, App Home says how to turn reminders on and that weekdays are the default; on, it
    shows the days, the time, what weekdays leave out and the campaign carried."""
    await (await slack.open_home("U5")).ack()
    text = (await slack.next_call("views.publish")).text
    assert "Your reminders" in text and "Monday to Friday (add days:every day" in text
    await opt_in(slack, "U5")
    await (await slack.open_home("U5")).ack()
    text = (await slack.next_call("views.publish")).text
    assert "every weekday at 09:00 America/New_York" in text
    assert "Monday to Friday only: none on Saturday, Sunday or a federal holiday" in text
    assert "/remind on days:every day for every day" in text
    assert "Your reminder carries" in text and "Keep tax records confidential" in text


async def test_every_day_needs_no_quotes_on_slack(
    real_host: SlackHost, services: Services, slack: FakeSlack, campaign: str
) -> None:
    """'/reminders on days:every day' typed in Slack sets every day, not a time called 'day'."""
    reply = await (await slack.slash("/reminders on days:every day", user="U6")).reply()
    assert "Daily reminders are on: every day at 09:00" in reply.text
