"""Sentences found in the last sweep for English (issue 18): going too fast, a time zone, a
clash with what is saved, a database that cannot answer, campaign targets and the console's
clock, each in the reader's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.members import validate_timezone
from bot.core.ratelimit import MemberRateLimiter
from bot.domain.clock import ManualClock
from bot.domain.errors import DomainError, StoredConflict
from bot.domain.models import Actor, Community, Member, Platform
from bot.domain.targets import parse_targets
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost
from bot.scheduling.clockwork import parse_duration
from bot.storage.unavailable import BUSY, FAILED, READ_ONLY

from ..conftest import Transcript

ES = Translators()("es")


def spanish(error: DomainError) -> str:
    assert error.text is not None, error.message
    return ES.render(error.text)


def test_going_too_fast_in_spanish() -> None:
    clock = ManualClock(datetime(2026, 1, 6, 15, 0, tzinfo=UTC))
    limiter = MemberRateLimiter(clock, per_minute=1, burst=1)
    community = Community(1, Platform.CONSOLE, "console", "America/New_York")
    actor = Actor(community, Member(1, 1, "ann"), is_organizer=False)
    limiter.check(actor)
    with pytest.raises(DomainError) as refused:
        limiter.check(actor)
    assert spanish(refused.value) == (
        "Vas un poco rápido. Espera 60 segundos y vuelve a intentarlo."
    )
    assert refused.value.message == (
        "You're going a little fast. Please wait 60 seconds and try again."
    )


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda: validate_timezone("Mars/Olympus"), "No conozco la zona horaria «Mars/Olympus»."),
        (lambda: parse_targets(""), "Indica al menos a quién llamar. A quién llamar: mine,"),
        (lambda: parse_targets("everyone"), "«everyone» no indica a quién llamar."),
        (lambda: parse_targets("mine:X"), "«mine:X»: mine no lleva id."),
        (lambda: parse_targets("member:"), "«member:»: member necesita un id, como member:S000033"),
        (
            lambda: parse_targets(" ".join(f"member:S00000{i}" for i in range(11))),
            "Una campaña puede tener como máximo 10",
        ),
        (lambda: parse_duration("0h"), "Adelanta el reloj algo más que nada"),
        (lambda: parse_duration("500d"), "Eso es demasiado: adelanta el reloj como máximo"),
        (lambda: parse_duration("soon"), "«soon» no es una duración."),
        (lambda: parse_duration(" "), "«(vacío)» no es una duración."),
    ],
)
def test_typed_mistakes_in_spanish(make: object, said: str) -> None:
    with pytest.raises(DomainError) as refused:
        make()  # type: ignore[operator]
    assert spanish(refused.value).startswith(said), spanish(refused.value)


def test_what_the_database_says_in_spanish() -> None:
    assert spanish(StoredConflict("UNIQUE")).startswith("Eso choca con algo que ya estaba")
    assert ES.render(BUSY).startswith("La base de datos del bot está ocupada ahora mismo")
    assert ES.render(READ_ONLY).startswith("La base de datos del bot solo se puede leer")
    assert ES.render(FAILED).startswith("La base de datos del bot no respondió")


async def test_a_spanish_organizer_s_clock_mistake_is_spanish(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """The console's /clock control answers its mistakes in the organizer's language."""
    assert await console.handle("/language es")
    transcript.clear()
    assert await console.handle("/clock advance 0h")
    assert "Adelanta el reloj algo más que nada, por ejemplo 1h." in transcript.text
    assert "(solo tú puedes ver esto)" in transcript.text
