"""What changed between two versions of the lawmaker data, as far as members and campaigns care.

A :class:`Snapshot` is the small part of a directory worth remembering (it is kept in the
database, so a change is found once, across restarts and whichever way the new data arrived):

- per House seat, a digest of the ZIP codes it covers for certain (a ZIP whose area lies in the
  seat, or in it and others); a seat whose digest changed "moved", one that disappeared is
  "gone". States with a single seat are left out: an at-large seat covers the whole state
  whatever the ZIP table says, so a new USPS table never moves it.
- per committee, its name, chair and ranking member;
- per lawmaker, their label and seat (for names after they leave office).

:func:`diff` compares two snapshots; :func:`target_notices` says, per campaign, which of its
targets now mean someone else ("the chair of X is now Y (was Z)").
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.civic.directory import Directory
from bot.civic.models import Committee, CommitteeMember
from bot.core.lawmaker_titles import kept_label
from bot.core.lawmakers import parse_district
from bot.domain.data_names import LawmakerLabel, committee_name
from bot.domain.directory_snapshot import Leaders, Snapshot
from bot.domain.errors import DomainError
from bot.domain.targets import Target, TargetKind
from bot.domain.text import Text, t, tn

MOVED, GONE = "moved", "gone"


def snapshot_of(directory: Directory) -> Snapshot:
    """What is worth remembering of this directory."""
    return Snapshot(
        version=version_of(directory),
        districts=district_digests(directory),
        committees={c.thomas_id: _leaders(c) for c in directory.committees()},
        names={m.bioguide: (m.label, m.seat_label) for m in directory.members()},
    )


def version_of(directory: Directory) -> str:
    """Tells two indexes apart: the build time and the source files' digests."""
    fresh = directory.freshness
    sources = hashlib.sha256("".join(s.sha256 for s in fresh.sources).encode()).hexdigest()
    return f"{fresh.built_at.isoformat()} {sources[:16]}"


def district_digests(directory: Directory) -> dict[str, str]:
    """Seat label -> digest of the ZIP codes that lie in it for certain (see the module)."""
    zips: defaultdict[str, list[str]] = defaultdict(list)
    labels_of: dict[int, tuple[str, ...]] = {}  # areas are shared: work each out once
    for zip5 in directory.zip_codes():
        area = directory.lookup_zip(zip5).area
        labels = labels_of.get(id(area))
        if labels is None:
            seats = area.house if area.house_complete else ()
            labels = tuple(
                s.label for s in seats if s.district and len(directory.house_seats(s.state)) > 1
            )
            labels_of[id(area)] = labels
        for label in labels:
            zips[label].append(zip5)
    return {
        label: hashlib.sha256(",".join(sorted(codes)).encode()).hexdigest()[:24]
        for label, codes in zips.items()
    }


def _leaders(committee: Committee) -> Leaders:
    def who(cm: CommitteeMember | None) -> tuple[str, str] | None:
        return None if cm is None else (cm.bioguide, cm.name)

    return Leaders(committee.full_name, who(committee.chair), who(committee.ranking_member))


@dataclass(frozen=True, slots=True)
class Changes:
    districts: Mapping[str, str]  # seat label -> MOVED or GONE
    committees: Mapping[str, tuple[Leaders, Leaders | None]]  # id -> (before, after or None)
    left: frozenset[str]  # bioguides in the old data and not in the new

    def __bool__(self) -> bool:
        return bool(self.districts or self.committees or self.left)


def diff(old: Snapshot, new: Snapshot) -> Changes:
    districts = {
        label: GONE if label not in new.districts else MOVED
        for label, digest in old.districts.items()
        if new.districts.get(label) != digest
    }
    committees = {
        cid: (before, new.committees.get(cid))
        for cid, before in old.committees.items()
        if new.committees.get(cid) != before
    }
    return Changes(districts, committees, frozenset(old.names) - frozenset(new.names))


# -- what organizers are told -------------------------------------------------------------------
# Kept with the campaign (bot.i18n.stored) and read in each organizer's language: one whole
# sentence per case, committees named by their id (our words for them), lawmakers by their label.
COMMITTEE_GONE = t(
    "{committee} ({id}) is no longer in the lawmaker data, so {target} is skipped in scripts; "
    "pick another target with /campaign edit."
)
NEW_LEADER = {
    "chair": (
        t("The chair of the {committee} is now {who}."),
        t("The chair of the {committee} is now {who} (was {was})."),
    ),
    "ranking member": (
        t("The ranking member of the {committee} is now {who}."),
        t("The ranking member of the {committee} is now {who} (was {was})."),
    ),
}
NO_LEADER = {
    "chair": (
        t("{committee} lists no chair now."),
        t("{committee} lists no chair now (was {was})."),
    ),
    "ranking member": (
        t("{committee} lists no ranking member now."),
        t("{committee} lists no ranking member now (was {was})."),
    ),
}
DEPARTED = t(
    "{lawmaker} is no longer in office, so {target} is skipped in scripts; pick another target "
    "with /campaign edit."
)
DEPARTED_VACANT = t(
    "{lawmaker} is no longer in office, so {target} is skipped in scripts; {seat} is vacant "
    "now; pick another target with /campaign edit."
)
DEPARTED_HELD = t(
    "{lawmaker} is no longer in office, so {target} is skipped in scripts; {seat} is now held "
    "by {successor}; pick another target with /campaign edit."
)


def target_notices(
    targets: Iterable[Target],
    changes: Changes,
    directory: Directory,
    names: Mapping[str, tuple[str, str]],
) -> list[Text]:
    """Sentences, one per target of a campaign that now means someone else; ``names`` gives a
    departed lawmaker's label and seat as last seen (bioguide -> ('Rep. ...', 'TX-7'))."""
    said: list[Text] = []
    for target in targets:
        ref = target.ref or ""
        if target.kind in (TargetKind.LEADERS, TargetKind.COMMITTEE, TargetKind.UNDECIDED):
            if ref in changes.committees:
                said += _committee_notice(target, *changes.committees[ref], directory)
        elif target.kind is TargetKind.MEMBER and ref in changes.left:
            said.append(_departed(target, names.get(ref), directory))
    return list(dict.fromkeys(said))


def _committee_notice(
    target: Target, before: Leaders, after: Leaders | None, directory: Directory
) -> list[Text]:
    ref = target.ref or ""
    if after is None:
        named = committee_name(ref, before.name)
        return [COMMITTEE_GONE.with_values(committee=named, id=ref, target=str(target))]
    if target.kind is not TargetKind.LEADERS:
        return []
    named = committee_name(ref, after.name)
    said = []
    for role, was, now in (
        ("chair", before.chair, after.chair),
        ("ranking member", before.ranking, after.ranking),
    ):
        if (was and was[0]) == (now and now[0]):
            continue
        plain, replacing = NO_LEADER[role] if now is None else NEW_LEADER[role]
        text = (replacing if was else plain).with_values(committee=named)
        if now is not None:
            text = text.with_values(who=_label(now, directory))
        said.append(text.with_values(was=was[1]) if was else text)
    return said


def _departed(target: Target, seen: tuple[str, str] | None, directory: Directory) -> Text:
    label, seat = seen or (target.ref or "", "")
    values = {"lawmaker": label, "target": str(target)}
    try:
        state, number = parse_district(seat)
        now = directory.house_seat(state, number)
    except DomainError:  # a senator's seat, or none known: nothing to say about it
        return DEPARTED.with_values(**values)
    if now.member is None:
        return DEPARTED_VACANT.with_values(seat=now.label, **values)
    successor = kept_label(now.member)
    return DEPARTED_HELD.with_values(seat=now.label, successor=successor, **values)


def _label(who: tuple[str, str], directory: Directory) -> LawmakerLabel | str:
    try:
        return kept_label(directory.member(who[0]))
    except DomainError:
        return who[1]


# -- what a member whose saved district changed is told -----------------------------------------
CONFIRM_NOTE = t(
    "New lawmaker data changed district lines: your saved district {district} {why}, so the "
    "House member shown may not be yours. Please confirm your district: {again}, then pick it "
    "if asked."
)
NO_LONGER_EXISTS = t("no longer exists")
COVERS_OTHER_AREAS = t("now covers different ZIP areas")
SETZIP_WITH_ZIP = t("/setzip with your ZIP code")


def confirm_note_text(district: str | None, reason: str | None, zip5: str | None) -> Text:
    """The note on a flagged member's scripts and /myreps until they confirm their district."""
    return CONFIRM_NOTE.with_values(
        district=district or "?",
        why=NO_LONGER_EXISTS if reason == GONE else COVERS_OTHER_AREAS,
        again=f"/setzip {zip5}" if zip5 else SETZIP_WITH_ZIP,
    )


def confirm_note(district: str | None, reason: str | None, zip5: str | None) -> str:
    """:func:`confirm_note_text` in English (for callers not yet translated)."""
    return str(confirm_note_text(district, reason, zip5))


CONFIRM_FIELD_TEXT = t("Members to confirm their district")
CONFIRM_FIELD = str(CONFIRM_FIELD_TEXT)  # English, for callers not yet translated


def confirm_line_text(waiting: int) -> Text:
    """How many members have not confirmed their changed district (organizers' /stats)."""
    shown = f"{waiting:,}"
    return tn(
        "{n} member has not confirmed their district since new lawmaker data changed it; each "
        "was asked once, privately, and their scripts say it may be out of date.",
        "{n} members have not confirmed their district since new lawmaker data changed it; "
        "each was asked once, privately, and their scripts say it may be out of date.",
        waiting,
        n=shown,
    )


def confirm_line(waiting: int) -> str:
    """:func:`confirm_line_text` in English (for callers not yet translated)."""
    return str(confirm_line_text(waiting))
