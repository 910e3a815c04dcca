"""Feature scenarios on Discord: the real discord.py client, every cog in cogs/ and the full
lawmaker data, driven through the fake Discord as members and organizers would use them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.app import build_services, close_services, cog_modules
from bot.core.permissions import ORGANIZERS_ONLY
from bot.domain.clock import ManualClock
from bot.domain.models import Actor, Member, Platform
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import (
    GUILD_ID,
    MODAL,
    FakeDiscord,
    FakeMessage,
    FakeUser,
    running_host,
)
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"
NEW_CAMPAIGN = {
    "title": "Protect IRS data",
    "ask": "Tell Congress to protect taxpayer data.",
    "script": "Hi, I'm calling {lawmaker} about IRS data.",
}
SANDERS = ("Sen. Bernard Sanders (I-VT)", "(202) 224-5141")
WELCH = ("Sen. Peter Welch (D-VT)", "(202) 224-4242")
GONE = "That prompt is no longer available."


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (so ``full_host`` uses it)."""
    return discord_settings(tmp_path, fake, full_data_dir)


async def actor(services: Services, user: FakeUser) -> Actor:
    """The stored community and member record of a Discord user of the fake server."""
    return await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(user.id), False)


async def member(services: Services, user: FakeUser) -> Member:
    """The stored member record of a Discord user of the fake server."""
    return (await actor(services, user)).member


async def create_campaign(fake: FakeDiscord, answers: dict[str, str]) -> str:
    """Olga fills in the campaign form, starts the campaign and returns its slug."""
    modal = await (await fake.command("campaign create", user=fake.olga)).modal()
    saved = await (await fake.submit(modal, answers, user=fake.olga)).answer()
    assert saved.ephemeral and f"Saved {answers['title']}" in saved.text(), saved.text()
    slug = saved.text().split("a draft called **", 1)[1].split("**", 1)[0]
    resume = await fake.command("campaign resume", {"campaign": slug}, user=fake.olga)
    started = await resume.answer()
    assert f"**{slug}** is active" in started.text(), started.text()
    return slug


async def post_prompt(fake: FakeDiscord, slug: str) -> FakeMessage:
    """Olga posts the campaign's prompt here; returns the message the channel shows."""
    before = len(fake.channel_messages())
    done = await (await fake.command("prompt post", {"campaign": slug}, user=fake.olga)).answer()
    assert done.ephemeral and f"Posted the prompt for **{slug}** here." in done.text()
    posted = fake.channel_messages()
    assert len(posted) == before + 1, "the prompt is posted exactly once"
    return posted[-1]


async def imported_prompt(fake: FakeDiscord) -> FakeMessage:
    """Olga imports the shipped template and posts its prompt."""
    inter = await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)
    imported = await inter.answer()
    assert f"**{TEMPLATE}** is active" in imported.text(), imported.text()
    return await post_prompt(fake, TEMPLATE)


def option_value(message: FakeMessage, custom_id: str, label_start: str) -> str:
    """The value of the select option whose label starts with ``label_start``."""
    options: list[dict[str, Any]] = message.component(custom_id)["options"]
    return next(o["value"] for o in options if o["label"].startswith(label_start))


def input_ids(modal: dict[str, Any]) -> list[str]:
    """The custom ids of a modal's text inputs, in order."""
    found = []
    for row in modal["components"]:
        inner = row.get("component") or (row.get("components") or [{}])[0]
        found.append(inner["custom_id"])
    return found


# -- /reps, /setzip, /myreps --------------------------------------------------------------------
async def test_reps_for_a_single_district_zip_lists_all_three_lawmakers(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """/reps 05401 answers publicly with both senators, the at-large member and DC phones."""
    answer = await (await fake.command("reps", {"zip": "05401"}, user=fake.ann)).answer()
    at_large = services.lawmakers.lookup("05401").house[0].member
    assert at_large is not None
    text = answer.text()
    assert not answer.ephemeral
    assert "Lawmakers for 05401 (Burlington, VT)" in text
    for name, phone in (SANDERS, WELCH, (at_large.label, at_large.phone)):
        assert name in text and f"DC office: {phone}" in text
    assert "(D-VT-AL)" in at_large.label
    assert answer.custom_ids() == [], "one district: no picker"


async def test_split_zip_lists_both_districts_with_a_picker(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """/reps 02134 names both House candidates and offers a select of the two districts."""
    answer = await (await fake.command("reps", {"zip": "02134"}, user=fake.ann)).answer()
    text = answer.text()
    assert not answer.ephemeral
    assert "ZIP 02134 spans 2 House districts" in text
    assert "(D-MA-7)" in text and "(D-MA-8)" in text
    options = answer.component("lawmakers.district:")["options"]
    assert [o["label"][:4] for o in options] == ["MA-7", "MA-8"]


async def test_choosing_a_district_remembers_only_the_district(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """Choosing MA-8 saves the district, no ZIP, and /myreps then shows MA-8 only."""
    shown = await (await fake.command("reps", {"zip": "02134"}, user=fake.ann)).answer()
    value = option_value(shown, "lawmakers.district:", "MA-8")
    chosen = await (await fake.choose(shown, "lawmakers.district:", [value])).answer()
    assert chosen.ephemeral
    assert "Saved: your district is MA-8. Only the district is kept" in chosen.text()
    saved = await member(services, fake.ann)
    assert (saved.district, saved.zip) == ("MA-8", None)
    mine = await (await fake.command("myreps", user=fake.ann)).answer()
    assert mine.ephemeral
    assert "(D-MA-8)" in mine.text() and "(D-MA-7)" not in mine.text()


async def test_setzip_answers_privately_and_says_what_is_kept(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """/setzip 05401 is private, says it keeps the ZIP and district only, and keeps them."""
    answer = await (await fake.command("setzip", {"zip": "05401"}, user=fake.bob)).answer()
    text = answer.text()
    assert answer.ephemeral
    assert "Saved your ZIP 05401 and district VT-AL." in text
    assert "never a street address" in text and "/setzip clear" in text
    assert SANDERS[0] in text
    saved = await member(services, fake.bob)
    assert (saved.zip, saved.district) == ("05401", "VT-AL")


# -- campaigns and prompts ----------------------------------------------------------------------
async def test_an_organizer_creates_a_campaign_in_the_modal_and_posts_it(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """The form opens as a modal; once saved and started, /prompt post puts it in the channel."""
    modal = await (await fake.command("campaign create", user=fake.olga)).modal()
    assert modal["custom_id"] == "campaigns.create:"
    assert input_ids(modal) == ["title", "ask", "background", "script", "goal"]
    slug = await create_campaign(fake, NEW_CAMPAIGN)
    prompt = await post_prompt(fake, slug)
    assert not prompt.ephemeral
    assert prompt.embeds[0]["title"] == NEW_CAMPAIGN["title"]
    assert NEW_CAMPAIGN["ask"] in prompt.text()
    assert prompt.button("Get my script")["custom_id"].startswith("prompts.script:p")
    assert prompt.reactions == ["📞", "📫", "🚫"]


async def test_a_member_cannot_open_the_campaign_form(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """A member's /campaign create gets the organizers-only sentence and no modal."""
    inter = await fake.command("campaign create", user=fake.ann)
    answer = await inter.answer()
    assert answer.ephemeral and answer.text() == ORGANIZERS_ONLY
    assert inter.callback_type != MODAL and inter.modal_data is None


async def test_a_forged_campaign_form_from_a_member_saves_nothing(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """Submitting the campaign modal as a member is refused and no campaign is stored."""
    forged = {"custom_id": "campaigns.create:"}
    answer = await (await fake.submit(forged, NEW_CAMPAIGN, user=fake.ann)).answer()
    assert answer.ephemeral and answer.text() == ORGANIZERS_ONLY
    community = (await actor(services, fake.ann)).community
    assert await services.campaigns.all(community.id) == []


async def test_a_member_without_a_zip_gets_a_script_after_the_zip_form(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """ "Get my script" asks for a ZIP in a one-field modal; 05401 gives a private script."""
    prompt = await imported_prompt(fake)
    press = await fake.press(prompt, prompt.button("Get my script")["custom_id"], user=fake.bob)
    modal = await press.modal()
    assert modal["custom_id"].startswith("prompts.zip:p")
    assert input_ids(modal) == ["zip"]
    script = await (await fake.submit(modal, {"zip": "05401"}, user=fake.bob)).answer()
    text = script.text()
    assert script.ephemeral
    assert "Saved your ZIP code 05401 (district VT-AL) for next time" in text
    for name, phone in (SANDERS, WELCH):
        assert name in text and phone in text
    assert (await member(services, fake.bob)).zip == "05401"


async def test_a_bad_zip_in_the_script_form_is_explained_and_not_saved(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """A ZIP of four digits gets a friendly sentence and a button to try again; nothing kept."""
    prompt = await imported_prompt(fake)
    press = await fake.press(prompt, prompt.button("Get my script")["custom_id"], user=fake.bob)
    modal = await press.modal()
    answer = await (await fake.submit(modal, {"zip": "5401"}, user=fake.bob)).answer()
    assert answer.ephemeral
    assert "A ZIP code has 5 digits and 5401 has 4; if it starts with 0, try 05401." in (
        answer.text()
    )
    assert answer.button("Enter my ZIP again")["custom_id"] == modal["custom_id"].replace(
        "prompts.zip", "prompts.script"
    )
    assert (await member(services, fake.bob)).zip is None


async def test_get_my_script_still_works_after_a_restart(
    settings: Settings, clock: ManualClock, fake: FakeDiscord
) -> None:
    """A new process (host and database connection) answers the old prompt's button."""
    before = await build_services(settings, clock)
    try:
        first = DiscordHost(before, guild_ready_timeout=0.05)
        await first.load_extensions(cog_modules())
        async with running_host(first):
            await (await fake.command("setzip", {"zip": "05401"}, user=fake.ann)).answer()
            prompt = await imported_prompt(fake)
    finally:
        await close_services(before)

    after = await build_services(settings, clock)
    try:
        second = DiscordHost(after, guild_ready_timeout=0.05)
        await second.load_extensions(cog_modules())
        async with running_host(second):
            button = prompt.button("Get my script")["custom_id"]
            script = await (await fake.press(prompt, button, user=fake.ann)).answer()
    finally:
        await close_services(after)
    assert len(fake.identifies) == 2
    assert script.ephemeral
    assert "Your calls: Keep tax records confidential" in script.text()
    assert SANDERS[0] in script.text() and WELCH[1] in script.text()


async def test_campaign_text_with_mentions_is_posted_with_mentions_disabled(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """A title and ask holding @everyone and <@123> are shown as text and ping no one."""
    answers = {
        **NEW_CAMPAIGN,
        "title": "Ring @everyone <@123>",
        "ask": "Tell <@123> and @everyone to protect taxpayer data.",
    }
    slug = await create_campaign(fake, answers)
    prompt = await post_prompt(fake, slug)
    assert prompt.allowed_mentions == {"parse": []}
    assert "Ring @everyone <@123>" in prompt.text()
    assert "Tell <@123> and @everyone" in prompt.text()


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("abc", "A ZIP code has only digits, like 02134."),
        ("0540", "A ZIP code has 5 digits and 0540 has 4; if it starts with 0, try 00540."),
        ("<@123> 05401", "A ZIP code has only digits, like 02134."),
        ("٠٥٤٠١", "Please type the ZIP code with the digits 0-9, like 02134."),
    ],
)
async def test_a_malformed_zip_gets_a_private_sentence(
    full_host: DiscordHost, fake: FakeDiscord, services: Services, typed: str, sentence: str
) -> None:
    """/reps with text that is no ZIP is told why, privately, and nothing is stored."""
    answer = await (await fake.command("reps", {"zip": typed}, user=fake.ann)).answer()
    assert answer.ephemeral and answer.text() == sentence
    assert answer.allowed_mentions == {"parse": []}
    saved = await member(services, fake.ann)
    assert (saved.zip, saved.district) == (None, None)


@pytest.mark.parametrize("custom_id", ["prompts.script:p999999", "prompts.script:x1"])
async def test_a_forged_script_button_gets_a_friendly_answer(
    full_host: DiscordHost, fake: FakeDiscord, custom_id: str
) -> None:
    """A script button naming no prompt (or nonsense) says the prompt is gone."""
    prompt = await imported_prompt(fake)
    answer = await (await fake.press(prompt, custom_id, user=fake.ann)).answer()
    assert answer.ephemeral and answer.text().startswith(GONE)


async def test_a_forged_district_choice_is_refused_and_not_saved(
    full_host: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """A select value naming a district the ZIP does not touch is refused; nothing is kept."""
    shown = await (await fake.command("reps", {"zip": "02134"}, user=fake.ann)).answer()
    forged = await (await fake.choose(shown, "lawmakers.district:", ["02134|MA-9"])).answer()
    assert forged.ephemeral
    assert forged.text() == (
        "MA-9 is not one of the districts that ZIP 02134 touches (MA-7, MA-8)."
    )
    assert (await member(services, fake.ann)).district is None


async def test_the_script_button_of_an_archived_campaign_is_explained(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """Once the campaign is archived, its old prompt's button says so instead of a script."""
    prompt = await imported_prompt(fake)
    await (await fake.command("campaign archive", {"campaign": TEMPLATE}, user=fake.olga)).answer()
    button = prompt.button("Get my script")["custom_id"]
    answer = await (await fake.press(prompt, button, user=fake.ann)).answer()
    assert answer.ephemeral
    assert answer.text() == f"{TEMPLATE} is archived: it is over. Thank you to everyone who called!"
