"""The console's own words (forms, meta-commands, message headings) in the reader's language."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cogkit import Context
from bot.i18n.translator import Translators
from bot.messages import Message
from bot.platforms.console import runner
from bot.platforms.console.host import ConsoleHost
from bot.platforms.console.render import render

from ..conftest import Transcript
from ..fakes.sample_cog import SampleCog
from .messages import literals, marked_in


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def english_sentences() -> list[str]:
    """The fixed English runs of the console's messages, long enough to be telling."""
    found = {
        literal.strip()
        for message in marked_in("bot/platforms/console")
        for literal in literals(message)
    }
    return [literal for literal in found if len(literal) > 8]


async def test_a_spanish_member_reads_the_console_in_spanish(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """A member who chose Spanish fills in a form, misses a required answer, cancels, uses
    the console's own commands and mistypes them: every line the console writes is Spanish."""
    await console.add_cog(SampleCog())
    await feed(console, "/as ana", "/language es")
    transcript.clear()
    await feed(console, "/note money", "", "Renta", "/cancel", "/cancel", "hola")
    await feed(console, "/whoami", "/console", "/press", "/press 99 OK", "/press 1 OK")
    await feed(console, "/as ana jefa", "/select 1", "/select 1 rojo", "/react 1")
    said = transcript.text
    assert "(responde cada pregunta; /cancel para salir)" in said
    assert "(obligatorio)" in said
    assert "Falta la respuesta a «Title»." in said  # the label is the cog's words
    assert '(obligatorio; varias líneas; termina con una línea que solo tenga ".")' in said
    assert "Formulario cancelado; no se guardó nada. (Para empezar" in said
    assert "No hay ningún formulario que cancelar." in said
    assert "Los comandos empiezan con /." in said
    assert "Ahora eres ana (participante)." in said
    assert "Comandos de la consola:" in said and "Hora: /clock" in said
    assert "Uso: /press <n> <texto del botón>" in said
    assert "No hay ningún mensaje #99." in said
    assert "(solo tú puedes ver esto)" in said
    assert "No conozco el rol «jefa»." in said
    assert "Uso: /select <n> <opción>" in said and "Uso: /react <n> <emoji>" in said
    assert "El mensaje #1 no tiene la opción «rojo» en su menú." in said
    english = [sentence for sentence in english_sentences() if sentence in said]
    assert english == [], f"English console words shown to a Spanish member: {english}"


async def test_an_english_member_keeps_the_console_s_english(
    console: ConsoleHost, transcript: Transcript
) -> None:
    await console.add_cog(SampleCog())
    await feed(console, "/note money", "", "/cancel", "/whoami", "/press 7 OK")
    said = transcript.text
    assert "New note (answer each question; /cancel to stop)" in said
    assert "  Title is required." in said
    assert "Form cancelled; nothing was saved." in said
    assert "You are now you (an organizer)." in said
    assert "There is no message #7." in said


def test_headings_reactions_and_files_in_the_reader_s_language() -> None:
    es = Translators()("es")
    message = Message(body="Hola", reactions=("✅", "📞"), ephemeral=True)
    shown = render(3, message, [Path("/tmp/out/x.csv")], words=es)
    assert shown.splitlines()[0] == "#3 (solo tú puedes ver esto)"
    assert "Reacciona: ✅ 📞" in shown
    assert "Archivo guardado: /tmp/out/x.csv" in shown
    assert render(4, Message(body="Hola"), [], dm_to="bea", words=es).startswith(
        "#4 (mensaje directo a bea)"
    )
    english = render(3, message, [], dm_to=None)
    assert "(only you can see this)" in english and "React: ✅ 📞" in english


async def test_a_line_cut_off_by_a_stop_is_told_in_the_member_s_language(
    console: ConsoleHost, transcript: Transcript, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The console stops (Ctrl-C) while a Spanish member's line still runs: one Spanish line."""
    started = asyncio.Event()

    async def forever(ctx: Context, words: list[str]) -> Message:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("never")  # pragma: no cover

    console.add_control("wait", forever, "/wait")
    await feed(console, "/language es")
    monkeypatch.setattr(runner, "STOP_WAIT", 0.01)
    line = asyncio.ensure_future(runner.handled(console, "/wait"))
    await started.wait()
    line.cancel()
    with pytest.raises(asyncio.CancelledError):
        await line
    stopped = "La consola se está cerrando, así que ese comando no pudo terminar."
    assert transcript.lines[-1].strip() == stopped
