"""/privacy's sentences in Spanish: counts take the right plural form (one, many, other), days
and months read as Spanish speakers write them, and a language is named in the reader's words."""

from __future__ import annotations

from bot.core.privacy_words import Names, Stored, days_text, describe
from bot.i18n.translator import Translators

from ..core.test_privacy_words import MEMBER, NAMES, action, reminder

WORDS = Translators()
ES = WORDS("es")
SPANISH = Names(
    campaigns=NAMES.campaigns,
    outcomes=NAMES.outcomes,
    lawmakers=NAMES.lawmakers,
    year=2026,
    say=ES.render,
    language="es",
)


def spanish(stored: Stored) -> str:
    return "\n".join(
        f"{ES.render(h)}: " + "\n".join(ES.render(line) for line in lines)
        for h, lines in describe(stored, SPANISH)
    )


def test_counts_days_and_months_in_spanish() -> None:
    stored = Stored(
        {**MEMBER, "language": "es", "created_at": "2025-12-30T15:00:00Z"},
        {
            "actions": [action("2026-01-05", "contact"), action("2026-01-08", "voicemail")],
            "action_member_months": [
                {"community_id": 1, "month": "2025-12", "member_id": 2, "actions": 1},
                {"community_id": 1, "month": "2026-01", "member_id": 2, "actions": 2},
            ],
            "dispatches": [reminder("2026-01-06"), reminder("2026-01-07", "failed")],
        },
    )
    text = spanish(stored)
    for sentence in (
        "Tu idioma: español (lo elegiste con /language)",
        "Primera vez que te vio el bot: 30 de diciembre de 2025",
        "2 llamadas reportadas, la más reciente el 8 de enero",
        "• 5 de enero — Keep tax records confidential: 📞 Made contact",
        "En diciembre de 2025: 1 llamada",
        "En enero: 2 llamadas",
        "2 recordatorios para ti, el más reciente el 7 de enero: 1 no se pudo entregar, 1 enviado",
    ):
        assert sentence in text, sentence


def test_the_three_spanish_plural_forms() -> None:
    assert [ES.render(days_text(n)) for n in (1, 2, 1_000_000)] == [
        "1 día",
        "2 días",
        "1000000 de días",
    ]
    assert [WORDS("en").render(days_text(n)) for n in (1, 2)] == ["1 day", "2 days"]


def test_a_language_is_named_in_the_readers_words() -> None:
    assert SPANISH.language_name("es") == "español"
    assert SPANISH.language_name("en") == "inglés"
    assert NAMES.language_name("es") == "Spanish"
    assert NAMES.language_name("xx-nonsense") == "xx-nonsense"
