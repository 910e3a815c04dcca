"""Reporting calls on Discord, end to end: the real discord.py client, every cog, the full
lawmaker data, and the fake Discord. Buttons and reactions count; the prompt is edited."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.clock import ManualClock
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import FakeDiscord, FakeMessage
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"
EDIT = r"/channels/\d+/messages/{id}"


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (so ``full_host`` uses it)."""
    return discord_settings(tmp_path, fake, full_data_dir)


@pytest.fixture
async def prompt(full_host: DiscordHost, fake: FakeDiscord) -> FakeMessage:
    """Olga imports the shipped template and posts its prompt in the channel."""
    imported = await (
        await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)
    ).answer()
    assert f"**{TEMPLATE}** is active" in imported.text(), imported.text()
    done = await (
        await fake.command("prompt post", {"campaign": TEMPLATE}, user=fake.olga)
    ).answer()
    assert done.ephemeral
    return fake.channel_messages()[-1]


async def edited(fake: FakeDiscord, prompt: FakeMessage, since: int) -> str:
    """Wait for the prompt's next edit; its text as the channel now shows it."""
    await fake.wait_request("PATCH", EDIT.format(id=prompt.id), since=since, status=200)
    return fake.messages[prompt.id].text()


async def stored(services: Services) -> list[tuple[str, str]]:
    rows = await services.db.fetchall(
        "SELECT m.user_id, a.outcome FROM actions a JOIN members m ON m.id = a.member_id "
        "ORDER BY m.user_id"
    )
    return [(row[0], row[1]) for row in rows]


async def test_the_prompt_has_outcome_buttons_and_a_count(prompt: FakeMessage) -> None:
    """The posted prompt shows the three outcome buttons and the live count."""
    assert prompt.button("📞 Made contact")["custom_id"] == "actions.outcome:1:contact"
    assert prompt.button("📫 Left voicemail") and prompt.button("🚫 Couldn't get through")
    assert "No calls reported yet" in prompt.text()


async def test_a_member_presses_an_outcome_button(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """ann presses Made contact: a private thank-you with her streak; the prompt's count moves."""
    since = len(fake.requests)
    button = prompt.button("📞 Made contact")["custom_id"]
    answer = await (await fake.press(prompt, button, user=fake.ann)).answer()
    assert answer.ephemeral
    assert "Counted: 📞 Made contact" in answer.text() and "🔥 1 day" in answer.text()
    assert "1 member acted · 1 action" in await edited(fake, prompt, since)
    assert await stored(services) == [(str(fake.ann.id), "contact")]


async def test_reaction_add_and_remove_change_the_count(
    prompt: FakeMessage, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """bob reacts 📫: counted and the prompt edited; he removes it: withdrawn, edited again."""
    since = len(fake.requests)
    await fake.react(prompt, "📫", user=fake.bob)
    assert "1 member acted · 1 action" in await edited(fake, prompt, since)
    assert await stored(services) == [(str(fake.bob.id), "voicemail")]
    clock.advance(timedelta(seconds=services.settings.live_count_interval))
    since = len(fake.requests)
    await fake.react(prompt, "📫", user=fake.bob, added=False)
    assert "No calls reported yet" in await edited(fake, prompt, since)
    assert await stored(services) == []


async def test_a_reaction_is_answered_by_a_short_dm(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """A reaction cannot be replied to on Discord: the thank-you goes by DM, with only a way to
    add what the office said (no Undo: removing the reaction takes it back)."""
    await fake.react(prompt, "📞", user=fake.ann)
    dm = await fake.until(lambda: fake.dm_messages(fake.ann))
    assert "Counted: 📞 Made contact" in dm[0].text()
    [note] = dm[0].custom_ids()
    assert note.endswith("|actions.note:1")


async def test_a_duplicate_reaction_delivery_counts_once(
    prompt: FakeMessage, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """The same 📞 delivered twice is one action, one DM; the count on the prompt says 1."""
    since = len(fake.requests)
    await fake.react(prompt, "📞", user=fake.ann)
    await fake.react(prompt, "📞", user=fake.ann)
    assert "1 member acted · 1 action" in await edited(fake, prompt, since)
    clock.advance(timedelta(seconds=services.settings.live_count_interval))
    since = len(fake.requests)
    await fake.react(prompt, "🚫", user=fake.bob)  # after both of ann's: a point to wait for
    assert "2 members acted · 2 actions" in await edited(fake, prompt, since)
    await services.actions.batcher.idle()
    assert sorted(await stored(services)) == sorted(
        [(str(fake.ann.id), "contact"), (str(fake.bob.id), "unreachable")]
    )
    assert len(fake.dm_messages(fake.ann)) == 1


async def test_an_unmapped_reaction_changes_nothing(
    prompt: FakeMessage, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """👍 on the prompt is ignored: no DM, no edit, nothing stored."""
    await fake.react(prompt, "👍", user=fake.ann)
    since = len(fake.requests)
    await fake.react(prompt, "📞", user=fake.bob)  # a later event to wait for
    assert "1 member acted · 1 action" in await edited(fake, prompt, since)
    assert await stored(services) == [(str(fake.bob.id), "contact")]
    assert fake.dm_messages(fake.ann) == []


async def test_a_second_reaction_counts_and_removing_it_falls_back(
    prompt: FakeMessage, fake: FakeDiscord, services: Services, clock: ManualClock
) -> None:
    """ann reacts 📞 then 📫 (voicemail counts); removing 📫 leaves 📞 counted; removing 📞
    too leaves nothing. The prompt's count follows."""
    interval = timedelta(seconds=services.settings.live_count_interval)
    since = len(fake.requests)
    await fake.react(prompt, "📞", user=fake.ann)
    assert "1 member acted · 1 action" in await edited(fake, prompt, since)
    for emoji, added, outcome in (("📫", True, "voicemail"), ("📫", False, "contact")):
        clock.advance(interval)
        since = len(fake.requests)
        await fake.react(prompt, emoji, user=fake.ann, added=added)
        await fake.react(prompt, "🚫", user=fake.bob, added=added)  # an edit to wait for
        await edited(fake, prompt, since)
        await services.actions.batcher.idle()
        assert (str(fake.ann.id), outcome) in await stored(services)
    clock.advance(interval)
    since = len(fake.requests)
    await fake.react(prompt, "📞", user=fake.ann, added=False)
    assert "No calls reported yet" in await edited(fake, prompt, since)
    assert await stored(services) == []


async def script_for(fake: FakeDiscord, prompt: FakeMessage) -> FakeMessage:
    """ann (ZIP 05401 saved) presses "Get my script" on the prompt."""
    await (await fake.command("setzip", {"zip": "05401"}, user=fake.ann)).answer()
    custom_id = prompt.button("Get my script")["custom_id"]
    return await (await fake.press(prompt, custom_id, user=fake.ann)).answer()


async def test_every_lawmaker_in_the_script_can_be_reported(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """The IRS script for Vermont asks for seven calls (Sen. Crapo and Sen. Wyden among the
    optional ones): all seven can be reported within Discord's five rows, Wyden by menu."""
    script = await script_for(fake, prompt)
    assert len(script.components) <= 5
    reachable = set()
    for item in _walk_components(script.components):
        if item.get("type") == 2:
            reachable.add(item["custom_id"].split(":")[2])
        for option in item.get("options", []):
            reachable.add(option["value"].split(":")[1])
    assert reachable == {
        "S000033",
        "W000800",
        "B001318",
        "S001195",
        "N000015",
        "C000880",
        "W000779",
    }
    [menu] = [c for c in _walk_components(script.components) if c.get("type") == 3]
    wyden = next(o for o in menu["options"] if o["value"].endswith("W000779:voicemail"))
    answer = await (
        await fake.choose(script, menu["custom_id"], [wyden["value"]], user=fake.ann)
    ).answer()
    assert "Counted: 📫 Left voicemail for Sen. Wyden" in answer.text()
    assert await stored(services) == [(str(fake.ann.id), "voicemail")]


async def test_a_note_after_a_reaction_is_filed_under_the_lawmaker(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """ann reacts 📞; in the DM she picks Sen. Sanders and writes what his office said: one
    call, Sanders's, with her note."""
    await script_for(fake, prompt)
    await fake.react(prompt, "📞", user=fake.ann)
    [dm] = await fake.until(lambda: fake.dm_messages(fake.ann))
    [menu] = dm.custom_ids()
    assert menu.split("|", 1)[1].startswith("actions.notewho:")
    options = dm.component(menu)["options"]
    sanders = next(o["value"] for o in options if o["label"] == "Sen. Sanders")
    modal = await (await fake.choose(dm, menu, [sanders], user=fake.ann)).modal()
    said = "Staffer said he is a cosponsor"
    done = await (
        await fake.submit(
            modal, {"note": said}, user=fake.ann, channel_id=dm.channel_id, in_dm=True
        )
    ).answer()
    assert "(filed under Sen. Sanders)" in done.text()
    rows = await services.db.fetchall("SELECT lawmaker, outcome, note FROM actions")
    assert [tuple(r) for r in rows] == [("S000033", "contact", said)]


def _walk_components(components: list[dict]) -> list[dict]:
    found = []
    for item in components:
        found.append(item)
        found += _walk_components(item.get("components", []))
    return found
