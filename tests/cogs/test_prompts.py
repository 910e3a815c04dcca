"""The prompts cog: posting a prompt, "Get my script", the ZIP form, /script, and the hooks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.cogkit import Context
from bot.core.personal_scripts import PersonalScript
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.clock import ManualClock
from bot.i18n.translator import Translator
from bot.messages import Message
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.prompt_view import OUTCOME_ACTION, outcome_buttons
from bot.services import Services

from ..conftest import Transcript

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
CLOSED = datetime(2026, 1, 10, 15, 30, tzinfo=UTC)  # Saturday
THANKSGIVING = datetime(2026, 11, 26, 15, 30, tzinfo=UTC)  # Thursday 10:30 in Washington


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def posted(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """The IRS campaign imported and its prompt posted as message #2."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    assert "#2 Keep tax records confidential" in transcript.text
    transcript.clear()
    return full_console


async def located(
    services: Services, console: ConsoleHost, name: str, zip5: str, district: str | None
) -> None:
    actor = await services.members.actor(console.platform, console.session, name, False)
    await services.members.set_location(actor.member, zip5, district)


async def test_prompt_shows_the_ask_and_script_button_only(
    posted: ConsoleHost, full_services: Services
) -> None:
    """Title, ask, background, Get my script first, reactions and their legend."""
    message = posted.messages[2]
    assert message.title == "Keep tax records confidential"
    assert message.body.startswith("**Ask Congress to hold oversight hearings")
    assert "final removal orders" in message.body
    assert [(b.label, b.custom_id) for b in message.buttons][:1] == [
        ("Get my script", "prompts.script:p1")
    ]  # the actions cog adds the outcome buttons after it (tests/cogs/test_actions.py)
    assert message.reactions == ("📞", "📫", "🚫")
    assert message.footer == (
        "After your call, react: 📞 Made contact · 📫 Left voicemail · 🚫 Couldn't get through"
    )
    assert not message.ephemeral
    prompt = await full_services.prompts.by_message(1, CHANNEL, posted.ref_of(2).message_id)
    assert prompt is not None and prompt.id == 1


async def test_saved_zip_gets_the_script_at_once(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A member with a saved ZIP gets their script privately, no questions asked."""
    await located(full_services, posted, "ann", "05401", "VT-AL")
    await feed(posted, "/as ann", "/press 2 Get my script")
    text = transcript.text
    assert "#4 (only you can see this) Your calls: Keep tax records confidential" in text
    assert "Sen. Bernard Sanders (I-VT), your senator:" in text
    assert "📞 Burlington office: (802) 652-2450" in text
    assert "DC offices are open now (9 a.m. to 5 p.m. Eastern time" in text
    assert "Optional extra calls" in text and "Sen. Mike Crapo (R-ID), Chairman" in text
    assert "Saved your ZIP" not in text
    assert not posted.form_pending


async def test_closed_offices_suggest_voicemail(
    posted: ConsoleHost, transcript: Transcript, full_services: Services, clock: ManualClock
) -> None:
    """On a Saturday the script says DC offices are closed and what to do instead."""
    clock.set(CLOSED)
    await located(full_services, posted, "ann", "05401", "VT-AL")
    await feed(posted, "/as ann", "/press 2 Get my script")
    assert "DC offices are closed right now" in transcript.text
    assert "They open again Monday, January 12 at 9 a.m. Eastern time." in transcript.text
    assert "leave a voicemail (it counts), or try the district office number" in transcript.text
    assert "If you get voicemail: Hi, this is [your name] from Burlington" in transcript.text


async def test_a_holiday_is_named_with_the_next_opening(
    posted: ConsoleHost, transcript: Transcript, full_services: Services, clock: ManualClock
) -> None:
    """On Thanksgiving the script says why offices are closed and when they open again."""
    clock.set(THANKSGIVING)
    await located(full_services, posted, "ann", "05401", "VT-AL")
    await feed(posted, "/as ann", "/press 2 Get my script")
    text = transcript.text
    assert "DC offices are closed today for Thanksgiving Day (they answer 9 a.m. to 5 p.m." in text
    assert "They open again Friday, November 27 at 9 a.m. Eastern time." in text
    assert "leave a voicemail (it counts)" in text and "DC offices are open now" not in text


async def test_no_zip_asks_for_it_right_there(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Without a ZIP, the button opens a one-question form; the answer is saved and used."""
    await feed(posted, "/as ann", "/press 2 Get my script")
    assert posted.form_pending and "Your 5-digit ZIP code (required)" in transcript.text
    await feed(posted, "02134")
    text = transcript.text
    assert "Saved your ZIP code 02134 for next time: only that, never a street address." in text
    assert "Note: Your ZIP code touches 2 House districts (MA-7, MA-8)" in text
    assert "Rep. Ayanna Pressley (D-MA-7), may be your representative:" in text
    assert "Rep. Stephen F. Lynch (D-MA-8), may be your representative:" in text
    row = await full_services.db.fetchone("SELECT zip, district FROM members WHERE user_id = 'ann'")
    assert row is not None and tuple(row) == ("02134", None)


async def test_a_bad_zip_can_be_tried_again(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A ZIP that is not one is explained, nothing is saved, and a button reopens the form."""
    await feed(posted, "/as ann", "/press 2 Get my script", "0540")
    assert (
        "A ZIP code has 5 digits and 0540 has 4; if it starts with 0, try 00540." in transcript.text
    )
    assert "[Enter my ZIP again]" in transcript.text
    row = await full_services.db.fetchone("SELECT zip FROM members WHERE user_id = 'ann'")
    assert row is not None and row["zip"] is None
    await feed(posted, "/press 4 Enter my ZIP again", "05401")
    assert "Sen. Peter Welch (D-VT), your senator:" in transcript.text


async def test_unknown_zip_is_explained(posted: ConsoleHost, transcript: Transcript) -> None:
    """A well-formed ZIP that does not exist gets the directory's sentence."""
    await feed(posted, "/as ann", "/press 2 Get my script", "00001")
    assert "We could not find ZIP code 00001" in transcript.text


async def test_paused_campaign_button_explains(posted: ConsoleHost, transcript: Transcript) -> None:
    """Pressing the button of a paused campaign's prompt says it is paused."""
    await feed(posted, "/campaign pause irs-data-privacy", "/as ann", "/press 2 Get my script")
    assert "irs-data-privacy is paused right now" in transcript.text
    assert not posted.form_pending


@pytest.mark.parametrize("value", ["p999", "x1", "p", "pabc", "c999"])
async def test_stale_buttons_are_explained(
    posted: ConsoleHost, full_services: Services, value: str
) -> None:
    """A button for a prompt or campaign that is gone answers with a sentence."""
    actor = await full_services.members.actor(posted.platform, posted.session, "ann", False)
    ctx = Context(actor=actor, host=posted, channel_id=CHANNEL)
    answer = await posted.dispatcher.press(ctx, f"prompts.script:{value}")
    assert isinstance(answer, Message) and answer.tone == "error"
    assert "no longer" in answer.body


async def test_prompt_post_bad_inputs(posted: ConsoleHost, transcript: Transcript) -> None:
    """Unknown campaigns and drafts are not posted, with the reason."""
    await feed(
        posted,
        "/prompt post nope",
        "/campaign create",
        "Draft",
        "Ask.",
        ".",
        "Hi.",
        ".",
        "",
        "/prompt post draft",
    )
    assert "There is no campaign called nope." in transcript.text
    assert "draft is still a draft; an organizer can start it with /campaign resume draft." in (
        transcript.text
    )


async def test_prompt_post_to_another_channel(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A channel mention posts there and records that channel."""
    await feed(posted, "/prompt post irs-data-privacy <#12345>")
    assert "Posted the prompt for irs-data-privacy in channel 12345." in transcript.text
    assert await full_services.prompts.by_message(1, "12345", posted.ref_of(4).message_id)


async def test_script_command(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/script with no campaign uses the one running; with several it asks which."""
    await located(full_services, posted, "ann", "05401", None)
    await feed(posted, "/as ann", "/script")
    assert "Your calls: Keep tax records confidential" in transcript.text
    transcript.clear()
    await feed(
        posted,
        "/as olga organizer",
        "/campaign import irs-data-privacy second",
        "/as ann",
        "/script",
    )
    assert (
        "Which campaign? Type /script <slug>, with one of: second, irs-data-privacy."
        in transcript.text
    )
    transcript.clear()
    await feed(posted, "/script second")
    assert "Your calls: Keep tax records confidential" in transcript.text


async def test_script_command_without_zip_opens_the_form(
    posted: ConsoleHost, transcript: Transcript
) -> None:
    """/script asks for a ZIP the same way the button does."""
    await feed(posted, "/as ann", "/script irs-data-privacy", "05401")
    assert "Saved your ZIP code 05401 (district VT-AL)" in transcript.text
    assert "Rep. Becca Balint (D-VT-AL), your representative:" in transcript.text


async def test_script_with_nothing_running(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """No running campaign: a sentence."""
    await feed(full_console, "/as ann", "/script")
    assert "No campaign is running right now." in transcript.text


async def test_hooks_add_to_prompts_and_scripts_once(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A feature's hooks change the prompt and the script; registering again replaces, not adds."""

    async def outcomes(
        prompt: Prompt, campaign: Campaign, message: Message, words: Translator
    ) -> Message:
        return replace(message, buttons=message.buttons + outcome_buttons(prompt, campaign, words))

    async def count(script: PersonalScript, prompt: Prompt | None, message: Message) -> Message:
        return replace(message, footer=f"{message.footer} [prompt {prompt.id if prompt else '-'}]")

    view = full_services.prompt_view
    for _ in range(2):
        view.add_prompt_hook("actions", outcomes)
        view.add_script_hook("actions", count)
    await located(full_services, posted, "ann", "05401", None)
    await feed(posted, "/prompt post irs-data-privacy", "/as ann", "/press 4 Get my script")
    prompt = posted.messages[4]
    assert [b.custom_id for b in prompt.buttons] == [
        "prompts.script:p2",
        f"{OUTCOME_ACTION}:2:contact",
        f"{OUTCOME_ACTION}:2:voicemail",
        f"{OUTCOME_ACTION}:2:unreachable",
    ]
    script = posted.messages[6]
    assert script.title == "Your calls: Keep tax records confidential"
    assert script.footer is not None and script.footer.count("[prompt 2]") == 1
