"""The rules of the maps: calls placed by their lawmaker's state, rates per 100,000 residents
of the 2020 Census, the places the alt text names, and the stance map's tiles."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.civic.geo import REPRESENTED
from bot.civic.models import Committee, CommitteeMember
from bot.civic.residents import residents
from bot.core.maps import (
    CALLS,
    PER_100K,
    call_map,
    call_map_alt,
    calls_by_place,
    stance_alt,
    stance_tiles,
)
from bot.domain.errors import NotFound
from bot.domain.text import t
from bot.i18n.translator import Translators

WORDS = Translators()


def test_residents_are_the_2020_census_for_every_place() -> None:
    """One count per state, DC and territory; the 50 states and DC add up to the Census's
    331,449,281 residents."""
    found = residents()
    assert set(found) == REPRESENTED
    assert sum(n for place, n in found.items() if place not in {"PR", "GU", "VI", "AS", "MP"}) == (
        331_449_281
    )
    assert (found["CA"], found["WY"], found["PR"], found["MP"]) == (
        39_538_223,
        576_851,
        3_285_874,
        47_329,
    )


def test_calls_are_placed_by_the_seat_of_the_lawmaker_called() -> None:
    calls = calls_by_place({"VT": 3, "VT-AL": 2, "CA-14": 1, "PR-AL": 4, "ZZ": 9})
    assert len(calls) == 56 and calls["VT"] == 5 and calls["CA"] == 1 and calls["PR"] == 4
    assert sum(calls.values()) == 10  # a seat of no state is on no tile


def test_per_100k_puts_a_small_state_ahead_and_calls_do_not() -> None:
    seats = {"VT": 3, "CA": 30}
    rates = call_map(seats, residents(), PER_100K, total=34)
    assert rates.value("VT") == pytest.approx(3 * 100_000 / 643_077)
    assert rates.top() == ["VT", "CA"] and rates.unplaced == 1
    assert call_map(seats, residents(), CALLS, total=33).top() == ["CA", "VT"]


def test_alt_text_names_the_top_states_with_their_values() -> None:
    seats = {state: n for n, state in enumerate(["WY", "VT", "DC", "AK", "ND", "SD"], 1)}
    found = call_map(seats, residents(), CALLS, total=21)
    alt = WORDS("en").render(call_map_alt(found, "IRS", t("all time")))
    assert alt == (
        "Tile map of the 50 states, DC and 5 territories for IRS, all time, shaded by the "
        "number of calls: 6 places had calls; the most: SD 6, ND 5, AK 4, DC 3, VT 2."
    )
    spanish = WORDS("es").render(
        call_map_alt(call_map({"CA": 1234}, residents(), CALLS, 1234), "x", "y")
    )
    assert "CA 1234" in spanish or "CA 1.234" in spanish
    empty = call_map({}, residents(), PER_100K, total=0)
    assert WORDS("en").render(call_map_alt(empty, "IRS", "today")).endswith(": no calls.")


def committee(*bioguides: str) -> Committee:
    members = tuple(
        CommitteeMember(b, f"First {b.title()}", "Democrat", "majority", i, None)
        for i, b in enumerate(bioguides)
    )
    return Committee(
        "HSWM", "Committee on Ways and Means", "house", None, None, None, None, members, ()
    )


class Directory:
    def member(self, bioguide: str) -> object:
        if bioguide == "GONE":
            raise NotFound(t("No sitting member of Congress has the id {id}.", id=bioguide))
        return SimpleNamespace(last=f"Last{bioguide}", party_letter="R", seat_label="MO-8")


def test_stance_tiles_keep_the_committee_order_and_default_to_unknown() -> None:
    found = stance_tiles(
        committee("A1", "B2", "GONE"), {"B2": "supports", "A1": "maybe"}, Directory()
    )
    assert [(x.name, x.seat, x.stance) for x in found] == [
        ("LastA1", "R-MO-8", "unknown"),  # a word that is no stance is unknown
        ("LastB2", "R-MO-8", "supports"),
        ("Gone", "D", "unknown"),  # on the committee, not in the members' data
    ]
    alt = WORDS("en").render(stance_alt(committee("A1", "B2", "GONE"), found, "IRS"))
    assert "Supporting: 1; opposing: 0; undecided: 0; unknown: 2." in alt
    assert "undecided:" in alt and "Still undecided" not in alt
