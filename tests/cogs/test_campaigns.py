"""The campaigns cog in the console: the create and edit forms, listing, showing, settings."""

from __future__ import annotations

import pytest

from bot.cogkit import Context
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.services import Services

from ..conftest import Transcript

CREATE = [
    "/campaign create",
    "Save the Post Office",
    "Ask Congress to fund rural post offices.",
    "Rural post offices are closing.",
    "See [the report](https://example.org).",
    ".",
    "Hi, I'm {caller_name} from {city}.",
    "[[voicemail]]Please fund post offices.[[/voicemail]]",
    ".",
    "40",
]


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def olga(full_console: ConsoleHost, transcript: Transcript) -> ConsoleHost:
    await feed(full_console, "/as olga organizer")
    transcript.clear()
    return full_console


async def community_campaigns(services: Services) -> list[tuple[object, ...]]:
    rows = await services.db.fetchall("SELECT slug, title, status, goal FROM campaigns")
    return [tuple(r) for r in rows]


async def test_create_form_saves_a_draft(
    olga: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """The form asks five questions; the answers become a draft with a slug from the title."""
    await feed(olga, *CREATE)
    text = transcript.text
    assert "New campaign (answer each question; /cancel to stop)" in text
    for label in ("Title", "The ask, in one sentence", "Background", "Call script", "Goal"):
        assert label in text
    assert "Saved Save the Post Office" in text
    assert "a draft called save-the-post-office" in text
    assert "/campaign resume save-the-post-office" in text
    assert await community_campaigns(full_services) == [
        ("save-the-post-office", "Save the Post Office", "draft", 40)
    ]


async def test_bad_script_in_the_form_is_refused(
    olga: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """An unbalanced section is named with its position, and nothing is stored."""
    lines = [*CREATE]
    lines[7] = "[[voicemail]]Please fund post offices."
    await feed(olga, *lines)
    assert "[[voicemail]] section that is never closed (add [[/voicemail]]) at line 2" in (
        transcript.text
    )
    assert await community_campaigns(full_services) == []


async def test_cancelled_form_stores_nothing(
    olga: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/cancel in the middle of the form leaves no campaign behind."""
    await feed(olga, "/campaign create", "A title", "/cancel")
    assert "Form cancelled; nothing was saved." in transcript.text
    assert await community_campaigns(full_services) == []


async def test_edit_form_is_prefilled_and_keeps_what_is_skipped(
    olga: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Edit shows the current values; '-' keeps one; a new slug can be given with the command."""
    await feed(olga, *CREATE)
    transcript.clear()
    await feed(olga, "/campaign edit save-the-post-office post-office")
    assert "- keeps: Save the Post Office" in transcript.text
    await feed(olga, "Fund the Post Office", "-", "-", "-", "-")
    assert "Saved the changes to post-office (Fund the Post Office)" in transcript.text
    row = await full_services.db.fetchone("SELECT slug, title, ask, script, goal FROM campaigns")
    assert row is not None
    assert tuple(row) == (
        "post-office",
        "Fund the Post Office",
        "Ask Congress to fund rural post offices.",
        "Hi, I'm {caller_name} from {city}.\n[[voicemail]]Please fund post offices.[[/voicemail]]",
        40,
    )


async def test_edit_checks_the_new_slug_before_the_form(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """A bad or taken slug is refused at once, without a form to fill in."""
    await feed(olga, "/campaign import irs-data-privacy", *CREATE)
    transcript.clear()
    await feed(olga, "/campaign edit save-the-post-office irs-data-privacy")
    assert "There is already a campaign called irs-data-privacy" in transcript.text
    await feed(olga, "/campaign edit save-the-post-office 'Bad Slug'")
    assert "cannot be a campaign slug" in transcript.text
    assert not olga.form_pending


async def test_stale_edit_form_is_refused(olga: ConsoleHost, full_services: Services) -> None:
    """An edit form whose value is not a campaign id gets a sentence, not a crash."""
    actor = await full_services.members.actor(olga.platform, olga.session, "olga", True)
    ctx = Context(actor=actor, host=olga, channel_id=CHANNEL)
    answer = await olga.dispatcher.submit(ctx, "campaigns.edit:nonsense", {"title": "x"})
    assert answer is not None and "out of date" in answer.body  # type: ignore[union-attr]


async def test_lists_differ_for_organizers_and_members(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """/campaigns: organizers see every campaign with its status; members the running ones."""
    await feed(olga, "/campaign import irs-data-privacy", *CREATE)
    transcript.clear()
    await feed(olga, "/campaigns")
    assert "save-the-post-office Save the Post Office (draft)" in transcript.text
    assert "irs-data-privacy Keep tax records confidential (active)" in transcript.text
    transcript.clear()
    await feed(olga, "/as ann", "/campaigns")
    assert "save-the-post-office" not in transcript.text
    assert "irs-data-privacy Keep tax records confidential: Ask Congress" in transcript.text
    assert "⚠" not in transcript.text


async def test_campaign_list_is_the_organizers_alias_of_campaigns(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """An organizer's /campaign list answers exactly as /campaigns does."""
    await feed(olga, "/campaign import irs-data-privacy", *CREATE)
    transcript.clear()
    await feed(olga, "/campaign list")
    alias = transcript.text.split("\n", 1)[1]
    transcript.clear()
    await feed(olga, "/campaigns")
    assert "save-the-post-office Save the Post Office (draft)" in alias
    assert transcript.text.split("\n", 1)[1] == alias


async def test_a_member_typing_the_organizer_group_is_pointed_to_help(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """/campaign alone names no organizer subcommands to a member; an organizer gets them."""
    await feed(olga, "/as ann", "/campaign")
    assert "/campaign is for organizers. Type /help for what you can use." in transcript.text
    assert "archive" not in transcript.text
    transcript.clear()
    await feed(olga, "/as olga organizer", "/campaign")
    assert "/campaign needs a subcommand: " in transcript.text and "archive" in transcript.text


async def test_a_member_trying_the_organizer_list_is_pointed_to_campaigns(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """/campaign list refuses a member and tells them where everyone can look."""
    await feed(olga, "/as ann", "/campaign list")
    assert "Only organizers can do that." in transcript.text
    assert "Everyone can see what is running with /campaigns." in transcript.text


async def test_empty_lists_say_so(olga: ConsoleHost, transcript: Transcript) -> None:
    """No campaigns: organizers are pointed to import and create; members told to check back."""
    await feed(olga, "/campaigns", "/as ann", "/campaigns")
    assert "/campaign import lists ready-made ones" in transcript.text
    assert "No campaign is running right now." in transcript.text


async def test_an_unknown_slug_points_to_campaigns(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """A slug like no other points the person to /campaigns, which members may use too."""
    await feed(olga, "/as ann", "/script zzzz")
    assert "There is no campaign called zzzz. /campaigns lists them." in transcript.text


async def test_show_tells_everything(olga: ConsoleHost, transcript: Transcript) -> None:
    """Show names the targets in words, the outcomes, the prompts and the raw script."""
    await feed(olga, "/campaign import irs-data-privacy", "/prompt post irs-data-privacy")
    transcript.clear()
    await feed(olga, "/campaign show irs-data-privacy")
    text = transcript.text
    assert "Keep tax records confidential (irs-data-privacy)" in text
    assert "• the caller's senators and House member" in text
    assert (
        "• the chair and ranking member of House Committee on Ways and Means (HSWM) (optional)"
        in text
    )
    assert "📞 Made contact (contact), 📫 Left voicemail (voicemail)" in text
    assert "Prompts posted: 1" in text
    assert "[[senate]]" in text and "{lawmaker}" in text


async def test_status_commands(olga: ConsoleHost, transcript: Transcript) -> None:
    """Pause, resume and archive answer in a sentence; an archived campaign stays archived."""
    await feed(
        olga,
        "/campaign import irs-data-privacy",
        "/campaign pause irs-data-privacy",
        "/campaign resume irs-data-privacy",
        "/campaign archive irs-data-privacy",
        "/campaign targets irs-data-privacy senate",
        "/campaign resume irs-data-privacy",
    )
    text = transcript.text
    assert "irs-data-privacy is paused." in text
    assert "irs-data-privacy is active." in text
    assert "irs-data-privacy is archived." in text
    assert "irs-data-privacy is archived, so it cannot be changed." in text
    assert "archived campaigns stay as they are" in text


async def test_targets_dates_and_outcomes(olga: ConsoleHost, transcript: Transcript) -> None:
    """The settings outside the form, with their bad inputs."""
    await feed(
        olga,
        "/campaign import irs-data-privacy",
        "/campaign targets irs-data-privacy mine committee:SSFI?",
        "/campaign targets irs-data-privacy mine leaders:NOPE",
        "/campaign dates irs-data-privacy 2026-01-01 2026-02-01",
        "/campaign dates irs-data-privacy 2026-03-01 2026-02-01",
        "/campaign dates irs-data-privacy someday",
        "/campaign outcome irs-data-privacy wrote Sent a letter",
        "/campaign outcome irs-data-privacy 'bad key' x",
    )
    text = transcript.text
    assert "now calls:\n   • the caller's senators and House member" in text
    assert "every member of Senate Committee on Finance (SSFI) (optional)" in text
    assert "There is no committee with the id NOPE" in text
    assert "runs from 2026-01-01 to 2026-02-01." in text
    assert "The end date 2026-02-01 is before the start date 2026-03-01." in text
    assert "'someday' is not a date" in text
    assert "Sent a letter (wrote)" in text
    assert "cannot be an outcome key" in text


async def test_unknown_campaign_is_a_sentence(olga: ConsoleHost, transcript: Transcript) -> None:
    """A slug that does not exist is named, with a suggestion when one is close."""
    await feed(olga, "/campaign import irs-data-privacy", "/campaign show irs-data-privcy")
    assert "There is no campaign called irs-data-privcy. Did you mean irs-data-privacy?" in (
        transcript.text
    )


async def test_completion_suggests_campaigns_and_templates(
    olga: ConsoleHost, full_services: Services
) -> None:
    """Autocomplete offers visible campaigns (by slug or title) and template names."""
    await feed(olga, "/campaign import irs-data-privacy", *CREATE)
    organizer = await full_services.members.actor(olga.platform, olga.session, "olga", True)
    member = await full_services.members.actor(olga.platform, olga.session, "ann", False)
    complete = olga.dispatcher.complete
    as_organizer = Context(actor=organizer, host=olga, channel_id=CHANNEL)
    as_member = Context(actor=member, host=olga, channel_id=CHANNEL)
    assert [v for _, v in await complete(as_organizer, "campaigns", "post")] == [
        "save-the-post-office"
    ]
    assert await complete(as_member, "campaigns", "post") == []
    assert await complete(as_member, "campaigns", "TAX") == [
        ("Keep tax records confidential (irs-data-privacy)", "irs-data-privacy")
    ]
    assert await complete(as_organizer, "campaign_templates", "irs") == [
        ("Keep tax records confidential (irs-data-privacy)", "irs-data-privacy")
    ]


async def test_help_shows_members_only_what_they_can_use(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """Members see /campaigns and /script; organizers see every campaign command."""
    await feed(olga, "/help")
    assert "/campaign create" in transcript.text and "/prompt post <campaign>" in transcript.text
    assert "/campaign list" in transcript.text and "/campaigns " in transcript.text
    transcript.clear()
    await feed(olga, "/as ann", "/help")
    assert "/campaigns " in transcript.text and "/script [campaign]" in transcript.text
    assert "/campaign " not in transcript.text


async def test_help_on_the_campaign_group_says_it_is_for_organizers(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """/help campaign lists the subcommands and says once that they are for organizers."""
    await feed(olga, "/as ann", "/help campaign")
    text = transcript.text
    [listed] = [line for line in text.splitlines() if "/campaign list" in line]
    assert listed.endswith(" The same as /campaigns.")
    assert text.rstrip().endswith("Organizers only.") and text.count("rganizers only") == 1


async def test_guide_explains_scripts_and_targets(
    olga: ConsoleHost, transcript: Transcript
) -> None:
    """Organizers can read how fill-ins, sections and targets are written."""
    await feed(olga, "/campaign guide")
    text = transcript.text
    assert "{caller_name}, {lawmaker_title}" in text and "[[voicemail]]" in text
    assert "leaders:<committee id>" in text and "Title 100, ask 300" in text


def test_help_block_fits_one_chat_field(olga: ConsoleHost) -> None:
    """/help shows each cog's commands in one field; ours stay within Discord's 1024 characters."""
    for name in ("campaigns", "prompts"):
        specs = sorted(olga.registry.cogs[name].command_specs(), key=lambda s: s.name)
        assert len("\n".join(f"`{s.usage}` {s.help}" for s in specs)) <= 1024
