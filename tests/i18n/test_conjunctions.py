"""Spanish "y" and "o" become "e" and "u" before the sounds /i/ and /o/ (issue 18)."""

from __future__ import annotations

import pytest

from bot.domain.text import t
from bot.i18n.conjunctions import before_value, fill, spanish
from bot.i18n.translator import Translators


@pytest.mark.parametrize(
    ("conjunction", "value", "said"),
    [
        ("y", "Welch", "y"),
        ("y", "Isabel", "e"),
        ("y", "Illinois", "e"),
        ("y", "íntegro", "e"),
        ("y", "hijos", "e"),
        ("y", "Hidalgo", "e"),
        ("y", "hielo", "y"),  # hi + vowel glides: /j/, not /i/
        ("y", "hierba", "y"),
        ("y", "yeso", "y"),
        ("y", "", "y"),
        ("Y", "Isabel", "E"),
        ("o", "ocho", "u"),
        ("o", "Oregón", "u"),
        ("o", "hombres", "u"),
        ("o", "Ohio", "u"),
        ("o", "ahora", "o"),
        ("o", "siete", "o"),
        ("o", "8", "u"),
        ("o", "80 personas", "u"),
        ("o", "8,5", "u"),
        ("o", "11", "u"),  # once
        ("o", "11.000", "u"),  # once mil
        ("o", "110", "o"),  # ciento diez
        ("o", "1.100", "o"),  # mil cien
        ("o", "18", "o"),  # dieciocho
        ("y", "8", "y"),
        ("de", "Isabel", "de"),
    ],
)
def test_the_spanish_rule(conjunction: str, value: str, said: str) -> None:
    assert spanish(conjunction, value) == said


def test_only_a_conjunction_right_before_the_value_changes() -> None:
    assert before_value("es", "Sanders y ", "Isabel") == "Sanders e "
    assert before_value("es", ", soy ", "Isabel") == ", soy "  # 'soy' ends in y: not a word y
    assert before_value("es", "y ", "Isabel") == "e "
    assert before_value("en", " and ", "Isabel") == " and "  # English has no such rule


def test_a_message_fills_its_values_as_format_does() -> None:
    message = "{first} y {second}, {n:>3} o {m!r}"
    values = {"first": "Ana", "second": "Isabel", "n": 7, "m": "ocho"}
    assert fill("es", message, values) == "Ana e Isabel,   7 u 'ocho'"
    assert fill("en", message, values) == message.format(**values)
    assert fill("es", "{{y}} y {a}", {"a": "Iowa"}) == "{y} e Iowa"
    assert fill("es", "«{a}» o «{b}»", {"a": "siete", "b": "ocho"}) == "«siete» u «ocho»"


def test_spanish_lists_use_the_rule_where_they_are_joined() -> None:
    """The catalog's joins ('{first} y {second}', '{items} y {last}', '{choices} o {last}')
    are rendered with the rule; English and other values are untouched."""
    es, en = Translators()("es"), Translators()("en")
    assert es.render(t("{first} and {second}", first="Sanders", second="Welch")) == (
        "Sanders y Welch"
    )
    assert es.render(t("{first} and {second}", first="Ana", second="Isabel")) == "Ana e Isabel"
    assert es.render(t("{items} and {last}", items="Nebraska, Kansas", last="Iowa")) == (
        "Nebraska, Kansas e Iowa"
    )
    assert es.render(t("{choices} or {last}", choices="siete", last="ocho")) == "siete u ocho"
    assert es.render(t("{first} or {second}", first="Texas", second="Oklahoma")) == (
        "Texas u Oklahoma"
    )
    assert en.render(t("{first} and {second}", first="Ana", second="Isabel")) == "Ana and Isabel"
