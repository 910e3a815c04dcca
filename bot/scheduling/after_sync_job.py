"""The scheduler's part after a change of lawmaker data (see :mod:`bot.core.after_sync`).

At every tick, before prompts and reminders go out: compare the directory in use with what was
seen last (once per version of the data, however it arrived), then

- ask each flagged member once, by DM, to confirm their district: the districts their saved ZIP
  touches now in a picker, and /setzip. The ask is claimed (``members.district_check_asked_at``)
  as its DM leaves, as reminders are (:mod:`bot.delivery.claims`), and is on its way
  (``district_check_asks``) until the platform accepted it, or the outbox recorded that it
  could not be delivered (the digest says so; it is not tried again). An ask still on its way
  at the next start was cut off by a stop or a crash: it is not sent again (a missed ask beats a
  double one; the member's scripts and /myreps keep asking them to confirm anyway), and
  organizers are told how many, once, beside the reminders a stop cut off
  (:mod:`bot.scheduling.interruptions`). Other features add to the ask through
  :meth:`AfterSyncJob.add_ask_hook` (the street-address lookup adds its button there).
- tell organizers which campaign targets changed: the daily digest carries the notices
  (:meth:`digest_part`); a community without a digest hears by a DM to the organizers who made
  its schedules. Each notice is marked told before it goes out, so it is told once; so are the
  asks a stop cut off.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.civic.store import DirectoryStore
from bot.core.after_sync import GONE, AfterSync
from bot.core.directory_changes import CONFIRM_FIELD_TEXT, confirm_line_text
from bot.core.lawmakers import LawmakerService
from bot.delivery.claims import Claim, ClaimRefused
from bot.delivery.outbox import Outbox
from bot.domain.after_sync_models import Notice
from bot.domain.errors import DomainError
from bot.domain.models import Community, Member
from bot.domain.schedule_models import Dispatch, Fired
from bot.domain.text import t
from bot.i18n.languages import reader_language
from bot.i18n.stored import kept
from bot.i18n.translator import Translator, Translators
from bot.messages import Field, Message, Select, SelectOption
from bot.scheduling import interruptions
from bot.scheduling.engine import Stop
from bot.storage.communities import CommunityRepository
from bot.storage.members import MemberRepository
from bot.storage.schedules import DigestRepository, ScheduleRepository

log = logging.getLogger(__name__)

DISTRICT_ACTION = "lawmakers.district"  # the lawmakers cog's district picker: "<zip>|<label>"
MAX_OPTIONS = 25
MAX_LISTED = 10
ASK_TITLE = t("Please confirm your congressional district")
TARGETS_FIELD = t("Campaign targets changed")
NOTICE_TITLE = t("Campaign targets changed with new lawmaker data")
DIGEST_WOULD = t("A daily digest (/schedule digest) would say this beside the day's numbers.")

AskHook = Callable[[Member, Message], Awaitable[Message]]


@dataclass(frozen=True, slots=True)
class DigestPart:
    """Fields for the daily digest, sends cut off by a stop (counted in the digest's
    interruption line), and what to do once it was posted."""

    fields: tuple[Field, ...]
    posted: Callable[[], Awaitable[object]] | None = None
    cut_off: Counter[str] = field(default_factory=Counter)


class AfterSyncJob:
    def __init__(
        self,
        after: AfterSync,
        store: DirectoryStore,
        lawmakers: LawmakerService,
        communities: CommunityRepository,
        members: MemberRepository,
        digests: DigestRepository,
        schedules: ScheduleRepository,
        outbox: Outbox,
        stop: Stop | None = None,
        concurrency: int = 20,
        words: Translators | None = None,
    ) -> None:
        self._words = words or Translators()  # each DM in its reader's language
        self._after = after
        self._store = store
        self._lawmakers = lawmakers
        self._communities = communities
        self._members = members
        self._digests = digests
        self._schedules = schedules
        self._outbox = outbox
        self._stop = stop or Stop()
        self._slots = asyncio.Semaphore(concurrency)
        self._ask_hooks: dict[str, AskHook] = {}

    def add_ask_hook(self, name: str, hook: AskHook) -> None:
        """``hook(member, message) -> message`` runs on every ask to confirm a district (a
        second hook under the same name replaces the first)."""
        self._ask_hooks[name] = hook

    async def run_due(self, now: datetime) -> list[Fired]:
        try:
            directory = self._store.current()
        except DomainError:
            return []  # no data yet: nothing to compare
        observed = await self._after.observe(directory)
        fired = []
        if observed is not None and not observed.first:
            fired.append(
                Fired(
                    now,
                    f"lawmaker data changed: {observed.flagged} members to confirm their "
                    f"district, {observed.notices} campaign target notices",
                )
            )
        if not self._stop.requested:
            fired += await self._ask_all(now)
        if not self._stop.requested:
            fired += await self._tell_without_digest(now)
        return fired

    async def next_due(self, after: datetime) -> datetime | None:
        return None  # it works at every tick

    async def interrupted(self, rows: list[Dispatch], now: datetime) -> None:
        """At start-up: asks still on their way were cut off by the last stop; they are not
        sent again, only counted for organizers (see the module)."""
        cut = await self._after.interrupt_asks()
        if cut:
            log.warning("%d district confirmation asks were interrupted by the last stop", cut)

    # -- asking members ----------------------------------------------------------------------
    async def _ask_all(self, now: datetime) -> list[Fired]:
        communities: dict[int, Community | None] = {}
        due: list[tuple[Community, int]] = []
        for community_id, member_id in await self._after.to_ask():
            if community_id not in communities:
                communities[community_id] = await self._communities.get(community_id)
            community = communities[community_id]
            if community is not None and self._outbox.ready(community):
                due.append((community, member_id))
        results = await asyncio.gather(*(self._ask(c, m, now) for c, m in due))
        return [fired for fired in results if fired is not None]

    async def _ask(self, community: Community, member_id: int, now: datetime) -> Fired | None:
        async with self._slots:
            if self._stop.requested:
                return None
            member = await self._members.get(member_id)
            if member is None or member.district_check is None:
                return None
            message = self.ask_message(member, await self._member_words(member, community))
            for hook in self._ask_hooks.values():
                message = await hook(member, message)

            async def take() -> bool:
                if self._stop.requested:
                    raise ClaimRefused("the bot is stopping")
                return await self._after.claim_ask(member.id)

            claim = Claim(take)
            who = f"district check for member {member.user_id}"
            try:
                await self._outbox.send_dm(
                    community, member, message, purpose=t("district check"), claim=claim
                )
            except ClaimRefused:
                return None
            except DomainError as exc:  # recorded by the outbox for organizers
                if claim.taken:
                    await self._after.ask_finished(member.id)
                else:  # asked once: not every minute
                    await self._after.claim_ask(member.id, on_its_way=False)
                return Fired(now, f"{who}: could not be delivered: {exc.message}")
            await self._after.ask_finished(member.id)
            return Fired(now, f"{who}: sent")

    async def _member_words(self, member: Member, community: Community) -> Translator:
        """A member's DM: their language, else their platform's (asked only then), else the
        community's."""
        locale = None if member.language else await self._outbox.locale_of(community, member)
        return self._words(reader_language(member.language, locale, community.language))

    def _words_for(self, member: Member, community: Community) -> Translator:
        """A DM's words: the member's language (a DM has no platform locale), else the
        community's."""
        return self._words(reader_language(member.language, None, community.language))

    def ask_message(self, member: Member, words: Translator | None = None) -> Message:
        """The one private ask, in ``words``: why, the districts the saved ZIP touches now, and
        /setzip."""
        words = words or self._words(None)
        district = member.district or "?"
        said = (
            t(
                "The lawmaker data was updated, and your saved district {district} no longer "
                "exists in the new lawmaker data. Please confirm your district so your call "
                "scripts name your own House member; until then they say it may be out of date.",
                district=district,
            )
            if member.district_check == GONE
            else t(
                "The lawmaker data was updated, and your saved district {district} now covers "
                "different ZIP areas than before. Please confirm your district so your call "
                "scripts name your own House member; until then they say it may be out of date.",
                district=district,
            )
        )
        lines = [said]
        selects: tuple[Select, ...] = ()
        if member.zip:
            options = self._options(member.zip, words)
            if options:
                lines.append(
                    t(
                        "Your ZIP code {zip} is in the district(s) below now: pick yours (it is on "
                        "your voter registration), or save your ZIP again with /setzip {zip}.",
                        zip=member.zip,
                    )
                )
                chooser = words.render(t("Choose your district"))
                selects = (Select(DISTRICT_ACTION, options, placeholder=chooser),)
        if not selects:
            lines.append(t("Save your ZIP code again with /setzip (for example /setzip 05401)."))
        lines.append(t("This is the only time I'll ask."))
        body = "\n\n".join(words.render(line) for line in lines)
        return Message(title=words.render(ASK_TITLE), body=body, selects=selects)

    def _options(self, zip5: str, words: Translator) -> tuple[SelectOption, ...]:
        try:
            seats = self._lawmakers.lookup(zip5).house
        except DomainError:
            return ()
        vacant = words.render(t("vacant seat"))
        return tuple(
            SelectOption(
                f"{seat.label}: {seat.member.label if seat.member else vacant}"[:100],
                f"{zip5}|{seat.label}",
            )
            for seat in seats[:MAX_OPTIONS]
        )

    # -- telling organizers ------------------------------------------------------------------
    async def digest_part(self, community: Community) -> DigestPart:
        """The digest's fields: members still to confirm, and campaign targets that changed;
        and the asks a stop cut off (all marked told once the digest is posted)."""
        words = self._words(community.language)  # the digest: the community's language
        fields = []
        cut = (await self._after.interrupted_asks(community.id)).get(community.id, [])
        waiting = await self._after.to_confirm(community.id)
        if waiting:
            said = words.render(confirm_line_text(waiting))
            fields.append(Field(words.render(CONFIRM_FIELD_TEXT), said))
        notices = await self._after.unreported(community.id)
        if notices:
            fields.append(Field(words.render(TARGETS_FIELD), notice_lines(notices, words)))

        async def posted() -> object:
            await self._after.asks_told(cut)
            return await self._after.told(notices)

        return DigestPart(
            tuple(fields),
            posted if notices or cut else None,
            Counter({interruptions.ASK: len(cut)}) if cut else Counter(),
        )

    async def _tell_without_digest(self, now: datetime) -> list[Fired]:
        return await self._tell_cut_off_asks(now) + await self._tell_notices(now)

    async def _tell_cut_off_asks(self, now: datetime) -> list[Fired]:
        """Where there is no digest: DM the organizers how many asks a stop cut off (marked
        told first, so told once; a DM that fails is recorded as a delivery failure)."""
        fired = []
        for community_id, ids in (await self._after.interrupted_asks()).items():
            if await self._digests.channel(community_id) is not None:
                continue  # the next digest says it
            community = await self._communities.get(community_id)
            if community is None or not self._outbox.ready(community):
                continue
            organizers = await self._organizers(community_id)
            if not organizers:
                continue  # nobody known to tell: kept for a digest or a schedule set up later
            told = await self._after.asks_told(ids)
            if not told:
                continue
            counts = Counter({interruptions.ASK: told})
            for organizer in organizers:
                message = interruptions.notice(counts, self._words_for(organizer, community))
                try:
                    await self._outbox.send_dm(
                        community, organizer, message, purpose=interruptions.PURPOSE
                    )
                except DomainError as exc:
                    log.info("could not tell an organizer about interrupted asks: %s", exc)
            fired.append(Fired(now, f"organizers told that a stop cut off {told} district asks"))
        return fired

    async def _tell_notices(self, now: datetime) -> list[Fired]:
        by_community: dict[int, list[Notice]] = {}
        for notice in await self._after.unreported():
            by_community.setdefault(notice.community_id, []).append(notice)
        fired = []
        for community_id, notices in by_community.items():
            if await self._digests.channel(community_id) is not None:
                continue  # the next digest says it
            community = await self._communities.get(community_id)
            if community is None or not self._outbox.ready(community):
                continue
            organizers = await self._organizers(community_id)
            if not organizers:
                continue  # nobody known to tell: kept for a digest or a schedule set up later
            marked = set(await self._after.told(notices))
            told = [n for n in notices if n.id in marked]
            if not told:
                continue
            for organizer in organizers:
                words = self._words_for(organizer, community)
                message = Message(
                    title=words.render(NOTICE_TITLE),
                    body=notice_lines(told, words),
                    footer=words.render(DIGEST_WOULD),
                )
                try:
                    await self._outbox.send_dm(
                        community, organizer, message, purpose=t("campaign target notice")
                    )
                except DomainError as exc:
                    log.info("could not tell an organizer about changed targets: %s", exc)
            fired.append(Fired(now, f"organizers told of {len(told)} changed campaign targets"))
        return fired

    async def _organizers(self, community_id: int) -> list[Member]:
        """The organizers the bot knows: those who made the community's schedules."""
        found: dict[int, Member] = {}
        for schedule in await self._schedules.for_community(community_id):
            if schedule.created_by is None or schedule.created_by in found:
                continue
            member = await self._members.get(schedule.created_by)
            if member is not None:
                found[member.id] = member
        return list(found.values())


def notice_lines(notices: list[Notice], words: Translator) -> str:
    """One line a notice (its kept message, in these words), at most MAX_LISTED."""
    lines = [f"• {n.campaign}: {words.render(kept(n.text) or '')}" for n in notices[:MAX_LISTED]]
    if len(notices) > MAX_LISTED:
        lines.append(words.render(t("…and {n} more.", n=len(notices) - MAX_LISTED)))
    return "\n".join(lines)
