"""Find my district from my street address on Discord: the real discord.py client against the
fake Discord and the fake Census geocoder, every cog and the full lawmaker data. The button opens
a modal; its answer goes once to the geocoder; nothing of it reaches a log, even at DEBUG."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.models import Platform
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings, load_settings

from ...fakes.census_geocoder import FakeCensusGeocoder
from ...fakes.discord_server import GUILD_ID, TOKEN, FakeDiscord

ASK = "Find my district from my street address"
ADDRESS = "1 Demo Street, Boston, MA 02134"  # MA-8 in the fake geocoder


@pytest.fixture
async def geocoder() -> AsyncIterator[FakeCensusGeocoder]:
    async with FakeCensusGeocoder() as fake:
        yield fake


@pytest.fixture
def settings(
    tmp_path: Path,
    fake: FakeDiscord,
    full_data_dir: Path,
    geocoder: FakeCensusGeocoder,
    database_url: str | None,
) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=full_data_dir,
        console_output_dir=tmp_path / "console",
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
        geocoder_url=geocoder.url,
        geocoder_timeout=0.5,
    )


async def test_a_split_zip_resolved_by_address_in_a_modal(
    full_host: DiscordHost,
    fake: FakeDiscord,
    services: Services,
    geocoder: FakeCensusGeocoder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """/reps 02134 has the button; it opens a one-field modal that says where the address goes;
    the answer is looked up once, MA-8 is offered and saved on Save; no log line holds it."""
    caplog.set_level(logging.DEBUG)
    reps = await (await fake.command("reps", {"zip": "02134"})).answer()
    assert reps.button(ASK)["custom_id"] == "address.ask:02134"
    modal = await (await fake.press(reps, reps.button(ASK)["custom_id"])).modal()
    assert modal["custom_id"] == "address.form:02134"
    shown = str(modal)
    assert "Census Bureau" in shown and "never kept" in shown
    found = await (await fake.submit(modal, {"street_address": ADDRESS})).answer()
    assert found.ephemeral
    assert "Your address is in **MA-8**" in found.text()
    assert [r["address"] for r in geocoder.requests] == [ADDRESS]
    saved = await (
        await fake.press(found, found.button("Save MA-8 as my district")["custom_id"])
    ).answer()
    assert "Saved: your district is MA-8." in saved.text()
    actor = await services.members.actor(Platform.DISCORD, str(GUILD_ID), str(fake.ann.id), False)
    assert (actor.member.zip, actor.member.district) == (None, "MA-8")
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records).lower()
    assert "websocket event" in logged  # discord.py did log the gateway's payloads
    assert "demo street" not in logged


async def test_a_slow_geocoder_is_answered_after_the_modal_closes(
    full_host: DiscordHost, fake: FakeDiscord, geocoder: FakeCensusGeocoder
) -> None:
    """A geocoder that never answers: the member gets the sentence and the picker, in time."""
    geocoder.fail_with("slow")
    reps = await (await fake.command("reps", {"zip": "02134"})).answer()
    modal = await (await fake.press(reps, reps.button(ASK)["custom_id"])).modal()
    answer = await (await fake.submit(modal, {"street_address": ADDRESS})).answer()
    assert "is not answering right now" in answer.text()
    assert any(i.startswith("lawmakers.district") for i in answer.custom_ids())
