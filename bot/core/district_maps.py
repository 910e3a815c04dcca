"""Which map a House answer comes from, and when it cannot be trusted.

The ZIP table describes one Congress's district lines; the members shown sit in another when
the legislators file (or the calendar: a new Congress is sworn in on 3 January of odd years)
has moved on. For a state whose lines changed in between (bot/resources/redistricting.yaml),
the old table's district is only a candidate: every answer about it says the lines changed
and how to confirm the district. Senators are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.civic.congress import congress_on, congress_start, districts_text, ordinal_text
from bot.civic.geo import place_text
from bot.civic.models import Freshness, Seat
from bot.civic.redistricting import Redistricting
from bot.domain.text import Text, t

LINES_CHANGED = t(
    "{state}'s House district lines changed for the {congress} Congress, and the ZIP table here "
    "still describes the {old} Congress's lines: {where} on the old map, which may not be "
    "your district now. Confirm your district at {lookup} (or {fallback})."
)
# The same when the ZIP table does not say which Congress's lines it describes.
LINES_CHANGED_UNSTATED = t(
    "{state}'s House district lines changed for the {congress} Congress, and the ZIP table here "
    "still describes an unstated earlier Congress's lines: {where} on the old map, which may not "
    "be your district now. Confirm your district at {lookup} (or {fallback})."
)
WHERE_ZIP = t("ZIP {zip5} lay in {candidates}")
WHERE_SAVED = t("your saved district {candidates} was drawn")
# The state's lookup and house.gov's take a street address. The bot's own address form can key on
# ``Representation.lines_changed`` once its geocoder describes the new lines.
ADDRESS_LOOKUP_HINT = t(
    "Both find your district from your street address, so they can tell it exactly."
)
DATA_FOOTER = t("Data: {districts}.")
STALE_MEMBERS = t(
    "{districts}; the {serving} Congress has sat since 3 January {year}, so the members listed "
    "may have changed until the lawmaker data is refreshed"
)
EITHER = t("{first} or {second}")


@dataclass(frozen=True, slots=True)
class MapChange:
    """A state whose old-table districts are only candidates for the members shown."""

    state: str
    congress: int  # the first Congress on the new lines
    zip_congress: int | None  # the Congress of the ZIP table's lines
    lookup: str  # the state's district lookup
    fallback: str  # the house.gov finder
    candidates: tuple[str, ...]  # the old table's district labels, e.g. ("TX-9",)


@dataclass(frozen=True, slots=True)
class MapCheck:
    """The rule, given the list of redraws and the data's Congresses."""

    redistricting: Redistricting
    serving: int | None  # the Congress sitting: the members' lines are this Congress's
    zip_congress: int | None
    members: int | None = None  # the legislators file's Congress

    @classmethod
    def of(cls, redistricting: Redistricting, freshness: Freshness, today: date | None) -> MapCheck:
        """The members shown sit in the legislators file's Congress, or today's when the file
        is older (after 3 January 2027 the 120th sits, whatever the file says)."""
        known = [n for n in (freshness.legislators_congress,) if n is not None]
        if today is not None:
            known.append(congress_on(today))
        members = freshness.legislators_congress
        return cls(redistricting, max(known, default=None), freshness.zip_congress, members)

    def changes(self, house: tuple[Seat, ...]) -> tuple[MapChange, ...]:
        """One MapChange per state of ``house`` whose lines changed between the two maps."""
        found = []
        for state in dict.fromkeys(seat.state for seat in house):
            redraw = self.redistricting.changed(state, self.zip_congress, self.serving)
            if redraw is None:
                continue
            labels = tuple(seat.label for seat in house if seat.state == state)
            found.append(
                MapChange(
                    state,
                    redraw.congress,
                    self.zip_congress,
                    redraw.lookup,
                    self.redistricting.fallback_lookup,
                    labels,
                )
            )
        return tuple(found)

    @property
    def districts(self) -> Text:
        """'districts of the 119th Congress', or what is mixed, unknown or out of date."""
        text = districts_text(self.members, self.zip_congress)
        serving, members = self.serving, self.members
        if serving is not None and members is not None and serving > members:
            year = congress_start(serving).year
            text = STALE_MEMBERS.with_values(
                districts=text, serving=ordinal_text(serving), year=year
            )
        return text


def either(labels: tuple[str, ...] | list[str]) -> Text | str:
    """'TX-7', 'TX-7 or TX-18', 'TX-7, TX-18 or TX-29' (labels are codes: not translated)."""
    if len(labels) < 2:
        return "".join(labels)
    return EITHER.with_values(first=", ".join(labels[:-1]), second=labels[-1])


def map_change(change: MapChange, zip5: str | None, saved: bool = False) -> Text:
    """The sentence for a state whose lines changed: what the old table says, and where to
    confirm the district."""
    candidates = either(change.candidates)
    where = (WHERE_SAVED if saved or not zip5 else WHERE_ZIP).with_values(
        zip5=zip5, candidates=candidates
    )
    said, old = LINES_CHANGED_UNSTATED, {}
    if change.zip_congress is not None:
        said, old = LINES_CHANGED, {"old": ordinal_text(change.zip_congress)}
    return said.with_values(
        state=place_text(change.state),
        congress=ordinal_text(change.congress),
        **old,
        where=where,
        lookup=change.lookup,
        fallback=change.fallback,
    )


def map_change_text(change: MapChange, zip5: str | None, saved: bool = False) -> str:
    """:func:`map_change` in English (for callers not yet translated)."""
    return str(map_change(change, zip5, saved))


def data_footer(districts: Text | str) -> Text:
    return DATA_FOOTER.with_values(districts=districts)
