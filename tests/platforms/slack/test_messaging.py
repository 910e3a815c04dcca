"""What the host sends: DMs, channel posts, files, reactions, rate limits and Slack's errors."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import StartupError
from bot.messages import Message
from bot.platforms.slack.host import SlackHost
from bot.platforms.slack.messenger import NOT_IN_CHANNEL
from bot.services import Services

from ...fakes.slack_server import APP_TOKEN, BOT_TOKEN, GENERAL, FakeSlack
from .conftest import Waits, settle
from .messaging_cog import PNG, MessagingCog


async def test_send_dm_opens_a_conversation_then_posts(host: SlackHost, slack: FakeSlack) -> None:
    """A cog's DM goes through conversations.open, then chat.postMessage to that channel."""
    reply = await (await slack.slash("/dm U2", user="U1")).reply()
    assert "sent to U2" in reply.text
    opened = await slack.next_call("conversations.open")
    posted = await slack.next_call("chat.postMessage")
    assert opened.args["users"] == "U2"
    assert posted.args["channel"] == "DU2" and "A reminder to call." in posted.text


async def test_dm_channels_are_remembered(host: SlackHost, slack: FakeSlack) -> None:
    """A second DM to the same person does not open the conversation again."""
    for _ in range(2):
        await (await slack.slash("/dm U2", user="U1")).reply()
    assert len(slack.calls_to("conversations.open")) == 1
    assert len(slack.calls_to("chat.postMessage")) == 2


@pytest.mark.parametrize(
    ("flags", "sentence"),
    [
        ({"deleted": True}, "that account is deactivated"),
        ({"bot": True}, "I can't send direct messages to bots."),
    ],
)
async def test_a_person_who_cannot_be_dmed_gets_a_clear_answer(
    host: SlackHost, slack: FakeSlack, flags: dict[str, bool], sentence: str
) -> None:
    """Slack's refusal to open a DM is told to the person who asked, in a sentence."""
    slack.add_user("U9", **flags)
    reply = await (await slack.slash("/dm U9", user="U1")).reply()
    assert sentence in reply.text
    assert reply.args["response_type"] == "ephemeral"
    assert slack.calls_to("chat.postMessage") == []


async def test_a_channel_the_bot_is_not_in_is_explained(
    host: SlackHost, slack: FakeSlack, messaging: MessagingCog
) -> None:
    """Posting where the bot was not invited tells the person how to invite it."""
    reply = await (await slack.slash("/postto C0ELSEWHERE hi", user="U1")).reply()
    assert str(NOT_IN_CHANNEL) in reply.text
    assert messaging.posted == []


async def test_a_public_answer_that_cannot_be_posted_goes_through_the_error_handler(
    host: SlackHost, slack: FakeSlack
) -> None:
    """An answer with reactions in a channel the bot is not in: the error handler tells the
    person, and the command is still acknowledged (a fast failure must not undo the ack)."""
    it = await slack.slash("/prompt", user="U1", channel="C0ELSEWHERE")
    await it.ack()
    reply = await it.reply()
    assert str(NOT_IN_CHANNEL) in reply.text
    assert reply.args["response_type"] == "ephemeral"


async def test_a_public_answer_with_reactions_is_posted_and_reacted_to(
    host: SlackHost, slack: FakeSlack
) -> None:
    """The bot adds its own reactions to a message that asks for them, by Slack name."""
    await (await slack.slash("/prompt", user="U1")).ack()
    posted = await slack.next_call("chat.postMessage")
    reacted = await slack.next_call("reactions.add")
    assert reacted.args == {
        "channel": GENERAL,
        "timestamp": posted.response["ts"],
        "name": "telephone_receiver",
    }


async def test_a_429_waits_as_long_as_retry_after_says(
    host: SlackHost, slack: FakeSlack, waits: Waits, messaging: MessagingCog
) -> None:
    """A rate-limited post is retried after Retry-After seconds, and posted once."""
    slack.rate_limit("chat.postMessage", retry_after=7)
    reply = await (await slack.slash("/postto C0GENERAL hi", user="U1")).reply()
    assert "posted" in reply.text
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429, 200]
    assert len(slack.messages) == 1
    assert len(waits.seconds) == 1 and 7 <= waits.seconds[0] < 8


async def test_public_files_use_the_external_upload_api(host: SlackHost, slack: FakeSlack) -> None:
    """A chart is posted with getUploadURLExternal, the upload, then completeUploadExternal."""
    await (await slack.slash("/chart", user="U1")).ack()
    asked = await slack.next_call("files.getUploadURLExternal")
    uploaded = await slack.next_call("file_upload")
    completed = await slack.next_call("files.completeUploadExternal")
    assert asked.args["filename"] == "calls.png" and int(asked.args["length"]) == len(PNG)
    assert uploaded.args["size"] == len(PNG)
    assert completed.args["channel_id"] == GENERAL
    assert completed.args["files"][0]["id"] == uploaded.path
    assert slack.files[uploaded.path]["data"] == PNG
    assert len(slack.calls_to("chat.postMessage")) == 1


async def test_private_files_are_sent_by_dm(host: SlackHost, slack: FakeSlack) -> None:
    """Files cannot be ephemeral: they go to the person's DM, and the reply says so."""
    reply = await (await slack.slash("/mychart", user="U1")).reply()
    completed = await slack.next_call("files.completeUploadExternal")
    assert completed.args["channel_id"] == "DU1"
    assert "I sent you the file in a direct message." in reply.text
    assert reply.args["response_type"] == "ephemeral"


async def test_an_expired_response_url_falls_back_to_an_ephemeral_post(
    host: SlackHost, slack: FakeSlack
) -> None:
    """If the response_url refuses the answer, chat.postEphemeral shows it instead."""
    slack.fail("response_url", "expired_url")
    await (await slack.slash("/help", user="U1")).ack()
    shown = await slack.next_call("chat.postEphemeral")
    assert shown.args["user"] == "U1" and shown.args["channel"] == GENERAL
    assert "/echo" in shown.text


async def test_an_unexpected_slack_error_is_logged_and_apologised_for(
    host: SlackHost, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """app.error logs an unexpected failure with its traceback and DMs the person an apology."""
    slack.fail("views.publish", "internal_error")
    await (await slack.open_home("U1")).ack()
    apology = await slack.next_call("chat.postMessage")
    await settle(host)
    assert apology.args["channel"] == "DU1" and "Sorry, something went wrong" in apology.text
    logged = [r for r in caplog.records if "unexpected error in the Slack host" in r.message]
    assert logged and logged[0].exc_info is not None


async def test_tokens_never_reach_the_log(
    host: SlackHost, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """With every logger at DEBUG, no bot or app token appears in any log line."""
    caplog.set_level(logging.DEBUG)
    slack.fail("views.publish", "internal_error")
    await (await slack.slash("/dm U2", user="U1")).reply()
    await (await slack.open_home("U1")).ack()
    await settle(host)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "conversations.open" in text  # the DEBUG logs were captured
    assert BOT_TOKEN not in text and APP_TOKEN not in text


async def test_a_refused_bot_token_stops_the_start_in_one_line(
    services: Services, slack: FakeSlack
) -> None:
    """A wrong SLACK_BOT_TOKEN is named, without showing it."""
    host = SlackHost(services, slack.config(bot_token="xoxb-wrong"))
    with pytest.raises(StartupError) as info:
        await host.start_socket_mode()
    assert "SLACK_BOT_TOKEN (invalid_auth)" in info.value.message
    assert "xoxb-wrong" not in info.value.message
    assert slack.sockets_opened == 0


async def test_a_refused_app_token_stops_the_start_in_one_line(
    services: Services, slack: FakeSlack
) -> None:
    """A wrong SLACK_APP_TOKEN is named too, instead of Socket Mode retrying forever."""
    host = SlackHost(services, slack.config(app_token="xapp-wrong"))
    with pytest.raises(StartupError) as info:
        await host.start_socket_mode()
    assert "SLACK_APP_TOKEN (invalid_auth)" in info.value.message


async def test_socket_mode_opens_one_connection(host: SlackHost, slack: FakeSlack) -> None:
    """The URL from the start-up check is the one the Socket Mode client uses."""
    assert slack.sockets_opened == 1


async def test_organizer_answers_are_cached_briefly(
    host: SlackHost, slack: FakeSlack, clock: ManualClock
) -> None:
    """users.info is asked once per person for a while, then again."""
    slack.add_user("UADMIN", admin=True)
    for _ in range(2):
        await (await slack.slash("/thing make a", user="UADMIN")).reply()
    assert len(slack.calls_to("users.info")) == 1
    clock.advance(timedelta(minutes=6))
    reply = await (await slack.slash("/thing make b", user="UADMIN")).reply()
    assert "Thing b" in reply.text
    assert len(slack.calls_to("users.info")) == 2


async def test_hostport_edit_updates_the_message(host: SlackHost, slack: FakeSlack) -> None:
    """edit() replaces a posted message with chat.update."""
    ref = await host.post(None, GENERAL, Message(body="before"))  # type: ignore[arg-type]
    await host.edit(None, ref, Message(body="after <!channel>"))  # type: ignore[arg-type]
    updated = await slack.next_call("chat.update")
    assert updated.args["ts"] == ref.message_id
    assert "after &lt;!channel&gt;" in updated.args["text"]
    assert slack.messages[(GENERAL, ref.message_id)]["text"].startswith("after")


async def test_an_unreachable_slack_stops_the_start_in_one_line(
    services: Services, slack: FakeSlack
) -> None:
    """A wrong ORGBOT_SLACK_API_URL (nothing listening) is named, not a traceback."""
    await slack.stop()
    host = SlackHost(services, slack.config())
    with pytest.raises(StartupError) as info:
        await host.start_socket_mode()
    assert "Cannot reach Slack's Web API" in info.value.message


async def test_a_busy_http_port_stops_the_start_in_one_line(
    services: Services, slack: FakeSlack
) -> None:
    """HTTP mode on a port already in use says so."""
    host = SlackHost(services, slack.config(mode="http"))
    with pytest.raises(StartupError) as info:
        await host.start_http("127.0.0.1", slack.port)
    assert f"Cannot listen on 127.0.0.1:{slack.port}" in info.value.message
