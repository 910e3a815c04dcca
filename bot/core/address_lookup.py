"""A member's House district from their street address, looked up once and never kept.

When a ZIP cannot tell the district (it spans several, or is a PO-box ZIP whose districts are
only probable), a member may type their street address. It goes once to the geocoder (the U.S.
Census Bureau's, injected as a :class:`Geocoder`), and only the district it names is kept, and
only when the member then says so (:meth:`AddressLookup.save`). The address itself is held in
memory for that one request: never stored, never logged, never put in a message or an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.civic.congress import ordinal_text
from bot.civic.geo import place_text
from bot.civic.geocoding import DistrictMatch, GeocodeFailed, NoMatch, Refused, Unplaced
from bot.civic.models import Seat, seat_label
from bot.civic.redistricting import Redraw
from bot.core.lawmakers import LawmakerService, Representation, parse_district
from bot.core.members import MemberService
from bot.core.ratelimit import MemberRateLimiter
from bot.domain.errors import DomainError, InvalidInput, NotFound, RateLimited, Unavailable
from bot.domain.hostile_text import one_line
from bot.domain.models import Actor, Member
from bot.domain.text import Text, t

MAX_ADDRESS = 100  # characters: what the Census geocoder takes in one line
ADDRESS_FIELD = "street_address"  # the form field: platform payload logs naming it are withheld
CENSUS = t("the U.S. Census Bureau")  # where the address goes, inside a sentence
CENSUS_FIRST = t("The U.S. Census Bureau")  # the same, starting a sentence

CONSENT = t(
    "Your address goes once to {to} to find your district, and is not kept: only the district, "
    "if you then save it."
)
EMPTY = t("Type your street address, like 123 Main St, Springfield, IL 62701.")
TOO_LONG = t(
    "That address is longer than {limit} characters; type just the street, city and state."
)
TURNED_OFF = t("Looking up a district from a street address is turned off here.")
NO_MATCH = t(
    "{to} found no match for that address. Check the house number and street, or pick your "
    "district from the list."
)
NOT_A_DISTRICT = t("{to} could not place that address in a congressional district.")
OTHER_STATE = t(
    "{to} places that address in {found}, but ZIP {zip5} is in {states}. Check the address, or "
    "pick your district from the list."
)
AND = t("{first} and {second}")
OLD_MAP = t(
    "{to}'s map still has {state}'s old House district lines, which changed for the {congress} "
    "Congress. Confirm your district at {lookup}, or pick it from the list."
)
NOT_IN_DATA = t("{to} places that address in {label}, which is not in the lawmaker data here.")
DOWN = t(
    "{to}'s address lookup is not answering right now. Pick your district from the list, or try "
    "again later."
)
REFUSED = t(
    "{to} could not read that address. Type the house number, street, city and state, or pick "
    "your district from the list."
)
SLOW_DOWN = t(
    "You have looked up several addresses just now. Try again in a few minutes, or pick your "
    "district from the list."
)
NOT_IN_STATE = t("{district} is not in the state of ZIP {zip5} ({states}).")


class Geocoder(Protocol):
    """Finds the congressional district of one address (bot.civic.geocoder.CensusGeocoder)."""

    congress: int | None  # the Congress whose district lines its answers give, when known

    async def locate(self, address: str) -> DistrictMatch: ...


class LookupFailed(DomainError):
    """The address gave no usable district; the member picks from the ZIP's list instead."""


@dataclass(frozen=True, slots=True)
class Found:
    """The district an address is in, among the ZIP's states."""

    zip5: str
    seat: Seat

    @property
    def label(self) -> str:
        return self.seat.label


def address_text(typed: str) -> str:
    """The address as it is sent: one line, single spaces (linear in its length). Refuses an
    empty or too long one with a sentence that does not quote it."""
    text = " ".join(one_line(typed).split())
    if not text:
        raise InvalidInput(EMPTY)
    if len(text) > MAX_ADDRESS:
        raise InvalidInput(TOO_LONG.with_values(limit=MAX_ADDRESS))
    return text


def address_helps(rep: Representation) -> bool:
    """Whether a street address would settle the member's House district: the ZIP spans
    several districts, its districts are only probable, or the lines changed since the map
    that named them (:meth:`AddressLookup.offers` also asks whether the geocoder's map is new
    enough); or no House district can be named from the ZIP at all."""
    return rep.undecided or rep.lines_changed or rep.house_unknown


class AddressLookup:
    """Finds a district from an address (rate-limited per member) and saves it on consent."""

    def __init__(
        self,
        lawmakers: LawmakerService,
        members: MemberService,
        geocoder: Geocoder | None,
        limiter: MemberRateLimiter,
        service_name: Text = CENSUS,
        service_first: Text = CENSUS_FIRST,
    ) -> None:
        self._lawmakers = lawmakers
        self._members = members
        self._geocoder = geocoder
        self._limiter = limiter
        self.service_name = service_name  # in a sentence ("the U.S. Census Bureau")
        self._service_first = service_first  # starting one ("The U.S. Census Bureau")

    @property
    def enabled(self) -> bool:
        """False when ORGBOT_ADDRESS_LOOKUP is off: no button is offered."""
        return self._geocoder is not None

    def offers(self, rep: Representation) -> bool:
        """Whether to offer the lookup for ``rep``: it is on, the ZIP cannot tell the House
        district, and the geocoder's map is not older than the lines of the ZIP's states."""
        if self._geocoder is None or not rep.zip5 or not address_helps(rep):
            return False
        states = dict.fromkeys(seat.state for seat in rep.house)
        return not any(self._outdated(state, self._geocoder.congress) for state in states)

    @property
    def consent(self) -> Text:
        return CONSENT.with_values(to=self.service_name)

    async def find(self, actor: Actor, zip_text: str, address: str) -> Found:
        """The district ``address`` is in, checked against the states of the ZIP's candidates.

        Raises InvalidInput for an empty or too long address (nothing is sent), LookupFailed
        when the lookup gives no usable district (too many lookups, no match, another state,
        the service down), Unavailable when the lookup is turned off.
        """
        if self._geocoder is None:
            raise Unavailable(TURNED_OFF)
        rep = self._lawmakers.lookup(zip_text)
        text = address_text(address)
        try:
            self._limiter.check(actor)
        except RateLimited:
            raise LookupFailed(SLOW_DOWN) from None
        try:
            match = await self._geocoder.locate(text)
        except GeocodeFailed as exc:
            raise LookupFailed(self._failure(exc)) from None
        return self._found(rep, match)

    async def save(self, member: Member, zip_text: str, label: str) -> tuple[Member, Seat]:
        """Keep ``label`` as the member's district, once they agreed: it must be a district of
        the ZIP's state(s) in the current data (a forged button saves nothing else)."""
        rep = self._lawmakers.lookup(zip_text)
        state, number = parse_district(label)
        states = _states(rep)
        if state not in states:
            raise InvalidInput(
                NOT_IN_STATE.with_values(
                    district=seat_label(state, number), zip5=rep.zip5, states=", ".join(states)
                )
            )
        seat = self._lawmakers.directory.house_seat(state, number)
        member = await self._members.set_district(member, seat.label)
        return member, seat

    def _found(self, rep: Representation, match: DistrictMatch) -> Found:
        to = self._service_first
        states = _states(rep)
        label = seat_label(match.state, match.district)
        if match.state not in states:
            raise LookupFailed(
                OTHER_STATE.with_values(
                    to=to, found=place_text(match.state), zip5=rep.zip5, states=_both(states)
                )
            )
        redraw = self._outdated(match.state, match.congress)
        if redraw is not None:  # the geocoder still draws the state's old lines
            raise LookupFailed(
                OLD_MAP.with_values(
                    to=to,
                    state=place_text(match.state),
                    congress=ordinal_text(redraw.congress),
                    lookup=redraw.lookup,
                )
            )
        try:
            seat = self._lawmakers.directory.house_seat(match.state, match.district)
        except NotFound:
            raise LookupFailed(NOT_IN_DATA.with_values(to=to, label=label)) from None
        return Found(rep.zip5 or "", seat)

    def _outdated(self, state: str, congress: int | None) -> Redraw | None:
        """The redraw of ``state`` that a map of ``congress`` (None: unknown, so old) misses
        for the sitting Congress, or None."""
        check = self._lawmakers.map_check()
        return check.redistricting.changed(state, congress, check.serving)

    def _failure(self, exc: GeocodeFailed) -> Text:
        to = self._service_first
        if isinstance(exc, Unplaced):
            return NOT_A_DISTRICT.with_values(to=to)
        if isinstance(exc, NoMatch):
            return NO_MATCH.with_values(to=to)
        if isinstance(exc, Refused):
            return REFUSED.with_values(to=to)
        return DOWN.with_values(to=to)  # OutOfService: timed out, 5xx, not the documented shape


def _states(rep: Representation) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.state for s in (*rep.senate, *rep.house)))


def _both(states: tuple[str, ...]) -> Text | str:
    """'Texas', 'Texas and Oklahoma', in the reader's language (a ZIP touches a few states)."""
    if len(states) < 2:
        return place_text(states[0]) if states else ""
    return AND.with_values(first=_both(states[:-1]), second=place_text(states[-1]))
