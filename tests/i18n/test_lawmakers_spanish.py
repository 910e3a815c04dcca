"""A member who chose Spanish finds their lawmakers in Spanish: /reps (one district and a ZIP
spanning two), /setzip and /myreps on the console, with gendered titles, and no English
sentence of this surface left."""

from __future__ import annotations

import re

import pytest

from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript
from .messages import literals, marked_in

# The modules of this surface: their messages must not show up in English for a Spanish reader.
SURFACE = (
    "cogs/lawmakers.py",
    "cogs/address.py",
    "cogs/_address.py",
    "bot/core/lawmaker_titles.py",
    "bot/core/lawmakers.py",
    "bot/core/address_lookup.py",
    "bot/core/district_maps.py",
    "bot/core/probable_districts.py",
    "bot/core/directory_changes.py",
    "bot/civic/congress.py",
    "bot/civic/directory.py",
    "bot/civic/search.py",
    "bot/domain/zips.py",
)


def english_pieces() -> set[str]:
    """The literal runs of words of every English message of this surface (between its
    placeholders), long enough to be a sentence's words rather than a name or a code."""
    pieces = set()
    for literal in (part for m in marked_in(*SURFACE) for part in literals(m)):
        piece = literal.strip(" .,:;()'\"•")
        if len(piece) >= 12 and " " in piece:
            pieces.add(piece)
    return pieces


@pytest.fixture(scope="module")
def pieces() -> set[str]:
    found = english_pieces()
    assert len(found) > 60  # the surface's messages were read
    return found


def no_english(text: str, pieces: set[str]) -> None:
    left = sorted(piece for piece in pieces if piece in text)
    assert left == [], f"English left in a Spanish reply: {left}"


async def run(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        assert await console.handle(line)
    return transcript.text


async def test_reps_in_spanish_with_gendered_titles(
    full_console: ConsoleHost, transcript: Transcript, pieces: set[str]
) -> None:
    await run(full_console, transcript, "/as ana", "/language es")
    text = await run(full_console, transcript, "/reps 05401")
    assert "Legisladores del ZIP 05401" in text
    assert "Senador Bernard Sanders (I-VT)" in text
    assert "Senador Peter Welch (D-VT)" in text
    assert "Representante Becca Balint (D-VT-AL)" in text
    assert "Oficina en DC: (202) 224-5141" in text
    assert "Oficina del distrito más cercana:" in text
    assert "Consejo: si la línea de DC está ocupada" in text
    assert "Datos: distritos del 119.º Congreso." in text
    assert "Sen. " not in text and "Rep. " not in text
    no_english(text, pieces)
    text = await run(full_console, transcript, "/reps 98101")  # Seattle: two women senators
    assert "Senadora Maria Cantwell (D-WA)" in text and "Senadora Patty Murray (D-WA)" in text
    no_english(text, pieces)


async def test_a_zip_spanning_two_districts_in_spanish(
    full_console: ConsoleHost, transcript: Transcript, pieces: set[str]
) -> None:
    await run(full_console, transcript, "/as ana", "/language es")
    text = await run(full_console, transcript, "/reps 02134-1234")
    assert "Uso 02134 (los primeros cinco dígitos de tu ZIP+4)." in text
    assert "El ZIP 02134 abarca 2 distritos de la Cámara" in text
    assert "Senadora Elizabeth Warren (D-MA)" in text
    assert "Senador Edward J. Markey (D-MA)" in text
    assert "Representante Ayanna Pressley (D-MA-7)" in text
    assert "Representante Stephen F. Lynch (D-MA-8)" in text
    assert "Elige tu distrito" in text
    no_english(text, pieces)
    number = max(full_console.messages)
    text = await run(full_console, transcript, f"/select {number} MA-8")
    assert "Listo: tu distrito es MA-8." in text
    no_english(text, pieces)


async def test_setzip_and_myreps_in_spanish(
    full_console: ConsoleHost, transcript: Transcript, pieces: set[str]
) -> None:
    await run(full_console, transcript, "/as ana", "/language es")
    text = await run(full_console, transcript, "/myreps")
    assert "Todavía no has guardado un código ZIP." in text
    no_english(text, pieces)
    text = await run(full_console, transcript, "/setzip 05401")
    assert "Guardé tu ZIP 05401 y tu distrito VT-AL." in text
    no_english(text, pieces)
    text = await run(full_console, transcript, "/myreps")
    assert re.search(r"Tus legisladores \(Burlington, VT\)", text)
    assert "Senador Bernard Sanders (I-VT)" in text
    assert "Representante Becca Balint (D-VT-AL)" in text
    no_english(text, pieces)
    text = await run(full_console, transcript, "/setzip 0540", "/reps 96201")
    assert "Un código ZIP tiene 5 dígitos y 0540 tiene 4" in text
    no_english(text, pieces)
    text = await run(full_console, transcript, "/reps 96941")  # Micronesia: a state's name
    assert "96941 está en los Estados Federados de Micronesia, que no tiene escaño" in text
    no_english(text, pieces)
    text = await run(full_console, transcript, "/setzip clear", "/lawmaker sanders")
    assert "Listo: ya no se guardan tu código ZIP ni tu distrito." in text
    assert "Senador Bernard Sanders (I-VT)" in text and "Comités" in text
    no_english(text, pieces)


async def test_english_stays_as_it_was(full_console: ConsoleHost, transcript: Transcript) -> None:
    text = await run(full_console, transcript, "/as bo", "/reps 02134")
    assert "Lawmakers for 02134" in text
    assert "Sen. Elizabeth Warren (D-MA)" in text and "Sen. Edward J. Markey (D-MA)" in text
    assert "ZIP 02134 spans 2 House districts" in text
    assert "Data: districts of the 119th Congress." in text
