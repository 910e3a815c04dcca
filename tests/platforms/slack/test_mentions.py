"""Members named on Slack, end to end: the real slack-bolt app, every cog and the fake Slack.

Slack has no mention that does not notify, so a message others see names people by the name
users.info gives (looked up for that message only), and only an ephemeral answer, which
notifies no one, carries ``<@U…>``. An odd user id or text copying the marker is text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import pytest

from bot.app import cog_modules
from bot.cogkit import Cog, Context, Opt, command
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.messages import Field, Message, mention
from bot.platforms.slack.host import SlackHost
from bot.platforms.slack.render import fallback_text, message_parts
from bot.platforms.slack.text import People, mrkdwn
from bot.services import Services

from ...fakes.slack_server import TEAM_ID, ApiCall, FakeSlack
from ..leaderboard_world import report_calls
from .conftest import settle

ORGANIZER = "UORG"  # named in the settings: users.info only reads their Slack language
ODD_ID = "U1<!channel>"
FORGED_KEY = "0123456789abcdef"


class Greeter(Cog):
    """Names the member who asks, after the text they typed: in public, or privately."""

    name = "greeter"
    description = "Greetings for tests."

    @command("greet", "Greet me in the channel.")
    async def greet(self, ctx: Context, text: Annotated[str, Opt("Text")]) -> Message:
        return Message(body=f"{text} {mention(ctx.member.user_id)}")

    @command("whisper", "Greet me privately.", ephemeral=True)
    async def whisper(self, ctx: Context, text: Annotated[str, Opt("Text")]) -> Message:
        return Message.private(f"{text} {mention(ctx.member.user_id)}")


@pytest.fixture
async def board_host(services: Services, slack: FakeSlack) -> AsyncIterator[SlackHost]:
    """Every cog in cogs/ and the greeter; U1 is "Ann", U2 has only a real name, "Bob Jones"."""
    slack.add_user("U1")
    slack.users["U1"]["profile"] = {"display_name": "Ann", "real_name": "Ann Smith"}
    slack.add_user("U2")
    slack.users["U2"]["profile"] = {"display_name": "", "real_name": "Bob Jones"}
    running = SlackHost(services, slack.config(organizers=ORGANIZER))
    await running.load_extensions(cog_modules())
    await running.add_cog(Greeter())
    await running.start_socket_mode()
    await slack.connected()
    yield running
    await slack.all_acked()
    await settle(running)
    await running.close()


async def leaderboard(
    slack: FakeSlack, services: Services, clock: ManualClock, calls: dict[str, int]
) -> ApiCall:
    """The calls reported in the workspace, then the organizer's /leaderboard reply."""
    await report_calls(services, clock, Platform.SLACK, TEAM_ID, ORGANIZER, calls)
    return await (await slack.slash("/leaderboard", user=ORGANIZER)).reply()


def looked_up(slack: FakeSlack) -> list[str]:
    """Whom users.info was asked about (but the organizer, whose Slack language is read)."""
    asked = (str(call.args.get("user")) for call in slack.calls_to("users.info"))
    return sorted(user for user in asked if user != ORGANIZER)


async def test_the_public_leaderboard_names_people_without_notifying(
    board_host: SlackHost, slack: FakeSlack, services: Services, clock: ManualClock
) -> None:
    """The channel's leaderboard shows Slack's names for U1 and U2 and no <@…> mention."""
    board = await leaderboard(slack, services, clock, {"U1": 2, "U2": 1})
    assert board.args["response_type"] == "in_channel"
    assert "1. @Ann: 2 actions\n2. @Bob Jones: 1 action" in board.text
    assert "<@" not in board.text
    assert looked_up(slack) == ["U1", "U2"]


async def test_a_name_slack_will_not_give_shows_the_id(
    board_host: SlackHost, slack: FakeSlack, services: Services, clock: ManualClock
) -> None:
    """users.info failing for U2 still posts the leaderboard, with @U2 as plain text."""
    slack.fail("users.info", "user_not_found", after=1)  # after the organizer's own
    board = await leaderboard(slack, services, clock, {"U2": 1})
    assert "1. @U2: 1 action" in board.text
    assert "<@" not in board.text


async def test_an_ephemeral_answer_carries_a_slack_mention(
    board_host: SlackHost, slack: FakeSlack
) -> None:
    """A private answer (which notifies no one) names U1 as <@U1>, without asking users.info."""
    reply = await (await slack.slash("/whisper Hello", user="U1")).reply()
    assert reply.args["response_type"] == "ephemeral"
    assert "Hello <@U1>" in reply.text
    assert looked_up(slack) == ["U1"]  # only the organizer check of the person asking


async def test_an_odd_user_id_is_shown_as_text(
    board_host: SlackHost, slack: FakeSlack, services: Services, clock: ManualClock
) -> None:
    """A member whose id is not a Slack user id is listed escaped, and never looked up."""
    board = await leaderboard(slack, services, clock, {"U1": 2, ODD_ID: 1})
    assert "1. @Ann: 2 actions\n2. @U1&lt;!channel&gt;: 1 action" in board.text
    assert "<!" not in board.text and "<@" not in board.text
    assert looked_up(slack) == ["U1"]


async def test_text_copying_the_marker_is_shown_as_text(
    board_host: SlackHost, slack: FakeSlack
) -> None:
    """Typed text shaped like a marker for U2 stays text, even in a private answer."""
    forged = f"\ufdd0{FORGED_KEY}U2\ufdd1"
    reply = await (await slack.slash(f'/whisper "Hi {forged}"', user="U1")).reply()
    assert f"Hi {FORGED_KEY}U2 <@U1>" in reply.text
    assert "<@U2>" not in reply.text


async def test_a_public_greeting_names_the_person_quietly(
    board_host: SlackHost, slack: FakeSlack
) -> None:
    """A public answer naming the person who asked shows their name, not <@U1>."""
    reply = await (await slack.slash("/greet Welcome", user="U1")).reply()
    assert reply.args["response_type"] == "in_channel"
    assert "Welcome @Ann" in reply.text and "<@" not in reply.text


# -- rendering ------------------------------------------------------------------------------------
def test_a_mention_keeps_the_markdown_around_it() -> None:
    """Bold around a mention still becomes Slack bold, with the mention inside."""
    assert mrkdwn(f"**{mention('U1')}** & co") == "*<@U1>* &amp; co"


def test_a_name_is_escaped() -> None:
    """A display name holding Slack markup is shown as text."""
    people = People({"U1": "<!channel> & <@U2>"})
    assert mrkdwn(f"hi {mention('U1')}", people) == "hi @&lt;!channel&gt; &amp; &lt;@U2&gt;"


def test_the_notification_text_is_never_cut_inside_a_mention() -> None:
    """The 300-character fallback text keeps each mention whole (or leaves it out)."""
    body = "x" * 296 + " " + mention("U1") + " and " + mention("U2")
    text = fallback_text(Message(body=body))
    assert text.endswith(" <@U1>…") or text.endswith("x…")
    assert "\ufdd0" not in text and "U2" not in text


def test_every_part_of_a_public_message_uses_names() -> None:
    """Title, body, fields and footer all show the name when names are given."""
    who = mention("U1")
    message = Message(title=who, body=who, fields=(Field(who, who),), footer=who)
    (payload,) = message_parts(message, People({"U1": "Ann"}))
    shown = str(payload)
    assert "<@" not in shown
    assert shown.count("@Ann") == 7  # the notification text holds the title and the body
