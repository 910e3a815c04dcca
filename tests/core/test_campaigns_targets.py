"""Campaign targets: the words organizers type, and whom they resolve to."""

from __future__ import annotations

import pytest

from bot.civic.directory import Directory
from bot.core.targets import Seats, describe_target, resolve_targets
from bot.domain.errors import InvalidInput
from bot.domain.targets import MAX_TARGETS, Target, TargetKind, format_targets, parse_targets
from bot.services import Services


@pytest.fixture
def directory(full_services: Services) -> Directory:
    return full_services.directory.current()


def test_words_parse_into_targets() -> None:
    """Kinds, ids (upper-cased) and the optional mark are read; commas or spaces separate."""
    assert parse_targets("mine, leaders:hswm?  member:s000033") == (
        Target(TargetKind.MINE),
        Target(TargetKind.LEADERS, "HSWM", optional=True),
        Target(TargetKind.MEMBER, "S000033"),
    )


def test_format_is_the_inverse_of_parse() -> None:
    """Targets are stored as their words and read back the same."""
    targets = parse_targets("senate house? committee:SSFI leaders:HSWM?")
    assert parse_targets(format_targets(targets)) == targets


def test_repeated_targets_count_once() -> None:
    """Writing a target twice keeps one."""
    assert parse_targets("mine mine MINE") == (Target(TargetKind.MINE),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Name at least one target"),
        ("friends", "'friends' is not a target"),
        ("mine:VT", "mine takes no id"),
        ("leaders", "leaders needs an id, like leaders:HSWM"),
        ("committee:", "committee needs an id"),
        ("member:", "needs an id, like member:S000033"),
        ("leaders:a/b", "needs an id"),
    ],
)
def test_bad_words_are_named(text: str, expected: str) -> None:
    """Each mistake says which word and what would work."""
    with pytest.raises(InvalidInput, match=expected):
        parse_targets(text)


def test_too_many_targets() -> None:
    """A campaign has at most ten targets."""
    words = " ".join(f"member:S00000{i}" for i in range(MAX_TARGETS + 1))
    with pytest.raises(InvalidInput, match="at most 10 targets"):
        parse_targets(words)


def test_descriptions_name_committees(directory: Directory) -> None:
    """Organizers read targets in words."""
    leaders, member = parse_targets("leaders:HSWM? member:S000033")
    assert str(describe_target(leaders, directory)) == (
        "the chair and ranking member of House Committee on Ways and Means (HSWM) (optional)"
    )
    assert str(describe_target(member, directory)) == "Sen. Bernard Sanders (I-VT)"
    assert str(describe_target(member, None)) == "S000033"


def vermont(directory: Directory) -> Seats:
    result = directory.lookup_zip("05401")
    return Seats(
        states=("VT",),
        senators=result.senators,
        vacant_senate_seats=0,
        house=result.representatives,
        vacant_house=(),
    )


def test_mine_is_senators_and_representative(directory: Directory) -> None:
    """'mine' gives both senators and the House member, each with why."""
    resolved = resolve_targets(parse_targets("mine"), directory, vermont(directory))
    assert [(c.lawmaker.last, str(c.reason), c.local) for c in resolved.calls] == [
        ("Sanders", "your senator", True),
        ("Welch", "your senator", True),
        ("Balint", "your representative", True),
    ]
    assert resolved.notes == ()


def test_one_chamber_only(directory: Directory) -> None:
    """'house' and 'senate' keep one chamber."""
    seats = vermont(directory)
    assert [
        c.lawmaker.last for c in resolve_targets(parse_targets("house"), directory, seats).calls
    ] == ["Balint"]
    assert len(resolve_targets(parse_targets("senate"), directory, seats).calls) == 2


def test_leaders_are_chair_and_ranking_member(directory: Directory) -> None:
    """leaders:SSFI gives the Finance chair and ranking member, marked optional if asked."""
    calls = resolve_targets(parse_targets("leaders:SSFI?"), directory, None).calls
    assert [(c.lawmaker.last, c.optional, c.local) for c in calls] == [
        ("Crapo", True, False),
        ("Wyden", True, False),
    ]
    assert str(calls[0].reason) == "Chairman of the Senate Committee on Finance"


def test_a_lawmaker_is_called_once_for_the_first_reason(directory: Directory) -> None:
    """An Oregon caller's senator who also leads Finance appears once, as their senator."""
    result = directory.lookup_zip("97201")
    seats = Seats(("OR",), result.senators, 0, result.representatives, ())
    calls = resolve_targets(parse_targets("leaders:SSFI? mine"), directory, seats).calls
    wyden = [c for c in calls if c.lawmaker.last == "Wyden"]
    assert len(wyden) == 1 and str(wyden[0].reason) == "your senator" and not wyden[0].optional
    assert [c.optional for c in calls] == [False, False, False, True]


def test_whole_committee(directory: Directory) -> None:
    """committee:SSFI lists every sitting member of Senate Finance."""
    calls = resolve_targets(parse_targets("committee:SSFI"), directory, None).calls
    assert len(calls) == len(directory.committee("SSFI").members)
    assert all(c.lawmaker.chamber == "sen" for c in calls)


def test_targets_that_do_not_resolve_say_why(directory: Directory) -> None:
    """A committee gone from the data, a former member, or no saved ZIP give notes."""
    resolved = resolve_targets(parse_targets("mine committee:HSZZ member:X000001"), directory, None)
    assert resolved.calls == ()
    assert tuple(map(str, resolved.notes)) == (
        "Save your ZIP code with /setzip to see your own lawmakers.",
        "Committee HSZZ is not in the current lawmaker data, so was skipped.",
        "Lawmaker X000001 is no longer in office, so was left out.",
    )


def test_places_without_senators_and_vacant_seats(directory: Directory) -> None:
    """DC has no senators; a vacant House seat is named."""
    dc = Seats(("DC",), (), 0, directory.lookup_zip("20001").representatives, ())
    resolved = resolve_targets(parse_targets("mine"), directory, dc)
    assert [c.lawmaker.last for c in resolved.calls] == ["Norton"]
    assert tuple(map(str, resolved.notes)) == ("The District of Columbia has no senators.",)
    vacant = Seats(("CA",), directory.lookup_zip("94541").senators, 0, (), ("CA-14",))
    notes = resolve_targets(parse_targets("house"), directory, vacant).notes
    assert tuple(map(str, notes)) == (
        "The House seat CA-14 is vacant right now; there is no one to call.",
    )


def test_split_zip_lists_every_candidate(directory: Directory) -> None:
    """Several candidate districts: each House member 'may be' yours, with a note to pick."""
    result = directory.lookup_zip("02134")
    seats = Seats(("MA",), result.senators, 0, result.representatives, (), ("MA-7", "MA-8"))
    resolved = resolve_targets(parse_targets("house"), directory, seats)
    assert [str(c.reason) for c in resolved.calls] == ["may be your representative"] * 2
    assert "touches 2 House districts (MA-7, MA-8)" in str(resolved.notes[0])
    assert "/setzip" in str(resolved.notes[0])


def test_cross_state_zip_senators_are_candidates(directory: Directory) -> None:
    """A ZIP across a state line lists both states' senators as 'may be your senator'."""
    result = directory.lookup_zip("02861")
    labels = tuple(s.label for s in result.house)
    seats = Seats(result.states, result.senators, 0, result.representatives, (), labels)
    calls = resolve_targets(parse_targets("senate"), directory, seats).calls
    assert {c.lawmaker.state for c in calls} == {"RI", "MA"}
    assert {str(c.reason) for c in calls} == {"may be your senator"}
