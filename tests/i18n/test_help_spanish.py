"""/help, /help <command> and the dispatcher's sentences in Spanish: a member who chose
/language es reads the command list, each command's help, its options and every error about
what they typed in Spanish, with command and option names as they type them."""

from __future__ import annotations

import re

from babel.messages.extract import extract

from bot.cogkit import CommandSpec, OptionSpec
from bot.dispatch import bind_values, bind_words
from bot.domain.errors import InvalidInput
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript
from .messages import ROOT, declared, literals

MARKERS = {"t": None, "tn": (1, 2), "command": (2,), "Opt": (1,)}
SURFACE = ("bot/dispatch.py", "cogs/help.py", "bot/core/permissions.py")
TYPED = {"mine leaders"}  # words an organizer types (/campaign targets), the same in Spanish


def english_fragments() -> set[str]:
    """The literal runs of the surface's English (its sentences, and every command's help and
    option words) long enough to be a sentence's words, placeholders cut out."""
    messages: list[str | tuple[str, str]] = []
    for filename in SURFACE:
        with (ROOT / filename).open("rb") as file:
            messages += [m for _, m, _, _ in extract("python", file, {"t": None, "tn": (1, 2)})]
    for path in sorted((ROOT / "cogs").glob("*.py")):
        with path.open("rb") as file:
            messages += [m for _, m, _, _ in extract("python", file, MARKERS) if m]
    messages += [m for _, _, m in declared()]
    found: set[str] = set()
    for literal in (part for m in messages for part in literals(m)):
        for piece in re.split(r"[()“”:;,.?!]", literal):
            piece = piece.strip()
            if piece.startswith("/") or "|" in piece or piece in TYPED:
                continue
            if len(piece) >= 12 and len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2:
                found.add(piece)
    return found


def assert_no_english(text: str) -> None:
    english = sorted(f for f in english_fragments() if f in text)
    assert english == [], english


async def say(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    """What the console shows for ``lines``, its wrapped lines joined (words one space apart)."""
    transcript.clear()
    for line in lines:
        await console.handle(line)
    return transcript.text


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_surface_has_english_to_look_for() -> None:
    fragments = english_fragments()
    assert "Type /help <command> for details" in fragments
    assert "Your senators and House member for a ZIP code" in fragments
    assert "Find who represents you" in fragments


async def test_a_spanish_member_s_help(console: ConsoleHost, transcript: Transcript) -> None:
    await say(console, transcript, "/as ann", "/language es")
    text = await say(console, transcript, "/help")
    assert "Comandos" in text
    assert "Encuentra quién te representa" in text  # a feature's heading
    assert "Tus senadores y tu representante en la Cámara según tu código postal." in flat(text)
    assert "/reps <zip>" in text  # command and option names stay as people type them
    assert "Las personas organizadoras ven más comandos." in flat(text)
    assert_no_english(flat(text))


async def test_a_spanish_organizer_s_help(console: ConsoleHost, transcript: Transcript) -> None:
    await say(console, transcript, "/as olga organizer", "/language es")
    text = await say(console, transcript, "/help")
    assert "Programaciones" in text or "Convocatorias programadas" in text
    assert "/schedule pause <number>" in text
    assert_no_english(flat(text))
    text = await say(console, transcript, "/help schedule")
    assert "Solo para personas organizadoras." in text
    assert_no_english(flat(text))


async def test_help_for_one_command_in_spanish(
    console: ConsoleHost, transcript: Transcript
) -> None:
    await say(console, transcript, "/as ann", "/language es")
    text = await say(console, transcript, "/help reps")
    assert "/reps <zip>" in text
    assert "• zip (obligatorio): Tu código postal de 5 dígitos." in text
    assert_no_english(flat(text))
    text = await say(console, transcript, "/help nothing")
    assert "No existe el comando /nothing. Escribe /help para ver la lista." in text
    assert_no_english(text)


async def test_a_spanish_member_s_mistakes_get_one_spanish_line(
    console: ConsoleHost, transcript: Transcript
) -> None:
    await say(console, transcript, "/as ann", "/language es")
    text = await say(console, transcript, "/reps")
    said = "A /reps le falta tu código postal (tu código postal de 5 dígitos). Se escribe así:"
    head, *lines = [line for line in text.splitlines() if line.strip()]
    assert "solo tú puedes ver esto" in head and lines == [f"   {said} /reps <zip>"], text
    assert_no_english(text)
    text = await say(console, transcript, "/rep 05401")
    assert "No conozco el comando /rep. ¿Quisiste decir /reps?" in text
    assert_no_english(text)
    text = await say(console, transcript, "/reps 05401 extra")
    assert "/reps recibió de más: «extra». Se escribe así: /reps <zip>" in text
    text = await say(console, transcript, '/reps "05401')
    assert "Falta cerrar unas comillas." in text
    assert_no_english(text)


SPEC = CommandSpec(
    name="remind on",
    help="A reminder.",
    options=(
        OptionSpec(
            "time",
            str,
            "When, like 09:00 or 8:30am (your time zone)",
            True,
            label="the reminder time",
        ),
        OptionSpec("count", int, "How many", False, min_value=1, label="the choice of days"),
        OptionSpec("loud", bool, "Loud", False, label="the language"),
    ),
)


def test_the_dispatcher_names_options_in_the_reader_s_language() -> None:
    es = Translators()("es")
    try:
        bind_values(SPEC, {}, 100, es)
    except InvalidInput as error:
        assert error.text is not None
        shown = es.render(error.text)
    assert shown == (
        "A /remind on le falta la hora del recordatorio (cuándo, como 09:00 u 8:30am (en tu "
        "zona horaria)). Se escribe así: /remind on <time> [count] [loud]"
    )
    try:
        bind_words(SPEC, ["9:00", "0"], 100, es)
    except InvalidInput as error:
        assert error.text is not None
        assert es.render(error.text) == "Los días que elegiste: tiene que ser por lo menos 1."
    try:
        bind_words(SPEC, ["9:00", "0"], 100)
    except InvalidInput as error:
        assert str(error) == "The choice of days must be at least 1."
    assert bind_words(SPEC, ["9:00", "2", "sí"], 100, es)["loud"] is True


async def test_a_spanish_member_is_refused_an_organizer_command_in_spanish(
    console: ConsoleHost, transcript: Transcript
) -> None:
    await say(console, transcript, "/as ann", "/language es")
    text = await say(console, transcript, "/campaign list")
    assert (
        "Solo las personas organizadoras pueden hacer eso. Si lo necesitas, pídeselo a alguien "
        "que organice esta comunidad. Cualquiera puede ver lo que está en curso con /campaigns."
    ) in text
    assert_no_english(text)
    text = await say(console, transcript, "/schedule")
    assert "/schedule es para las personas organizadoras." in text


async def test_about_in_spanish(console: ConsoleHost, transcript: Transcript) -> None:
    await say(console, transcript, "/as ann", "/language es")
    text = await say(console, transcript, "/about")
    assert "Acerca de organizer-bot" in text
    assert "Lo que el bot guarda de cada persona" in text
    assert "El idioma que elegiste con /language, si elegiste uno." in flat(text)  # a cog's
    assert "Lo que tienes guardado ahora: Nada más que tu identificador." in text
    assert_no_english(flat(text))
