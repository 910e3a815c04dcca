"""After a change of lawmaker data: find it once, whichever way it came, and leave what to do.

New data can arrive three ways: the weekly refresh inside ``orgbot run``, ``orgbot data sync``
run in another process (the directory store reloads the replaced file), or a restart on a new
index. Whichever it was, :meth:`AfterSync.observe` is given the directory in use (the scheduler
asks at every tick) and compares it with what the database says was seen last
(:mod:`bot.core.directory_changes`). A new version is compared once, in one transaction that
also remembers it, so a restart or a second path finds nothing left to do:

- members whose saved district moved (its ZIP areas changed) or is gone are flagged, unless
  their saved ZIP still lies wholly in it; they are asked once, privately, to confirm (the
  scheduler's :mod:`bot.scheduling.after_sync_job`), and their scripts and ``/myreps`` say so
  until they save a ZIP or district again; an ask a stop cut off mid-send is not sent again but
  counted for organizers;
- campaigns whose targets now mean someone else get a notice for organizers;
- every lawmaker seen is named in ``lawmaker_names``, so stats show a lawmaker who left office
  by name.

The first comparison on a database only remembers the data: there is nothing to compare with.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from bot.civic.directory import Directory
from bot.core.directory_changes import (
    GONE,
    MOVED,
    Changes,
    diff,
    snapshot_of,
    target_notices,
    version_of,
)
from bot.core.ports.directory_seen import DirectorySeenStore
from bot.domain.after_sync_models import Notice, SavedDistrict, TargetedCampaign
from bot.domain.clock import Clock, iso
from bot.domain.directory_snapshot import DIGEST_METHOD
from bot.domain.errors import DomainError
from bot.domain.targets import parse_targets
from bot.i18n.stored import keep

log = logging.getLogger(__name__)

NO_CHANGES = Changes({}, {}, frozenset())
LEFT_OFFICE = " (no longer in office)"


@dataclass(frozen=True, slots=True)
class Observed:
    """What one comparison found (counts only: logged at INFO)."""

    first: bool  # nothing was remembered before: the data was only remembered
    changes: Changes
    flagged: int  # members asked to confirm their district
    notices: int  # notices to organizers about campaign targets


class AfterSync:
    def __init__(self, repo: DirectorySeenStore, clock: Clock) -> None:
        self._repo = repo
        self._clock = clock
        self._seen: Directory | None = None
        self._names: dict[str, tuple[str, str]] = {}
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        """Read the names of lawmakers seen before (at start, before anyone asks for stats)."""
        self._names = await self._repo.names()

    async def observe(self, directory: Directory) -> Observed | None:
        """Compare ``directory`` with what was seen last, once per version; None when it was
        seen before (in this process or by an earlier one), or when another process compared
        it at the same time (it acted on it: nothing happens twice)."""
        async with self._lock:
            if directory is self._seen:
                return None
            version, method = await self._repo.version()
            if version == version_of(directory) and method == DIGEST_METHOD:
                self._seen = directory
                return None
            new = await asyncio.to_thread(snapshot_of, directory)
            old = await self._repo.snapshot()
            changes = NO_CHANGES if old is None else diff(old, new)
            names = {**self._names, **(old.names if old else {})}
            recorded = await self._repo.record(
                new,
                changes.districts,
                lambda members: confirm_asks(members, changes, directory),
                lambda campaigns: campaign_notices(campaigns, changes, directory, names),
                iso(self._clock.now()),
                seen=(version, method),
            )
            if recorded is None:  # another process compared meanwhile: look again next time
                return None
            flagged, noticed = recorded
            self._names = {**names, **new.names}
            self._seen = directory
        found = Observed(old is None, changes, flagged, noticed)
        log.info(
            "lawmaker data %s: %d districts changed, %d committees changed, %d lawmakers left; "
            "%d members asked to confirm their district, %d campaign target notices",
            "first seen" if found.first else "changed",
            len(changes.districts),
            len(changes.committees),
            len(changes.left),
            flagged,
            noticed,
        )
        return found

    def seen_label(self, bioguide: str) -> str | None:
        """'Rep. Jane Doe (D-TX-7)': a lawmaker as last seen in any data, or None."""
        seen = self._names.get(bioguide)
        return None if seen is None else seen[0]

    def former_label(self, bioguide: str) -> str | None:
        """'Rep. Jane Doe (D-TX-7) (no longer in office)' for a lawmaker seen before."""
        seen = self._names.get(bioguide)
        return None if seen is None else seen[0] + LEFT_OFFICE

    def former_seat(self, bioguide: str) -> str | None:
        seen = self._names.get(bioguide)
        return None if seen is None else seen[1]

    async def to_ask(self) -> list[tuple[int, int]]:
        return await self._repo.to_ask()

    async def claim_ask(self, member_id: int, on_its_way: bool = True) -> bool:
        """Take the member's one ask (False: asked before, or confirmed meanwhile). It is on its
        way until :meth:`ask_finished`; ``on_its_way=False`` for an ask that already failed."""
        return await self._repo.claim_ask(member_id, iso(self._clock.now()), on_its_way)

    async def ask_finished(self, member_id: int) -> None:
        """The ask arrived, or the outbox recorded that it could not be delivered."""
        await self._repo.finish_ask(member_id)

    async def interrupt_asks(self) -> int:
        """At start-up: asks a stop cut off mid-send are not sent again, only counted."""
        return await self._repo.interrupt_asks()

    async def interrupted_asks(self, community_id: int | None = None) -> dict[int, list[int]]:
        """Community id -> ids of asks cut off by a stop that organizers were not told of."""
        return await self._repo.interrupted_asks(community_id)

    async def asks_told(self, ids: list[int]) -> int:
        """Organizers were told of these cut-off asks; returns how many this call marked."""
        return await self._repo.asks_told(ids)

    async def to_confirm(self, community_id: int) -> int:
        """How many of the community's members still need to confirm their district."""
        return await self._repo.to_confirm(community_id)

    async def unreported(self, community_id: int | None = None) -> list[Notice]:
        return await self._repo.unreported(community_id)

    async def told(self, notices: list[Notice]) -> list[int]:
        """Mark notices as told; returns the ids this call marked."""
        return await self._repo.claim_notices([n.id for n in notices], iso(self._clock.now()))


def confirm_asks(
    members: list[SavedDistrict], changes: Changes, directory: Directory
) -> list[tuple[int, str]]:
    """(member id, MOVED or GONE) for members whose saved district changed, except those whose
    saved ZIP still lies wholly in it (their district is still certainly right)."""
    found = []
    for member in members:
        reason = changes.districts.get(member.district or "")
        if reason is None or member.district is None:
            continue
        if (
            reason == MOVED
            and member.zip
            and _still_certain(member.zip, member.district, directory)
        ):
            continue
        found.append((member.member_id, reason))
    return found


def _still_certain(zip5: str, district: str, directory: Directory) -> bool:
    try:
        area = directory.lookup_zip(zip5).area
    except DomainError:
        return False
    return area.house_complete and [s.label for s in area.house] == [district]


def campaign_notices(
    campaigns: list[TargetedCampaign],
    changes: Changes,
    directory: Directory,
    names: Mapping[str, tuple[str, str]],
) -> list[tuple[int, int, str]]:
    """(community id, campaign id, sentence) for each campaign target that changed meaning, the
    sentence kept as its message and values (bot.i18n.stored), for each organizer's language."""
    if not (changes.committees or changes.left):
        return []
    found = []
    for campaign in campaigns:
        try:
            targets = parse_targets(campaign.targets)
        except DomainError:
            continue
        for text in target_notices(targets, changes, directory, names):
            found.append((campaign.community_id, campaign.id, keep(text) or ""))
    return found


__all__ = ["GONE", "MOVED", "AfterSync", "Observed"]
