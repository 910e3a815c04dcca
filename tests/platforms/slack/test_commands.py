"""Slash commands end to end: the real slack-bolt app over Socket Mode against the fake Slack."""

from __future__ import annotations

import asyncio

from bot.platforms.slack.host import SlackHost

from ...fakes.sample_cog import SampleCog
from ...fakes.slack_server import FakeSlack
from .conftest import settle
from .messaging_cog import MessagingCog


async def test_help_is_answered_privately(host: SlackHost, slack: FakeSlack) -> None:
    """/help is acknowledged at once and answered ephemerally through the response_url."""
    it = await slack.slash("/help", user="U1")
    ack = await it.ack()
    reply = await it.reply()
    assert "payload" not in ack
    assert reply.args["response_type"] == "ephemeral"
    assert "/echo &lt;times&gt; [loud] [text...]" in reply.text
    assert "/thing make" not in reply.text  # organizers only


async def test_ack_comes_before_slow_work(
    host: SlackHost, slack: FakeSlack, messaging: MessagingCog
) -> None:
    """The envelope is acknowledged while the handler is still working (Slack's 3 s rule)."""
    it = await slack.slash("/slow", user="U1")
    await it.ack()  # the handler cannot finish before the release below
    async with asyncio.timeout(5):
        await messaging.started.wait()
    assert slack.calls_to("response_url") == []
    messaging.release.set()
    assert "done at last" in (await it.reply()).text


async def test_options_keep_quotes_spaces_and_unicode(host: SlackHost, slack: FakeSlack) -> None:
    """Quoted text, extra spaces, named options and unicode parse as in the console."""
    it = await slack.slash('/echo   loud:yes  2   "héllo wörld 📞"', user="U1")
    assert "HÉLLO WÖRLD 📞 HÉLLO WÖRLD 📞" in (await it.reply()).text


async def test_curly_quotes_from_phones_group_words(host: SlackHost, slack: FakeSlack) -> None:
    """“Smart” double quotes, which phones type, group words like straight ones."""
    it = await slack.slash("/echo 1 “two words”", user="U1")
    reply = await it.reply()
    assert "two words" in reply.text and "“" not in reply.text


async def test_bad_options_get_a_friendly_sentence(host: SlackHost, slack: FakeSlack) -> None:
    """Out-of-range numbers, wrong choices and open quotes are explained privately."""
    expected = {
        "/echo 9": "How many times must be at most 3.",
        "/pick green": "A colour must be red or blue, not 'green'.",
        '/echo 1 "oops': "A quote is not closed.",
        "/echo": "/echo needs how many times.",
    }
    for line, sentence in expected.items():
        reply = await (await slack.slash(line, user="U1")).reply()
        assert sentence in reply.text, line
        assert reply.args["response_type"] == "ephemeral"
        assert ":warning:" in reply.text


async def test_unknown_subcommand_is_explained(host: SlackHost, slack: FakeSlack) -> None:
    """/thing fly names the subcommands that exist, that the member may use."""
    reply = await (await slack.slash("/thing fly", user="U1")).reply()
    assert "/thing has no subcommand 'fly'. Try: show." in reply.text


async def test_unknown_command_is_explained(host: SlackHost, slack: FakeSlack) -> None:
    """A slash command the cogs do not declare gets a hint, not silence."""
    reply = await (await slack.slash("/ecko 1", user="U1")).reply()
    assert "I don't know the command /ecko. Did you mean /echo?" in reply.text


async def test_group_alone_lists_its_subcommands(host: SlackHost, slack: FakeSlack) -> None:
    """/thing and /thing help list what the member may use, with usage."""
    for line in ("/thing", "/thing help"):
        reply = await (await slack.slash(line, user="U1")).reply()
        assert "/thing show &lt;name&gt;" in reply.text, line
        assert "/thing make" not in reply.text
        assert "Organizers see more." in reply.text


async def test_group_listing_shows_organizer_commands_to_admins(
    host: SlackHost, slack: FakeSlack
) -> None:
    """A workspace admin sees the organizer-only subcommands too."""
    slack.add_user("UADMIN", admin=True)
    reply = await (await slack.slash("/thing", user="UADMIN")).reply()
    assert "/thing make &lt;name&gt;" in reply.text
    assert "Organizers see more." not in reply.text


async def test_organizer_command_is_refused_to_a_member(host: SlackHost, slack: FakeSlack) -> None:
    """A member who is not an organizer is told so, privately."""
    reply = await (await slack.slash("/thing make box", user="U1")).reply()
    assert "Only organizers can do that." in reply.text
    assert reply.args["response_type"] == "ephemeral"


async def test_organizer_command_is_allowed_to_an_owner(host: SlackHost, slack: FakeSlack) -> None:
    """The workspace owner may; the public answer goes to the channel with its controls."""
    slack.add_user("UOWNER", owner=True)
    reply = await (await slack.slash("/thing make box", user="UOWNER")).reply()
    assert reply.args["response_type"] == "in_channel"
    assert reply.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Thing box", "emoji": True},
    }
    assert [e["text"]["text"] for e in reply.blocks[-1]["elements"]] == ["Poke", "Drop"]


async def test_domain_error_from_a_handler_is_private(host: SlackHost, slack: FakeSlack) -> None:
    """A NotFound raised by a cog is shown to the person only."""
    reply = await (await slack.slash("/thing show lamp", user="U1")).reply()
    assert "There is no thing called lamp." in reply.text
    assert reply.args["response_type"] == "ephemeral"


async def test_unexpected_error_is_apologised_for(host: SlackHost, slack: FakeSlack) -> None:
    """A crash in a cog gives an apology with a reference, never its internals."""
    reply = await (await slack.slash("/crash", user="U1")).reply()
    assert "Sorry, something went wrong" in reply.text and "reference" in reply.text
    assert "secret internals" not in reply.text


async def test_typed_mentions_never_notify(host: SlackHost, slack: FakeSlack) -> None:
    """Mentions typed into a command come back as text: escaped, never live."""
    line = "/echo 1 no <!channel> <@U2> <!subteam^S1> & @here"
    reply = await (await slack.slash(line, user="U1")).reply()
    shown = reply.text
    assert "<!" not in shown and "<@" not in shown
    assert "&lt;!channel&gt; &lt;@U2&gt; &lt;!subteam^S1&gt; &amp; @here" in shown


async def test_posted_text_cannot_mention_anyone(
    host: SlackHost, slack: FakeSlack, messaging: MessagingCog
) -> None:
    """Messages posted to a channel carry escaped text, link_names off, parse none, verbatim."""
    line = "/postto C0GENERAL <!here> <!everyone> hi <@U2>"
    reply = await (await slack.slash(line, user="U1")).reply()
    assert "posted" in reply.text
    post = await slack.next_call("chat.postMessage")
    assert post.args["link_names"] is False and post.args["parse"] == "none"
    assert "<!" not in post.text and "<@" not in post.text
    assert "&lt;!here&gt; &lt;!everyone&gt; hi &lt;@U2&gt;" in post.args["text"]
    sections = [b["text"] for b in post.blocks if b["type"] == "section"]
    assert sections and all(s["verbatim"] is True for s in sections)


async def test_the_same_command_twice_answers_twice(
    host: SlackHost, slack: FakeSlack, sample: SampleCog
) -> None:
    """Two real commands are two answers (only event retries are deduplicated)."""
    first = await slack.slash("/echo 1 a", user="U1")
    second = await slack.slash("/echo 1 a", user="U1")
    assert "a" in (await first.reply()).text and "a" in (await second.reply()).text
    await settle(host)
    assert len(slack.calls_to("response_url")) == 2
