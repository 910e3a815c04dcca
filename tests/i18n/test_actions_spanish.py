"""The daily prompt and acting on it in Spanish: "Get my script", reporting, outcome labels,
the reaction legend and the live count (issue 18)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.outcome_words import outcome_label
from bot.core.scripts import ScriptError, ScriptTemplate
from bot.domain.campaign_models import DEFAULT_OUTCOMES, Outcome
from bot.domain.clock import ManualClock
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript
from .messages import literals, marked_in

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
SURFACE = (
    "cogs/actions.py",
    "cogs/prompts.py",
    "bot/core/actions.py",
    "bot/core/scripts.py",
    "bot/core/personal_scripts.py",
    "bot/core/outcome_words.py",
    "bot/report_components.py",
    "bot/prompt_view.py",
)
# What this surface said in English before it was translated: each must be gone too.
ENGLISH = (
    "Get my script",
    "So far",
    "No calls reported yet",
    "After your call, react",
    "Made contact",
    "Left voicemail",
    "Couldn't get through",
    "Your calls:",
    "The ask:",
    "DC offices are",
    "DC office",
    "Your lawmakers for",
    "how did the call go?",
    "After each call, report how it went below.",
    "Read it as written",
    "Counted:",
    "Thank you!",
    "Undo",
    "Add what the office said",
    "member acted",
    "actions",
)


def english_sentences() -> list[str]:
    """The fixed words of every message of this surface: each run of text between
    placeholders long enough to be a sentence of its own."""
    found = [part.strip() for m in marked_in(*SURFACE) for part in literals(m)]
    return sorted({part for part in found if len(part) >= 16})


def no_english(text: str) -> None:
    left = [s for s in (*english_sentences(), *ENGLISH) if s in text]
    assert not left, f"English left: {left}\n{text}"


def messages(transcript: Transcript) -> list[str]:
    """Each message the console printed, from its '#<number>' line on."""
    return [p for p in re.split(r"^(?=#\d+ )", transcript.text, flags=re.M) if p.startswith("#")]


def private(transcript: Transcript) -> str:
    """The replies only their reader sees (not a public prompt updated meanwhile)."""
    found = [m for m in messages(transcript) if "(solo tú puedes ver esto)" in m.split("\n")[0]]
    assert found, f"no private reply:\n{transcript.text}"
    return "".join(found)


def last_number(transcript: Transcript) -> int:
    numbers = re.findall(r"^#(\d+) ", transcript.text, flags=re.M)
    assert numbers, transcript.text
    return int(numbers[-1])


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line), line


def test_the_check_finds_this_surface_s_english() -> None:
    """The sentences the tests look for are this surface's (so the tests can fail)."""
    sentences = english_sentences()
    assert "After each call, report how it went below." in sentences
    assert "There was nothing to withdraw: that report is not recorded." in sentences
    assert "Get my script" not in sentences  # too short to tell from a word: ENGLISH has it


def test_default_outcomes_read_in_the_reader_s_language_and_keep_their_keys() -> None:
    """A default label left as it was is translated; an organizer's own label is not."""
    es = Translators()("es")
    assert [es.render(outcome_label(o)) for o in DEFAULT_OUTCOMES] == [
        "Hablé con la oficina",
        "Dejé un mensaje de voz",
        "No pude comunicarme",
    ]
    assert [str(outcome_label(o)) for o in DEFAULT_OUTCOMES] == [o.label for o in DEFAULT_OUTCOMES]
    assert es.render(outcome_label(Outcome("contact", "Talked to a staffer", "📞"))) == (
        "Talked to a staffer"
    )


def test_script_mistakes_and_blank_fill_ins_in_spanish() -> None:
    """An organizer's script mistake is told in their language; a fill-in with no value reads
    naturally in the script's."""
    es = Translators()("es")
    with pytest.raises(ScriptError) as caught:
        ScriptTemplate.parse("Hola, {lawmker}")
    assert caught.value.text is not None
    assert es.render(caught.value.text).startswith(
        "El guion tiene un campo desconocido {lawmker} (¿quisiste decir {lawmaker}?) en la "
        "línea 1, columna 7. Campos para rellenar: {caller_name}"
    )
    assert caught.value.message.startswith("The script has an unknown fill-in {lawmker}")
    rendered = ScriptTemplate.parse("Soy {caller_name}, de {city}. {{sic}}").render(words=es)
    assert rendered.text == "Soy [tu nombre], de tu ciudad. {sic}"


@pytest.fixture
async def spanish_member(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """An English community's prompt (#2), and ann, who chose Spanish, with no ZIP saved."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as ann",
        "/language es",
    )
    assert "Get my script" in transcript.text  # the community's language: English
    transcript.clear()
    return full_console


async def test_a_spanish_member_s_script_and_reports_are_spanish(
    spanish_member: ConsoleHost, transcript: Transcript
) -> None:
    """ann asks for her script on an English prompt: the ZIP form, a mistake, her script and
    its report buttons, her reports, a withdrawal and a note are all in Spanish."""
    console = spanish_member
    await feed(console, "/press 2 Get my script")
    assert "Tu código postal de 5 dígitos" in transcript.text
    await feed(console, "12")
    assert "Escribir mi código postal otra vez" in transcript.text
    no_english(private(transcript))
    transcript.clear()
    await feed(console, "/press 2 Get my script", "05401")
    script = private(transcript)
    assert "Guardé tu código postal 05401" in script
    assert "Tus llamadas: " in script
    assert "Lo que pedimos: " in script
    assert "Las oficinas en DC están abiertas ahora (de 9 a. m. a 5 p. m., hora del Este" in script
    assert "Oficina en DC: " in script
    assert "Senador Bernard Sanders (I-VT)" in script  # headings: the title in Spanish
    assert "Representante Becca Balint (D-VT-AL)" in script
    assert "Hola, me llamo [tu nombre]" in script  # the campaign's Spanish version
    assert "el senador Sanders" in script  # and its fill-ins in Spanish, by gender
    assert "[your name]" not in script and "Senator Sanders" not in script
    assert "Senador Sanders: Hablé con la oficina" in script
    assert "Después de cada llamada, cuéntanos abajo cómo te fue." in script
    no_english(script)
    number = last_number(transcript)
    transcript.clear()
    await feed(console, f"/press {number} Senador Sanders: Hablé con la oficina")
    counted = private(transcript)
    assert "Anotado — Senador Sanders: 📞 Hablé con la oficina (" in counted
    assert "¡Gracias!" in counted and "[Deshacer]" in counted
    no_english(counted)
    answer = last_number(transcript)
    transcript.clear()
    await feed(console, f"/press {answer} Contar qué dijo la oficina", "indeciso")
    await feed(console, f"/press {answer} Deshacer")
    later = private(transcript)
    assert "¡Gracias! Quienes organizan verán: “indeciso” (guardado en: Senador Sanders)." in later
    assert "Retirado: 📞 Hablé con la oficina. Ya no cuenta." in later
    no_english(later)


async def test_a_spanish_member_s_errors_are_spanish(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """/script with no campaign running, then a stale prompt's button: Spanish errors."""
    await feed(full_console, "/as ann", "/language es")
    transcript.clear()
    await feed(full_console, "/script")
    assert "No hay ninguna campaña en curso ahora." in transcript.text
    no_english(transcript.text)


async def test_an_english_member_keeps_english(
    spanish_member: ConsoleHost, transcript: Transcript
) -> None:
    await feed(spanish_member, "/as bob", "/setzip 05401")
    transcript.clear()
    await feed(spanish_member, "/press 2 Get my script")
    assert "Your calls: " in transcript.text
    assert "After each call, report how it went below." in transcript.text


async def test_a_spanish_community_s_prompt_and_live_count_are_spanish(
    full_console: ConsoleHost,
    transcript: Transcript,
    clock: ManualClock,
    full_services: Services,
) -> None:
    """An organizer makes Spanish the default: the prompt's button, outcome buttons, reaction
    legend and live count are Spanish, and the count stays Spanish as reports come in, from
    members of either language."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/language default es",
        "/campaign import irs-data-privacy",
    )
    transcript.clear()
    await feed(full_console, "/prompt post irs-data-privacy")
    posted = transcript.text
    prompt = last_number(transcript) - 1
    assert "[Ver mi guion]" in posted
    assert "[📞 Hablé con la oficina]" in posted
    assert (
        "Después de llamar, reacciona: 📞 Hablé con la oficina · 📫 Dejé un mensaje de voz · "
        "🚫 No pude comunicarme"
    ) in posted
    assert "Hasta ahora: Todavía no se reportan llamadas" in posted
    assert "Publiqué aquí el llamado de irs-data-privacy." in posted  # olga's own: auto
    no_english(posted)
    transcript.clear()
    await feed(full_console, "/as ann", "/language en", f"/react {prompt} 📞")
    assert "Hasta ahora: 1 persona participó · 1 acción" in transcript.text
    assert "Counted: 📞 Made contact (" in transcript.text  # ann's own reply: English
    await feed(full_console, "/as bob", f"/press {prompt} 📫 Dejé un mensaje de voz")
    clock.advance(timedelta(seconds=full_services.settings.live_count_interval))
    await full_services.actions.live.flush()
    assert "Hasta ahora: 2 personas participaron · 2 acciones" in transcript.text
