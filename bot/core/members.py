"""Communities and members: who is acting, and what they chose to tell the bot."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.ports.members import CommunityStore, MemberStore
from bot.domain.clock import Clock, iso
from bot.domain.errors import InvalidInput
from bot.domain.models import Actor, Member, Platform


def validate_timezone(name: str) -> str:
    """Return the IANA zone name, or raise InvalidInput with an example of a good one."""
    cleaned = name.strip()
    try:
        ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"'{cleaned[:60]}' is not a time zone I know. Use a name like America/Chicago."
        ) from None
    return cleaned


# Saving a location again answers the "confirm your district" ask of a change of data.
_CONFIRMED = {"district_check": None, "district_check_asked_at": None}


class MemberService:
    """Finds or registers the acting member and keeps their few chosen settings."""

    def __init__(
        self,
        communities: CommunityStore,
        members: MemberStore,
        clock: Clock,
        default_timezone: str,
    ) -> None:
        self._communities = communities
        self._members = members
        self._clock = clock
        self._default_timezone = default_timezone

    async def actor(
        self, platform: Platform, community_external_id: str, user_id: str, is_organizer: bool
    ) -> Actor:
        """The Actor for a platform event, registering community and member on first sight."""
        now = iso(self._clock.now())
        community = await self._communities.get_or_create(
            platform, community_external_id, self._default_timezone, now
        )
        member = await self._members.get_or_create(community.id, user_id, now)
        return Actor(community=community, member=member, is_organizer=is_organizer)

    async def set_location(self, member: Member, zip5: str, district: str | None) -> Member:
        return await self._members.update(member.id, zip=zip5, district=district, **_CONFIRMED)

    async def clear_location(self, member: Member) -> Member:
        return await self._members.update(member.id, zip=None, district=None, **_CONFIRMED)

    async def set_district(self, member: Member, district: str) -> Member:
        return await self._members.update(member.id, district=district, **_CONFIRMED)

    async def set_timezone(self, member: Member, name: str) -> Member:
        return await self._members.update(member.id, timezone=validate_timezone(name))

    async def set_leaderboard_opt_out(self, member: Member, opt_out: bool) -> Member:
        return await self._members.update(member.id, leaderboard_opt_out=int(opt_out))

    async def refresh(self, member: Member) -> Member:
        found = await self._members.get(member.id)
        return found or member
