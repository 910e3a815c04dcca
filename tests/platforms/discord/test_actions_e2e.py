"""Reporting calls on Discord, end to end: the real discord.py client, every cog, the full
lawmaker data, and the fake Discord. Buttons and reactions count; the prompt is edited."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings, load_settings

from ...fakes.discord_server import TOKEN, FakeDiscord, FakeMessage

TEMPLATE = "irs-data-privacy"
EDIT = r"/channels/\d+/messages/{id}"


@pytest.fixture
def settings(tmp_path: Path, fake: FakeDiscord, full_data_dir: Path) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (so ``full_host`` uses it)."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
        discord_organizer_role="Organizers",
    )


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
    assert "0 members acted · 0 actions" in prompt.text()


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
    assert "0 members acted · 0 actions" in await edited(fake, prompt, since)
    assert await stored(services) == []


async def test_a_reaction_is_answered_by_a_short_dm(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """A reaction cannot be replied to on Discord: the thank-you goes by DM, without buttons."""
    await fake.react(prompt, "📞", user=fake.ann)
    dm = await fake.until(lambda: fake.dm_messages(fake.ann))
    assert "Counted: 📞 Made contact" in dm[0].text()
    assert dm[0].custom_ids() == []


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
