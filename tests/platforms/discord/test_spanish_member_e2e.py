"""A Spanish-speaking member on Discord, end to end (issue 18's "done when"): the real discord.py
client, every cog, the full lawmaker data and the fake Discord. Whether their Discord app speaks
Spanish (the interaction locale, es-ES, with no /language) or they chose /language es in an
English Discord, /help, /reps, /setzip, /remind on and the reminder DM the scheduler sends,
"Get my script" on an English prompt, reporting by button and by reaction, /mystats and /privacy
show nothing of the bot's English."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cogkit import Cog, Context, command
from bot.domain.models import Platform
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import GUILD_ID, FakeDiscord, FakeMessage, FakeUser, running_host
from ..spanish_replies import assert_spanish, english_in
from .conftest import discord_settings

TEMPLATE = "irs-data-privacy"
ENGLISH_TITLE = "Keep tax records confidential"  # the campaign's Spanish version has its own


@pytest.fixture
def settings(
    tmp_path: Path, fake: FakeDiscord, full_data_dir: Path, database_url: str | None
) -> Settings:
    """The fake Discord's settings, on the full lawmaker data (so ``full_host`` uses it)."""
    return discord_settings(tmp_path, fake, full_data_dir)


@pytest.fixture
async def prompt(full_host: DiscordHost, fake: FakeDiscord) -> FakeMessage:
    """Olga imports the IRS campaign and posts its prompt: an English community's, in English."""
    await (await fake.command("campaign import", {"template": TEMPLATE}, user=fake.olga)).answer()
    await (await fake.command("prompt post", {"campaign": TEMPLATE}, user=fake.olga)).answer()
    posted = fake.channel_messages()[-1]
    assert "Get my script" in shown(posted)
    return posted


def check(step: str, text: str) -> None:
    """Spanish, none of the bot's English, and the campaign named by its Spanish title."""
    assert_spanish(step, text)
    assert ENGLISH_TITLE not in text, f"{step}: the campaign's English title in\n{text}"


def shown(message: FakeMessage) -> str:
    """Everything a person reads on a message: its text and its buttons' and menus' words."""
    words = [message.text()]
    for item in _walk(message.components):
        words += [str(item[k]) for k in ("label", "placeholder") if item.get(k)]
        for option in item.get("options", []):
            words += [str(option[k]) for k in ("label", "description") if option.get(k)]
    return "\n".join(words)


def sent_to(fake: FakeDiscord, user: FakeUser) -> list[FakeMessage]:
    """What the bot sent ``user`` by DM on its own (not answers to their presses)."""
    return [m for m in fake.dm_messages(user) if m.interaction_id is None]


async def next_dm(fake: FakeDiscord, user: FakeUser, seen: int) -> FakeMessage:
    found = await fake.until(lambda: sent_to(fake, user)[seen:])
    return found[0]


async def walk_through(
    fake: FakeDiscord, services: Services, prompt: FakeMessage, member: FakeUser
) -> None:
    """Every surface of the issue, as ``member``; each reply is Spanish with no English."""

    async def run(step: str, name: str, options: dict[str, Any] | None = None) -> str:
        answer = await (await fake.command(name, options or {}, user=member)).answer()
        check(step, shown(answer))
        return shown(answer)

    assert "Comandos" in await run("/help", "help")
    assert "05401" in await run("/reps", "reps", {"zip": "05401"})
    get_script = prompt.button("Get my script")["custom_id"]
    form = await (await fake.press(prompt, get_script, user=member)).modal()
    check("the ZIP form", "\n".join(_texts(form)))
    [zip_input] = [c["custom_id"] for c in _walk(form["components"]) if c.get("type") == 4]
    wrong = await (await fake.submit(form, {zip_input: "12"}, user=member)).answer()
    check("a wrong ZIP", shown(wrong))
    await run("/setzip", "setzip", {"zip": "05401"})
    assert "09:00" in await run("/remind on", "remind on")
    await services.scheduler.engine.advance(timedelta(hours=2))  # Monday 09:00 in Vermont
    reminder = await next_dm(fake, member, 0)
    assert "Posponer 1 hora" in shown(reminder)
    check("the reminder DM", shown(reminder))
    snooze = reminder.button("Posponer 1 hora")["custom_id"]
    snoozed = await (await fake.press(reminder, snooze, user=member)).answer()
    assert "Pospuesto" in shown(snoozed)
    check("Snooze", shown(snoozed))

    await fake.react(prompt, "📫", user=member)
    answer = await next_dm(fake, member, 1)
    assert "Anotado: 📫 Dejé un mensaje de voz" in shown(answer)
    check("a reaction's DM", shown(answer))

    script = await (await fake.press(prompt, get_script, user=member)).answer()
    check("Get my script", shown(script))
    report = next(
        item["custom_id"]
        for item in _walk(script.components)
        if item.get("type") == 2 and ":contact" in item.get("custom_id", "")
    )
    counted = await (await fake.press(script, report, user=member)).answer()
    check("an outcome button", shown(counted))
    undo = await (
        await fake.press(counted, counted.button("Deshacer")["custom_id"], user=member)
    ).answer()
    check("Undo", shown(undo))
    counted = await (await fake.press(script, report, user=member)).answer()
    note = counted.button("Contar qué dijo la oficina")["custom_id"]
    note_form = await (await fake.press(counted, note, user=member)).modal()
    check("the note form", "\n".join(_texts(note_form)))
    [note_input] = [c["custom_id"] for c in _walk(note_form["components"]) if c.get("type") == 4]
    noted = await (await fake.submit(note_form, {note_input: "indeciso"}, user=member)).answer()
    assert "indeciso" in shown(noted)
    check("a note", shown(noted))

    assert "2" in await run("/mystats", "mystats")
    await run("/privacy", "privacy")
    assert "my-data.json" in await run("/privacy export", "privacy", {"what": "export"})
    export = await next_dm(fake, member, 2)
    check("the export's DM", shown(export))
    await run("/remind off", "remind off")


async def test_a_member_whose_discord_speaks_spanish(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """ann's Discord app is in Spanish (es-ES); she never typed /language."""
    await walk_through(fake, services, prompt, replace(fake.ann, locale="es-ES"))
    ann = await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.ann.id), False)
    assert ann.member.language is None  # her Discord's language, not a stored choice


async def test_a_member_who_chose_spanish_in_an_english_discord(
    prompt: FakeMessage, fake: FakeDiscord, services: Services
) -> None:
    """bob's Discord is in English (en-US); he chose /language es."""
    chosen = await (await fake.command("language", {"choice": "es"}, user=fake.bob)).answer()
    assert "Te hablo en español" in chosen.text()
    await walk_through(fake, services, prompt, fake.bob)


def test_the_check_knows_the_english_it_looks_for() -> None:
    """The sentences looked for are the bot's (so these tests can fail)."""
    assert english_in("⏰ Your daily reminder to call.") == ["⏰ Your daily reminder to call."]
    assert english_in("After each call, report how it went below.")
    assert english_in("Get my script")
    assert not english_in("Comité de Finanzas del Senado, Committee on Finance")


def _walk(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in components:
        found.append(item)
        found += _walk(item.get("components", []))
        found += _walk([item["component"]] if "component" in item else [])
    return found


def _texts(modal: dict[str, Any]) -> list[str]:
    """A modal's title and its inputs' words."""
    words = [str(modal.get("title", ""))]
    for item in _walk(modal.get("components", [])):
        words += [str(item[k]) for k in ("label", "placeholder", "description") if item.get(k)]
    return words


async def test_a_refused_dm_is_explained_in_spanish(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """cara's Discord speaks Spanish and she turned off DMs from server members: /privacy
    export tells her why nothing came, in Spanish."""
    cara = replace(fake.add_user("cara", dms_closed=True), locale="es-ES")
    said = shown(await (await fake.command("privacy", {"what": "export"}, user=cara)).answer())
    assert "mensajes directos" in said
    check("a refused DM", said)


class Quiet(Cog):
    name = "quiet"
    description = "Help and about this bot"

    @command("quiet", "List the commands you can use, or explain one.")
    async def quiet(self, ctx: Context) -> None:
        return None


@pytest.fixture
async def quiet_host(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.load_extension("cogs.language")
    await bot.add_cog(Quiet())
    async with running_host(bot):
        yield bot


async def test_the_host_s_own_words_follow_a_chosen_language(
    quiet_host: DiscordHost, fake: FakeDiscord
) -> None:
    """bob's Discord is in English; once he chose Spanish, what the host says itself (a command
    that answers nothing is "done") is Spanish too."""
    assert (await (await fake.command("quiet", user=fake.bob)).answer()).text() == "Done."
    await (await fake.command("language", {"choice": "es"}, user=fake.bob)).answer()
    assert (await (await fake.command("quiet", user=fake.bob)).answer()).text() == "Listo."
