"""A Spanish member's script after the street-address lookup is Spanish too (issue 18)."""

from __future__ import annotations

from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from tests.fakes.census_geocoder import FakeCensusGeocoder

from ..cogs.test_address import MA_8, OPEN, console, geocoder, location, run, services
from ..conftest import Transcript

__all__ = ["console", "geocoder", "services"]  # the address tests' fixtures, used here

ASK = "Buscar mi distrito con mi dirección"


async def test_the_script_after_the_address_lookup_is_spanish(
    console: ConsoleHost,
    transcript: Transcript,
    services: Services,
    geocoder: FakeCensusGeocoder,
    clock: ManualClock,
) -> None:
    """Get my script on a split ZIP, the district found by address and saved: the script
    that follows is in the member's language."""
    clock.set(OPEN)
    await run(
        console,
        transcript,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as gil",
        "/language es",
        "/setzip 02134",
    )
    text = await run(console, transcript, "/press 2 Get my script")
    assert ASK in text
    script = max(console.messages)
    await run(console, transcript, f"/press {script} {ASK}", MA_8)
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} Guardar MA-8 como mi distrito")
    assert "Tus llamadas: " in text
    assert "Representante Stephen F. Lynch (D-MA-8)" in text or "Lynch" in text
    assert "Your calls:" not in text and "After each call" not in text
    assert "Después de cada llamada, cuéntanos abajo cómo te fue." in text
    assert await location(services, "gil") == ("02134", "MA-8")
