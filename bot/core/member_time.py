"""A member's own time zone and day: their saved zone, else their ZIP's, else the community's."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.civic.store import DirectoryStore
from bot.domain.errors import DomainError
from bot.domain.models import Community, Member


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when the name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class MemberTime:
    """Where a member's day starts and ends, for streaks and the daily cap."""

    def __init__(self, directory: DirectoryStore) -> None:
        self._directory = directory

    def zone_of(self, member: Member, community: Community) -> ZoneInfo:
        for name in (member.timezone, self._zip_zone(member.zip), community.timezone):
            found = zone(name) if name else None
            if found is not None:
                return found
        return ZoneInfo("UTC")

    def day_of(self, member: Member, community: Community, moment: datetime) -> date:
        """The date of ``moment`` where the member lives."""
        return moment.astimezone(self.zone_of(member, community)).date()

    def _zip_zone(self, zip5: str | None) -> str | None:
        if not zip5:
            return None
        try:
            return self._directory.current().lookup_zip(zip5).timezone
        except DomainError:
            return None


def community_day(community: Community, moment: datetime) -> date:
    """The date of ``moment`` in the community's time zone (the day stats count it on)."""
    return moment.astimezone(zone(community.timezone) or ZoneInfo("UTC")).date()
