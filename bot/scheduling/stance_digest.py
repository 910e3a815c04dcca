"""The daily digest's stance lines (issue 19): each stance organizers set on the day the digest
reports on (yesterday, in the community's time zone), with the one it replaced, the campaign,
who set it and their note. A part of :class:`bot.scheduling.digest_job.DigestJob`."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from bot.civic.store import DirectoryStore
from bot.core.campaigns import CampaignService
from bot.core.lawmaker_titles import label
from bot.core.stance_rules import stance_text
from bot.core.stances import StanceMove, StanceService
from bot.domain.clock import Clock
from bot.domain.errors import DomainError
from bot.domain.models import Community
from bot.domain.recurrence import daily
from bot.domain.text import t
from bot.i18n.translator import Translator, Translators
from bot.messages import Field, mention
from bot.scheduling.after_sync_job import DigestPart

FIELD = t("Stances set")
FIELD_MAX = 1024  # what every host shows of a field


class StanceDigest:
    """The stances set on the digest's day, as one field of the digest."""

    def __init__(
        self,
        stances: StanceService,
        campaigns: CampaignService,
        directory: DirectoryStore,
        clock: Clock,
        words: Translators,
    ) -> None:
        self._stances = stances
        self._campaigns = campaigns
        self._directory = directory
        self._clock = clock
        self._words = words

    async def part(self, community: Community) -> DigestPart:
        zone = ZoneInfo(community.timezone)
        day = self._clock.now().astimezone(zone).date() - timedelta(days=1)
        start = daily(time(0)).slots(day, zone)[0]
        end = daily(time(0)).slots(day + timedelta(days=1), zone)[0]
        moves = await self._stances.changes(community.id, start, end)
        if not moves:
            return DigestPart(())
        words = self._words(community.language)  # the digest: the community's language
        slugs = {c.id: c.slug for c in await self._campaigns.all(community.id)}
        lines = [self._line(move, slugs, words) for move in moves]
        text = "\n".join(lines)
        if len(text) > FIELD_MAX:
            text = text[: FIELD_MAX - 1] + "…"
        return DigestPart((Field(words.render(FIELD), text),))

    def _line(self, move: StanceMove, slugs: dict[int, str], words: Translator) -> str:
        change = move.change
        try:
            name = label(self._directory.current().member(change.lawmaker), words)
        except DomainError:
            name = change.lawmaker
        values = {
            "lawmaker": name,
            "before": stance_text(move.before),
            "stance": stance_text(change.stance),
            "campaign": slugs.get(change.campaign_id, "?"),
            "who": (
                mention(change.set_by_user)
                if change.set_by_user
                else words.render(t("an organizer"))
            ),
        }
        if change.note:
            said = t(
                "• {lawmaker}: {before} → {stance} ({campaign}, by {who}: “{note}”)",
                note=change.note,
                **values,
            )
        else:
            said = t("• {lawmaker}: {before} → {stance} ({campaign}, by {who})", **values)
        return words.render(said)
