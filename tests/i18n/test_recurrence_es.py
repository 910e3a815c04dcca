"""A schedule's *when* typed wrong is explained in the reader's language (issue 18)."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.recurrence import check_zone, parse_time, parse_when
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript

HELP = (
    "Di cuándo así: weekdays 09:00, daily at 9am, mon,wed,fri 17:30 o cron 0 9 * * 1-5 (y, si "
    "quieres, una zona horaria como America/Chicago)."
)


@pytest.mark.parametrize(
    ("typed", "spanish"),
    [
        ("", f"¿Cuándo debe publicarse? {HELP}"),
        ("weekdays", "¿A qué hora? Agrega una, como «weekdays 09:00»."),
        ("daily 25:00", "«25:00» no es una hora: las horas van de 0 a 23 y los minutos de 0 a 59."),
        ("daily 13pm", "«13pm» no es una hora: con am/pm, la hora va de 1 a 12."),
        (
            "daily nine",
            "No entiendo «nine» como hora. Escribe una hora como 09:00, 9:30am o 17:45.",
        ),
        ("funday 9:00", f"No conozco el día «funday». {HELP}"),
        ("daily 9:00 Mars/Olympus", "No conozco la zona horaria «Mars/Olympus»."),
        ("daily 9:00 from 2026-13-01", "«2026-13-01» no es una fecha."),
        ("daily 9:00 until 2026-03-31 until never", "Indica un solo final: una fecha"),
        ("daily 9:00 from 2026-03-31 until 2026-03-01", "La programación terminaría antes"),
        ("cron 0 9 * *", "Una expresión cron tiene 5 campos (minuto hora día mes"),
        ("cron 61 9 * * *", "El campo de minutos del cron debe estar entre 0 y 59, no 61."),
        ("cron 0 24 * * *", "El campo de horas del cron debe estar entre 0 y 23, no 24."),
        ("cron 0 9 32 * *", "El campo de día del mes del cron debe estar entre 1 y 31, no 32."),
        ("cron 0 9 * 13 *", "El campo de meses del cron debe estar entre 1 y 12, no 13."),
        ("cron 0 9 * * 1-5/0", "El campo de días de la semana del cron tiene un paso que no sirve"),
        ("cron 5-1 * * * *", "El rango de minutos del cron «5-1» va al revés."),
        ("cron x * * * *", "El campo de minutos del cron tiene «x», que no es un número."),
        ("cron 0 0 31 2 *", "La expresión cron «0 0 31 2 *» nunca se cumple (revisa el día)."),
    ],
)
def test_when_mistakes_in_spanish(typed: str, spanish: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed)
    assert refused.value.text is not None
    said = Translators()("es").render(refused.value.text)
    assert said.startswith(spanish), said


def test_the_english_stays_as_it_was() -> None:
    with pytest.raises(InvalidInput, match=r"^The cron day-of-month range '9-2' runs backwards"):
        parse_when("cron 0 9 9-2 * *")
    with pytest.raises(InvalidInput, match=r"^'\(blank\)' is not a time I understand\.") as blank:
        parse_time(" ")
    assert blank.value.text is not None
    assert Translators()("es").render(blank.value.text).startswith("No entiendo «(vacío)»")
    with pytest.raises(InvalidInput, match="is not a time zone I know"):
        check_zone("Nowhere/Else")


async def test_a_spanish_organizer_s_schedule_mistake_is_spanish(
    console: ConsoleHost, transcript: Transcript
) -> None:
    for line in (
        "/language es",
        "/campaign import irs-data-privacy",
        "/schedule add irs-data-privacy calls cron 0 9 * * 8",
    ):
        assert await console.handle(line)
    said = transcript.text
    assert "El campo de días de la semana del cron debe estar entre 0 y 7, no 8." in said
    assert "The cron" not in said
