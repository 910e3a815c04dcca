"""Who represents a member: ZIP lookups, the district they chose, and lawmaker search.

A ZIP often spans several House districts. The service never guesses: it returns every
candidate seat and lets the member choose; only the chosen district (never an address) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.civic.directory import Directory
from bot.civic.models import Committee, NearestOffice, Seat, ZipResult, seat_label
from bot.civic.models import Member as Lawmaker
from bot.civic.redistricting import Redistricting, load_redistricting
from bot.civic.store import DirectoryStore
from bot.core.district_maps import MapChange, MapCheck
from bot.core.members import MemberService
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.models import Member
from bot.domain.text import Text, t
from bot.domain.zips import parse_zip
from bot.i18n.translator import Translator

_DISTRICT = re.compile(r"^([A-Z]{2})-(AL|\d{1,2})$")
NO_LOCATION = t(
    "You haven't saved a ZIP code yet. Use /setzip with your ZIP (for example /setzip 05401), "
    "or look one up with /reps."
)


@dataclass(frozen=True, slots=True)
class Representation:
    """The seats that represent someone, and how sure we are of the House seat."""

    place: Text | str  # "Burlington, VT"; a state alone in the reader's words
    zip5: str | None
    senate: tuple[Seat, ...]
    house: tuple[Seat, ...]  # one seat when known; every candidate when the ZIP is split
    chosen: str | None = None  # the district label the member picked, e.g. "CA-12"
    note: Text | None = None  # e.g. how a ZIP+4 was read
    house_complete: bool = True  # False: some state's district cannot be told from the ZIP
    # True: a PO-box or business ZIP, and ``house`` holds the districts of the nearest ZIP areas,
    # probably the member's, never certain (the member confirms one, or finds it by address).
    probable: bool = False
    # The data's Congresses and, for states whose lines changed between them, the old table's
    # districts as candidates only (bot/core/district_maps.py): never presented as certain.
    districts: str | None = None  # e.g. "districts of the 119th Congress", for a footer
    map_changes: tuple[MapChange, ...] = ()

    @property
    def lines_changed(self) -> bool:
        """True when a House seat here comes from a map that has since changed: the member
        should confirm their district (the state's lookup, or the street-address form)."""
        return bool(self.map_changes)

    @property
    def undecided(self) -> bool:
        return self.chosen is None and (len(self.house) > 1 or self.probable)

    @property
    def house_unknown(self) -> bool:
        """True when no House seat can be named at all (a PO-box ZIP with no location, or no
        ZIP area near enough): only the member's home ZIP or street address can tell it."""
        return self.chosen is None and not self.house and not self.house_complete

    @property
    def lawmakers(self) -> tuple[Lawmaker, ...]:
        return tuple(s.member for s in (*self.senate, *self.house) if s.member is not None)


def parse_district(label: str) -> tuple[str, int]:
    """'VT-AL' -> ('VT', 0); 'CA-12' -> ('CA', 12)."""
    match = _DISTRICT.match(label.strip().upper())
    if match is None:
        raise InvalidInput(t("A district looks like CA-12 (or VT-AL for an at-large seat)."))
    state, number = match.groups()
    return state, 0 if number == "AL" else int(number)


def from_zip(result: ZipResult, note: Text | None = None) -> Representation:
    return Representation(
        place=result.place,
        zip5=result.zip5,
        senate=result.senate,
        house=result.house,
        note=note,
        house_complete=result.house_complete,
        probable=result.probable,
    )


class LawmakerService:
    """Lookups over the current directory, and the member's saved location."""

    def __init__(
        self,
        store: DirectoryStore,
        members: MemberService,
        clock: Clock | None = None,
        redistricting: Redistricting | None = None,
    ) -> None:
        self._store = store
        self._members = members
        self._clock = clock  # the day tells which Congress sits (None: the data's alone)
        self._redistricting = redistricting or load_redistricting()

    @property
    def directory(self) -> Directory:
        return self._store.current()

    def state_of_zip(self, zip5: str) -> str | None:
        """The state of a saved ZIP code in the current data, or None when it knows none."""
        try:
            return self.directory.lookup_zip(zip5).state
        except (InvalidInput, NotFound):
            return None

    def map_check(self, directory: Directory | None = None) -> MapCheck:
        """The data's Congresses and the redistricting rule, for today."""
        today = self._clock.now().date() if self._clock is not None else None
        freshness = (directory or self.directory).freshness
        return MapCheck.of(self._redistricting, freshness, today)

    def _checked(self, rep: Representation, directory: Directory) -> Representation:
        check = self.map_check(directory)
        return replace(rep, districts=check.districts, map_changes=check.changes(rep.house))

    def lookup(self, zip_text: str) -> Representation:
        """Who represents a ZIP, as typed by a person (ZIP+4 accepted)."""
        parsed = parse_zip(zip_text)
        directory = self.directory
        return self._checked(from_zip(directory.lookup_zip(parsed.zip5), parsed.note), directory)

    def for_member(self, member: Member) -> Representation:
        """The member's lawmakers from their chosen district, else from their ZIP."""
        directory = self.directory
        return self._checked(self._for_member(member, directory), directory)

    def _for_member(self, member: Member, directory: Directory) -> Representation:
        if member.district:
            state, number = parse_district(member.district)
            place = directory.lookup_zip(member.zip).place if member.zip else state
            return Representation(
                place=place,
                zip5=member.zip,
                senate=directory.senate_seats(state),
                house=(directory.house_seat(state, number),),
                chosen=member.district,
            )
        if member.zip:
            return from_zip(directory.lookup_zip(member.zip))
        raise NotFound(NO_LOCATION)

    async def save_zip(self, member: Member, zip_text: str) -> tuple[Member, Representation]:
        """Save the member's ZIP; the district too when the ZIP names exactly one."""
        parsed = parse_zip(zip_text)
        directory = self.directory
        result = directory.lookup_zip(parsed.zip5)
        rep = self._checked(from_zip(result, parsed.note), directory)
        # A district from a map that has since changed is not saved as the member's.
        certain = len(rep.house) == 1 and not result.split and not rep.lines_changed
        district = rep.house[0].label if certain else None
        member = await self._members.set_location(member, parsed.zip5, district)
        return member, (rep if district is None else self.for_member(member))

    async def forget_location(self, member: Member) -> Member:
        return await self._members.clear_location(member)

    async def choose_district(
        self, member: Member, zip5: str, label: str
    ) -> tuple[Member, Representation]:
        """Remember the district the member picked among the candidates for ``zip5``."""
        candidates = {seat.label for seat in self.lookup(zip5).house}
        state, number = parse_district(label)
        chosen = seat_label(state, number)
        if chosen not in candidates:
            raise InvalidInput(
                t(
                    "{district} is not one of the districts that ZIP {zip5} touches ({touched}).",
                    district=chosen,
                    zip5=zip5,
                    touched=", ".join(sorted(candidates)),
                )
            )
        member = await self._members.set_district(member, chosen)
        return member, self.for_member(member)

    def nearest_office(self, lawmaker: Lawmaker, zip5: str | None) -> NearestOffice | None:
        if not zip5:
            return None
        return self.directory.nearest_office(lawmaker.bioguide, zip5)

    def find(self, name: str) -> tuple[Lawmaker, ...]:
        text = name.strip()
        if len(text) < 2:
            raise InvalidInput(t("Type at least two letters of a name, like 'sanders'."))
        return self.directory.find_by_name(text)

    def committee(self, id_or_name: str, words: Translator | None = None) -> Committee:
        """By code or name: the data's English, or the reader's language's (``words``)."""
        if not id_or_name.strip():
            raise InvalidInput(t("Name a committee, like HSWM or 'Senate Finance'."))
        return self.directory.committee(id_or_name, words)

    def lawmaker(self, bioguide: str) -> Lawmaker:
        return self.directory.member(bioguide)
