"""Directory lookups over the small fake mirror written by conftest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.civic import Directory
from bot.domain.errors import InvalidInput, InvalidZip, NotFound

SWITCHBOARD = "(202) 224-3121"


def names(members) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.name for m in members]


def test_state_with_two_senators_and_an_at_large_member(directory: Directory) -> None:
    result = directory.lookup_zip("05401")
    assert result.city == "Burlington" and result.state == "VT"
    assert result.timezone == "America/New_York"
    assert names(result.senators) == ["Bernard Sanders", "Peter Welch"]  # senior first
    assert [s.label for s in result.house] == ["VT-AL"]
    assert names(result.representatives) == ["Becca Balint"]
    assert not result.split and result.house_complete and not result.cross_state
    assert result.place == "Burlington, VT"


def test_dc_has_a_delegate_and_no_senators(directory: Directory) -> None:
    result = directory.lookup_zip("20001")
    assert result.senate == ()
    (seat,) = result.house
    assert seat.member is not None and seat.member.name == "Eleanor Holmes Norton"
    assert seat.member.role == "Delegate" and seat.member.title == "Del."


def test_usps_zip_with_no_zip_area_still_resolves(directory: Directory) -> None:
    white_house = directory.lookup_zip("20500")  # not in zccd.csv
    assert white_house.city == "Washington" and white_house.senate == ()
    assert names(white_house.representatives) == ["Eleanor Holmes Norton"]
    po_box = directory.lookup_zip("05402")  # Vermont has one district: still known
    assert names(po_box.representatives) == ["Becca Balint"] and not po_box.split


def test_po_box_in_a_state_with_many_districts(directory: Directory) -> None:
    result = directory.lookup_zip("90009")
    assert names(result.senators) == ["Alex Padilla", "Adam Schiff"]
    assert result.house == () and not result.house_complete and result.split


def test_puerto_rico_resident_commissioner(directory: Directory) -> None:
    result = directory.lookup_zip("00601")
    assert result.senate == ()
    (member,) = result.representatives
    assert member.role == "Resident Commissioner" and member.label.endswith("(D-PR-AL)")


def test_split_zip_lists_every_candidate(directory: Directory) -> None:
    result = directory.lookup_zip("95501")
    assert result.split and not result.cross_state
    assert [s.label for s in result.house] == ["CA-1", "CA-2"]
    assert names(result.representatives) == ["James Gallagher", "Jared Huffman"]


def test_cross_state_zip(directory: Directory) -> None:
    result = directory.lookup_zip("03755")
    assert result.state == "NH" and result.states == ("NH", "VT")
    assert result.cross_state and result.split
    assert [s.label for s in result.house] == ["NH-2", "VT-AL"]
    senate = [(s.state, s.member.name if s.member else None) for s in result.senate]
    assert senate == [
        ("NH", "Jeanne Shaheen"),
        ("NH", None),  # a vacant Senate seat is shown as vacant
        ("VT", "Bernard Sanders"),
        ("VT", "Peter Welch"),
    ]


def test_vacant_district_is_shown_as_vacant(directory: Directory) -> None:
    result = directory.lookup_zip("94536")
    (seat,) = result.house
    assert seat.vacant and seat.member is None and seat.label == "CA-14"
    assert result.representatives == ()
    assert directory.members_for_district("CA", 14) == ()
    vacant = {s.label for s in directory.vacancies()}
    assert {"CA-14", "NH"} <= vacant


def test_member_without_phone_gets_the_switchboard(directory: Directory) -> None:
    member = directory.member("G000600")
    assert member.phone == SWITCHBOARD and member.phone_is_switchboard
    assert member.contact_form == "https://gallagher.house.gov/contact"
    assert directory.member("S000033").phone == "(202) 224-5141"


def test_bad_and_unknown_zips(directory: Directory) -> None:
    with pytest.raises(NotFound, match="could not find ZIP code 99999"):
        directory.lookup_zip("99999")
    with pytest.raises(InvalidZip):
        directory.lookup_zip("abc")
    with pytest.raises(NotFound, match="military"):
        directory.lookup_zip("09001")
    with pytest.raises(NotFound, match="Micronesia, which has no seat in Congress"):
        directory.lookup_zip("96941")
    assert directory.lookup_zip(" 05401 ").zip5 == "05401"


def test_zip_with_unknown_time_zone_and_no_seat_data(directory: Directory) -> None:
    result = directory.lookup_zip("99950")
    assert result.timezone is None and directory.coordinates("99950") is None
    assert all(s.vacant for s in result.senate) and not result.house_complete


def test_nearest_office_by_distance_and_by_city(directory: Directory) -> None:
    near = directory.nearest_office("B001318", "05401")
    assert near is not None and near.office.city == "Burlington" and near.miles is not None
    assert near.miles < 5
    by_city = directory.nearest_office("G000600", "95501")  # offices without coordinates
    assert by_city is not None and by_city.office.city == "Eureka" and by_city.miles is None
    assert directory.nearest_office("G000600", "96001") is None  # Redding: no office there
    assert directory.nearest_office("W000800", "05401") is None  # no district offices listed
    with pytest.raises(NotFound):
        directory.nearest_office("Z999999", "05401")


def test_find_by_name_is_case_and_accent_insensitive(directory: Directory) -> None:
    assert names(directory.find_by_name("hernandez")) == ["Pablo José Hernández"]
    assert names(directory.find_by_name("PABLO JOSÉ")) == ["Pablo José Hernández"]
    assert names(directory.find_by_name("bernie")) == ["Bernard Sanders"]
    assert names(directory.find_by_name("sanders bern")) == ["Bernard Sanders"]
    assert names(directory.find_by_name("eleanor norton")) == ["Eleanor Holmes Norton"]


def test_find_by_name_errors(directory: Directory) -> None:
    with pytest.raises(NotFound, match="No sitting member"):
        directory.find_by_name("zzzz")
    with pytest.raises(InvalidInput, match="at least two letters"):
        directory.find_by_name(" .")
    with pytest.raises(InvalidInput, match="lawmakers match"):
        directory.find_by_name("er", max_results=3)
    with pytest.raises(InvalidInput, match="please type more"):
        directory.find_by_name("an", max_results=1)


def test_names_matching_for_autocomplete(directory: Directory) -> None:
    found = names(directory.names_matching("s", limit=3))
    assert len(found) == 3
    assert found[0] in {"Bernard Sanders", "Adam Schiff", "Jeanne Shaheen"}
    assert directory.names_matching("") == []
    assert names(directory.names_matching("jar")) == ["Jared Huffman"]


def test_committee_by_code_and_name(directory: Directory) -> None:
    wm = directory.committee("hswm")
    assert wm.name == "House Committee on Ways and Means" and wm.chamber == "house"
    assert wm.chair is not None and wm.chair.name == "Jared Huffman"
    assert wm.ranking_member is not None and wm.ranking_member.party == "Democrat"
    assert wm.subcommittees == ("HSWM02",)
    assert directory.committee("ways and means") is wm
    assert directory.committee("finance").thomas_id == "SSFI"  # not "Financial Services"
    assert directory.committee("Senate Finance").thomas_id == "SSFI"
    assert directory.committee("house agri").thomas_id == "HSAG"
    health = directory.committee("HSWM02")
    assert health.full_name == "House Committee on Ways and Means: Health"
    assert directory.committee("health") is health


def test_committee_errors(directory: Directory) -> None:
    with pytest.raises(InvalidInput, match="Several committees match"):
        directory.committee("agriculture")
    with pytest.raises(NotFound, match="No current committee"):
        directory.committee("astronomy")
    with pytest.raises(InvalidInput):
        directory.committee("  ")


def test_committees_matching_and_member_seats(directory: Directory) -> None:
    assert [c.thomas_id for c in directory.committees_matching("hs")][:2] == ["HSAG", "HSBA"]
    assert [c.thomas_id for c in directory.committees_matching("agri")] == ["HSAG", "SSAF"]
    assert [c.thomas_id for c in directory.committees_matching("senate fin")] == ["SSFI"]
    seats = directory.committees_of("P000614")
    assert [(c.thomas_id, cm.rank) for c, cm in seats] == [("HSWM", 2), ("HSWM02", 1)]


def test_seats_by_state_and_district(directory: Directory) -> None:
    assert names(directory.senators("vt")) == ["Bernard Sanders", "Peter Welch"]
    assert directory.senators("DC") == ()
    assert names(directory.members_for_district("VT", 0)) == ["Becca Balint"]
    with pytest.raises(NotFound, match="Vermont has no congressional district 3"):
        directory.members_for_district("VT", 3)
    with pytest.raises(InvalidInput, match="XX is not a US state"):
        directory.senators("XX")


def test_member_lookup(directory: Directory) -> None:
    sanders = directory.member("s000033")
    assert sanders.label == "Sen. Bernard Sanders (I-VT)" and sanders.senate_class == 1
    assert sanders.offices[0].address == "1 Church St., 3rd Floor"
    with pytest.raises(NotFound, match="No sitting member of Congress has the id"):
        directory.member("nobody")
    assert len(directory.members()) == 12


def test_freshness(directory: Directory) -> None:
    fresh = directory.freshness
    assert {s.name for s in fresh.sources} >= {"zccd.csv", "legislators-current.json"}
    assert all(s.last_modified for s in fresh.sources if s.name.endswith((".json", ".csv")))
    built = fresh.built_at
    assert not directory.is_stale(30, built + timedelta(days=29))
    assert directory.is_stale(30, built + timedelta(days=31))
    assert abs(built - datetime.now(UTC)) < timedelta(minutes=5)
