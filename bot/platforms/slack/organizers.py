"""Who organizes a Slack workspace: its admins and owners, plus the people the operator names.

ORGBOT_SLACK_ORGANIZERS lists user ids (``U0123ABCD``) and/or user group handles
(``@organizers``). Answers are cached briefly so a busy channel does not call users.info for
every click; a failed lookup counts as "not an organizer" this time and is not cached.

The same users.info answer (asked with ``include_locale``) gives the person's Slack language
(``locale``, e.g. ``es-LA``), their language when they chose none with /language (issue 18): kept
in memory only, with the admin flag, for as long and as many people as the organizer answers.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import Clock

log = logging.getLogger(__name__)

USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
CACHE_TIME = timedelta(minutes=5)
CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class OrganizerList:
    """The organizers named in the settings."""

    user_ids: frozenset[str] = frozenset()
    group_handles: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, configured: str) -> OrganizerList:
        """``"U1, @organizers"`` -> user ids and group handles (validated by the settings)."""
        users, groups = set(), set()
        for entry in (e.strip() for e in configured.split(",")):
            if not entry:
                continue
            if USER_ID.match(entry):
                users.add(entry)
            else:
                groups.add(entry.removeprefix("@").lower())
        return cls(frozenset(users), frozenset(groups))


@dataclass(frozen=True, slots=True)
class SlackUser:
    """What users.info said about a person, and until when it is trusted."""

    until: datetime
    admin: bool  # administers or owns the workspace (and is not deactivated or a guest)
    locale: str | None  # their Slack language, e.g. "es-LA"


@dataclass(frozen=True, slots=True)
class Person:
    """What the bot needs to know of a Slack user when they act."""

    organizer: bool
    locale: str | None  # their Slack language, e.g. "es-LA"; None when Slack did not say


class OrganizerDirectory:
    """Answers "does this user organize the workspace?" (and "which language does their Slack
    use?") from Slack, cached briefly."""

    def __init__(
        self,
        client: AsyncWebClient,
        configured: OrganizerList,
        clock: Clock,
        cache_time: timedelta = CACHE_TIME,
    ) -> None:
        self._client = client
        self._configured = configured
        self._clock = clock
        self._cache_time = cache_time
        self._users: OrderedDict[str, SlackUser] = OrderedDict()
        self._groups: tuple[datetime, frozenset[str]] | None = None

    async def is_organizer(self, user_id: str) -> bool:
        if user_id in self._configured.user_ids:
            return True
        return (await self.person(user_id)).organizer

    async def person(self, user_id: str) -> Person:
        """Whether the user organizes, and their Slack language, from one users.info (cached).
        Slack refusing it: not an organizer (unless named in the settings), no language."""
        if user_id in self._configured.user_ids:
            return Person(True, await self.locale(user_id))
        user = await self._user(user_id)
        now = self._clock.now()
        organizer = bool(user and user.admin) or user_id in await self._group_members(now)
        return Person(organizer, None if user is None else user.locale)

    async def locale(self, user_id: str) -> str | None:
        """The person's Slack language (``es-LA``), or None when Slack did not say: a failure
        here is never the person's error (their community's language is used instead)."""
        try:
            user = await self._user(user_id)
        except Exception as exc:  # a network failure, a closed client: fall back quietly
            log.info("could not read a Slack user's language: %s", type(exc).__name__)
            return None
        return None if user is None else user.locale

    async def _user(self, user_id: str) -> SlackUser | None:
        """users.info for the person (cached); None if Slack did not answer (not cached)."""
        now = self._clock.now()
        cached = self._users.get(user_id)
        if cached is not None and cached.until > now:
            return cached
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            log.warning("users.info failed for a member: %s", exc.response.get("error"))
            log.debug("users.info failed for %s", user_id)
            return None
        user = response.get("user") or {}
        excluded = user.get("deleted") or user.get("is_restricted")
        admin = user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")
        locale = user.get("locale")
        found = SlackUser(
            now + self._cache_time,
            bool(admin) and not excluded,
            locale if isinstance(locale, str) and locale else None,
        )
        self._users[user_id] = found
        self._users.move_to_end(user_id)
        while len(self._users) > CACHE_SIZE:
            self._users.popitem(last=False)
        return found

    async def _group_members(self, now: datetime) -> frozenset[str]:
        if not self._configured.group_handles:
            return frozenset()
        if self._groups is not None and self._groups[0] > now:
            return self._groups[1]
        members: set[str] = set()
        try:
            response = await self._client.usergroups_list(include_users=True)
        except SlackApiError as exc:
            log.warning("usergroups.list failed: %s", exc.response.get("error"))
            return frozenset()
        found = set()
        for group in response.get("usergroups") or []:
            handle = str(group.get("handle", "")).lower()
            if handle in self._configured.group_handles:
                found.add(handle)
                members.update(group.get("users") or [])
        for missing in sorted(self._configured.group_handles - found):
            log.warning("ORGBOT_SLACK_ORGANIZERS names @%s, which is not a user group", missing)
        self._groups = (now + self._cache_time, frozenset(members))
        return self._groups[1]
