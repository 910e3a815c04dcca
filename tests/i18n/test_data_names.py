"""Names from the lawmaker data in the reader's language: every committee and subcommittee of
the mirror has Spanish words (keyed by its id), an id the words lack (new upstream data) is
shown in English, and states and territories are named in Spanish where Spanish differs."""

from __future__ import annotations

import json
from pathlib import Path

from bot.civic.geo import STATES, TERRITORIES, place_name, place_text
from bot.civic.models import COMMITTEE_NAMES, Committee, CommitteeName
from bot.i18n.translator import Translators, read_names
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

WORDS = Translators()


def _committee(
    thomas_id: str, name: str, parent: str | None = None, parent_name: str | None = None
) -> Committee:
    return Committee(thomas_id, name, "senate", parent, parent_name, None, None, (), ())


def test_every_committee_of_the_data_has_spanish_words(mirror: Path) -> None:
    """Each committee and subcommittee id of committees-current.json (a subcommittee's id is
    its committee's and its own, as the index builds it) has a Spanish name, not the English."""
    data = json.loads((mirror / "committees-current.json").read_text(encoding="utf-8"))
    english = {c["thomas_id"]: c["name"] for c in data}
    english |= {
        c["thomas_id"] + s["thomas_id"]: s["name"]
        for c in data
        for s in c.get("subcommittees") or []
    }
    names = read_names("es", COMMITTEE_NAMES)
    missing = sorted(f"{key} ({name})" for key, name in english.items() if not names.get(key))
    assert missing == [], f"no Spanish name in committees.po: {missing}"
    same = sorted(key for key, name in english.items() if names[key] == name)
    assert same == [], f"the Spanish name is the English one: {same}"
    assert len(english) > 200


def test_a_committee_is_named_in_the_reader_s_language() -> None:
    finance = _committee("SSFI", "Senate Committee on Finance")
    taxes = _committee("SSFI11", "Taxation and IRS Oversight", "SSFI", finance.name)
    es, en = WORDS("es"), WORDS("en")
    assert CommitteeName(finance).in_words(es) == "Comité de Finanzas del Senado"
    assert CommitteeName(taxes).in_words(es) == (
        "Comité de Finanzas del Senado: Impuestos y Supervisión del IRS"
    )
    assert CommitteeName(taxes, full=False).in_words(es) == "Impuestos y Supervisión del IRS"
    assert CommitteeName(taxes).in_words(en) == (
        "Senate Committee on Finance: Taxation and IRS Oversight"
    )
    assert str(CommitteeName(taxes)) == taxes.full_name
    ways = _committee("HSWM", "House Committee on Ways and Means")
    assert "Medios y Arbitrios" in CommitteeName(ways).in_words(es)


def test_a_committee_new_upstream_falls_back_to_its_english_name() -> None:
    new = _committee("SSZZ", "Senate Committee on Something New")
    sub = _committee("SSZZ01", "A New Subcommittee", "SSZZ", new.name)
    assert CommitteeName(new).in_words(WORDS("es")) == "Senate Committee on Something New"
    assert CommitteeName(sub).in_words(WORDS("es")) == (
        "Senate Committee on Something New: A New Subcommittee"
    )


def test_states_and_territories_in_spanish_where_spanish_differs() -> None:
    es = WORDS("es")
    said = {code: es.render(place_text(code)) for code in (*STATES, *TERRITORIES)}
    assert said["NY"] == "Nueva York" and said["NM"] == "Nuevo México"
    assert said["NC"] == "Carolina del Norte" and said["SD"] == "Dakota del Sur"
    assert said["WV"] == "Virginia Occidental" and said["LA"] == "Luisiana"
    assert said["MO"] == "Misuri" and said["MS"] == "Misisipi"
    assert said["PA"] == "Pensilvania" and said["HI"] == "Hawái"
    assert said["DC"] == "el Distrito de Columbia"
    assert said["VI"] == "las Islas Vírgenes de los EE. UU."
    assert said["AS"] == "Samoa Americana" and said["MP"] == "las Islas Marianas del Norte"
    assert said["VT"] == "Vermont" and said["PR"] == "Puerto Rico"  # the same in both
    assert all(WORDS("en").render(place_text(code)) == place_name(code) for code in said)


async def test_a_spanish_member_reads_committees_in_spanish(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """/committee and /lawmaker name committees in Spanish; the English names are gone."""
    for line in ("/as ana", "/language es", "/committee SSFI", "/lawmaker Wyden"):
        assert await full_console.handle(line)
    said = transcript.text
    assert "Comité de Finanzas del Senado (SSFI)" in said
    assert "• Comité de Finanzas del Senado" in said  # among Wyden's committees
    assert "Senate Committee on" not in said and "Joint Committee" not in said


async def test_a_spanish_member_finds_a_committee_by_its_spanish_name(
    full_console: ConsoleHost, full_services: Services, transcript: Transcript
) -> None:
    """/committee takes the Spanish name as well as the data's English (and the code)."""
    for line in ("/as ana", "/language es", "/committee medios y arbitrios"):
        assert await full_console.handle(line)
    assert "Comité de Medios y Arbitrios de la Cámara de Representantes (HSWM)" in transcript.text
    transcript.clear()
    assert await full_console.handle("/committee finanzas del senado")
    assert "Comité de Finanzas del Senado (SSFI)" in transcript.text
    directory = full_services.lawmakers.directory
    found = directory.committees_matching("arbitrios", words=WORDS("es"))
    assert found and found[0].thomas_id == "HSWM"
    assert directory.committees_matching("arbitrios") == []  # English only: no such word
