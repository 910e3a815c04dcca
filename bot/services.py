"""The services a cog may use, built once by the composition root and passed in."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.members import MemberService
from bot.settings import Settings
from bot.storage.database import Database


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    members: MemberService
    version: str
