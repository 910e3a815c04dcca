"""Who represents a member: ZIP lookups, the district they chose, and lawmaker search.

A ZIP often spans several House districts. The service never guesses: it returns every
candidate seat and lets the member choose; only the chosen district (never an address) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.civic.directory import Directory
from bot.civic.models import Committee, NearestOffice, Seat, ZipResult, seat_label
from bot.civic.models import Member as Lawmaker
from bot.civic.store import DirectoryStore
from bot.core.errors import InvalidInput, NotFound
from bot.core.members import MemberService
from bot.core.models import Member
from bot.core.zips import parse_zip

_DISTRICT = re.compile(r"^([A-Z]{2})-(AL|\d{1,2})$")
NO_LOCATION = (
    "You haven't saved a ZIP code yet. Use /setzip with your ZIP (for example /setzip 05401), "
    "or look one up with /reps."
)


@dataclass(frozen=True, slots=True)
class Representation:
    """The seats that represent someone, and how sure we are of the House seat."""

    place: str
    zip5: str | None
    senate: tuple[Seat, ...]
    house: tuple[Seat, ...]  # one seat when known; every candidate when the ZIP is split
    chosen: str | None = None  # the district label the member picked, e.g. "CA-12"
    note: str | None = None  # e.g. how a ZIP+4 was read
    house_complete: bool = True  # False: some state's district cannot be told from the ZIP

    @property
    def undecided(self) -> bool:
        return self.chosen is None and len(self.house) > 1

    @property
    def lawmakers(self) -> tuple[Lawmaker, ...]:
        return tuple(s.member for s in (*self.senate, *self.house) if s.member is not None)


def parse_district(label: str) -> tuple[str, int]:
    """'VT-AL' -> ('VT', 0); 'CA-12' -> ('CA', 12)."""
    match = _DISTRICT.match(label.strip().upper())
    if match is None:
        raise InvalidInput("A district looks like CA-12 (or VT-AL for an at-large seat).")
    state, number = match.groups()
    return state, 0 if number == "AL" else int(number)


def from_zip(result: ZipResult, note: str | None = None) -> Representation:
    return Representation(
        place=result.place,
        zip5=result.zip5,
        senate=result.senate,
        house=result.house,
        note=note,
        house_complete=result.house_complete,
    )


class LawmakerService:
    """Lookups over the current directory, and the member's saved location."""

    def __init__(self, store: DirectoryStore, members: MemberService) -> None:
        self._store = store
        self._members = members

    @property
    def directory(self) -> Directory:
        return self._store.current()

    def lookup(self, zip_text: str) -> Representation:
        """Who represents a ZIP, as typed by a person (ZIP+4 accepted)."""
        parsed = parse_zip(zip_text)
        return from_zip(self.directory.lookup_zip(parsed.zip5), parsed.note)

    def for_member(self, member: Member) -> Representation:
        """The member's lawmakers from their chosen district, else from their ZIP."""
        directory = self.directory
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
        result = self.directory.lookup_zip(parsed.zip5)
        rep = from_zip(result, parsed.note)
        district = rep.house[0].label if len(rep.house) == 1 and not result.split else None
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
                f"{chosen} is not one of the districts that ZIP {zip5} touches "
                f"({', '.join(sorted(candidates))})."
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
            raise InvalidInput("Type at least two letters of a name, like 'sanders'.")
        return self.directory.find_by_name(text)

    def committee(self, id_or_name: str) -> Committee:
        if not id_or_name.strip():
            raise InvalidInput("Name a committee, like HSWM or 'Senate Finance'.")
        return self.directory.committee(id_or_name)

    def lawmaker(self, bioguide: str) -> Lawmaker:
        return self.directory.member(bioguide)
