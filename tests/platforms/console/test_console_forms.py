"""Console forms: commands escape an open form, and a lone "-" keeps a field, long ones too."""

from __future__ import annotations

from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ...conftest import Transcript
from ...fakes.sample_cog import SampleCog
from .scenes import SLUG, START, feed

CANCELLED = "Form cancelled; nothing was saved."


async def open_zip_question(console: ConsoleHost, transcript: Transcript) -> None:
    """ann presses "Get my script" on a prompt with no ZIP saved: the bot asks for one."""
    await feed(console, "/as olga organizer", *START, f"/prompt post {SLUG}")
    [prompt] = [n for n, m in console.messages.items() if m.title == "Fund the IRS privacy office"]
    await feed(console, "/as ann", f"/press {prompt} Get my script")
    assert console.form_pending
    transcript.clear()


async def test_a_command_at_the_zip_question_closes_the_form_and_runs(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/reps 05401 typed at the ZIP question is a command, not the answer: the form closes
    with one line, then /reps answers."""
    await open_zip_question(full_console, transcript)
    await feed(full_console, "/reps 05401")
    assert not full_console.form_pending
    lines = transcript.text.splitlines()
    assert lines[0] == CANCELLED
    assert "Sen. Bernard Sanders" in transcript.text
    assert "⚠" not in transcript.text
    row = await full_services.db.fetchone("SELECT zip FROM members WHERE user_id = 'ann'")
    assert row is not None and row[0] is None  # nothing was saved from the form


async def test_cancel_at_the_zip_question_saves_nothing(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/cancel closes the ZIP question; the next command runs as usual."""
    await open_zip_question(full_console, transcript)
    await feed(full_console, "/cancel", "/myreps")
    assert transcript.text.splitlines()[0] == CANCELLED
    assert transcript.text.count(CANCELLED) == 1
    assert not full_console.form_pending
    assert "/setzip" in transcript.text  # /myreps ran as a command
    row = await full_services.db.fetchone("SELECT zip FROM members WHERE user_id = 'ann'")
    assert row is not None and row[0] is None


async def test_slash_lines_in_long_text_stay_text_unless_a_command(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """In a long field, "/" inside text or before an unknown word is text, "//" writes a
    leading "/", and a line naming a command closes the form and runs it."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(
        console,
        "/note money",
        "Rent",
        "and/or",
        "/2 of it",
        "//help is how members list commands",
        ".",
        "-",
    )
    assert cog.notes == [
        (
            "money",
            {
                "title": "Rent",
                "body": "and/or\n/2 of it\n/help is how members list commands",
                "tag": "none",
            },
        )
    ]
    transcript.clear()
    await feed(console, "/note money", "Rent", "first line", "/help")
    assert not console.form_pending
    assert f'{CANCELLED} (To start a line of text with "/", write "//".)' in transcript.text
    assert "/note" in transcript.text.split(CANCELLED, 1)[1]  # /help ran and listed commands
    assert len(cog.notes) == 1


async def test_any_slash_line_at_a_one_line_question_is_a_command(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """A one-line answer never starts with "/": even an unknown command closes the form and is
    answered as a command would be; /quit ends the session."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/note money", "/whatever")
    assert not console.form_pending
    assert CANCELLED in transcript.text
    assert "I don't know the command /whatever" in transcript.text
    await feed(console, "/note money")
    assert await console.handle("/quit") is False
    assert cog.notes == []


async def test_cancel_without_a_form_says_so(console: ConsoleHost, transcript: Transcript) -> None:
    """/cancel with nothing open is a sentence, not an unknown command."""
    await feed(console, "/cancel")
    assert transcript.text.strip() == "There is no form to cancel."


async def test_a_lone_dash_keeps_every_field_of_the_edit_form(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/campaign edit with "-" for each of its five questions, the long ones included,
    saves at once and changes nothing."""
    await feed(full_console, "/as olga organizer", *START)
    query = "SELECT title, ask, background, script, goal FROM campaigns"
    before = await full_services.db.fetchone(query)
    assert before is not None
    transcript.clear()
    await feed(full_console, f"/campaign edit {SLUG}", "-", "-", "-", "-", "-")
    assert not full_console.form_pending
    assert f"Saved the changes to {SLUG}" in transcript.text
    assert 'a line holding only "-" keeps:' in transcript.text
    after = await full_services.db.fetchone(query)
    assert after is not None and tuple(after) == tuple(before)


async def test_a_lone_dash_skips_an_optional_long_field_with_nothing_to_keep(
    full_console: ConsoleHost, full_services: Services
) -> None:
    """In /campaign create, "-" skips the empty background at once."""
    lines = [*START]
    lines[lines.index(".")] = "-"
    await feed(full_console, "/as olga organizer", *lines)
    assert not full_console.form_pending
    row = await full_services.db.fetchone("SELECT background, status FROM campaigns")
    assert row is not None and tuple(row) == ("", "active")


async def test_lines_starting_with_a_dash_are_text(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """Only a lone "-" as the first line keeps; "- item" lines are text."""
    cog = SampleCog()
    await console.add_cog(cog)
    await feed(console, "/note money", "Rent", "- item one", "-", ".", "-")
    assert cog.notes == [("money", {"title": "Rent", "body": "- item one\n-", "tag": "none"})]
