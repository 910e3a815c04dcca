"""The lawmaker directory: an immutable, fully indexed view of one index file.

Every ZIP's answer is built once at load time and shared, so ``lookup_zip`` is one dict lookup.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from bot.civic import index_file
from bot.civic.build import INDEX_FORMAT, INDEX_VERSION, MEMBER_FIELDS, MEMBER_FIELDS_V2
from bot.civic.geo import (
    CAPITOL_SWITCHBOARD,
    MILITARY,
    REPRESENTED,
    STATES,
    fold,
    miles_between,
    place_text,
)
from bot.civic.models import (
    Area,
    Committee,
    CommitteeMember,
    Freshness,
    Member,
    NearestOffice,
    Office,
    OfficeZipError,
    Seat,
    SourceInfo,
    ZipResult,
)
from bot.civic.search import CommitteeIndex, NameIndex
from bot.civic.ziptable import COORD_SCALE, NONE, decode_column
from bot.domain.errors import InvalidInput, NotFound, Unavailable
from bot.domain.text import t
from bot.domain.zips import parse_zip

_new_tuple = tuple.__new__
# Version 1 had no probable districts: its PO-box ZIPs read as senators only until a sync.
# Versions 1 and 2 had no genders: their members' titles read neutral until a sync.
READABLE_VERSIONS = (1, 2, INDEX_VERSION)


class Directory:
    """Who represents whom. Build with :meth:`load` or :meth:`from_index`; never changes."""

    def __init__(self, index: dict[str, Any]) -> None:
        """Use :meth:`from_index` (it turns a malformed index into :class:`Unavailable`)."""
        if index.get("format") != INDEX_FORMAT or index.get("version") not in READABLE_VERSIONS:
            raise ValueError("not a current index")
        if tuple(index["member_fields"]) not in (MEMBER_FIELDS, MEMBER_FIELDS_V2):
            raise ValueError("unexpected member fields")
        self.freshness = Freshness(
            datetime.fromisoformat(index["built_at"]).astimezone(UTC),
            tuple(SourceInfo(**s) for s in index["sources"]),
        )
        self._members, entries = _members(index)
        house_seats = _house_seats(index["seats"], self._members.values())
        self._house: dict[str, tuple[Seat, ...]] = {}
        for seat in house_seats:
            self._house[seat.state] = (*self._house.get(seat.state, ()), seat)
        self._senate = _senate_seats(self._members.values())
        self._names = NameIndex(entries)
        self._committees, self._member_committees = _committees(index, self._members)
        self._table = _ZipTable(index, house_seats, self._senate)
        self._zips = self._table.results
        self._elsewhere: dict[str, str] = index["elsewhere"]
        self.office_zip_errors: tuple[OfficeZipError, ...] = tuple(
            OfficeZipError(*row) for row in index.get("office_zip_errors", ())
        )

    @classmethod
    def from_index(cls, index: dict[str, Any]) -> Directory:
        try:
            return cls(index)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise Unavailable(index_file.DAMAGED) from exc

    @classmethod
    def load(cls, path: Path) -> Directory:
        """Read an index file; raises :class:`Unavailable` when it is missing or damaged."""
        index, _ = index_file.read(path)
        return cls.from_index(index)

    # ZIP codes -------------------------------------------------------------------------------

    def lookup_zip(self, zip5: str) -> ZipResult:
        """Who represents a five-digit ZIP. Raises InvalidZip (malformed) or NotFound."""
        try:
            return self._zips[zip5]
        except (KeyError, TypeError):
            return self._zip_miss(zip5)

    def _zip_miss(self, text: str) -> ZipResult:
        zip5 = parse_zip(text).zip5
        if zip5 in self._zips:
            return self._zips[zip5]
        state = self._elsewhere.get(zip5)
        if state in MILITARY:
            raise NotFound(
                t(
                    "{zip5} is a military (APO/FPO) ZIP code; please use the ZIP code "
                    "where you are registered to vote.",
                    zip5=zip5,
                )
            )
        if state is not None:
            raise NotFound(
                t(
                    "{zip5} is in {place}, which has no seat in Congress.",
                    zip5=zip5,
                    place=place_text(state),
                )
            )
        raise NotFound(
            t("We could not find ZIP code {zip5}; please check it and try again.", zip5=zip5)
        )

    def nearest_office(self, bioguide: str, zip5: str) -> NearestOffice | None:
        """The member's district office nearest the ZIP (by coordinates, else same city)."""
        offices = self.member(bioguide).offices
        place = self.lookup_zip(zip5)
        here = self._table.coordinates(place.zip5)
        if here is not None:
            located = [
                (miles_between(*here, o.lat, o.lon), o)
                for o in offices
                if o.lat is not None and o.lon is not None
            ]
            if located:
                miles, office = min(located, key=lambda pair: pair[0])
                return NearestOffice(office, round(miles, 1))
        if place.city:
            city = fold(place.city)
            for office in offices:
                if fold(office.city) == city and office.state in place.states:
                    return NearestOffice(office, None)
        return None

    def coordinates(self, zip5: str) -> tuple[float, float] | None:
        """(latitude, longitude) of a ZIP's post office area, when known."""
        return self._table.coordinates(zip5)

    # Members ---------------------------------------------------------------------------------

    def member(self, bioguide: str) -> Member:
        found = self._members.get(bioguide.strip().upper())
        if found is None:
            shown = "".join(ch for ch in bioguide if ch.isascii() and ch.isalnum())[:12]
            raise NotFound(
                t("No sitting member of Congress has the id {id}.", id=shown or "(blank)")
            )
        return found

    def members(self) -> tuple[Member, ...]:
        return tuple(self._members.values())

    def find_by_name(self, text: str, max_results: int = 25) -> tuple[Member, ...]:
        """Members whose name contains ``text``; too many raise InvalidInput, none NotFound."""
        return self._names.find(text, max_results)

    def names_matching(self, text: str, limit: int = 25) -> list[Member]:
        """Up to ``limit`` members for autocomplete, best first; never raises."""
        return self._names.matching(text, limit)

    def senators(self, state: str) -> tuple[Member, ...]:
        return tuple(s.member for s in self.senate_seats(state) if s.member is not None)

    def senate_seats(self, state: str) -> tuple[Seat, ...]:
        """Two seats per state (vacant ones included); none for DC and the territories."""
        return self._senate.get(_state(state), ())

    def house_seats(self, state: str) -> tuple[Seat, ...]:
        return self._house.get(_state(state), ())

    def house_seat(self, state: str, district: int) -> Seat:
        for seat in self.house_seats(state):
            if seat.district == district:
                return seat
        raise NotFound(
            t(
                "{place} has no congressional district {district}.",
                place=place_text(_state(state)),
                district=district,
            )
        )

    def members_for_district(self, state: str, district: int) -> tuple[Member, ...]:
        """The House member(s) of a district; empty when the seat is vacant."""
        seat = self.house_seat(state, district)
        return () if seat.member is None else (seat.member,)

    def vacancies(self) -> tuple[Seat, ...]:
        seats = [s for ss in self._senate.values() for s in ss if s.vacant]
        seats += [s for ss in self._house.values() for s in ss if s.vacant]
        return tuple(seats)

    # Committees ------------------------------------------------------------------------------

    def committee(self, id_or_name: str, words: Any = None) -> Committee:
        """By code (HSWM, SSFI) or by name, partial and case-insensitive; ``words``: a reader's
        translator, whose language's names are matched too ("finanzas del senado")."""
        return self._committees.resolve(id_or_name, words)

    def committees_matching(self, text: str, limit: int = 25, words: Any = None) -> list[Committee]:
        return self._committees.matching(text, limit, words)

    def committees(self) -> tuple[Committee, ...]:
        return tuple(self._committees)

    def committees_of(self, bioguide: str) -> tuple[tuple[Committee, CommitteeMember], ...]:
        """The committees a member sits on, with their rank and title there."""
        return self._member_committees.get(self.member(bioguide).bioguide, ())

    # Freshness and size ----------------------------------------------------------------------

    def is_stale(self, max_age_days: int, now: datetime | None = None) -> bool:
        return self.freshness.is_stale(max_age_days, now or datetime.now(UTC))

    @property
    def zip_count(self) -> int:
        return len(self._zips)

    def zip_codes(self) -> tuple[str, ...]:
        """Every ZIP code the directory answers for, sorted."""
        return tuple(self._table.codes)


def _state(state: str) -> str:
    code = state.strip().upper()
    if code not in REPRESENTED:
        shown = code if code.isascii() and code.isalpha() and len(code) == 2 else "That"
        raise InvalidInput(t("{state} is not a US state, DC or a US territory.", state=shown))
    return code


def _members(
    index: dict[str, Any],
) -> tuple[dict[str, Member], list[tuple[tuple[str, str, str], Member]]]:
    offices = {b: tuple(Office(*o) for o in rows) for b, rows in index["offices"].items()}
    members: dict[str, Member] = {}
    entries: list[tuple[tuple[str, str, str], Member]] = []
    fields = tuple(index["member_fields"])  # a version 1 or 2 index has no gender
    for row in index["members"]:
        f = dict(zip(fields, row, strict=True))
        search = tuple(f.pop("search"))
        phone = f.pop("phone")
        member = Member(
            **f,
            phone=phone or CAPITOL_SWITCHBOARD,
            phone_is_switchboard=phone is None,
            offices=offices.get(f["bioguide"], ()),
        )
        members[member.bioguide] = member
        entries.append((search, member))
    return members, entries


def _house_seats(seats: list[list[Any]], members: Iterable[Member]) -> list[Seat]:
    """Every House seat in index order (sorted by state and district), vacant ones included."""
    holder: dict[tuple[str, int], Member] = {}
    for m in members:
        if m.chamber == "rep" and m.district is not None:
            holder.setdefault((m.state, m.district), m)
    return [
        Seat("rep", state, district, holder.get((state, district))) for state, district in seats
    ]


class _ZipTable:
    """Every ZIP's answer, built at load time. The per-ZIP work runs in C (map/zip over the
    columns, ``tuple.__new__``): a Python loop here would double the load time."""

    def __init__(
        self, index: dict[str, Any], house: list[Seat], senate: dict[str, tuple[Seat, ...]]
    ) -> None:
        areas = []
        for states, ids, complete, *probable in index["shapes"]:  # version 1: no probable
            states = tuple(states)
            senators = tuple(seat for state in states for seat in senate.get(state, ()))
            seats = tuple(house[i] for i in ids)
            guess = bool(probable[0]) if probable else False
            areas.append(Area(states[0], states, senators, seats, bool(complete), guess))
        columns = {name: decode_column(text) for name, text in index["zip_columns"].items()}
        codes: list[str] = index["zip_codes"]
        if any(len(col) != len(codes) for col in columns.values()):
            raise ValueError("ZIP columns of different lengths")
        cities = map([*index["cities"], None].__getitem__, columns["city"])
        zones = map([*index["timezones"], None].__getitem__, columns["tz"])
        shapes = map(areas.__getitem__, columns["shape"])
        rows = map(_new_tuple, repeat(ZipResult), zip(codes, cities, zones, shapes, strict=True))
        self.results: dict[str, ZipResult] = dict(zip(codes, rows, strict=True))
        self.codes = codes
        self.lats, self.lons = columns["lat"], columns["lon"]

    def coordinates(self, zip5: str) -> tuple[float, float] | None:
        i = bisect_left(self.codes, zip5)
        if i == len(self.codes) or self.codes[i] != zip5 or self.lats[i] == NONE:
            return None
        return self.lats[i] / COORD_SCALE, self.lons[i] / COORD_SCALE


def _senate_seats(members: Iterable[Member]) -> dict[str, tuple[Seat, ...]]:
    by_state: dict[str, list[Member]] = {state: [] for state in STATES}
    for m in members:
        if m.chamber == "sen":
            by_state.setdefault(m.state, []).append(m)
    rank = {"senior": 0, "junior": 1}
    seats: dict[str, tuple[Seat, ...]] = {}
    for state, sens in by_state.items():
        sens.sort(key=lambda m: (rank.get(m.state_rank or "", 2), m.senate_class or 9))
        filled = [Seat("sen", state, None, m) for m in sens]
        vacant = [Seat("sen", state, None, None)] * max(0, 2 - len(filled))
        seats[state] = tuple(filled + vacant)
    return seats


def _committees(
    index: dict[str, Any], members: dict[str, Member]
) -> tuple[CommitteeIndex, dict[str, tuple[tuple[Committee, CommitteeMember], ...]]]:
    rows = index["committees"]
    names = {cid: name for cid, name, *_ in rows}
    subs: dict[str, list[str]] = {}
    for cid, _, _, parent, *_ in rows:
        if parent:
            subs.setdefault(parent, []).append(cid)
    built: list[Committee] = []
    seats: dict[str, list[tuple[Committee, CommitteeMember]]] = {}
    for cid, name, chamber, parent, url, phone in rows:
        roster = []
        for bioguide, listed_name, side, rank, title in index["memberships"].get(cid, ()):
            m = members.get(bioguide)
            roster.append(_new_tuple(CommitteeMember, (
                bioguide, m.name if m else listed_name, m.party if m else None, side, rank, title,
            )))  # fmt: skip
        committee = Committee(
            cid, name, chamber, parent, names.get(parent) if parent else None, url, phone,
            tuple(roster), tuple(subs.get(cid, ())),
        )  # fmt: skip
        built.append(committee)
        for cm in roster:
            seats.setdefault(cm.bioguide, []).append((committee, cm))
    return CommitteeIndex(built), {b: tuple(v) for b, v in seats.items()}
