"""Communities and members: who is acting, and what they chose to tell the bot."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.permissions import Permission, require
from bot.core.ports.members import CommunityStore, MemberStore
from bot.domain.clock import Clock, iso
from bot.domain.errors import InvalidInput
from bot.domain.models import Actor, Community, Member, Platform
from bot.domain.text import t
from bot.i18n.languages import LANGUAGES, parse_language

AUTO = "auto"  # a member's language word for "follow my platform, then the community"


def choose_language(word: str) -> str:
    """The language code a typed word names, or InvalidInput listing the bot's languages."""
    code = parse_language(word)
    if code is None:
        raise InvalidInput(
            t(
                "'{word}' is not a language I speak. Choose {choices}.",
                word=word.strip()[:30],
                choices=", ".join(f"{code} ({name})" for code, name in LANGUAGES.items()),
            )
        )
    return code


def validate_timezone(name: str) -> str:
    """Return the IANA zone name, or raise InvalidInput with an example of a good one."""
    cleaned = name.strip()
    try:
        ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            t(
                "'{zone}' is not a time zone I know. Use a name like America/Chicago.",
                zone=cleaned[:60],
            )
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

    async def set_language(self, member: Member, word: str) -> Member:
        """The member's own language ('es', 'Español'...), or ``auto`` to have none: their
        platform's, then their community's, answers for them."""
        code = None if word.strip().lower() == AUTO else choose_language(word)
        return await self._members.update(member.id, language=code)

    async def set_community_language(self, actor: Actor, word: str) -> Community:
        """The community's default language (organizers): public posts, and members who chose
        none on a platform that says nothing."""
        require(actor, Permission.ORGANIZER)
        code = choose_language(word)
        await self._communities.set_language(actor.community.id, code)
        return replace(actor.community, language=code)

    async def refresh(self, member: Member) -> Member:
        found = await self._members.get(member.id)
        return found or member
