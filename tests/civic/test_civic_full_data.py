"""The real data, from the offline mirror next to the repository (never skipped)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.civic import Directory
from bot.domain.errors import InvalidInput, NotFound


def test_full_sync_counts(full_report: Any) -> None:
    assert full_report.members >= 530 and full_report.senators == 100
    assert full_report.zctas > 33_000 and full_report.split_zctas > 7_000
    assert full_report.zip_codes > 40_000
    assert full_report.index_bytes < 5_000_000


def test_burlington_vermont(full: Directory) -> None:
    result = full.lookup_zip("05401")
    senators = {m.last for m in result.senators}
    assert senators == {"Sanders", "Welch"}
    (seat,) = result.house
    assert seat.label == "VT-AL" and seat.member is not None and seat.member.district == 0
    assert result.city == "Burlington" and result.timezone == "America/New_York"
    assert not result.split


def test_the_white_house(full: Directory) -> None:
    result = full.lookup_zip("20500")
    assert result.senate == () and result.state == "DC"
    (member,) = result.representatives
    assert member.last == "Norton" and member.role == "Delegate"


def test_a_split_zip_lists_its_candidates(full: Directory) -> None:
    result = full.lookup_zip("35005")
    assert result.split and [s.label for s in result.house] == ["AL-6", "AL-7"]
    assert len(result.representatives) == 2 and len(result.senators) == 2


def test_a_zip_crossing_a_state_line(full: Directory) -> None:
    result = full.lookup_zip("57717")
    assert result.cross_state and result.state == "SD"
    assert set(result.states) == {"SD", "MT", "WY"} and len(result.senators) == 6


def test_territories_have_delegates_only(full: Directory) -> None:
    for zip5, state in [("00601", "PR"), ("96799", "AS"), ("96910", "GU"), ("00802", "VI")]:
        result = full.lookup_zip(zip5)
        assert result.state == state and result.senate == ()
        assert [m.state for m in result.representatives] == [state]


def test_new_member_without_phone_and_vacant_seats(full: Directory) -> None:
    (ca1,) = full.members_for_district("CA", 1)
    assert ca1.phone == "(202) 224-3121" and ca1.phone_is_switchboard
    assert {s.label for s in full.vacancies()} == {"CA-14", "FL-20", "GA-13", "TX-23"}


def test_names_and_committees(full: Directory) -> None:
    assert [m.last for m in full.find_by_name("sanders")] == ["Sanders"]
    assert [m.name for m in full.find_by_name("hernandez")] == ["Pablo José Hernández"]
    with pytest.raises(InvalidInput, match="please type more of the name"):
        full.find_by_name("an")
    with pytest.raises(NotFound):
        full.find_by_name("qqqqq")
    ways = full.committee("HSWM")
    assert ways.name == "House Committee on Ways and Means" and ways.chair is not None
    assert full.committee("finance").thomas_id == "SSFI"
    assert full.committee("Senate Finance").thomas_id == "SSFI"
    assert full.committee("ways and means").thomas_id == "HSWM"
    assert any(m.title == "Ranking Member" for m in full.committee("SSFI").members)


def test_nearest_office(full: Directory) -> None:
    near = full.nearest_office("S000033", "05401")
    assert near is not None and near.office.city == "Burlington" and near.miles is not None


def test_unknown_zip(full: Directory) -> None:
    with pytest.raises(NotFound, match="could not find ZIP code"):
        full.lookup_zip("00002")
