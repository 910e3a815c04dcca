"""The street-address lookup in Spanish: the button, the form, the district found (with its
lawmaker's gendered title), a failed lookup and the saved district, and no English sentence of
the lawmakers' surface."""

from __future__ import annotations

import pytest

from bot.platforms.console.host import ConsoleHost
from tests.cogs.test_address import (  # noqa: F401 (fixtures)
    IN_VERMONT,
    MA_8,
    console,
    geocoder,
    services,
)
from tests.fakes.census_geocoder import FakeCensusGeocoder

from ..conftest import Transcript
from .test_lawmakers_spanish import english_pieces, no_english, run

ASK = "Buscar mi distrito con mi dirección"


@pytest.fixture(scope="module")
def pieces() -> set[str]:
    return english_pieces()


async def test_the_address_lookup_in_spanish(
    console: ConsoleHost,  # noqa: F811
    transcript: Transcript,
    geocoder: FakeCensusGeocoder,  # noqa: F811
    pieces: set[str],
) -> None:
    await run(console, transcript, "/as ana", "/language es")
    text = await run(console, transcript, "/reps 02134")
    assert ASK in text
    assert "se envía una sola vez a la Oficina del Censo de EE. UU." in text
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} {ASK}")
    assert "Tu dirección (se envía una sola vez a la Oficina del Censo de EE. UU." in text
    text = await run(console, transcript, MA_8)
    assert "Tu dirección está en MA-8 (Representante Stephen F. Lynch (D-MA-8))" in text
    assert "¿Guardo MA-8 como tu distrito?" in text
    no_english(text, pieces)
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} Guardar MA-8 como mi distrito")
    assert "Listo: tu distrito es MA-8." in text
    no_english(text, pieces)
    geocoder.fail_with(None)
    await run(console, transcript, "/reps 02134")
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} {ASK}", IN_VERMONT)
    assert "La Oficina del Censo de EE. UU. ubica esa dirección en Vermont" in text
    assert "Elige tu distrito" in text
    no_english(text, pieces)
