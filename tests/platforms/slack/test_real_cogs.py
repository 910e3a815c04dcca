"""The real cogs on Slack: every one loads, and an organizer's campaign goes through a modal."""

from __future__ import annotations

from bot.app import cog_modules
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import FakeSlack
from .conftest import settle


async def test_help_lists_every_real_command_to_an_admin(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """/help run by an admin names every command the real cogs declare."""
    slack.add_user("UADMIN", admin=True)
    reply = await (await slack.slash("/help", user="UADMIN")).reply()
    for name in real_host.registry.commands:
        assert f"/{name}" in reply.text, name


async def test_an_organizer_creates_a_campaign_through_the_modal(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """/campaign create opens the campaign form; submitting it saves a draft."""
    slack.add_user("UADMIN", admin=True)
    await (await slack.slash("/campaign create", user="UADMIN")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    answers = {
        "Title": "Protect IRS data",
        "The ask, in one sentence": "Tell Congress to protect taxpayer data.",
        "Call script (fill-ins like {lawmaker})": "Hi, I'm calling {lawmaker} about IRS data.",
    }
    submitted = await slack.submit(view, answers, user="UADMIN")
    assert "payload" not in await submitted.ack()
    saved = await slack.next_call("chat.postEphemeral")
    assert "Saved Protect IRS data" in saved.text


async def test_a_member_cannot_open_the_campaign_form(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """A member asking for the campaign form is refused and no modal opens."""
    reply = await (await slack.slash("/campaign create", user="U1")).reply()
    assert "Only organizers can do that." in reply.text
    assert slack.calls_to("views.open") == []


async def test_a_member_lists_campaigns_with_campaigns(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """/campaigns is its own slash command on Slack and answers a member with the list."""
    reply = await (await slack.slash("/campaigns", user="U1")).reply()
    assert "No campaign is running right now." in reply.text


async def test_a_member_s_campaign_list_is_for_organizers(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    """/campaign list, like the rest of the /campaign group, refuses a member."""
    reply = await (await slack.slash("/campaign list", user="U1")).reply()
    assert "Only organizers can do that." in reply.text
    assert "No campaign is running" not in reply.text


async def test_app_home_lists_the_members_lawmakers(
    full_services: Services, slack: FakeSlack
) -> None:
    """The lawmakers cog's summary puts the member's senators and House member on App Home."""
    host = SlackHost(full_services, slack.config())
    await host.load_extensions(cog_modules())
    await host.start_socket_mode()
    await slack.connected()
    try:
        await (await slack.slash("/setzip 05401", user="U7")).reply()
        await (await slack.open_home("U7")).ack()
        text = (await slack.next_call("views.publish")).text
        assert "Your lawmakers (Burlington, VT)" in text
        assert "Sen. Bernard Sanders (I-VT): (202) 224-5141" in text
        assert "(D-VT-AL)" in text
        # the bot offers a street-address form, so the footer promises only what stays true
        assert "never asks for your name or street address" not in text
        assert "keeps no street address" in text
    finally:
        await slack.all_acked()
        await settle(host)
        await host.close()
