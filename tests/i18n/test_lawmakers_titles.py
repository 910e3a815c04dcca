"""Lawmakers' titles in Spanish follow their gender (from the legislators data, kept in the
civic index), with a neutral form when it is unknown; English titles stay as they were."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.civic import index_file
from bot.civic.directory import Directory
from bot.core import lawmaker_titles
from bot.core.directory_changes import (
    confirm_line,
    confirm_line_text,
    confirm_note,
    confirm_note_text,
)
from bot.core.district_maps import MapChange, map_change, map_change_text
from bot.i18n.translator import Translators


@pytest.fixture(scope="module")
def directory(full_data_dir: Path) -> Directory:
    return Directory.load(index_file.index_path(full_data_dir))


WORDS = Translators()
ES, EN = WORDS("es"), WORDS("en")


@pytest.mark.parametrize(
    ("bioguide", "gender", "label", "named", "role"),
    [
        ("C000127", "F", "Senadora Maria Cantwell (D-WA)", "la senadora Cantwell", "senadora"),
        ("S000033", "M", "Senador Bernard Sanders (I-VT)", "el senador Sanders", "senador"),
        (
            "B001318",
            "F",
            "Representante Becca Balint (D-VT-AL)",
            "la representante Balint",
            "representante",
        ),
        (
            "L000562",
            "M",
            "Representante Stephen F. Lynch (D-MA-8)",
            "el representante Lynch",
            "representante",
        ),
        (
            "N000015",
            "M",
            "Representante Richard E. Neal (D-MA-1)",
            "el representante Neal",
            "representante",
        ),
        (
            "N000147",
            "F",
            "Delegada Eleanor Holmes Norton (D-DC-AL)",
            "la delegada Norton",
            "delegada",
        ),
        ("M001219", "M", "Delegado James C. Moylan (R-GU-AL)", "el delegado Moylan", "delegado"),
    ],
)
def test_spanish_titles_follow_the_members_gender(
    directory: Directory, bioguide: str, gender: str, label: str, named: str, role: str
) -> None:
    member = directory.member(bioguide)
    assert member.gender == gender  # the index keeps the legislators file's bio.gender
    assert lawmaker_titles.label(member, ES) == label
    assert lawmaker_titles.referred(member, ES) == named
    assert lawmaker_titles.role_name(member.role, member.gender, ES) == role
    # English is as it always was, whatever the gender.
    assert lawmaker_titles.label(member, EN) == member.label
    assert lawmaker_titles.referred(member, EN) == f"{member.role} {member.last}"
    assert lawmaker_titles.role_name(member.role, member.gender, EN) == member.role


def test_the_resident_commissioner(directory: Directory) -> None:
    (member,) = directory.members_for_district("PR", 0)
    assert member.role == "Resident Commissioner"
    said = lawmaker_titles.referred(member, ES)
    expected = {"M": "el comisionado residente", "F": "la comisionada residente"}
    assert said == f"{expected[member.gender or '']} {member.last}"
    woman = replace(member, gender="F")
    assert lawmaker_titles.named(woman.role, "F", "Ruiz", ES) == "la comisionada residente Ruiz"
    assert lawmaker_titles.label(member, EN) == member.label
    assert member.label.startswith("Res. Comm. ")


@pytest.mark.parametrize("bioguide", ["C000127", "S000033", "B001318", "N000147"])
def test_without_a_gender_the_spanish_is_neutral(directory: Directory, bioguide: str) -> None:
    member = replace(directory.member(bioguide), gender=None)
    label = lawmaker_titles.label(member, ES)
    named = lawmaker_titles.referred(member, ES)
    if member.chamber == "sen":
        assert label == f"Senado: {member.name} ({member.party_letter}-{member.state})"
        assert named == f"{member.last}, integrante del Senado"
        assert lawmaker_titles.role_name(member.role, None, ES) == "integrante del Senado"
    else:
        assert label.startswith(f"Cámara de Representantes: {member.name} (")
        assert named == f"{member.last}, integrante de la Cámara de Representantes"
    gendered = {"el", "senador", "senadora", "delegado", "delegada", "comisionado", "comisionada"}
    for said in (label, named):
        assert not said.lower().startswith(("el ", "la "))
        assert not gendered & set(said.lower().replace(":", " ").split())
    assert lawmaker_titles.label(member, EN) == member.label  # English unchanged


def test_an_index_built_before_genders_still_loads_with_neutral_titles(
    full_data_dir: Path, tmp_path: Path
) -> None:
    """A version 2 index (no gender column) loads as it is until the next sync rebuilds it:
    its members have no gender, so Spanish titles read neutral."""
    index = json.loads(index_file.index_path(full_data_dir).read_bytes())
    assert index["version"] == 3 and index["member_fields"][-1] == "gender"
    index["version"] = 2
    index["member_fields"] = index["member_fields"][:-1]
    index["members"] = [row[:-1] for row in index["members"]]
    path = tmp_path / "civic-index.json"
    path.write_bytes(index_file.encode(index))
    old = Directory.load(path)
    sanders = old.member("S000033")
    assert sanders.gender is None
    assert lawmaker_titles.label(sanders, ES) == "Senado: Bernard Sanders (I-VT)"
    assert sanders.label == "Sen. Bernard Sanders (I-VT)"


def test_district_map_and_changed_district_notes_in_spanish() -> None:
    """The notes /reps, /myreps and scripts carry when district lines changed."""
    change = MapChange(
        "TX", 120, 119, "https://example.org/tx", "https://www.house.gov/find", ("TX-9",)
    )
    said = ES.render(map_change(change, "77002"))
    assert said.startswith("Las líneas de los distritos de la Cámara en Texas cambiaron para el")
    assert "120.º Congreso" in said and "del 119.º Congreso: el ZIP 77002 quedaba en TX-9" in said
    unstated = ES.render(map_change(replace(change, zip_congress=None), None, saved=True))
    assert "de un Congreso anterior sin indicar: tu distrito guardado, TX-9, estaba" in unstated
    assert str(map_change(change, "77002")) == map_change_text(change, "77002")
    note = ES.render(confirm_note_text("TX-7", "gone", "77002"))
    assert "tu distrito guardado TX-7 ya no existe" in note and "/setzip 77002" in note
    assert "now covers different ZIP areas" in confirm_note("TX-7", "moved", None)
    line = ES.render(confirm_line_text(2))
    assert line.startswith("2 personas no han confirmado su distrito")
    assert confirm_line(1).startswith("1 member has not confirmed their district")
