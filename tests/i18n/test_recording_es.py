"""Why a report was not recorded (the daily cap, a prompt gone, an outcome the campaign does
not count), said in the reporter's language on buttons and reactions alike (issue 18)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import DomainError
from bot.domain.models import Platform
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
CAP_CALLS = (
    "¡Gracias! Hoy ya reportaste 1 llamada para el senador Sanders, lo máximo que una persona "
    "puede reportar en un día, así que esta no se sumó. Mañana puedes volver a reportar."
)
CAP_REPORTS = (
    "¡Gracias! Hoy ya hiciste 1 reporte, lo máximo que una persona puede reportar en un día, "
    "así que este no se sumó. Mañana puedes volver a reportar."
)


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line), line


def last_number(transcript: Transcript) -> int:
    return int(re.findall(r"^#(\d+) ", transcript.text, flags=re.M)[-1])


@pytest.fixture
async def capped(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock, full_services: Services
) -> ConsoleHost:
    """Two prompts (#2, #4) of an English community; ann reads Spanish; one report a day."""
    clock.set(OPEN)
    full_services.actions.daily_cap = 1
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as ann",
        "/language es",
        "/setzip 05401",
    )
    transcript.clear()
    return full_console


async def test_the_daily_cap_on_a_lawmaker_is_said_in_spanish(
    capped: ConsoleHost, transcript: Transcript
) -> None:
    """ann reports her call to Sanders on one prompt's script, then again on the other's."""
    await feed(capped, "/press 2 Get my script")
    await feed(capped, f"/press {last_number(transcript)} Senador Sanders: Hablé con la oficina")
    await feed(capped, "/press 4 Get my script")
    script = last_number(transcript)
    transcript.clear()
    await feed(capped, f"/press {script} Senador Sanders: Hablé con la oficina")
    assert CAP_CALLS in transcript.text
    assert "Thank you" not in transcript.text and "Sen. Sanders" not in transcript.text


async def test_the_daily_cap_on_buttons_and_reactions_is_said_in_spanish(
    capped: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """One-tap reports: the second prompt's button, then (later) its reaction, are refused
    in Spanish."""
    await feed(capped, "/press 2 📞")
    transcript.clear()
    await feed(capped, "/press 4 📞")
    assert CAP_REPORTS in transcript.text
    transcript.clear()
    clock.advance(timedelta(minutes=11))  # past the pause between answers to reactions
    await feed(capped, "/react 4 📞")
    assert CAP_REPORTS in transcript.text
    assert "Thank you" not in transcript.text


async def test_a_gone_prompt_and_an_outcome_not_counted_are_said_in_spanish(
    capped: ConsoleHost, full_services: Services
) -> None:
    ann = await full_services.members.actor(Platform.CONSOLE, capped.session, "ann", False)
    es = Translators()("es")
    with pytest.raises(DomainError) as gone:
        await full_services.actions.report(ann, "contact", prompt_id=999)
    assert gone.value.text is not None
    assert es.render(gone.value.text) == (
        "Ese llamado ya no está disponible, así que no se registró nada."
    )
    [prompt] = (await full_services.prompts.for_campaign(ann.community.id, 1))[:1]
    with pytest.raises(DomainError) as odd:
        await full_services.actions.report(ann, "shouted", prompt_id=prompt.id)
    assert odd.value.text is not None
    assert es.render(odd.value.text) == (
        "Ese no es un resultado que cuente esta campaña; usa los botones de su llamado."
    )
