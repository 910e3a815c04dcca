"""Reminders and schedules in Spanish: a member's /remind answers and the reminder DM the
scheduler sends them, its buttons included, and an organizer's schedule confirmation."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.domain.models import Platform
from bot.domain.recurrence import parse_recurrence
from bot.domain.schedule_models import DispatchKind
from bot.i18n.translator import Translators
from bot.i18n.when_words import moment, recurrence
from bot.platforms.console.host import ConsoleHost
from bot.scheduling.interruptions import ASK, notice
from bot.services import Services

from ..conftest import Transcript
from .messages import literals, marked_in

SURFACE = (
    "cogs/reminders.py",
    "cogs/schedule.py",
    "bot/core/reminders.py",
    "bot/core/schedules.py",
    "bot/scheduling/",
    "bot/i18n/when_words.py",
)


def english_sentences() -> list[str]:
    """The fixed words of every message of this surface: each run of text between
    placeholders long enough to be a sentence of its own."""
    found = [part.strip() for m in marked_in(*SURFACE) for part in literals(m)]
    return sorted({part for part in found if len(part) >= 16})


def last_dm(transcript: Transcript, user: str) -> tuple[int, str]:
    """The number and the text of the last direct message to ``user``."""
    parts = re.split(r"^(?=#\d+ )", transcript.text, flags=re.M)
    found = [p for p in parts if re.match(rf"#\d+ \(direct message to {user}\)", p)]
    assert found, f"no direct message to {user}"
    number = re.match(r"#(\d+)", found[-1])
    assert number is not None
    return int(number.group(1)), found[-1]


def no_english(text: str) -> None:
    left = [sentence for sentence in english_sentences() if sentence in text]
    assert not left, f"English left: {left}"


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def campaign(full_console: ConsoleHost, transcript: Transcript) -> ConsoleHost:
    await feed(full_console, "/as olga organizer", "/campaign import irs-data-privacy")
    transcript.clear()
    return full_console


def test_the_check_finds_this_surface_s_english() -> None:
    """The list the tests below look for holds the surface's sentences (so they can fail)."""
    sentences = english_sentences()
    assert "⏰ Your daily reminder to call." in sentences
    assert "Snooze 1 hour" not in sentences  # too short to be told from a word
    assert "Snooze reminds you again in an hour; Stop turns your reminders off." in sentences


def test_recurrences_and_moments_in_the_reader_s_words() -> None:
    words = Translators()
    es, en = words("es"), words("en")
    weekdays = parse_recurrence("weekdays 09:00")
    assert recurrence(en, weekdays) == "every weekday at 09:00"
    assert recurrence(es, weekdays) == "de lunes a viernes a las 09:00"
    some = parse_recurrence("mon,wed,fri 17:30")
    assert recurrence(en, some) == "Mon, Wed and Fri at 17:30" == some.summary
    assert recurrence(es, some) == "lun, mié y vie a las 17:30"
    assert recurrence(es, parse_recurrence("daily 7am")) == "todos los días a las 07:00"
    at = datetime(2026, 1, 5, 14, tzinfo=UTC)
    assert moment(en, at, "America/New_York") == "Mon 2026-01-05 09:00 EST"
    assert moment(es, at, "America/New_York") == "lun 2026-01-05 09:00 EST"


async def test_a_spanish_member_s_reminder_dm_is_spanish(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    """/language es, /remind on: the answer, the DM the scheduler sends at 09:00, its Snooze
    and Stop buttons and what they answer are Spanish, with no English sentence of this
    surface."""
    await feed(campaign, "/as ana", "/language es", "/setzip 05401")
    transcript.clear()
    await feed(campaign, "/remind on")
    answer = transcript.text
    assert (
        "Recordatorios de lunes a viernes activados: de lunes a viernes a las 09:00 "
        "America/New_York (según tu código postal 05401). El próximo llega el lun 2026-01-05 "
        "09:00 EST." in answer
    )
    # the campaign's Spanish title (the shipped IRS campaign has a Spanish version)
    assert "Tu recordatorio lleva Que los datos de impuestos sigan siendo confidenciales" in answer
    no_english(answer)
    await feed(campaign, "/as olga organizer", "/clock advance 2h")  # Monday 09:00 in Vermont
    number, dm = last_dm(transcript, "ana")
    assert "⏰ Tu recordatorio diario para llamar." in dm
    assert "Tus llamadas: " in dm and "Your calls" not in dm  # the script, in Spanish too
    assert "Posponer te lo vuelve a recordar en una hora" in dm
    assert "Posponer 1 hora" in dm and "Detener recordatorios" in dm
    no_english(dm)
    transcript.clear()
    await feed(campaign, "/as ana", f"/press {number} Posponer 1 hora")
    assert "Pospuesto: te lo vuelvo a recordar el lun 2026-01-05 10:00 EST." in transcript.text
    await feed(campaign, "/as olga organizer", "/clock advance 1h")
    second, snoozed = last_dm(transcript, "ana")
    assert second > number and "⏰ Tu recordatorio, como lo pospusiste." in snoozed
    no_english(snoozed)
    transcript.clear()
    await feed(campaign, "/as ana", f"/press {second} Detener recordatorios", "/remind off")
    assert "Tus recordatorios están apagados. /remind on los vuelve a encender" in transcript.text
    assert "Tus recordatorios ya estaban apagados." in transcript.text
    no_english(transcript.text)


async def test_an_english_member_s_reminder_stays_english(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    await feed(campaign, "/as bob", "/setzip 05401", "/remind on", "/as olga organizer")
    await feed(campaign, "/clock advance 2h")
    _number, dm = last_dm(transcript, "bob")
    assert "⏰ Your daily reminder to call." in dm and "Snooze 1 hour" in dm


async def test_a_spanish_organizer_s_schedule_confirmation_is_spanish(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    await feed(campaign, "/as olga organizer", "/language es")
    transcript.clear()
    await feed(campaign, "/schedule add irs-data-privacy here mon,wed,fri 17:30")
    said = transcript.text
    assert "Programado" in said
    assert "lun, mié y vie a las 17:30" in said
    assert "Próximas publicaciones" in said
    no_english(said)


def test_cut_off_sends_are_told_in_the_organizer_s_words() -> None:
    """The DM about sends a stop cut off: counts with Spanish plurals, hints, title, footer."""
    counts = Counter({DispatchKind.REMINDER: 2, DispatchKind.SNOOZE: 1, ASK: 1})
    said = notice(counts, Translators()("es"))
    assert said.title == "El bot se detuvo mientras enviaba"
    assert said.body.startswith(
        "El bot se detuvo mientras enviaba 3 recordatorios diarios y 1 pregunta para "
        "confirmar el distrito."
    )
    no_english(f"{said.title}\n{said.body}\n{said.footer}")
    english = notice(counts)
    assert english.body.startswith(
        "The bot was stopped while sending 3 daily reminders and 1 district confirmation ask."
    )


async def test_the_district_check_dm_is_in_the_member_s_words(
    full_services: Services,
) -> None:
    """The one private ask to confirm a district, with its district picker, in Spanish."""
    job = full_services.district_asks
    assert job is not None
    actor = await full_services.members.actor(Platform.CONSOLE, "console", "ana", False)
    member = replace(actor.member, zip="05401", district="VT-00", district_check="moved")
    asked = job.ask_message(member, Translators()("es"))
    assert asked.title == "Confirma tu distrito del Congreso, por favor"
    assert "tu distrito guardado VT-00 ahora cubre otras zonas postales" in asked.body
    assert asked.body.endswith("Es la única vez que te lo pregunto.")
    assert [s.placeholder for s in asked.selects] == ["Elige tu distrito"]
    no_english(f"{asked.title}\n{asked.body}")


async def test_the_console_clock_answers_a_spanish_organizer_in_spanish(
    campaign: ConsoleHost, transcript: Transcript
) -> None:
    await feed(campaign, "/as olga organizer", "/language es")
    transcript.clear()
    await feed(campaign, "/clock show", "/clock advance 1h")
    assert "Ahora: " in transcript.text and "🕘 Ahora es " in transcript.text
    no_english(transcript.text)
