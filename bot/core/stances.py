"""Stances (issue 19): where each lawmaker a campaign targets stands, as organizers set it,
with its history; the tags callers put on their "made contact" reports; and suggestions.

Read API for other features (maps, the dashboard): :meth:`StanceService.stances` gives, for a
campaign, each targeted lawmaker's stance (unknown included), or each member of a committee's.
The rules (words, suggestions) are bot/core/stance_rules.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.civic.directory import Directory
from bot.civic.models import Member as Lawmaker
from bot.civic.store import DirectoryStore
from bot.core.actions import clean_note
from bot.core.campaigns import CampaignService
from bot.core.permissions import Permission, require
from bot.core.ports.stances import StanceStore
from bot.core.stance_rules import split_stance, suggest, this_week
from bot.domain.campaign_models import Campaign
from bot.domain.clock import Clock, iso
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.models import Actor, Community
from bot.domain.schedule_models import Fired
from bot.domain.stance_models import (
    LawmakerStance,
    Stance,
    StanceChange,
    StanceRow,
    Tag,
    TagCounts,
    Tagged,
)
from bot.domain.targets import BIOGUIDE, TargetKind
from bot.domain.text import t

# /stances' order: a suggestion first, then undecided and unknown (still to move), then the
# stances set.
ORDER = {Stance.UNDECIDED: 0, Stance.UNKNOWN: 1, Stance.OPPOSES: 2, Stance.SUPPORTS: 3}
CAMPAIGN_PREFIX = "campaign:"  # a note may start with it to name the campaign
NO_TAG = t("That report cannot be tagged: tags go on your own “made contact” report of a call.")


@dataclass(frozen=True, slots=True)
class StanceSet:
    """A stance just set: in which campaign, for whom, the history row, and the one before."""

    campaign: Campaign
    lawmaker: Lawmaker
    change: StanceChange
    previous: Stance


@dataclass(frozen=True, slots=True)
class StanceMove:
    """A stance set, and the one it replaced."""

    change: StanceChange
    before: Stance


class StanceService:
    """Stances per campaign and lawmaker, tags on reports, and what /stances shows."""

    def __init__(
        self,
        store: StanceStore,
        campaigns: CampaignService,
        directory: DirectoryStore,
        clock: Clock,
    ) -> None:
        self._store = store
        self._campaigns = campaigns
        self._directory = directory
        self._clock = clock
        self._undecided: dict[int, frozenset[str]] = {}  # campaign id -> bioguide ids

    # -- reading (also for maps and the dashboard) ------------------------------------------
    async def stances(
        self, campaign: Campaign, committee: str | None = None
    ) -> list[LawmakerStance]:
        """Each lawmaker the campaign targets (or, with ``committee``, each current member of
        that committee, by code like HSWM) and their stance, UNKNOWN when none is set; sorted
        by bioguide id. Raises NotFound for a committee that does not exist."""
        directory = self._directory.current()
        current = {
            s.lawmaker: s for s in await self._store.current(campaign.community_id, campaign.id)
        }
        if committee is not None:
            wanted = committee_members(directory, committee)
        else:
            wanted = self.named_by_targets(campaign, directory)
            wanted |= set(current)
            wanted |= await self._store.called(campaign.community_id, campaign.id)
        return [
            current.get(bioguide) or LawmakerStance(bioguide, Stance.UNKNOWN)
            for bioguide in sorted(wanted)
        ]

    async def board(
        self,
        campaign: Campaign,
        today: date,
        undecided: bool = False,
        committee: str | None = None,
    ) -> list[StanceRow]:
        """What /stances shows: per lawmaker, stance, calls this week, tags this week, the
        latest office note and a suggestion; only the undecided with ``undecided``. Those with a
        suggestion first, then undecided, unknown, opposes, supports; more calls first."""
        first, last = this_week(today)
        community_id = campaign.community_id
        stances = await self.stances(campaign, committee)
        calls = await self._store.calls(community_id, campaign.id, first, last)
        tags = await self._store.tag_counts(community_id, campaign.id, first, last)
        notes = await self._store.last_notes(community_id, campaign.id)
        rows = []
        for found in stances:
            if undecided and found.stance is not Stance.UNDECIDED:
                continue
            week = tags.get(found.lawmaker, TagCounts())
            rows.append(
                StanceRow(
                    lawmaker=found.lawmaker,
                    stance=found.stance,
                    set_at=found.set_at,
                    calls=calls.get(found.lawmaker, 0),
                    tags=week,
                    last_note=notes.get(found.lawmaker),
                    suggestion=suggest(found.stance, week),
                )
            )
        rows.sort(key=lambda r: (r.suggestion is None, ORDER[r.stance], -r.calls, r.lawmaker))
        return rows

    async def history(self, campaign: Campaign, lawmaker: str) -> list[StanceChange]:
        """A lawmaker's stances in the campaign, oldest first, with who set each."""
        return await self._store.history(campaign.community_id, campaign.id, lawmaker)

    async def history_of(
        self, actor: Actor, lawmaker: str, slug: str = ""
    ) -> tuple[Campaign, Lawmaker, list[StanceChange]]:
        """For organizers: the campaign (named, else as /stance set picks it), the lawmaker
        (as /stance set reads it) and their stances in it, oldest first."""
        require(actor, Permission.ORGANIZER)
        campaign = await self.campaign_for(actor.community, slug)
        found = self.lawmaker(lawmaker)
        return campaign, found, await self.history(campaign, found.bioguide)

    async def tag_counts(
        self, community_id: int, campaign_id: int | None, first: date | None, last: date | None
    ) -> dict[str, TagCounts]:
        """Callers per lawmaker and tag over the days first..last (None: open)."""
        return await self._store.tag_counts(community_id, campaign_id, first, last)

    async def changes(self, community_id: int, start: datetime, end: datetime) -> list[StanceMove]:
        """The stances organizers set in [start, end), oldest first, each with the stance it
        replaced (the daily digest)."""
        found = await self._store.changes_between(community_id, iso(start), iso(end))
        moves = []
        for change in found:
            earlier = [
                h
                for h in await self._store.history(
                    community_id, change.campaign_id, change.lawmaker
                )
                if h.id < change.id
            ]
            moves.append(StanceMove(change, earlier[-1].stance if earlier else Stance.UNKNOWN))
        return moves

    # -- setting ----------------------------------------------------------------------------
    async def set(self, actor: Actor, lawmaker: str, stance: str, note: str = "") -> StanceSet:
        """Set a lawmaker's stance in a campaign, for organizers. ``note`` may start with
        ``campaign:<slug>`` to name the campaign (else the main one while it runs, else the
        only running one); when this week's tags suggested this very stance, their counts are
        kept with it."""
        require(actor, Permission.ORGANIZER)
        chosen, rest = split_stance(stance, note)
        slug = ""
        if rest.casefold().startswith(CAMPAIGN_PREFIX):
            slug, _, rest = rest[len(CAMPAIGN_PREFIX) :].partition(" ")
        campaign = await self.campaign_for(actor.community, slug)
        found = self.lawmaker(lawmaker)
        text = clean_note(rest) if rest.strip() else None
        today = self._campaigns.today(actor.community)
        first, last = this_week(today)
        week = (await self._store.tag_counts(actor.community.id, campaign.id, first, last)).get(
            found.bioguide, TagCounts()
        )
        now_stance = {
            s.lawmaker: s.stance for s in await self._store.current(actor.community.id, campaign.id)
        }
        suggestion = suggest(now_stance.get(found.bioguide, Stance.UNKNOWN), week)
        based = week if suggestion is not None and suggestion.stance is chosen else None
        change = await self._store.set(
            actor.community.id,
            campaign.id,
            found.bioguide,
            chosen,
            actor.member.id,
            iso(self._clock.now()),
            text,
            based,
        )
        await self._remember(campaign.community_id, campaign.id)
        return StanceSet(campaign, found, change, now_stance.get(found.bioguide, Stance.UNKNOWN))

    def today(self, community: Community) -> date:
        """The community's date (its "this week" ends today)."""
        return self._campaigns.today(community)

    async def campaign_for(self, community: Community, slug: str = "") -> Campaign:
        """The campaign named, else the main one while it runs, else the only running one."""
        if slug.strip():
            return await self._campaigns.get(community.id, slug.strip())
        running = await self._campaigns.running(community)
        main = await self._campaigns.main(community.id)
        if main is not None and any(c.id == main.id for c in running):
            return main
        if len(running) == 1:
            return running[0]
        if not running:
            raise NotFound(t("No campaign is running: name one, like campaign:irs-data-privacy."))
        raise InvalidInput(
            t(
                "Several campaigns are running ({slugs}): name one, like campaign:{first}, or "
                "mark the main one with /campaign main.",
                slugs=", ".join(c.slug for c in running),
                first=running[0].slug,
            )
        )

    def lawmaker(self, text: str) -> Lawmaker:
        """A sitting lawmaker by bioguide id (S000033) or by a name the lawmaker search finds
        exactly once; NotFound or InvalidInput say what to type instead."""
        directory = self._directory.current()
        typed = text.strip()
        if BIOGUIDE.match(typed.upper()) and len(typed) == 7:
            return directory.member(typed.upper())
        found = directory.find_by_name(typed)
        if len(found) > 1:
            raise InvalidInput(
                t(
                    "“{typed}” matches {n} lawmakers ({names}); use a fuller name or their id, "
                    "like {id}.",
                    typed=typed[:40],
                    n=len(found),
                    names=", ".join(m.name for m in found[:3]),
                    id=found[0].bioguide,
                )
            )
        return found[0]

    # -- tags -------------------------------------------------------------------------------
    async def tag(self, actor: Actor, action_id: int, tag: Tag) -> Tagged:
        """Tag the member's own "made contact" report with what the office said (replacing
        the tag it had)."""
        found = await self._store.tag(action_id, actor.member.id, tag, iso(self._clock.now()))
        if found is None:
            raise NotFound(NO_TAG)
        return found

    # -- targets: the undecided, read without waiting ---------------------------------------
    def undecided(self, campaign_id: int) -> frozenset[str]:
        """The campaign's undecided lawmakers as this process last read them (start, each
        stance set here, and every scheduler tick: :meth:`refresh`)."""
        return self._undecided.get(campaign_id, frozenset())

    async def refresh(self) -> None:
        """Read again the undecided lawmakers of every campaign (one query: they are few)."""
        found: dict[int, set[str]] = {}
        for campaign_id, lawmaker in await self._store.undecided():
            found.setdefault(campaign_id, set()).add(lawmaker)
        self._undecided = {c: frozenset(ids) for c, ids in found.items()}

    async def _remember(self, community_id: int, campaign_id: int) -> None:
        current = await self._store.current(community_id, campaign_id)
        self._undecided[campaign_id] = frozenset(
            s.lawmaker for s in current if s.stance is Stance.UNDECIDED
        )

    @staticmethod
    def named_by_targets(campaign: Campaign, directory: Directory) -> set[str]:
        """The lawmakers a campaign's targets name whoever calls: members named, committees'
        leaders and members (not the callers' own lawmakers, which depend on the caller)."""
        found: set[str] = set()
        for target in campaign.targets:
            ref = target.ref or ""
            try:
                if target.kind is TargetKind.MEMBER:
                    found.add(directory.member(ref).bioguide)
                elif target.kind is TargetKind.LEADERS:
                    committee = directory.committee(ref)
                    leaders = (committee.chair, committee.ranking_member)
                    found |= {m.bioguide for m in leaders if m is not None}
                elif not target.local:
                    found |= committee_members(directory, ref)
            except (NotFound, InvalidInput):
                continue
        return found


def committee_members(directory: Directory, code: str) -> set[str]:
    """The bioguide ids of a committee's members still in office; NotFound for no such code."""
    committee = directory.committee(code)
    if committee.thomas_id.upper() != code.strip().upper():
        raise NotFound(
            t(
                "There is no committee with the id {ref}. Committee ids look like HSWM (House "
                "Ways and Means) or SSFI (Senate Finance); /committee shows one.",
                ref=code.strip()[:20],
            )
        )
    found = set()
    for member in committee.members:
        try:
            found.add(directory.member(member.bioguide).bioguide)
        except NotFound:
            continue
    return found


class StanceRefresh:
    """An engine job: every tick, each process reads again which lawmakers are undecided, so
    targets like undecided:HSWM follow stances set by other processes within a minute."""

    every_process = True

    def __init__(self, stances: StanceService) -> None:
        self._stances = stances

    async def run_due(self, now: datetime) -> list[Fired]:
        await self._stances.refresh()
        return []

    async def next_due(self, after: datetime) -> datetime | None:
        return None  # it rides on the ticks the other jobs (and the minute) bring

    async def interrupted(self, rows: list[Any], now: datetime) -> None:
        return None
