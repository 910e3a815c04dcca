"""Plain domain records shared by the services, the storage layer and the cogs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Platform(StrEnum):
    DISCORD = "discord"
    SLACK = "slack"
    CONSOLE = "console"


@dataclass(frozen=True, slots=True)
class Community:
    """A Discord guild, a Slack workspace or a console session."""

    id: int
    platform: Platform
    external_id: str
    timezone: str
    language: str = "en"  # the default for members who chose none, and of public posts


@dataclass(frozen=True, slots=True)
class Member:
    """A person in one community, known only by their platform user id."""

    id: int
    community_id: int
    user_id: str
    zip: str | None = None
    district: str | None = None
    timezone: str | None = None
    reminders_enabled: bool = False
    reminder_time: str | None = None
    leaderboard_opt_out: bool = False
    district_check: str | None = None  # 'moved'/'gone': new data changed the saved district
    language: str | None = None  # their own choice (/language); None: platform, then community


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: the member, their community, and whether they organize it."""

    community: Community
    member: Member
    is_organizer: bool = False
