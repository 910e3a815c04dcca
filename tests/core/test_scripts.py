"""Call-script templates: fill-ins, chamber and voicemail sections, mistakes with positions."""

from __future__ import annotations

import pytest

from bot.core.scripts import FILL_INS, ScriptError, ScriptTemplate, check_script
from bot.domain.errors import InvalidInput

VALUES = {
    "lawmaker_title": "Senator",
    "lawmaker_name": "Bernard Sanders",
    "lawmaker_last_name": "Sanders",
    "lawmaker": "Senator Sanders",
    "city": "Burlington",
    "state": "Vermont",
    "zip": "05401",
}
SCRIPT = """Hi, I'm {caller_name} from {city}, {state} {zip}.
[[senate]]
Senate line for {lawmaker}.
[[/senate]]
[[house]]
House line for {lawmaker}.
[[/house]]
Thank you.
[[voicemail]]
Please call me back, {lawmaker_title} {lawmaker_last_name}.
[[/voicemail]]
"""


def test_fill_ins_are_replaced() -> None:
    """Every fill-in takes its value."""
    text = ScriptTemplate.parse(SCRIPT).render(VALUES, "senate").text
    assert text.startswith("Hi, I'm [your name] from Burlington, Vermont 05401.")
    assert "Senate line for Senator Sanders." in text


def test_chamber_sections_show_only_for_their_chamber() -> None:
    """A [[house]] section shows for House calls only, [[senate]] for Senate calls only."""
    template = ScriptTemplate.parse(SCRIPT)
    senate = template.render(VALUES, "senate").text
    house = template.render(VALUES, "house").text
    neither = template.render(VALUES).text
    assert "Senate line" in senate and "House line" not in senate
    assert "House line" in house and "Senate line" not in house
    assert "line for" not in neither


def test_section_lines_leave_no_gaps() -> None:
    """A tag alone on its line takes the line with it, so paragraphs stay as written."""
    text = ScriptTemplate.parse(SCRIPT).render(VALUES, "house").text
    assert text.splitlines() == [
        "Hi, I'm [your name] from Burlington, Vermont 05401.",
        "House line for Senator Sanders.",
        "Thank you.",
    ]


def test_voicemail_is_separate() -> None:
    """The voicemail section is not part of the spoken script, and is returned on its own."""
    rendered = ScriptTemplate.parse(SCRIPT).render(VALUES, "senate")
    assert "call me back" not in rendered.text
    assert rendered.voicemail == "Please call me back, Senator Sanders."


def test_chamber_sections_inside_voicemail() -> None:
    """A chamber section inside the voicemail applies there too."""
    template = ScriptTemplate.parse(
        "Hi.[[voicemail]]Call [[house]]the Rep[[/house]] back[[/voicemail]]"
    )
    assert template.render(chamber="house").voicemail == "Call the Rep back"
    assert template.render(chamber="senate").voicemail == "Call back"


def test_missing_values_read_naturally() -> None:
    """No value: 'your city', 'your lawmaker'; an empty title leaves no double space."""
    text = (
        ScriptTemplate.parse(
            "I live in {city}, {state} ({zip}). I ask {lawmaker_title} {lawmaker_name} to act."
        )
        .render({"city": "  "})
        .text
    )
    assert text == "I live in your city, your state (your ZIP code). I ask your lawmaker to act."


def test_values_are_inserted_literally() -> None:
    """A value that looks like a fill-in is not expanded again."""
    text = ScriptTemplate.parse("From {city}.").render({"city": "{state}"}).text
    assert text == "From {state}."


def test_fill_ins_are_case_insensitive() -> None:
    """{City} works like {city}."""
    assert ScriptTemplate.parse("{City}").render({"city": "Reno"}).text == "Reno"


def test_double_braces_write_literal_braces() -> None:
    """{{ and }} are a literal brace."""
    assert ScriptTemplate.parse("{{city}} and {city}").render().text == "{city} and your city"


@pytest.mark.parametrize(
    ("source", "problem", "line", "column"),
    [
        ("Hello {ctiy}", "unknown fill-in {ctiy} (did you mean {city}?)", 1, 7),
        ("ok\n  {city", "'{' that is not closed", 2, 3),
        ("ok }", "'}' with no '{'", 1, 4),
        ("a {}", "empty fill-in", 1, 3),
        ("x\n[[house]]\nnever closed", "[[house]] section that is never closed", 2, 1),
        ("[[/senate]]", "[[/senate]] with no [[senate]]", 1, 1),
        ("[[house]]x[[/senate]]", "[[/senate]] where [[/house]] was expected", 1, 11),
        ("[[hose]]x[[/hose]]", "unknown section [[hose]] (did you mean [[house]]?)", 1, 1),
        ("[[senate]]a[[house]]b[[/house]][[/senate]]", "inside a [[senate]] section", 1, 12),
        ("[[voicemail]][[voicemail]]x", "inside another [[voicemail]]", 1, 14),
        ("see [[house", "'[[' that is not closed", 1, 5),
    ],
)
def test_mistakes_are_named_with_their_position(
    source: str, problem: str, line: int, column: int
) -> None:
    """Unknown or unbalanced fill-ins and sections are refused with line and column."""
    with pytest.raises(ScriptError) as info:
        ScriptTemplate.parse(source)
    assert problem in info.value.problem
    assert (info.value.line, info.value.column) == (line, column)
    assert f"at line {line}, column {column}" in info.value.message


def test_error_lists_the_fill_ins() -> None:
    """The error sentence tells the organizer what is allowed."""
    with pytest.raises(ScriptError) as info:
        ScriptTemplate.parse("{nope}")
    for name in FILL_INS:
        assert f"{{{name}}}" in info.value.message


def test_indented_section_tags_are_found() -> None:
    """A tag indented on its own line is still a whole-line tag."""
    template = ScriptTemplate.parse("A\n  [[house]]  \nB\n  [[/house]]\nC")
    assert template.render(chamber="senate").text == "A\nC"


def test_script_needs_something_to_say() -> None:
    """A script that is only a voicemail section is refused."""
    with pytest.raises(InvalidInput, match="nothing to say"):
        check_script("[[voicemail]]Call me[[/voicemail]]")


def test_script_of_only_chamber_sections_is_accepted() -> None:
    """Sections for both chambers are enough to say something."""
    check_script("[[house]]Rep[[/house]][[senate]]Sen[[/senate]]")
