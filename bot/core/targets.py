"""Who a campaign's targets are, in the lawmaker data: checks, phrases for organizers, and the
calls a member makes. The target words themselves are bot/domain/targets.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from bot.civic.directory import Directory
from bot.civic.geo import place_name, place_text
from bot.civic.models import Committee, CommitteeChoices, CommitteeMember, CommitteeName
from bot.civic.models import Member as Lawmaker
from bot.core import probable_districts
from bot.core.lawmaker_titles import committee_title
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.targets import (
    BIOGUIDE,
    COMMITTEE_KINDS,
    Target,
    TargetKind,
)
from bot.domain.text import Text, t
from bot.i18n.translator import Translator


def check_targets(targets: tuple[Target, ...], directory: Directory) -> None:
    """Every committee and lawmaker named exists now; otherwise NotFound says which."""
    for target in targets:
        if target.kind in COMMITTEE_KINDS:
            committee = _committee(directory, target.ref or "")
            if target.kind is TargetKind.LEADERS and not _leaders(committee):
                raise NotFound(
                    t(
                        "{committee} ({id}) lists no chair or ranking member; use "
                        "committee:{id} for all its members.",
                        committee=CommitteeName(committee, full=False),
                        id=committee.thomas_id,
                    )
                )
        elif target.kind is TargetKind.MEMBER:
            ref = target.ref or ""
            if not BIOGUIDE.match(ref):
                raise InvalidInput(
                    t(
                        "'{ref}' is not a bioguide id; they look like S000033 (/lawmaker finds "
                        "one by name).",
                        ref=ref[:20],
                    )
                )
            directory.member(ref)


def describe_target(target: Target, directory: Directory | None) -> Text | str:
    """A phrase for organizers: 'the chair and ranking member of ... (HSWM)'."""
    text: Text | str | None = {
        TargetKind.MINE: t("the caller's senators and House member"),
        TargetKind.HOUSE: t("the caller's House member"),
        TargetKind.SENATE: t("the caller's senators"),
    }.get(target.kind)
    if text is None:
        name: Text | str | CommitteeChoices = target.ref or ""
        if directory is not None:
            try:
                if target.kind is TargetKind.MEMBER:
                    name = directory.member(target.ref or "").label
                else:
                    found = directory.committee(target.ref or "")
                    name = CommitteeChoices((found,), full=False)  # 'Name (ID)', said per reader
            except (NotFound, InvalidInput):
                name = t("{ref} (not in the current lawmaker data)", ref=target.ref)
        text = {
            TargetKind.LEADERS: t("the chair and ranking member of {name}", name=name),
            TargetKind.COMMITTEE: t("every member of {name}", name=name),
            TargetKind.UNDECIDED: t("the undecided members of {name}", name=name),
            TargetKind.MEMBER: name if isinstance(name, Text | str) else str(name),
        }[target.kind]
    return t("{target} (optional)", target=text) if target.optional else text


@dataclass(frozen=True, slots=True)
class _Places:
    """States or territories as the start of a sentence, named in the reader's language:
    'The District of Columbia', 'El Distrito de Columbia', 'Guam and Texas'."""

    states: tuple[str, ...]

    def in_words(self, words: Translator) -> str:
        said = words.render(place_text(self.states[-1])) if self.states else ""
        for state in reversed(self.states[:-1]):
            said = words.render(_AND.with_values(first=place_text(state), second=said))
        return said[:1].upper() + said[1:]

    def __str__(self) -> str:  # English (logs, Text.english)
        names = " and ".join(place_name(s) for s in self.states)
        return names[:1].upper() + names[1:]


_AND = t("{first} and {second}")


@dataclass(frozen=True, slots=True)
class Seats:
    """Where the caller is represented: the seats found for their ZIP or chosen district."""

    states: tuple[str, ...]
    senators: tuple[Lawmaker, ...]
    vacant_senate_seats: int
    house: tuple[Lawmaker, ...]
    vacant_house: tuple[str, ...]  # labels of vacant candidate seats, e.g. "CA-14"
    house_undecided: tuple[str, ...] = ()  # candidate district labels when the ZIP is split
    probable: bool = False  # a PO-box or business ZIP: the House seats are the nearest areas'
    house_unknown: bool = False  # a PO-box or business ZIP with no House seat to name at all


@dataclass(frozen=True, slots=True)
class CallTarget:
    """One lawmaker to call and why."""

    lawmaker: Lawmaker
    reason: Text | str  # "your senator", "Chair of the Senate Committee on Finance", "" named
    optional: bool
    local: bool  # the caller's own lawmaker


_Add = Callable[[Lawmaker, Text | str, Target], None]
_Notes = list[Text | str]

# Why a caller's own lawmaker is listed, by role and by whether the ZIP decides it.
_YOURS = {
    "Senator": (t("your senator"), t("may be your senator")),
    "Representative": (t("your representative"), t("may be your representative")),
    "Delegate": (t("your delegate"), t("may be your delegate")),
    "Resident Commissioner": (
        t("your resident commissioner"),
        t("may be your resident commissioner"),
    ),
}


@dataclass(frozen=True, slots=True)
class Resolution:
    calls: tuple[CallTarget, ...]
    notes: tuple[Text | str, ...]


def resolve_targets(
    targets: tuple[Target, ...],
    directory: Directory,
    seats: Seats | None,
    former: Callable[[str], str | None] | None = None,
    undecided: Collection[str] = frozenset(),
) -> Resolution:
    """The lawmakers to call, required ones first, each once; notes say what did not resolve
    (``former`` names a lawmaker who left office, as last seen; ``undecided`` are the
    lawmakers whose stance on the campaign is undecided, for undecided:<committee>)."""
    calls: list[CallTarget] = []
    notes: _Notes = []
    seen: set[str] = set()

    def add(lawmaker: Lawmaker, reason: Text | str, target: Target) -> None:
        if lawmaker.bioguide not in seen:
            seen.add(lawmaker.bioguide)
            calls.append(CallTarget(lawmaker, reason, target.optional, target.local))

    ordered = [t for t in targets if not t.optional] + [t for t in targets if t.optional]
    for target in ordered:
        if target.local:
            _resolve_local(target, seats, add, notes)
        elif target.kind is TargetKind.MEMBER:
            try:
                add(directory.member(target.ref or ""), "", target)
            except NotFound:
                name = (former(target.ref or "") if former else None) or t(
                    "Lawmaker {ref}", ref=target.ref or ""
                )
                notes.append(t("{name} is no longer in office, so was left out.", name=name))
        else:
            _resolve_committee(target, directory, add, notes, undecided)
    return Resolution(tuple(calls), tuple(dict.fromkeys(notes)))


def _resolve_local(target: Target, seats: Seats | None, add: _Add, notes: _Notes) -> None:
    if seats is None:
        notes.append(t("Save your ZIP code with /setzip to see your own lawmakers."))
        return
    if target.kind in (TargetKind.MINE, TargetKind.SENATE):
        if not seats.senators and not seats.vacant_senate_seats:
            notes.append(t("{places} has no senators.", places=_Places(seats.states)))
        if seats.vacant_senate_seats:
            notes.append(t("A Senate seat for your state is vacant right now."))
        mine, maybe = _YOURS["Senator"]
        for senator in seats.senators:
            add(senator, maybe if len(seats.states) > 1 else mine, target)
    if target.kind in (TargetKind.MINE, TargetKind.HOUSE):
        for label in seats.vacant_house:
            notes.append(
                t("The House seat {seat} is vacant right now; there is no one to call.", seat=label)
            )
        undecided = len(seats.house_undecided) > 1 or seats.probable
        if seats.probable:
            notes.append(probable_districts.script_note_text(seats.house_undecided))
        elif seats.house_unknown:
            notes.append(probable_districts.UNKNOWN_NOTE_TEXT)
        elif undecided:
            notes.append(
                t(
                    "Your ZIP code touches {n} House districts ({districts}), so every House "
                    "member for it is listed. Use /setzip and pick your district to see only "
                    "yours.",
                    n=len(seats.house_undecided),
                    districts=", ".join(seats.house_undecided),
                )
            )
        for rep in seats.house:
            mine, maybe = _YOURS.get(rep.role, _YOURS["Representative"])
            add(rep, maybe if undecided else mine, target)


def _resolve_committee(
    target: Target,
    directory: Directory,
    add: _Add,
    notes: _Notes,
    undecided: Collection[str] = frozenset(),
) -> None:
    try:
        committee = _committee(directory, target.ref or "")
    except (NotFound, InvalidInput):
        notes.append(
            t(
                "Committee {ref} is not in the current lawmaker data, so was skipped.",
                ref=target.ref or "",
            )
        )
        return
    roster = _leaders(committee) if target.kind is TargetKind.LEADERS else committee.members
    named = CommitteeName(committee, full=False)
    if target.kind is TargetKind.UNDECIDED:
        roster = tuple(cm for cm in roster if cm.bioguide in undecided)
        if not roster:
            notes.append(t("No member of the {committee} is undecided right now.", committee=named))
    missing = 0
    for cm in roster:
        try:
            lawmaker = directory.member(cm.bioguide)
        except NotFound:
            missing += 1
            continue
        role = committee_title(cm.title) if cm.title else t("Member")
        if target.kind is TargetKind.UNDECIDED:
            why = t("{role} of the {committee} (undecided)", role=role, committee=named)
        else:
            why = t("{role} of the {committee}", role=role, committee=named)
        add(lawmaker, why, target)
    if missing:
        notes.append(
            t(
                "{n} member(s) of the {committee} are no longer in office.",
                n=missing,
                committee=CommitteeName(committee, full=False),
            )
        )


def _committee(directory: Directory, ref: str) -> Committee:
    try:
        committee = directory.committee(ref)
    except (NotFound, InvalidInput):
        committee = None
    if committee is None or committee.thomas_id.upper() != ref.upper():
        raise NotFound(
            t(
                "There is no committee with the id {ref}. Committee ids look like HSWM (House "
                "Ways and Means) or SSFI (Senate Finance); /committee shows one.",
                ref=ref[:20],
            )
        )
    return committee


def _leaders(committee: Committee) -> tuple[CommitteeMember, ...]:
    return tuple(m for m in (committee.chair, committee.ranking_member) if m is not None)
