"""/privacy and /forgetme in Spanish: a member who chose /language es reads what the bot keeps
about them, their settings, retention and the erase confirmation in Spanish, and no English
sentence of the privacy surface."""

from __future__ import annotations

import re

from babel.messages.extract import extract

from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript
from .messages import ROOT, literals

MARKERS = {"t": None, "tn": (1, 2)}  # sentences, not the commands' help (slice B)
SURFACE = ("cogs/privacy.py", "bot/core/privacy.py", "bot/core/privacy_words.py")


def english_fragments() -> set[str]:
    """The literal runs of the surface's English messages long enough to be a sentence's words
    (two words or more), placeholders cut out."""
    found: set[str] = set()
    for filename in SURFACE:
        with (ROOT / filename).open("rb") as file:
            messages = [m for _, m, _, _ in extract("python", file, MARKERS)]
        for literal in (part for m in messages for part in literals(m)):
            for piece in re.split(r"[()“”:;,.]", literal):
                piece = piece.strip()
                if len(piece) >= 12 and len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2:
                    found.add(piece)
    return found


def assert_no_english(text: str) -> None:
    english = sorted(f for f in english_fragments() if f in text)
    assert english == [], english


async def say(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        await console.handle(line)
    return transcript.text


def last_number(console: ConsoleHost) -> int:
    return max(console.messages)


async def test_the_surface_has_english_to_look_for() -> None:
    fragments = english_fragments()
    assert "Erase everything about me" in fragments
    assert "Cancelled" not in fragments  # one word: too short to tell a language


async def test_privacy_in_spanish(console: ConsoleHost, transcript: Transcript) -> None:
    await say(console, transcript, "/as olga organizer", "/language es")
    text = await say(console, transcript, "/privacy")
    assert "Tu idioma: español (lo elegiste con /language)" in text
    assert "Lo que el bot guarda sobre ti" in text
    assert_no_english(text)
    for line in (
        "/privacy leaderboard off",
        "/privacy leaderboard on",
        "/privacy leaderboard maybe",
        "/privacy retention",
        "/privacy retention 30",
        "/privacy retention",
        "/privacy retention 1",
        "/privacy retention forever",
        "/privacy retention 99999",
        "/privacy retention off",
    ):
        text = await say(console, transcript, line)
        assert text.strip(), line
        assert_no_english(text)
    text = await say(console, transcript, "/privacy retention 1")
    assert "1 día" in text and "1 días" not in text
    text = await say(console, transcript, "/privacy export")
    assert_no_english(text)


async def test_forgetme_in_spanish_cancel_then_confirm(
    console: ConsoleHost, transcript: Transcript
) -> None:
    await say(console, transcript, "/as ann", "/language es")
    text = await say(console, transcript, "/forgetme")
    assert "¿Borrar todo lo tuyo?" in text
    assert "[Borrar todo lo mío] [Cancelar]" in text
    assert_no_english(text)
    number = last_number(console)
    text = await say(console, transcript, f"/press {number} Cancelar")
    assert "Cancelado: no se borró nada." in text
    assert_no_english(text)
    text = await say(console, transcript, f"/press {number} Borrar todo lo mío")
    assert "ya se usó o se canceló" in text
    assert_no_english(text)
    await say(console, transcript, "/forgetme")
    number = last_number(console)
    text = await say(console, transcript, "/as bob", "/language es", f"/press {number} Borrar")
    assert "es de otra persona" in text
    assert_no_english(text)
    text = await say(console, transcript, "/as ann", f"/press {number} Borrar todo lo mío")
    assert "Listo: se borró todo lo que el bot guardaba sobre ti." in text
    assert_no_english(text)


async def test_privacy_with_data_in_spanish(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """A member with a ZIP, weekday reminders, a reported call and a reminder sent reads it all
    in Spanish, days in Spanish words and the campaign by its Spanish title."""
    await say(
        full_console,
        transcript,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    [prompt] = [
        n
        for n, message in full_console.messages.items()
        if any(b.label == "📞 Made contact" for b in message.buttons)
    ]
    await say(
        full_console,
        transcript,
        "/as ann",
        "/language es",
        "/setzip 05401",
        "/remind on 09:00 days:weekdays",
        f"/press {prompt} 📞 Made contact",
    )
    await say(full_console, transcript, "/as olga organizer", "/clock advance 2h")  # 09:00 EST
    shown = await say(full_console, transcript, "/as ann", "/privacy")
    for sentence in (
        "Tu código postal: 05401 (sirve para encontrar a tus legisladores)",
        "Recordatorios: activados, de lunes a viernes a las 09:00 (desde el 5 de enero)",
        "Mensajes que te mandó el bot: 1 recordatorio para ti, el 5 de enero: 1 no hizo falta",
        "Tu idioma: español (lo elegiste con /language)",
        "Llamadas que reportaste:\n      1 llamada reportada, el 5 de enero",
        "En enero: 1 llamada",
        "• 5 de enero — Que los datos de impuestos sigan siendo confidenciales: ",  # its title
    ):
        assert sentence in shown, sentence
    assert_no_english(shown)
