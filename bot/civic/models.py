"""Immutable value types handed out by the lawmaker directory.

ZIP results, seats and offices are NamedTuples: the index holds tens of thousands of them and
tuples are the cheapest immutable objects to build at load time and to hold in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, NamedTuple

from bot.civic.geo import TERRITORIES, place_text
from bot.domain.data_names import COMMITTEES, DataName
from bot.domain.text import Text

Chamber = Literal["sen", "rep"]


class Office(NamedTuple):
    """A lawmaker's public district (home-state) office."""

    city: str
    state: str
    zip: str | None
    phone: str | None
    address: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Member:
    """A sitting member of Congress (current term only)."""

    bioguide: str
    name: str
    first: str
    last: str
    party: str
    chamber: Chamber
    state: str
    district: int | None  # House only; 0 = at-large, delegate or resident commissioner
    senate_class: int | None  # Senate only: 1, 2 or 3
    state_rank: str | None  # Senate only: "senior" / "junior"
    phone: str  # Washington office, or the Capitol switchboard when none is published
    phone_is_switchboard: bool
    office: str | None  # e.g. "511 Hart Senate Office Building"
    address: str | None
    contact_form: str | None
    website: str | None
    term_start: str
    offices: tuple[Office, ...] = ()
    gender: str | None = None  # "M" or "F" as the legislators file says; None: unknown

    @property
    def role(self) -> str:
        if self.chamber == "sen":
            return "Senator"
        if self.state == "PR":
            return "Resident Commissioner"
        return "Delegate" if self.state in TERRITORIES else "Representative"

    @property
    def title(self) -> str:
        return {"Senator": "Sen.", "Representative": "Rep.", "Delegate": "Del."}.get(
            self.role, "Res. Comm."
        )

    @property
    def party_letter(self) -> str:
        return self.party[:1].upper() or "?"

    @property
    def seat_label(self) -> str:
        return seat_label(self.state, self.district)

    @property
    def label(self) -> str:
        """'Sen. Bernard Sanders (I-VT)', 'Rep. Becca Balint (D-VT-AL)'."""
        return f"{self.title} {self.name} ({self.party_letter}-{self.seat_label})"


def seat_label(state: str, district: int | None) -> str:
    """'VT' (Senate), 'VT-AL' (at-large), 'CA-14'."""
    if district is None:
        return state
    return f"{state}-AL" if district == 0 else f"{state}-{district}"


class Seat(NamedTuple):
    """A seat in Congress and who holds it; ``member`` is None when the seat is vacant."""

    chamber: Chamber
    state: str
    district: int | None
    member: Member | None

    @property
    def vacant(self) -> bool:
        return self.member is None

    @property
    def label(self) -> str:
        return seat_label(self.state, self.district)


class Area(NamedTuple):
    """Who represents an area; every ZIP with the same states and districts shares one."""

    state: str  # the USPS state, else the first state the area touches
    states: tuple[str, ...]
    senate: tuple[Seat, ...]  # two per state (vacant seats included); none for DC/territories
    house: tuple[Seat, ...]  # candidate House seats, vacant ones included
    house_complete: bool  # False when the district in some state cannot be told from the ZIP
    # True when ``house`` is a guess from the nearest ZIP areas (a PO-box or business ZIP has
    # none of its own): the districts are probable, never certain, and ``house_complete`` false.
    probable: bool = False


class ZipResult(NamedTuple):
    """Who represents a ZIP code. A ZIP can touch several districts and even several states:
    then ``split`` is true and ``house`` lists the candidates."""

    zip5: str
    city: str | None
    timezone: str | None  # IANA name, e.g. "America/New_York"
    area: Area

    @property
    def state(self) -> str:
        return self.area.state

    @property
    def states(self) -> tuple[str, ...]:
        return self.area.states

    @property
    def senate(self) -> tuple[Seat, ...]:
        return self.area.senate

    @property
    def house(self) -> tuple[Seat, ...]:
        return self.area.house

    @property
    def house_complete(self) -> bool:
        return self.area.house_complete

    @property
    def probable(self) -> bool:
        """True when ``house`` holds the districts of the nearest ZIP areas, not the ZIP's own."""
        return self.area.probable

    @property
    def split(self) -> bool:
        """True when the ZIP alone cannot name one House seat (several districts or states)."""
        area = self.area
        return len(area.house) > 1 or len(area.states) > 1 or not area.house_complete

    @property
    def cross_state(self) -> bool:
        return len(self.area.states) > 1

    @property
    def senators(self) -> tuple[Member, ...]:
        return tuple(s.member for s in self.area.senate if s.member is not None)

    @property
    def representatives(self) -> tuple[Member, ...]:
        return tuple(s.member for s in self.area.house if s.member is not None)

    @property
    def place(self) -> Text | str:
        """'Burlington, VT' or 'Vermont' ('Nueva York': a message's value, said per reader)."""
        return f"{self.city}, {self.state}" if self.city else place_text(self.state)


class CommitteeMember(NamedTuple):
    bioguide: str
    name: str
    party: str | None  # the member's party, e.g. "Democrat"
    side: str | None  # "majority" / "minority"
    rank: int | None
    title: str | None  # "Chairman", "Ranking Member", "Vice Chair", ...


@dataclass(frozen=True, slots=True)
class Committee:
    """A committee or subcommittee (``parent_id`` set) of the House, the Senate or both."""

    thomas_id: str  # e.g. HSWM, SSFI; subcommittees: parent id + number, e.g. SSAF13
    name: str
    chamber: str  # "house", "senate" or "joint"
    parent_id: str | None
    parent_name: str | None
    url: str | None
    phone: str | None
    members: tuple[CommitteeMember, ...]
    subcommittees: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"{self.parent_name}: {self.name}" if self.parent_name else self.name

    @property
    def chair(self) -> CommitteeMember | None:
        return next((m for m in self.members if _is_chair(m.title)), None)

    @property
    def ranking_member(self) -> CommitteeMember | None:
        return next((m for m in self.members if m.title == "Ranking Member"), None)


COMMITTEE_NAMES = COMMITTEES  # the catalogs' domain of committees' names (bot/resources/locale)


@dataclass(frozen=True, slots=True)
class CommitteeName:
    """A committee's name as a message's value, said in the reader's language: the language's
    words for its id (``locale/<code>/LC_MESSAGES/committees.po``, read by the translator's
    ``data_name``), else the data's English. ``full``: a subcommittee with its committee, a
    colon between, as :attr:`Committee.full_name`; else its own name alone."""

    committee: Committee
    full: bool = True

    def said(self) -> DataName:
        c = self.committee
        if not self.full or not c.parent_name or c.parent_id is None:
            return DataName(COMMITTEES, c.thomas_id, c.name)
        parent = DataName(COMMITTEES, c.parent_id, c.parent_name)
        return DataName(COMMITTEES, c.thomas_id, c.name, parent)

    def in_words(self, words: Any) -> str:
        return self.said().in_words(words)

    def __str__(self) -> str:  # English (Text.english, logs)
        return str(self.said())


@dataclass(frozen=True, slots=True)
class CommitteeChoices:
    """Committees as a message's value: 'Name (ID); Name (ID)' in the reader's words (``full``:
    as :class:`CommitteeName`)."""

    committees: tuple[Committee, ...]
    full: bool = True

    def in_words(self, words: Any) -> str:
        return "; ".join(
            f"{CommitteeName(c, self.full).in_words(words)} ({c.thomas_id})"
            for c in self.committees
        )

    def __str__(self) -> str:
        return "; ".join(f"{CommitteeName(c, self.full)} ({c.thomas_id})" for c in self.committees)


def _is_chair(title: str | None) -> bool:
    return title is not None and title.lower().startswith("chair")


class OfficeZipError(NamedTuple):
    """A district office whose ZIP exists in neither the USPS table nor the ZIP areas."""

    bioguide: str
    name: str
    city: str
    state: str
    zip: str

    def __str__(self) -> str:
        return f"{self.name} ({self.bioguide}), {self.city}, {self.state}: ZIP {self.zip}"


class NearestOffice(NamedTuple):
    office: Office
    miles: float | None  # None when matched by city only


class SourceInfo(NamedTuple):
    name: str
    origin: str  # URL or file path it was read from
    fetched_at: str  # ISO 8601, UTC
    last_modified: str | None  # HTTP Last-Modified or file modification time
    sha256: str
    size: int  # bytes; for the USPS table, the number of ZIP codes
    dated: str | None = None  # the file's own date, YYYY-MM-DD (see ``Fetched.dated``)
    etag: str | None = None  # HTTP ETag, when the server sent one
    congress: int | None = None  # the Congress whose members or districts it describes


LEGISLATORS_SOURCE = "legislators-current.json"
ZIP_TABLE_SOURCE = "zccd.csv"


@dataclass(frozen=True, slots=True)
class Freshness:
    built_at: datetime
    sources: tuple[SourceInfo, ...]

    def congress_of(self, name: str) -> int | None:
        return next((s.congress for s in self.sources if s.name == name), None)

    @property
    def legislators_congress(self) -> int | None:
        """The Congress of the members (from their current terms' start dates)."""
        return self.congress_of(LEGISLATORS_SOURCE)

    @property
    def zip_congress(self) -> int | None:
        """The Congress whose district lines the ZIP table describes (declared or read)."""
        return self.congress_of(ZIP_TABLE_SOURCE)

    def age(self, now: datetime) -> timedelta:
        return now - self.built_at

    def is_stale(self, max_age_days: int, now: datetime) -> bool:
        return self.age(now) > timedelta(days=max_age_days)
