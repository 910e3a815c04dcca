"""Buttons, selects, modals, reactions and the App Home, end to end over Socket Mode."""

from __future__ import annotations

from bot.cogkit import Context, ReactionEvent
from bot.domain.models import Platform
from bot.messages import Field, Message, PostedRef
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.sample_cog import SampleCog
from ...fakes.slack_server import BOT_USER_ID, GENERAL, TEAM_ID, FakeSlack
from .conftest import settle
from .messaging_cog import MessagingCog


async def made_thing(slack: FakeSlack) -> list[dict]:
    """The blocks of the message an organizer gets from /thing make box."""
    slack.add_user("UADMIN", admin=True)
    reply = await (await slack.slash("/thing make box", user="UADMIN")).reply()
    return reply.blocks


async def test_buttons_reach_the_cog_as_the_presser(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """Pressing a button calls its handler with its value, acting as whoever pressed it."""
    blocks = await made_thing(slack)
    it = await slack.click(blocks, "Poke", user="U1")
    await it.ack()
    reply = await it.reply()
    assert "poked box as U1" in reply.text
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["replace_original"] is False
    assert sample.pressed == ["box"]


async def test_select_reaches_the_cog_with_the_chosen_value(
    host: SlackHost, slack: FakeSlack
) -> None:
    """Choosing in a static select calls the select handler with the option's value."""
    blocks = await made_thing(slack)
    reply = await (await slack.choose(blocks, "Large", user="U1")).reply()
    assert "size l" in reply.text


async def test_a_stale_button_is_explained(host: SlackHost, slack: FakeSlack) -> None:
    """A button whose handler no longer exists gets a sentence, not silence."""
    blocks = [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Old"},
                    "action_id": "retired.vote:7",
                    "value": "retired.vote:7",
                }
            ],
        }
    ]
    reply = await (await slack.click(blocks, "Old", user="U1")).reply()
    assert "That button is no longer in use." in reply.text


async def test_a_form_opens_as_a_modal_and_its_answers_reach_the_cog(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """/note opens a modal (views.open with the trigger); submitting it saves the note."""
    await (await slack.slash("/note money", user="U1")).ack()
    opened = await slack.next_call("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == "sample.note:money"
    inputs = {b["label"]["text"]: b for b in view["blocks"]}
    assert inputs["Title"]["element"]["max_length"] == 20
    assert inputs["Body"]["element"]["multiline"] is True
    assert inputs["Tag"]["optional"] is True
    it = await slack.submit(view, {"Title": "Rent", "Body": "line one\nline two"}, user="U1")
    assert "payload" not in await it.ack()  # the modal closes
    posted = await slack.next_call("chat.postMessage")
    assert posted.args["channel"] == GENERAL and "saved Rent in money" in posted.text
    answers = {"title": "Rent", "body": "line one\nline two", "tag": "none"}
    assert sample.notes == [("money", answers)]


async def test_a_modal_keeps_missing_and_too_long_answers_in_place(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """A required answer left empty or an over-long one is shown under its input."""
    await (await slack.slash("/note", user="U1")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    it = await slack.submit(view, {"Title": "x" * 21, "Body": "   "}, user="U1")
    ack = await it.ack()
    assert ack["payload"] == {
        "response_action": "errors",
        "errors": {
            "field:title": "That is 21 characters; the limit is 20.",
            "field:body": "Please fill this in.",
        },
    }
    await settle(host)
    assert sample.notes == []


async def test_a_refused_form_answer_is_shown_in_the_modal(
    host: SlackHost, slack: FakeSlack
) -> None:
    """A domain error from the form handler keeps the modal open with the sentence."""
    await (await slack.slash("/pledge", user="U1")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    refused = await slack.submit(view, {"How many calls": "lots"}, user="U1")
    assert (await refused.ack())["payload"] == {
        "response_action": "errors",
        "errors": {"field:calls": "Please give a number of calls, like 3."},
    }
    accepted = await slack.submit(view, {"How many calls": "3"}, user="U1")
    assert "payload" not in await accepted.ack()
    shown = await slack.next_call("chat.postEphemeral")
    assert shown.args["user"] == "U1" and "pledged 3" in shown.text


async def test_reactions_on_the_bots_messages_reach_the_cog(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """reaction_added and reaction_removed become ReactionEvents with the neutral emoji."""
    await (await slack.react("1700000100.000100", "telephone_receiver", user="U1")).ack()
    await settle(host)
    removed = await slack.react("1700000100.000100", "telephone_receiver", user="U1", added=False)
    await removed.ack()
    await settle(host)
    ref = PostedRef(GENERAL, "1700000100.000100")
    assert sample.reactions == [ReactionEvent(ref, "📞", True), ReactionEvent(ref, "📞", False)]


async def test_unknown_and_skin_toned_emoji_names(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """A skin tone does not change the emoji; a custom emoji arrives as :name:."""
    await (await slack.react("1.1", "+1::skin-tone-3", user="U1")).ack()
    await (await slack.react("1.1", "party-parrot", user="U1")).ack()
    await settle(host)
    assert sorted(e.emoji for e in sample.reactions) == [":party-parrot:", "👍"]


async def test_reactions_by_the_bot_or_on_others_messages_are_ignored(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """The bot's own reactions and reactions on people's messages reach no cog."""
    await (await slack.react("1.1", "tada", user=BOT_USER_ID)).ack()
    await (await slack.react("1.2", "tada", user="U1", item_user="U2")).ack()
    await settle(host)
    assert sample.reactions == []


async def test_a_repeated_event_delivery_is_handled_once(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """Slack's retry of an event (same event_id, retry_attempt) is acked but not counted again."""
    first = await slack.react("1.1", "tada", user="U1", event_id="Ev0RETRY")
    retry = await slack.react("1.1", "tada", user="U1", event_id="Ev0RETRY", retry_attempt=1)
    await first.ack()
    await retry.ack()
    await settle(host)
    assert len(sample.reactions) == 1


async def test_app_home_shows_what_the_bot_keeps(
    host: SlackHost, slack: FakeSlack, services: Services
) -> None:
    """Opening the App Home publishes the member's saved ZIP, district and reminder state."""
    actor = await services.members.actor(Platform.SLACK, TEAM_ID, "U1", False)
    await services.members.set_location(actor.member, "05401", "VT-AL")
    await (await slack.open_home("U1")).ack()
    published = await slack.next_call("views.publish")
    assert published.args["user_id"] == "U1"
    assert published.args["view"]["type"] == "home"
    text = published.text
    assert "05401" in text and "VT-AL" in text and "*Reminders*\nOff" in text
    assert "`/echo` Say it back." in text and "/thing help" in text
    assert "/thing make" not in text


async def test_app_home_includes_feature_sections(host: SlackHost, slack: FakeSlack) -> None:
    """Sections added with add_home_section appear; a failing one is left out."""

    async def calls(ctx: Context) -> Message:
        count = Field("This month", f"3 by {ctx.member.user_id}")
        return Message(title="Your calls", fields=(count,))

    async def broken(ctx: Context) -> Message:
        raise RuntimeError("boom")

    host.add_home_section(broken)
    host.add_home_section(calls)
    await (await slack.open_home("U1")).ack()
    text = (await slack.next_call("views.publish")).text
    assert "Your calls" in text and "3 by U1" in text and "boom" not in text


async def test_the_messages_tab_publishes_nothing(host: SlackHost, slack: FakeSlack) -> None:
    """app_home_opened for the Messages tab leaves the Home view alone."""
    await (await slack.open_home("U1", tab="messages")).ack()
    await settle(host)
    assert slack.calls_to("views.publish") == []


async def test_a_button_in_the_app_home_answers_by_dm(
    host: SlackHost, slack: FakeSlack, messaging: MessagingCog
) -> None:
    """A press with no channel and no response_url is answered in a direct message."""
    blocks = await made_thing(slack)
    await (await slack.click(blocks, "Poke", user="U1", channel=None)).ack()
    dm = await slack.next_call("chat.postMessage")
    assert dm.args["channel"] == "DU1" and "poked box as U1" in dm.text


async def test_a_slow_form_handler_closes_the_modal_and_answers_after(
    host: SlackHost, slack: FakeSlack
) -> None:
    """When the handler outlasts the wait, the modal closes at once and the answer follows."""
    host.submit_wait = 0
    await (await slack.slash("/pledge", user="U1")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    it = await slack.submit(view, {"How many calls": "lots"}, user="U1")
    assert "payload" not in await it.ack()
    shown = await slack.next_call("chat.postEphemeral")
    assert "Please give a number of calls, like 3." in shown.text


async def test_a_form_too_long_for_slack_is_refused_not_cut(
    host: SlackHost, slack: FakeSlack
) -> None:
    """Saved text longer than a Slack input holds is not cut short: the form is not opened.
    The command is still acknowledged (a fast failure must not undo Bolt's ack)."""
    it = await slack.slash("/longform", user="U1")
    await it.ack()
    reply = await it.reply()
    assert "Script is longer than a Slack form can hold (3000 characters)" in reply.text
    assert slack.calls_to("views.open") == []
