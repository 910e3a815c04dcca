"""Privacy: show a member everything stored about them, export it, erase it on request, and
fold old member-level actions into anonymous counts after a community's retention period.

What is "about a member" is found from the schema by the storage behind
:class:`~bot.core.ports.privacy.PrivacyStore`, so a new feature's table is covered as soon as it
references ``members`` (or has a ``member_id`` column).
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any

from bot.core.members import MemberService
from bot.core.permissions import Permission, require
from bot.core.ports.privacy import PrivacyStore
from bot.core.privacy_words import Names, Stored, about, days_text, plural
from bot.domain.clock import Clock, iso
from bot.domain.dm_routes import KEEP as DM_ROUTES_KEEP
from bot.domain.errors import InvalidInput
from bot.domain.models import Actor, Member
from bot.domain.privacy_models import StoredRow
from bot.domain.schedule_models import Fired
from bot.domain.text import t

log = logging.getLogger(__name__)

CONFIRM_FOR = timedelta(hours=1)  # how long a /forgetme confirmation button works
RETENTION_MAX = 3650
RETENTION_OFF = ("off", "none", "never")


class EraseOutcome(StrEnum):
    ERASED = "erased"
    NOT_YOURS = "not_yours"  # someone else's confirmation
    USED = "used"  # already pressed (or cancelled), or the member was erased meanwhile
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class MemberData:
    """Everything stored about one member: their members row and every linked row."""

    member: StoredRow
    linked: dict[str, list[StoredRow]]

    @property
    def stored(self) -> Stored:
        return Stored(self.member, self.linked)

    def as_json(self, exported_at: str, names: Names) -> bytes:
        """The rows as stored, with "about" saying what each id means (in the reader's
        language: ``names.say``) and "names" the titles and lawmakers behind the ids."""
        meanings = about(self.member, self.linked)
        doc = {
            "about": {name: names.say(text) for name, text in meanings.items()},
            "exported_at": exported_at,
            "member": self.member,
            "linked": self.linked,
            "names": {
                "campaigns": {str(k): v for k, v in sorted(names.campaigns.items())},
                "lawmakers": dict(sorted(names.lawmakers.items())),
            },
        }
        return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Erased:
    outcome: EraseOutcome
    actions_folded: int = 0


class PrivacyService:
    def __init__(self, repo: PrivacyStore, members: MemberService, clock: Clock) -> None:
        self._repo = repo
        self._members = members
        self._clock = clock

    async def data(self, member: Member) -> MemberData:
        row = await self._repo.member_row(member.id)
        return MemberData(member=row or {}, linked=await self._repo.linked_rows(member.id))

    def export(self, data: MemberData, names: Names) -> bytes:
        """The member's data as a JSON document that says what its ids are."""
        return data.as_json(iso(self._clock.now()), names)

    async def request_erase(self, member: Member) -> str:
        """A single-use token for the confirmation button."""
        token = secrets.token_urlsafe(12)
        await self._repo.add_erase_request(token, member.id, iso(self._clock.now()))
        return token

    async def confirm_erase(self, actor: Actor, token: str) -> Erased:
        """Erase the actor if ``token`` is their own pending confirmation; otherwise explain."""
        pending = await self._repo.erase_request(token)
        if pending is None:
            await self._discard_if_bare(actor.member)
            return Erased(EraseOutcome.USED)
        member_id, created_at = pending
        if member_id != actor.member.id:
            return Erased(EraseOutcome.NOT_YOURS)
        if created_at < iso(self._clock.now() - CONFIRM_FOR):
            await self._repo.drop_erase_request(token)
            return Erased(EraseOutcome.EXPIRED)
        folded = await self._repo.erase(member_id)
        if folded is None:
            return Erased(EraseOutcome.USED)
        log.info("a member was erased on request (%d actions folded)", folded)  # never who
        return Erased(EraseOutcome.ERASED, folded)

    async def cancel_erase(self, actor: Actor, token: str) -> EraseOutcome | None:
        """Drop the actor's own pending confirmation; None when it was theirs and is dropped."""
        pending = await self._repo.erase_request(token)
        if pending is None:
            return EraseOutcome.USED
        if pending[0] != actor.member.id:
            return EraseOutcome.NOT_YOURS
        await self._repo.drop_erase_request(token)
        return None

    async def set_leaderboard(self, member: Member, visible: bool) -> Member:
        """The one leaderboard opt-out rule (also behind /leaderboard optout)."""
        return await self._members.set_leaderboard_opt_out(member, not visible)

    async def retention(self, community_id: int) -> int | None:
        return await self._repo.retention(community_id)

    async def set_retention(self, actor: Actor, text: str) -> int | None:
        """Organizers set the retention period in days, or turn it off (None)."""
        require(actor, Permission.ORGANIZER)
        days = parse_retention(text)
        await self._repo.set_retention(actor.community.id, days, iso(self._clock.now()))
        return days

    async def fold_expired(self, now: datetime) -> list[tuple[int, int]]:
        """Fold actions older than each community's retention period; (community, folded).
        Expired erase confirmations and DM routes go too."""
        done = []
        for community_id, days in await self._repo.retained():
            folded = await self._repo.fold_before(community_id, iso(now - timedelta(days=days)))
            if folded:
                done.append((community_id, folded))
        await self._repo.drop_erase_requests_before(iso(now - CONFIRM_FOR))
        await self._repo.drop_dm_routes_before(iso(now - DM_ROUTES_KEEP))
        return done

    async def _discard_if_bare(self, member: Member) -> None:
        """A stale confirmation pressed after erasure re-registers the presser with nothing
        stored: remove that empty row again, so nothing links to them."""
        if await self._repo.is_bare(member.id):
            await self._repo.erase(member.id)


def parse_retention(text: str) -> int | None:
    """'30' -> 30, 'off' -> None; anything else is InvalidInput with the rule."""
    cleaned = text.strip().lower().removesuffix("days").removesuffix("d").strip()
    if cleaned in RETENTION_OFF:
        return None
    if not cleaned.isdigit():
        raise InvalidInput(
            t(
                "'{text}' is not a period. Write a number of days from 1 to {max}, or off.",
                text=text.strip()[:20] or t("(blank)"),
                max=RETENTION_MAX,
            )
        )
    days = int(cleaned)
    if not 1 <= days <= RETENTION_MAX:
        raise InvalidInput(
            t(
                "{days} is out of range. Write a number of days from 1 to {max}, or off.",
                days=days_text(days),
                max=RETENTION_MAX,
            )
        )
    return days


class RetentionJob:
    """The daily scheduled job (an engine job): fold actions past each retention period."""

    def __init__(self, privacy: PrivacyService, at: time = time(3, 30)) -> None:
        self._privacy = privacy
        self._at = at
        self._last: datetime | None = None

    def _slot(self, now: datetime) -> datetime:
        """The latest daily run moment at or before ``now`` (UTC)."""
        today = datetime.combine(now.date(), self._at, tzinfo=now.tzinfo)
        return today if today <= now else today - timedelta(days=1)

    async def run_due(self, now: datetime) -> list[Fired]:
        slot = self._slot(now)
        if self._last is not None and slot <= self._last:
            return []
        self._last = slot
        done = await self._privacy.fold_expired(now)
        return [
            Fired(
                now,
                f"retention: {plural(n, 'action')} of community {c} folded into anonymous counts",
            )
            for c, n in done
        ]

    async def next_due(self, after: datetime) -> datetime | None:
        return self._slot(after) + timedelta(days=1)

    async def interrupted(self, rows: list[Any], now: datetime) -> None:
        return None
