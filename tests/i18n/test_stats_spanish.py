"""Results in Spanish: /mystats, /stats (and its chart's words), /leaderboard and /export for a
member who chose /language es, with no English sentence of the stats surface left."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.charts import day_labels
from bot.core.periods import parse_period, period_words
from bot.core.streaks import Streaks, describe
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.i18n.translator import Translators
from bot.messages import Message
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from cogs.stats import CHART_AXIS, chart_title

from ..conftest import Transcript
from .messages import literals, marked_in

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
SURFACE = ("cogs/stats.py", "bot/core/stats.py", "bot/core/streaks.py", "bot/core/periods.py")
ES = Translators()("es")


def english_sentences() -> set[str]:
    """The literal words of every message the stats surface marks (the parts between its
    placeholders, of two words or more): none may show in a Spanish reply."""
    found: set[str] = set()
    for part in (part for m in marked_in(*SURFACE) for part in literals(m)):
        part = part.strip(" .,:;()!")
        if len(part.split()) >= 2:
            found.add(part)
    return found


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def last(console: ConsoleHost) -> Message:
    return console.messages[max(console.messages)]


@pytest.fixture
async def acted(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """ann reported on Monday and Tuesday, bob on Tuesday; ann and olga chose Spanish."""
    clock.set(OPEN - timedelta(days=1))
    await feed(
        full_console,
        "/as olga organizer",
        "/language es",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    first = max(full_console.messages) - 1  # the prompt, then the organizer's answer
    await feed(full_console, "/as ann", "/language es", f"/press {first} 📞")
    clock.set(OPEN)
    await feed(full_console, "/as olga organizer", "/prompt post irs-data-privacy")
    second = max(full_console.messages) - 1
    await feed(full_console, "/as ann", f"/press {second} 📫", "/as bob", f"/press {second} 📞")
    transcript.clear()
    return full_console


def assert_no_english(text: str) -> None:
    left = sorted(s for s in english_sentences() if s in text)
    assert left == [], f"English left in a Spanish reply: {left}\n{text}"


async def test_mystats_in_spanish(acted: ConsoleHost, transcript: Transcript) -> None:
    await feed(acted, "/as ann", "/mystats")
    message = last(acted)
    assert message.title == "Tus acciones"
    assert message.body == "🔥 2 días seguidos"
    fields = {f.name: f.value for f in message.fields}
    assert (
        fields["En total"] == "2 acciones: 📞 Hablé con la oficina 1 · 📫 Dejé un mensaje de voz 1"
    )
    assert fields["Rachas"].startswith("Días: 2 días seguidos (tu mejor racha: 2).")
    assert fields["Lo más reciente"].splitlines()[0] == (
        "6 ene 2026 · irs-data-privacy · 📫 Dejé un mensaje de voz"
    )
    assert message.footer == "Puedes aparecer en /leaderboard (/leaderboard optout te oculta)."
    assert_no_english(transcript.text)


async def test_stats_in_spanish(acted: ConsoleHost, transcript: Transcript) -> None:
    await feed(acted, "/as olga organizer", "/stats 7d")
    message = last(acted)
    assert message.title == "Resultados: todas las campañas"
    assert message.body == "Los últimos 7 días (del 31 dic 2025 al 6 ene 2026)"
    fields = {f.name: f.value for f in message.fields}
    assert (fields["Acciones"], fields["Miembros"]) == ("3", "2")
    assert fields["Por día (los últimos 2 días con acciones)"].splitlines()[0] == (
        "5 ene 2026: 1 (📞 Hablé con la oficina 1)"
    )
    assert message.attachments  # the chart: its words are tested below
    assert_no_english(transcript.text)
    transcript.clear()
    await feed(
        acted, "/stats irs-data-privacy 2025-01-01..2025-01-31", "/stats irs-data-privacy quincena"
    )
    assert "Todavía no hay acciones en este periodo, así que no hay gráfica." in transcript.text
    assert "Resultados: Que los datos de impuestos sigan" in transcript.text  # its Spanish title
    assert "No conozco el periodo «quincena». Usa 7d, 30d, semana, mes" in transcript.text
    assert_no_english(transcript.text)


async def test_leaderboard_and_export_in_spanish(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    await feed(acted, "/as ann", "/leaderboard mes")
    board = last(acted)
    assert board.title == "Tabla de posiciones: este mes"
    assert board.body.splitlines()[1].endswith(": 1 acción")
    assert board.fields[0].name == "Comunidad"
    assert board.fields[0].value == "3 acciones de 2 miembros"
    await feed(acted, "/leaderboard optout", "/as olga organizer", "/export")
    assert "Listo: no aparecerás en la tabla de posiciones" in transcript.text
    assert "Conteos diarios por legislador y resultado: 3 filas." in transcript.text
    assert_no_english(transcript.text)


def test_the_chart_s_words_in_spanish() -> None:
    """The chart's title, axis and day labels are the reader's language's."""
    assert ES.render(chart_title("todas las campañas")) == "Acciones por día: todas las campañas"
    assert ES.render(CHART_AXIS) == "acciones"
    days = [date(2026, 1, 6), date(2026, 2, 1)]
    assert day_labels(days, "es") == ["6 ene", "1 feb"]
    assert day_labels(days) == ["Jan 6", "Feb 1"]


def test_periods_and_streaks_in_spanish() -> None:
    """Spanish period words parse as the English ones do; labels and streaks read in Spanish."""
    today = date(2026, 1, 14)
    for spanish, english in [
        ("hoy", "today"),
        ("semana", "week"),
        ("Mes", "month"),
        ("año", "year"),
        ("7 días", "7d"),
        ("todo", "all"),
    ]:
        assert parse_period(spanish, today) == parse_period(english, today)
    offered = period_words("es")  # what a Spanish reader's autocomplete offers
    assert "mes" in offered
    for spanish, english in zip(offered, period_words("en"), strict=True):
        assert parse_period(spanish, today) == parse_period(english, today)
    assert ES.render(parse_period("30d", today).label) == "los últimos 30 días"
    with pytest.raises(InvalidInput) as refused:
        parse_period("2026-01-31..2026-01-01", today)
    assert refused.value.text is not None
    assert ES.render(refused.value.text) == (
        "El periodo termina (2026-01-01) antes de empezar (2026-01-31)."
    )
    assert ES.render(describe(Streaks(1, 3, 1, 1, False))) == (
        "🔥 1 día (tu mejor racha: 3); actúa hoy para no perderla"
    )


async def test_lawmakers_and_notes_in_spanish(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A lawmaker's title on /stats and /mystats is the Spanish one, notes under it."""
    actor = await full_services.members.actor(acted.platform, acted.session, "ann", False)
    result = await full_services.actions.report(actor, "contact", prompt_id=1, lawmaker="S000033")
    assert result.action is not None
    await full_services.actions.add_note(actor, result.action.id, "indeciso")
    await feed(acted, "/as olga organizer", "/stats")
    fields = {f.name: f.value for f in last(acted).fields}
    assert fields["Notas de las oficinas"] == "Senador Bernard Sanders (I-VT): “indeciso”"
    assert (
        "Senador Bernard Sanders (I-VT): 1 (📞 Hablé con la oficina 1)"
        in (fields["Por legislador"])
    )
    await feed(acted, "/as ann", "/mystats")
    recent = {f.name: f.value for f in last(acted).fields}["Lo más reciente"]
    assert "Senador Bernard Sanders (I-VT) · 📞 Hablé con la oficina · con nota" in recent
    assert_no_english(transcript.text)
