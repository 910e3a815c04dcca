"""The composition root: settings -> database -> services -> hosts. Nothing else builds these."""

from __future__ import annotations

import logging
import pkgutil
from importlib import metadata

import cogs
from bot.civic.store import DirectoryStore
from bot.core.clock import Clock, SystemClock
from bot.core.lawmakers import LawmakerService
from bot.core.members import MemberService
from bot.services import Services
from bot.settings import Settings
from bot.storage.communities import CommunityRepository
from bot.storage.database import Database
from bot.storage.members import MemberRepository
from bot.storage.migrations import migrate

log = logging.getLogger(__name__)


def version() -> str:
    try:
        return metadata.version("organizer-bot")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def cog_modules() -> list[str]:
    """Every feature module under cogs/ (one file per feature), in a stable order."""
    return sorted(
        f"cogs.{info.name}"
        for info in pkgutil.iter_modules(cogs.__path__)
        if not info.name.startswith("_")
    )


async def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    """Open and migrate the database and wire the services. Raises StartupError."""
    clock = clock or SystemClock()
    db = await Database.open(settings.database_path, settings.db_busy_timeout_ms)
    try:
        applied = await migrate(db)
    except BaseException:
        await db.close()
        raise
    if applied:
        log.info("database %s migrated to version %d", settings.database_path, applied[-1])
    members = MemberService(CommunityRepository(db), MemberRepository(db), clock, settings.timezone)
    directory = DirectoryStore(settings.data_dir)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        members=members,
        directory=directory,
        lawmakers=LawmakerService(directory, members),
        version=version(),
    )


async def close_services(services: Services) -> None:
    await services.db.close()
