"""Who organizes a Slack workspace: its admins and owners, plus the people the operator names.

ORGBOT_SLACK_ORGANIZERS lists user ids (``U0123ABCD``) and/or user group handles
(``@organizers``). Answers are cached briefly so a busy channel does not call users.info for
every click; a failed lookup counts as "not an organizer" this time and is not cached.
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


class OrganizerDirectory:
    """Answers "does this user organize the workspace?" from Slack, cached briefly."""

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
        self._users: OrderedDict[str, tuple[datetime, bool]] = OrderedDict()
        self._groups: tuple[datetime, frozenset[str]] | None = None

    async def is_organizer(self, user_id: str) -> bool:
        if user_id in self._configured.user_ids:
            return True
        now = self._clock.now()
        cached = self._users.get(user_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        admin = await self._is_admin(user_id)
        answer = bool(admin) or user_id in await self._group_members(now)
        if admin is None:
            return answer
        self._users[user_id] = (now + self._cache_time, answer)
        self._users.move_to_end(user_id)
        while len(self._users) > CACHE_SIZE:
            self._users.popitem(last=False)
        return answer

    async def _is_admin(self, user_id: str) -> bool | None:
        """Whether Slack says the user administers the workspace; None if it did not answer."""
        try:
            response = await self._client.users_info(user=user_id)
        except SlackApiError as exc:
            log.warning("users.info failed for a member: %s", exc.response.get("error"))
            log.debug("users.info failed for %s", user_id)
            return None
        user = response.get("user") or {}
        if user.get("deleted") or user.get("is_restricted"):
            return False
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))

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
