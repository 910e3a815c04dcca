"""Discord shows each command's, group's and option's description in Spanish to people whose
Discord speaks Spanish (es-ES and es-419), through the command sync the real discord.py client
makes; names stay English. A member who chose Spanish gets /help in Spanish."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest

from bot.cogkit import Cog, Context, command
from bot.platforms.discord.host import DiscordHost
from bot.services import Services

from ...fakes.discord_server import FakeDiscord, running_host

SPANISH = ("es-ES", "es-419")


def synced(fake: FakeDiscord, name: str) -> dict[str, Any]:
    return next(c for c in fake.synced if c["name"] == name)


def option(command: dict[str, Any], name: str) -> dict[str, Any]:
    return next(o for o in command.get("options", []) if o["name"] == name)


async def test_the_sync_carries_spanish_descriptions(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    reps = synced(fake, "reps")
    assert reps["description"] == "Your senators and House member for a ZIP code."
    wanted = "Tus senadores y tu representante en la Cámara según tu código postal."
    assert reps["description_localizations"] == dict.fromkeys(SPANISH, wanted)
    zip_option = option(reps, "zip")
    assert zip_option["description"] == "Your 5-digit ZIP code"
    assert zip_option["description_localizations"] == dict.fromkeys(
        SPANISH, "Tu código postal de 5 dígitos"
    )
    schedule = synced(fake, "schedule")  # a group: its cog's description, then subcommands
    assert schedule["description_localizations"]["es-419"].startswith("Convocatorias programadas")
    pause = option(schedule, "pause")
    assert pause["description_localizations"]["es-ES"].startswith("Pausa una programación")
    assert option(pause, "number")["description_localizations"]["es-ES"] == (
        "El número de la programación, según /schedule list"
    )


async def test_names_stay_english_and_every_description_fits(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    def walk(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        found = []
        for entry in entries:
            found.append(entry)
            found += walk(entry.get("options") or [])
        return found

    everything = walk(fake.synced)
    assert len(everything) > 50
    assert not any(e.get("name_localizations") for e in everything)
    localized = [e for e in everything if e.get("description_localizations")]
    assert len(localized) == len([e for e in everything if "description" in e])
    for entry in localized:
        assert set(entry["description_localizations"]) == set(SPANISH), entry["name"]
        assert all(0 < len(d) <= 100 for d in entry["description_localizations"].values())
        assert entry["description_localizations"]["es-ES"] != entry["description"]


async def test_a_spanish_member_s_help_on_discord(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    chosen = await (await fake.command("language", {"choice": "es"})).answer()
    assert "Te hablo en español" in chosen.text()
    reply = await (await fake.command("help")).answer()
    text = reply.text()
    assert "Comandos" in text and "Encuentra quién te representa" in text
    assert "`/reps <zip>` Tus senadores y tu representante" in text
    assert "Type /help" not in text and "Find who represents you" not in text
    missing = await (await fake.command("help", {"command": "nothing"})).answer()
    assert missing.text().endswith(
        "No existe el comando /nothing. Escribe /help para ver la lista."
    )


async def test_a_spanish_discord_gets_help_and_refusals_in_spanish(
    full_host: DiscordHost, fake: FakeDiscord
) -> None:
    """Without a /language choice, the language of the person's Discord app is theirs: /help,
    and what the command tree itself refuses (a command from a DM, one it no longer has)."""
    spanish = replace(fake.bob, locale="es-419")
    text = (await (await fake.command("help", user=spanish)).answer()).text()
    assert "Comandos" in text and "Type /help" not in text
    dm = await (await fake.command("help", user=spanish, in_dm=True)).answer()
    assert dm.text() == "Usa esto en un canal de tu servidor, por favor."
    gone = await (await fake.command("nothing", user=spanish)).answer()
    assert gone.text() == "Ya no conozco ese comando. Escribe /help para ver la lista."
    english = await (await fake.command("help", user=fake.bob, in_dm=True)).answer()
    assert english.text() == "Please use this in a channel of your server."


class Quiet(Cog):
    name = "quiet"
    description = "Help and about this bot"

    @command("quiet", "List the commands you can use, or explain one.")
    async def quiet(self, ctx: Context) -> None:
        return None


@pytest.fixture
async def quiet_host(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.add_cog(Quiet())
    async with running_host(bot):
        yield bot


async def test_a_command_answering_nothing_is_done_in_the_person_s_language(
    quiet_host: DiscordHost, fake: FakeDiscord
) -> None:
    spanish = replace(fake.bob, locale="es-ES")
    assert (await (await fake.command("quiet", user=spanish)).answer()).text() == "Listo."
    assert (await (await fake.command("quiet", user=fake.bob)).answer()).text() == "Done."
