"""The console remembers where each message is, so acts on message n happen in its channel."""

from __future__ import annotations

from bot.domain.models import Platform
from bot.messages import Message
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.services import Services

from ...conftest import Transcript
from ...fakes.sample_cog import SampleCog


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


async def post_prompt_elsewhere(console: ConsoleHost) -> None:
    """Olga posts the IRS prompt to channel 12345: it is message #2."""
    await feed(
        console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy <#12345>",
    )
    assert console.channels[2] == "12345"


async def test_a_reaction_names_the_channel_of_its_message(
    console: ConsoleHost, services: Services
) -> None:
    """/react on a message posted elsewhere, a direct message, or an answer here names its place."""
    cog = SampleCog()
    await console.add_cog(cog)
    actor = await services.members.actor(Platform.CONSOLE, console.session, "olga", True)
    await console.post(actor.community, "12345", Message(body="elsewhere"))
    await console.send_dm(actor.community, "ann", Message(body="just for ann"))
    await feed(console, "/help", "/react 1 📞", "/react #2 📞", "/unreact 3 📞")
    assert [(e.ref.channel_id, console.number_of(e.ref), e.added) for e in cog.reactions] == [
        ("12345", 1, True),
        ("dm:ann", 2, True),
        (CHANNEL, 3, False),
    ]


async def test_a_reaction_on_a_prompt_in_another_channel_is_counted(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """Ann's 📞 on the prompt posted to channel 12345 is counted, and its live count shows it."""
    await post_prompt_elsewhere(full_console)
    transcript.clear()
    await feed(full_console, "/as ann", "/react 2 📞")
    assert "Counted: 📞 Made contact (Keep tax records confidential)." in transcript.text
    assert "(message #2 was updated)" in transcript.text
    assert "So far: 1 member acted · 1 action" in transcript.text


async def test_the_same_reaction_twice_elsewhere_counts_once(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """Reacting 📞 again on the prompt in channel 12345 is not a second action."""
    await post_prompt_elsewhere(full_console)
    transcript.clear()
    await feed(full_console, "/as ann", "/react 2 📞", "/react 2 📞")
    assert transcript.text.count("Counted:") == 1
    assert "1 member acted · 1 action" in transcript.text
    assert "2 actions" not in transcript.text


async def test_a_reaction_on_a_message_that_is_not_a_prompt_counts_nothing(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """📞 on the 'Posted the prompt' answer (#3) is not a report: nothing is counted or said."""
    await post_prompt_elsewhere(full_console)
    transcript.clear()
    await feed(full_console, "/as ann", "/react 3 📞")
    assert transcript.text.strip() == "You are now ann (a member)."
