"""Targets by stance: undecided:HSWM is the members of a committee whose stance on the
campaign is undecided; the words parse, resolve, and the console's scripts follow /stance set."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.civic.directory import Directory
from bot.core.targets import describe_target, resolve_targets
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.domain.targets import Target, TargetKind, parse_targets
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript


@pytest.fixture
def directory(full_services: Services) -> Directory:
    return full_services.directory.current()


def test_undecided_words_parse() -> None:
    """undecided:hswm is read as the committee's undecided members; optional too."""
    assert parse_targets("mine undecided:hswm?") == (
        Target(TargetKind.MINE),
        Target(TargetKind.UNDECIDED, "HSWM", optional=True),
    )
    with pytest.raises(InvalidInput) as caught:
        parse_targets("undecided")
    assert "undecided needs an id, like undecided:HSWM" in caught.value.message


def test_undecided_resolves_to_the_undecided_members_only(directory: Directory) -> None:
    """Only the committee's members in ``undecided`` are called; none left: a note says so."""
    members = [m.bioguide for m in directory.committee("HSWM").members][:2]
    target = (Target(TargetKind.UNDECIDED, "HSWM"),)
    found = resolve_targets(target, directory, None, undecided=frozenset(members))
    assert {c.lawmaker.bioguide for c in found.calls} == set(members)
    assert "undecided" in str(found.calls[0].reason)
    nobody = resolve_targets(target, directory, None, undecided=frozenset())
    assert nobody.calls == ()
    assert any("is undecided right now" in str(note) for note in nobody.notes)
    assert "the undecided members of" in str(describe_target(target[0], directory))


async def test_a_script_calls_whoever_organizers_marked_undecided(
    full_console: ConsoleHost, full_services: Services, transcript: Transcript, clock: ManualClock
) -> None:
    """/campaign targets ... undecided:HSWM, then /stance set: the script follows."""
    clock.set(datetime(2026, 1, 6, 15, 30, tzinfo=UTC))
    smith = full_services.directory.current().committee("HSWM").chair
    assert smith is not None
    for line in (
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/campaign targets irs-data-privacy undecided:HSWM",
        f"/stance set {smith.bioguide} undecided",
        "/script irs-data-privacy",
    ):
        assert await full_console.handle(line)
    text = transcript.text
    assert "the undecided members of" in text
    assert "Chair of the House Committee on Ways and Means (undecided):" in text
    assert "[Rep. Smith: Made contact]" in text  # the only call: no other member is undecided
    assert text.count(": Made contact]") == 1
    transcript.clear()
    assert await full_console.handle(f"/stance set {smith.bioguide} supports")
    assert await full_console.handle("/script irs-data-privacy")
    assert "is undecided right now" in transcript.text
