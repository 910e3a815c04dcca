"""The composition root: settings -> database -> services -> hosts. Nothing else builds these."""

from __future__ import annotations

import logging
import pkgutil
from importlib import metadata

import cogs
from bot.civic.store import DirectoryStore
from bot.core.campaign_rules import TextLimits
from bot.core.campaign_templates import load_templates
from bot.core.campaigns import CampaignService
from bot.core.clock import Clock, SystemClock
from bot.core.lawmakers import LawmakerService
from bot.core.members import MemberService
from bot.core.office_hours import OfficeHours
from bot.core.personal_scripts import PersonalScripts
from bot.core.prompts import PromptService
from bot.core.ratelimit import MemberRateLimiter
from bot.prompt_view import PromptView
from bot.services import Services
from bot.settings import Settings
from bot.storage.campaigns import CampaignRepository
from bot.storage.communities import CommunityRepository
from bot.storage.database import Database
from bot.storage.members import MemberRepository
from bot.storage.migrations import migrate
from bot.storage.prompts import PromptRepository

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
    lawmakers = LawmakerService(directory, members)
    templates = load_templates(settings.templates_dir)
    campaigns = CampaignService(
        CampaignRepository(db), directory, clock, text_limits(settings), templates
    )
    hours = OfficeHours(settings.office_hours_start, settings.office_hours_end)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        members=members,
        directory=directory,
        lawmakers=lawmakers,
        rate_limiter=MemberRateLimiter(
            clock, settings.command_rate_per_minute, settings.command_burst
        ),
        campaigns=campaigns,
        prompts=PromptService(PromptRepository(db), campaigns, clock),
        scripts=PersonalScripts(lawmakers, directory, clock, hours),
        prompt_view=PromptView(),
        version=version(),
    )


def text_limits(settings: Settings) -> TextLimits:
    return TextLimits(
        title=settings.campaign_title_max,
        ask=settings.campaign_ask_max,
        background=settings.campaign_background_max,
        script=settings.campaign_script_max,
    )


async def close_services(services: Services) -> None:
    await services.db.close()
