"""The rules of stances: the words organizers type, and when tags suggest a stance."""

from __future__ import annotations

import pytest

from bot.core.stance_rules import MIN_CALLERS, parse_stance, split_stance, suggest
from bot.domain.errors import InvalidInput
from bot.domain.stance_models import Stance, TagCounts


@pytest.mark.parametrize(
    ("typed", "stance"),
    [
        ("supports", Stance.SUPPORTS),
        ("Opposes", Stance.OPPOSES),
        (" UNDECIDED ", Stance.UNDECIDED),
        ("unknown", Stance.UNKNOWN),
        ("a favor", Stance.SUPPORTS),
        ("En  Contra", Stance.OPPOSES),
        ("indeciso", Stance.UNDECIDED),
        ("Indecisa", Stance.UNDECIDED),
    ],
)
def test_stance_words_in_english_and_spanish(typed: str, stance: Stance) -> None:
    """English words and the Spanish ones ('a favor', 'en contra', 'indeciso') are stances."""
    assert parse_stance(typed) is stance


def test_a_word_that_is_no_stance_is_named() -> None:
    """A wrong word is refused in one line that quotes it and lists the words."""
    with pytest.raises(InvalidInput) as caught:
        parse_stance("maybe")
    assert "'maybe' is not a stance" in caught.value.message
    assert "\n" not in caught.value.message


def test_a_two_word_stance_split_from_its_note() -> None:
    """'/stance set X a favor staffer said yes': 'a' then 'favor staffer said yes'."""
    assert split_stance("a", "favor staffer said yes") == (Stance.SUPPORTS, "staffer said yes")
    assert split_stance("en", "contra") == (Stance.OPPOSES, "")
    assert split_stance("undecided", " per the DC office ") == (
        Stance.UNDECIDED,
        "per the DC office",
    )
    with pytest.raises(InvalidInput):
        split_stance("a", "lot of calls")


def test_three_agreeing_callers_suggest_a_new_stance() -> None:
    """MIN_CALLERS callers hearing one stance, a clear majority, suggest it."""
    found = suggest(Stance.UNKNOWN, TagCounts(undecided=MIN_CALLERS, supports=1))
    assert found is not None
    assert (found.stance, found.callers) == (Stance.UNDECIDED, MIN_CALLERS)


def test_no_suggestion_without_enough_callers_or_a_clear_majority() -> None:
    """Two callers are not enough; 3 against 2 is no clear majority; a tie suggests nothing."""
    assert suggest(Stance.UNKNOWN, TagCounts(undecided=2)) is None
    assert suggest(Stance.UNKNOWN, TagCounts(undecided=3, supports=2)) is None
    assert suggest(Stance.UNKNOWN, TagCounts(undecided=3, opposes=3)) is None


def test_no_suggestion_of_the_current_stance() -> None:
    """Tags agreeing with the stance already set suggest nothing."""
    assert suggest(Stance.UNDECIDED, TagCounts(undecided=5)) is None
    found = suggest(Stance.UNDECIDED, TagCounts(supports=4))
    assert found is not None and found.stance is Stance.SUPPORTS


def test_no_answer_tags_neither_suggest_nor_dilute() -> None:
    """'no answer on it' is left out: 3 opposes with 10 no-answer still suggest opposes."""
    found = suggest(Stance.SUPPORTS, TagCounts(opposes=3, no_answer=10))
    assert found is not None and found.stance is Stance.OPPOSES
    assert suggest(Stance.UNKNOWN, TagCounts(no_answer=9)) is None
