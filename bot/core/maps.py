"""Maps people read at a glance (issue 19): where a campaign's calls went, state by state, and
where a committee's members stand.

Calls are placed by the lawmaker each report names (a senator in their state, a House member in
theirs; one who left office in the seat they held). A one-tap report (a reaction or the outcome
button on a prompt) names none: the caller phoned their own lawmakers, so it is placed in the
state of the ZIP code they saved; reports of callers with no ZIP (or a ZIP the data no longer
knows) and anonymous counts are on no map, and are counted apart. Shading per 100,000
residents uses the 2020 Census (``bot.civic.residents``), so a small state's calls are not lost
next to California's. The words of a map (title, legend, alt text) are :class:`Text`; the
picture is drawn by the cog.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from babel.numbers import format_decimal

from bot.civic.geo import REPRESENTED
from bot.civic.models import Committee, CommitteeName
from bot.core.periods import Period
from bot.core.stats import StatsService, StatsSummary
from bot.domain.campaign_models import Campaign
from bot.domain.errors import DomainError
from bot.domain.models import Community
from bot.domain.stance_models import LawmakerStance
from bot.domain.text import Text, t, tn
from bot.i18n.translator import Translator

PER_100K = "per100k"
CALLS = "calls"
SHADES = (PER_100K, CALLS)
TOP = 5  # places the alt text names
PER = 100_000
STANCES = ("supports", "opposes", "undecided", "unknown")  # the legend's order
STANCE_NAMES: dict[str, Text] = {
    "supports": t("Supports"),
    "opposes": t("Opposes"),
    "undecided": t("Undecided"),
    "unknown": t("Unknown"),
}
NO_CALLS = t("No calls")
ALT_MAX = 1000  # Slack's alt_txt and Discord's attachment description both take this much


@dataclass(frozen=True, slots=True)
class Amount:
    """A number said in the reader's way ('1,234.5' / '1234,5'): a value of a Text."""

    value: float
    decimals: int = 0

    def in_words(self, words: Translator) -> str:
        return self.said(words.code)

    def said(self, language: str) -> str:
        pattern = "#,##0." + "0" * self.decimals if self.decimals else "#,##0"
        return format_decimal(round(self.value, self.decimals), pattern, locale=language)

    def __str__(self) -> str:  # English, as Text.english() shows values
        return self.said("en")


@dataclass(frozen=True, slots=True)
class CallMap:
    """Calls per place (every state, DC and territory: 0 for none) and how they are shaded."""

    calls: Mapping[str, int]
    residents: Mapping[str, int]
    shade: str = PER_100K
    unplaced: int = 0  # reports that named no lawmaker (or one the data no longer knows)

    def value(self, place: str) -> float:
        """What the tile is shaded by: calls per 100,000 residents, or calls."""
        calls = self.calls.get(place, 0)
        if self.shade == CALLS:
            return float(calls)
        return calls * PER / self.residents[place]

    def amount(self, place: str) -> Amount:
        """The value as shown: calls as a whole number; a rate with a decimal, more below 1
        (so a state with calls never reads 0.0)."""
        value = self.value(place)
        if self.shade == CALLS:
            return Amount(value)
        return Amount(value, 1 if value >= 1 or not value else 2 if value >= 0.01 else 3)

    @property
    def values(self) -> dict[str, float]:
        return {place: self.value(place) for place in self.calls}

    @property
    def places_with_calls(self) -> int:
        return sum(1 for n in self.calls.values() if n)

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def top(self, n: int = TOP) -> list[str]:
        """The places with the most (by the shading), most first; ties by code."""
        called = [place for place, calls in self.calls.items() if calls]
        return sorted(called, key=lambda place: (-self.value(place), place))[:n]


def calls_by_place(by_place: Mapping[str, int]) -> dict[str, int]:
    """Every state, DC and territory -> calls, from the stats' seats ('VT', 'VT-AL', 'CA-14')."""
    calls = dict.fromkeys(sorted(REPRESENTED), 0)
    for seat, n in by_place.items():
        state = seat.split("-", 1)[0]
        if state in calls:
            calls[state] += n
    return calls


def call_map(
    by_place: Mapping[str, int],
    residents: Mapping[str, int],
    shade: str,
    total: int,
    by_caller: Mapping[str, int] | None = None,
) -> CallMap:
    """The map of ``total`` reports: ``by_place`` of them naming a lawmaker's seat, and
    ``by_caller`` (state -> reports) one-tap reports placed by their caller's state."""
    if shade not in SHADES:
        raise ValueError(f"unknown shade {shade!r}")
    calls = calls_by_place(by_place)
    for state, n in (by_caller or {}).items():
        if state in calls:
            calls[state] += n
    return CallMap(calls, residents, shade, unplaced=max(0, total - sum(calls.values())))


StateOfZip = Callable[[str], str | None]


class CallMaps:
    """Builds a campaign's (or every campaign's) map of calls over a period.

    ``state_of_zip`` says the state of a saved ZIP code (None when the data does not know it)."""

    def __init__(
        self, stats: StatsService, residents: Mapping[str, int], state_of_zip: StateOfZip
    ) -> None:
        self._stats = stats
        self.residents = residents
        self._state_of_zip = state_of_zip

    async def calls(
        self, community_id: int, campaign: Campaign | None, period: Period, shade: str
    ) -> CallMap:
        campaign_id = campaign.id if campaign else None
        found = await self._stats.summary_for(community_id, campaign_id, period, campaign)
        return await self.of_summary(community_id, campaign_id, period, found, shade)

    async def of_summary(
        self,
        community_id: int,
        campaign_id: int | None,
        period: Period,
        found: StatsSummary,
        shade: str,
    ) -> CallMap:
        """The map of a period whose stats (``found``) were read already."""
        zips = await self._stats.one_tap_zips(community_id, campaign_id, period)
        by_caller: defaultdict[str, int] = defaultdict(int)
        for zip5, n in zips.items():
            state = self._state_of_zip(zip5) if zip5 else None
            if state is not None:
                by_caller[state] += n
        return call_map(found.by_place, self.residents, shade, found.total, by_caller)


def legend(shade: str) -> Text:
    return t("Calls per 100,000 residents") if shade == PER_100K else t("Calls")


def shaded_by(shade: str) -> Text:
    """The shading, inside a sentence."""
    return t("calls per 100,000 residents") if shade == PER_100K else t("the number of calls")


def call_map_title(what: str, period: Text | str) -> Text:
    return t("Calls by state: {what}, {period}", what=what, period=period)


def call_map_alt(found: CallMap, what: str, period: Text | str) -> Text:
    """What the map shows, for people who cannot see it: the shading and the top places."""
    if not found.total:
        return t(
            "Tile map of the 50 states, DC and 5 territories for {what}, {period}: no calls.",
            what=what,
            period=period,
        )
    top = ", ".join(f"{place} {{{index}}}" for index, place in enumerate(found.top()))
    return tn(
        "Tile map of the 50 states, DC and 5 territories for {what}, {period}, shaded by "
        "{shading}: {n} place had calls; the most: {top}.",
        "Tile map of the 50 states, DC and 5 territories for {what}, {period}, shaded by "
        "{shading}: {n} places had calls; the most: {top}.",
        found.places_with_calls,
        what=what,
        period=period,
        shading=shaded_by(found.shade),
        n=found.places_with_calls,
        top=_Listed(top, tuple(found.amount(place) for place in found.top())),
    )


@dataclass(frozen=True, slots=True)
class _Listed:
    """'VT 12.5, NH 3.0': places and their amounts in the reader's number format."""

    pattern: str
    amounts: tuple[Amount, ...]

    def in_words(self, words: Translator) -> str:
        return self.pattern.format(*(amount.said(words.code) for amount in self.amounts))

    def __str__(self) -> str:  # English, as Text.english() shows values
        return self.pattern.format(*(amount.said("en") for amount in self.amounts))


def unplaced_note(found: CallMap) -> Text | None:
    if not found.unplaced:
        return None
    return tn(
        "{n} report named no lawmaker and came from a caller with no saved ZIP code, so it "
        "is on no state.",
        "{n} reports named no lawmaker and came from callers with no saved ZIP code, so they "
        "are on no state.",
        found.unplaced,
        n=found.unplaced,
    )


# -- stances -------------------------------------------------------------------------------
class StanceSource(Protocol):
    """Where a campaign's lawmakers stand (``StanceService``, bot/core/stances.py)."""

    async def stances(
        self, campaign: Campaign, committee: str | None = None
    ) -> Sequence[LawmakerStance]:
        """Each member of the committee (by code) still in office and their stance."""
        ...

    async def campaign_for(self, community: Community, slug: str = "") -> Campaign:
        """The campaign named, else the main one while it runs, else the only one running."""
        ...


async def committee_stances(
    source: StanceSource, campaign: Campaign, committee: Committee
) -> dict[str, str]:
    """bioguide -> stance ('supports', 'opposes', 'undecided', 'unknown') of the committee's
    members in ``campaign``."""
    found = await source.stances(campaign, committee.thomas_id)
    return {row.lawmaker: str(row.stance) for row in found}


@dataclass(frozen=True, slots=True)
class StanceTile:
    """A committee member on the stance map."""

    bioguide: str
    name: str  # their last name
    seat: str  # 'D-MA-1', 'R-ID'
    stance: str


class Members(Protocol):
    """The lawmaker directory, as far as the stance map needs it."""

    def member(self, bioguide: str) -> object: ...


def stance_tiles(
    committee: Committee, stances: Mapping[str, str], directory: Members
) -> list[StanceTile]:
    """The committee's members in its own order (the chair first, then by side and rank), so
    each keeps their place from one week's map to the next; a stance not known is unknown."""
    tiles = []
    for member in committee.members:
        try:
            found = directory.member(member.bioguide)
        except DomainError:  # on the committee list, not (yet) in the members' data
            found = None
        last = getattr(found, "last", None) or member.name.split()[-1]
        party = getattr(found, "party_letter", None) or (member.party or "?")[:1]
        seat = getattr(found, "seat_label", None)
        stance = stances.get(member.bioguide, "unknown")
        tiles.append(
            StanceTile(
                bioguide=member.bioguide,
                name=last,
                seat=f"{party}-{seat}" if seat else party,
                stance=stance if stance in STANCES else "unknown",
            )
        )
    return tiles


def stance_title(committee: Committee, what: str) -> Text:
    return t(
        "Stances on {what}: {committee} ({code})",
        what=what,
        committee=CommitteeName(committee),  # in the reader's words
        code=committee.thomas_id,
    )


def stance_alt(committee: Committee, tiles: Sequence[StanceTile], what: str) -> Text:
    """How many members support, oppose, are undecided or unknown, and who is undecided."""
    count = {stance: sum(1 for tile in tiles if tile.stance == stance) for stance in STANCES}
    values = {
        "n": len(tiles),
        "committee": CommitteeName(committee),
        "code": committee.thomas_id,
        "what": what,
        **count,
    }
    undecided = [f"{tile.name} ({tile.seat})" for tile in tiles if tile.stance == "undecided"]
    if not undecided:
        return tn(
            "Grid of the {n} member of {committee} ({code}) by stance on {what}. Supporting: "
            "{supports}; opposing: {opposes}; undecided: {undecided}; unknown: {unknown}.",
            "Grid of the {n} members of {committee} ({code}) by stance on {what}. Supporting: "
            "{supports}; opposing: {opposes}; undecided: {undecided}; unknown: {unknown}.",
            len(tiles),
            **values,
        )
    return tn(
        "Grid of the {n} member of {committee} ({code}) by stance on {what}. Supporting: "
        "{supports}; opposing: {opposes}; undecided: {undecided}; unknown: {unknown}. Still "
        "undecided: {names}.",
        "Grid of the {n} members of {committee} ({code}) by stance on {what}. Supporting: "
        "{supports}; opposing: {opposes}; undecided: {undecided}; unknown: {unknown}. Still "
        "undecided: {names}.",
        len(tiles),
        names=", ".join(undecided),
        **values,
    )


def shorten(text: str, limit: int = ALT_MAX) -> str:
    """Alt text within what Discord and Slack take."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
