"""Slash commands through the real discord.py client: answers, options, permissions, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import pytest

from bot.cogkit import Cog, Context, Opt, command
from bot.core.permissions import Permission
from bot.messages import Attachment, Message, Tone
from bot.platforms.discord.host import DiscordHost
from bot.platforms.discord.render import COLOURS
from bot.services import Services

from ...fakes.discord_server import FakeDiscord, running_host
from ...fakes.sample_cog import SampleCog

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class Extras(Cog):
    name = "extras"
    description = "More shapes of answers."

    @command("announce", "Organizers only.", permission=Permission.ORGANIZER)
    async def announce(self, ctx: Context) -> Message:
        return Message(body="announced")

    @command("chart", "A picture.")
    async def chart(self, ctx: Context) -> Message:
        return Message(title="Calls", attachments=(Attachment("calls.png", PNG, "image/png"),))

    @command("quiet", "Answers nothing.")
    async def quiet(self, ctx: Context) -> None:
        return None

    @command("long", "A very long answer.", ephemeral=True)
    async def long(self, ctx: Context) -> Message:
        return Message(title="Everything", body="word " * 2000, footer="the end")

    @command("shout", "Text people wrote, with mentions in it.")
    async def shout(self, ctx: Context, text: Annotated[str, Opt("Text")]) -> Message:
        return Message(body=text, reactions=("📞",))


@pytest.fixture
async def extras_host(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.load_extension("cogs.help")
    await bot.add_cog(SampleCog())
    await bot.add_cog(Extras())
    async with running_host(bot):
        yield bot


async def test_help_is_answered_privately(host: DiscordHost, fake: FakeDiscord) -> None:
    """/help answers at once, ephemerally, with the commands the member may use."""
    inter = await fake.command("help", user=fake.ann)
    reply = await inter.answer()
    assert reply.ephemeral
    assert "/echo <times>" in reply.text()
    assert "/thing make" not in reply.text()
    assert inter.callback_type == 4  # answered directly, no defer


async def test_help_for_organizers_lists_their_commands(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """Manage Server makes a member an organizer, who sees organizer commands."""
    reply = await (await fake.command("help", user=fake.olga)).answer()
    assert "/thing make <name>" in reply.text()


async def test_help_on_a_mixed_group_marks_the_organizer_subcommands(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """/help thing names both subcommands and marks only the organizers' one."""
    reply = await (await fake.command("help", {"command": "thing"}, user=fake.ann)).answer()
    lines = reply.text().splitlines()
    assert any(ln.endswith("Make a thing (organizers). (organizers only)") for ln in lines)
    assert any(ln.endswith("Show a thing.") for ln in lines)
    assert "Organizers only." not in reply.text()


async def test_about_is_answered_privately(host: DiscordHost, fake: FakeDiscord) -> None:
    """/about is ephemeral and says what the bot keeps."""
    reply = await (await fake.command("about")).answer()
    assert reply.ephemeral
    assert "What the bot keeps about members" in reply.text()


async def test_typed_options_reach_the_cog(host: DiscordHost, fake: FakeDiscord) -> None:
    """Integers, booleans and text arrive typed; the answer is public."""
    inter = await fake.command("echo", {"times": 2, "loud": True, "text": "call"})
    reply = await inter.answer()
    assert reply.text() == "CALL CALL"
    assert not reply.ephemeral
    assert reply.colour == COLOURS[Tone.INFO]


async def test_option_out_of_range_gets_a_friendly_error(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """A value past the option's maximum is refused with a sentence, privately."""
    reply = await (await fake.command("echo", {"times": 7})).answer()
    assert reply.ephemeral
    assert reply.text() == "How many times must be at most 3."
    assert reply.colour == COLOURS[Tone.ERROR]


async def test_option_of_the_wrong_type_gets_a_friendly_error(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """A value Discord should have typed but did not is still a sentence, not a crash."""
    reply = await (await fake.command("echo", {"times": "lots"})).answer()
    assert reply.ephemeral and reply.text() == "How many times must be a whole number, not 'lots'."


async def test_text_past_its_limit_is_refused(host: DiscordHost, fake: FakeDiscord) -> None:
    """The core checks lengths even if the client let a long value through."""
    reply = await (await fake.command("echo", {"times": 1, "text": "x" * 41})).answer()
    assert "too long" in reply.text()


async def test_choice_outside_the_list_is_refused(host: DiscordHost, fake: FakeDiscord) -> None:
    """A choice option accepts only its listed values."""
    reply = await (await fake.command("pick", {"colour": "green"})).answer()
    assert reply.text() == "A colour must be red or blue, not 'green'."
    ok = await (await fake.command("pick", {"colour": "blue"})).answer()
    assert ok.text() == "picked blue"


async def test_organizer_command_is_refused_for_a_member(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """Without Manage Server or the organizer role, the core refuses, privately."""
    reply = await (await fake.command("thing make", {"name": "box"}, user=fake.ann)).answer()
    assert reply.ephemeral
    assert reply.text().startswith("Only organizers can do that.")


async def test_organizer_command_is_allowed_with_manage_server(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """Manage Server in the interaction's permissions makes the member an organizer."""
    reply = await (await fake.command("thing make", {"name": "box"}, user=fake.olga)).answer()
    assert reply.text() == "Thing box"
    assert reply.custom_ids() == ["sample.size:", "sample.poke:box", "sample.poke:drop"]


async def test_organizer_role_counts_as_organizer(host: DiscordHost, fake: FakeDiscord) -> None:
    """ORGBOT_DISCORD_ORGANIZER_ROLE (here by name) makes its members organizers."""
    reply = await (await fake.command("thing make", {"name": "box"}, user=fake.rita)).answer()
    assert reply.text() == "Thing box"


async def test_domain_error_is_a_private_sentence(host: DiscordHost, fake: FakeDiscord) -> None:
    """A NotFound from the cog is shown privately with its sentence."""
    reply = await (await fake.command("thing show", {"name": "cup"})).answer()
    assert reply.ephemeral and reply.text() == "There is no thing called cup."


async def test_unexpected_error_is_an_apology_and_a_logged_traceback(
    host: DiscordHost, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A crash shows no internals: an apology with a reference; the log has the traceback."""
    reply = await (await fake.command("crash")).answer()
    assert reply.ephemeral
    assert "Sorry, something went wrong" in reply.text()
    assert "secret internals" not in reply.text()
    assert "secret internals" in caplog.text and "Traceback" in caplog.text


async def test_unknown_command_gets_a_friendly_answer(host: DiscordHost, fake: FakeDiscord) -> None:
    """A command Discord still shows but the bot no longer has is answered kindly."""
    reply = await (await fake.command("vanished")).answer()
    assert reply.ephemeral
    assert "I don't know that command" in reply.text()


async def test_missing_subcommand_gets_a_friendly_answer(
    host: DiscordHost, fake: FakeDiscord
) -> None:
    """A group invoked with a subcommand that no longer exists is answered kindly."""
    reply = await (await fake.command("thing melt", {"name": "x"})).answer()
    assert reply.ephemeral and "/help" in reply.text()


async def test_form_opens_a_modal(host: DiscordHost, fake: FakeDiscord) -> None:
    """A handler returning a Form opens a modal with its fields."""
    modal = await (await fake.command("note", {"topic": "money"})).modal()
    assert modal["custom_id"] == "sample.note:money"
    assert modal["title"] == "New note"
    inputs = [c["component"] for c in modal["components"]]
    assert [(i["custom_id"], i["style"], i["required"]) for i in inputs] == [
        ("title", 1, True),
        ("body", 2, True),
        ("tag", 1, False),
    ]
    assert inputs[0]["max_length"] == 20 and inputs[2]["value"] == "none"


async def test_modal_submission_reaches_the_form_handler(
    host: DiscordHost, fake: FakeDiscord, sample: SampleCog
) -> None:
    """Submitting the modal calls the cog's form handler with the answers."""
    modal = await (await fake.command("note", {"topic": "money"})).modal()
    inter = await fake.submit(modal, {"title": "Plan", "body": "Call Monday", "tag": ""})
    reply = await inter.answer()
    assert reply.text() == "saved Plan in money"
    assert sample.notes == [("money", {"title": "Plan", "body": "Call Monday", "tag": ""})]


async def test_stale_modal_gets_a_friendly_answer(host: DiscordHost, fake: FakeDiscord) -> None:
    """A modal whose form no cog declares any more is answered kindly."""
    inter = await fake.submit({"custom_id": "gone.form:1"}, {"x": "y"})
    reply = await inter.answer()
    assert (
        reply.ephemeral and reply.text() == "That form is no longer in use. Run the command again."
    )


async def test_autocomplete_suggests_from_the_cog(host: DiscordHost, fake: FakeDiscord) -> None:
    """Typing in an option with suggestions asks the cog's completion source."""
    inter = await fake.autocomplete("note", {"topic": "mo"}, focused="topic")
    assert await inter.choices() == [{"name": "Money", "value": "money"}]
    everything = await (await fake.autocomplete("note", {"topic": ""}, focused="topic")).choices()
    assert [c["value"] for c in everything] == ["misc", "money", "mail"]


async def test_no_answer_is_a_private_done(extras_host: DiscordHost, fake: FakeDiscord) -> None:
    """A command whose handler answers nothing still gets a (private) response."""
    reply = await (await fake.command("quiet")).answer()
    assert reply.ephemeral and reply.text() == "Done."


async def test_top_level_organizer_command(extras_host: DiscordHost, fake: FakeDiscord) -> None:
    """Hidden by Manage Server in Discord, and refused by the core if reached anyway."""
    announce = next(c for c in fake.synced if c["name"] == "announce")
    assert announce["default_member_permissions"] == 1 << 5
    refused = await (await fake.command("announce", user=fake.bob)).answer()
    assert refused.text().startswith("Only organizers")
    allowed = await (await fake.command("announce", user=fake.olga)).answer()
    assert allowed.text() == "announced"


async def test_attachments_are_uploaded_as_files(
    extras_host: DiscordHost, fake: FakeDiscord
) -> None:
    """A chart PNG is uploaded with the answer and shown as the embed's image."""
    inter = await fake.command("chart")
    reply = await inter.answer()
    assert reply.files == {"calls.png": PNG}
    assert reply.embeds[0]["image"]["url"] == "attachment://calls.png"


async def test_answers_never_mention_anyone(extras_host: DiscordHost, fake: FakeDiscord) -> None:
    """Text with @everyone and a user mention is sent with mentions disabled."""
    inter = await fake.command("shout", {"text": "@everyone call <@123> and <@&456>"})
    reply = await inter.answer()
    assert reply.allowed_mentions == {"parse": []}
    assert "@everyone" in reply.text()


async def test_public_answer_gets_its_reactions(
    extras_host: DiscordHost, fake: FakeDiscord
) -> None:
    """Reactions a message asks for are added to the posted answer."""
    reply = await (await fake.command("shout", {"text": "call"})).answer()
    await fake.wait_request("PUT", rf"/channels/\d+/messages/{reply.id}/reactions/.+/@me")
    assert reply.reactions == ["📞"]


async def test_every_cog_is_listed_for_organizers(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """With every cog loaded, /help for an organizer names every command (over pages if long)."""
    inter = await fake.command("help", user=fake.olga)
    first = await inter.answer()
    names = [f"/{name}" for name in full_host.registry.commands]

    def shown() -> bool:
        text = "\n".join(m.text() for m in [first, *inter.followups])
        return all(name in text for name in names)

    assert await fake.until(shown)


async def test_command_in_a_dm_is_sent_to_the_server(host: DiscordHost, fake: FakeDiscord) -> None:
    """Commands belong to a server; one arriving from a DM gets a friendly pointer."""
    reply = await (await fake.command("echo", {"times": 1}, in_dm=True)).answer()
    assert reply.ephemeral and reply.text() == "Please use this in a channel of your server."


async def test_very_long_answer_continues_in_follow_ups(
    extras_host: DiscordHost, fake: FakeDiscord
) -> None:
    """An answer longer than one message allows continues, as privately, in a follow-up."""
    inter = await fake.command("long")
    first = await inter.answer()
    more = await inter.followup(0)
    assert first.ephemeral and more.ephemeral
    assert first.embeds[0]["title"] == "Everything"
    assert more.embeds[-1]["footer"]["text"] == "the end"
    words = (first.text() + " " + more.text()).split()
    assert words.count("word") == 2000
