"""Why each lawmaker is on a caller's list, and what did not resolve, in the reader's language."""

from __future__ import annotations

import pytest

from bot.civic.directory import Directory
from bot.core.targets import Seats, resolve_targets
from bot.domain.targets import parse_targets
from bot.i18n.translator import Translators
from bot.services import Services


@pytest.fixture
def directory(full_services: Services) -> Directory:
    return full_services.directory.current()


def test_reasons_and_notes_in_spanish(directory: Directory) -> None:
    es = Translators()("es")
    split = directory.lookup_zip("02134")  # two House districts
    seats = Seats(
        states=("MA",),
        senators=split.senators,
        vacant_senate_seats=1,
        house=split.representatives,
        vacant_house=("MA-99",),
        house_undecided=tuple(r.seat_label for r in split.representatives),
    )
    resolved = resolve_targets(parse_targets("mine leaders:SSFI? member:S999999"), directory, seats)
    reasons = [es.render(c.reason) for c in resolved.calls]
    assert reasons[:2] == ["quien te representa en el Senado"] * 2
    assert set(reasons[2:4]) == {"quizá te representa en la Cámara"}
    assert reasons[-1].endswith("del Comité de Finanzas del Senado")  # our words for SSFI
    notes = [es.render(n) for n in resolved.notes]
    assert "Ahora mismo hay un escaño vacante en el Senado por tu estado." in notes
    assert any(n.startswith("El escaño MA-99 de la Cámara está vacante") for n in notes)
    assert any("ya no ocupa el cargo" in n for n in notes)
    english = [str(n) for n in resolved.notes]
    assert not set(notes) & set(english)
