"""A lawmaker's title in the reader's language, from their role and gender.

English titles do not change with gender ("Sen.", "Senator"), and are what the bot always said
(:class:`bot.civic.models.Member`'s ``role``, ``title`` and ``label``). Spanish ones do: "el
senador" / "la senadora", "el delegado" / "la delegada". The legislators data gives each member's
gender ("M" or "F", kept in the civic index); without one, a neutral form names the chamber
instead ("Senado: Bernie Sanders", "Bernie Sanders, integrante del Senado").

The catalog's messages for the other languages carry the gender in their English key (gettext
has one key per message, and the English words are the same for both), so a third language is
words in its catalog, not code. Three forms, each a function of (role, gender, language):

- :func:`role_name`: the role alone ("Senator"; "senadora"), as a script's ``{lawmaker_title}``;
- :func:`named`: a name in running text ("Senator Durbin"; "el senador Durbin"), as a script's
  ``{lawmaker}``;
- :func:`heading`: a heading or list item ("Sen. Bernard Sanders (I-VT)"; "Senador Bernard
  Sanders (I-VT)"), as :attr:`Member.label` in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from bot.civic.models import Member
from bot.domain.data_names import LawmakerLabel
from bot.domain.text import Text, t
from bot.i18n.languages import ENGLISH
from bot.i18n.translator import Translator

SENATOR = "Senator"  # the roles of bot.civic.models.Member.role
REPRESENTATIVE = "Representative"
DELEGATE = "Delegate"
RESIDENT_COMMISSIONER = "Resident Commissioner"
MAN, WOMAN = "M", "F"  # the legislators file's bio.gender


class Forms(NamedTuple):
    """One role's words for one gender (or none), in the catalog's languages."""

    role: Text  # the role alone
    named: Text  # {name} in running text, with its article where the language has one
    heading: Text  # {name} as a heading


_FORMS: dict[tuple[str, str | None], Forms] = {
    (SENATOR, MAN): Forms(
        t("senator (a man)"), t("the senator {name} (a man)"), t("Senator {name} (a man)")
    ),
    (SENATOR, WOMAN): Forms(
        t("senator (a woman)"), t("the senator {name} (a woman)"), t("Senator {name} (a woman)")
    ),
    (SENATOR, None): Forms(
        t("member of the Senate"), t("{name}, member of the Senate"), t("Senate: {name}")
    ),
    (REPRESENTATIVE, MAN): Forms(
        t("representative (a man)"),
        t("the representative {name} (a man)"),
        t("Representative {name} (a man)"),
    ),
    (REPRESENTATIVE, WOMAN): Forms(
        t("representative (a woman)"),
        t("the representative {name} (a woman)"),
        t("Representative {name} (a woman)"),
    ),
    (DELEGATE, MAN): Forms(
        t("delegate (a man)"), t("the delegate {name} (a man)"), t("Delegate {name} (a man)")
    ),
    (DELEGATE, WOMAN): Forms(
        t("delegate (a woman)"), t("the delegate {name} (a woman)"), t("Delegate {name} (a woman)")
    ),
    (RESIDENT_COMMISSIONER, MAN): Forms(
        t("resident commissioner (a man)"),
        t("the resident commissioner {name} (a man)"),
        t("Resident Commissioner {name} (a man)"),
    ),
    (RESIDENT_COMMISSIONER, WOMAN): Forms(
        t("resident commissioner (a woman)"),
        t("the resident commissioner {name} (a woman)"),
        t("Resident Commissioner {name} (a woman)"),
    ),
}
# Every House role without a gender: the chamber names them all.
_HOUSE = Forms(t("member of the House"), t("{name}, member of the House"), t("House: {name}"))
_ENGLISH_TITLES = {SENATOR: "Sen.", REPRESENTATIVE: "Rep.", DELEGATE: "Del."}


def forms(role: str, gender: str | None) -> Forms:
    """The words for ``role`` ("Senator", "Representative", "Delegate", "Resident
    Commissioner") and ``gender`` ("M", "F"; anything else: the neutral forms)."""
    known = gender if gender in (MAN, WOMAN) else None
    found = _FORMS.get((role, known))
    if found is not None:
        return found
    return _FORMS[(SENATOR, None)] if role == SENATOR else _HOUSE


def role_name(role: str, gender: str | None, words: Translator) -> str:
    """The role alone: 'Senator' (English, as always); 'senadora', 'representante',
    'integrante del Senado' (Spanish, no gender)."""
    if words.code == ENGLISH:
        return role
    return words.render(forms(role, gender).role)


def named(role: str, gender: str | None, name: str, words: Translator) -> str:
    """``name`` with its title in running text: 'Senator Durbin'; 'el senador Durbin', 'la
    comisionada residente ...', 'Durbin, integrante del Senado' (no gender)."""
    if words.code == ENGLISH:
        return f"{role} {name}"
    return words.render(forms(role, gender).named.with_values(name=name))


def heading(role: str, gender: str | None, name: str, words: Translator) -> str:
    """``name`` with its title as a heading: 'Sen. Bernard Sanders'; 'Senador Bernard
    Sanders', 'Senado: Bernard Sanders' (no gender)."""
    if words.code == ENGLISH:
        return f"{_ENGLISH_TITLES.get(role, 'Res. Comm.')} {name}"
    return words.render(forms(role, gender).heading.with_values(name=name))


def label(member: Member, words: Translator) -> str:
    """A lawmaker in a list or a heading: 'Sen. Bernard Sanders (I-VT)' (English: exactly
    :attr:`Member.label`); 'Senadora Maria Cantwell (D-WA)'."""
    if words.code == ENGLISH:
        return member.label
    who = heading(member.role, member.gender, member.name, words)
    return f"{who} ({member.party_letter}-{member.seat_label})"


def kept_label(member: Member) -> LawmakerLabel:
    """:func:`label` as a value of a sentence kept in the database (``bot.i18n.stored``), said
    in the language of whoever reads it later."""
    heading = forms(member.role, member.gender).heading.message
    tag = f"{member.party_letter}-{member.seat_label}"
    return LawmakerLabel(member.label, heading, member.name, tag)


def referred(member: Member, words: Translator, name: str | None = None) -> str:
    """A lawmaker in running text, by ``name`` (default: the last name): 'Senator Sanders';
    'el senador Sanders'."""
    return named(member.role, member.gender, name or member.last, words)


@dataclass(frozen=True, slots=True)
class InRunningText:
    """A lawmaker named in a sentence, as a value a translator renders (SaysItself): 'Sen.
    Sanders' in English (as the bot always said), 'el senador Sanders' in Spanish."""

    lawmaker: Member

    def in_words(self, words: Translator) -> str:
        if words.code == ENGLISH:
            return str(self)
        return referred(self.lawmaker, words)

    def __str__(self) -> str:
        return f"{self.lawmaker.title} {self.lawmaker.last}"


# Committee titles as the data writes them; any other is shown as written.
COMMITTEE_TITLES = {
    "Chair": t("Chair"),
    "Chairman": t("Chairman"),
    "Chairwoman": t("Chairwoman"),
    "Ranking Member": t("Ranking Member"),
    "Vice Chair": t("Vice Chair"),
    "Vice Chairman": t("Vice Chairman"),
    "Vice Chairwoman": t("Vice Chairwoman"),
    "Ex Officio": t("Ex Officio"),
}


def committee_title(title: str) -> Text | str:
    """A committee title in words a translator renders ('Ranking Member'), or as written."""
    return COMMITTEE_TITLES.get(title, title)
