"""The composition root: settings -> database -> services -> hosts. Nothing else builds these."""

from __future__ import annotations

import asyncio
import logging
import pkgutil
from datetime import timedelta
from importlib import metadata

import cogs
from bot.civic.geocoder import CensusGeocoder
from bot.civic.residents import residents
from bot.civic.sources import configured_sources
from bot.civic.store import DirectoryStore
from bot.core.actions import ActionService
from bot.core.address_lookup import ADDRESS_FIELD, AddressLookup
from bot.core.after_sync import AfterSync
from bot.core.campaign_rules import TextLimits
from bot.core.campaign_templates import load_templates
from bot.core.campaigns import CampaignService
from bot.core.dashboard_links import DashboardLinks, LinkSigner
from bot.core.dashboard_view import DashboardView
from bot.core.emoji_map import EmojiMap
from bot.core.event_claims import EventClaims
from bot.core.lawmakers import LawmakerService
from bot.core.live_counts import LiveCounts
from bot.core.maps import CallMaps
from bot.core.members import MemberService
from bot.core.office_hours import OfficeHours
from bot.core.personal_scripts import PersonalScripts
from bot.core.privacy import PrivacyService, RetentionJob
from bot.core.prompts import PromptService
from bot.core.ratelimit import MemberRateLimiter
from bot.core.stances import StanceRefresh, StanceService
from bot.core.stats import StatsService
from bot.core.stats_warmup import StatsWarmup
from bot.domain.clock import Clock, SystemClock
from bot.i18n.translator import Translators
from bot.metrics import PrometheusMetrics
from bot.payload_logs import withhold_payloads_naming
from bot.prompt_view import PromptView
from bot.scheduling.wiring import build_scheduling
from bot.services import Services
from bot.settings import Settings
from bot.storage.action_stats import StatsRepository
from bot.storage.actions import ActionRepository
from bot.storage.campaigns import CampaignRepository
from bot.storage.communities import CommunityRepository
from bot.storage.dashboard_links import DashboardLinkRepository
from bot.storage.directory_seen import DirectorySeenRepository
from bot.storage.members import MemberRepository
from bot.storage.migrations import migrate
from bot.storage.open import AnyDatabase, database_name, open_database
from bot.storage.platform_events import PlatformEventRepository
from bot.storage.privacy import PrivacyRepository
from bot.storage.prompts import PromptRepository
from bot.storage.stances import StanceRepository

log = logging.getLogger(__name__)
SHUTDOWN_WAIT = 5.0  # seconds work under way (reports being saved) gets before the database closes


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


def directory_store(settings: Settings) -> DirectoryStore:
    """The lawmaker directory's store, syncing from the addresses the settings give."""
    sources = configured_sources(settings.source_urls, settings.source_zccd_congress)
    return DirectoryStore(settings.data_dir, sources=sources)


async def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    """Open and migrate the database and wire the services. Raises StartupError.

    Whatever fails once the database is open (a migration, a template, a bug) closes it before
    the error goes on: its connection's thread would otherwise keep the process from exiting.
    """
    db = await open_database(settings)
    try:
        return await _wire(settings, clock or SystemClock(), db)
    except BaseException:
        await db.close()
        raise


async def _wire(settings: Settings, clock: Clock, db: AnyDatabase) -> Services:
    applied = await migrate(db)
    if applied:
        log.info("database %s migrated to version %d", database_name(settings), applied[-1])
    metrics = PrometheusMetrics()
    members = MemberService(CommunityRepository(db), MemberRepository(db), clock, settings.timezone)
    directory = directory_store(settings)
    lawmakers = LawmakerService(directory, members, clock)
    templates = load_templates(settings.templates_dir)
    campaigns = CampaignService(
        CampaignRepository(db), directory, clock, text_limits(settings), templates
    )
    hours = OfficeHours(settings.office_hours_start, settings.office_hours_end)
    prompts = PromptService(PromptRepository(db), campaigns, clock)
    actions = ActionService(
        ActionRepository(db),
        prompts,
        campaigns,
        directory,
        clock,
        settings.action_daily_cap,
        EmojiMap.from_setting(settings.reaction_outcomes),
        # several processes may edit one prompt (PostgreSQL): each re-reads after its last edit
        LiveCounts(clock, settings.live_count_interval, settle=settings.postgres_url is not None),
        metrics=metrics,
    )
    stances = StanceService(StanceRepository(db), campaigns, directory, clock)
    await stances.refresh()  # who is undecided, for targets like undecided:HSWM
    after_sync = AfterSync(DirectorySeenRepository(db), clock)
    await after_sync.load()  # names of lawmakers who left office, for scripts and stats
    words = Translators()  # each language's words, shared by the hosts and the scheduler
    scripts = PersonalScripts(
        lawmakers,
        directory,
        clock,
        hours,
        former=after_sync.seen_label,
        words=words,
        undecided=stances.undecided,
    )
    prompt_view = PromptView(words)
    stats = StatsService(StatsRepository(db), directory, clock, former=after_sync)
    scheduling = build_scheduling(
        settings,
        clock,
        db,
        members,
        directory,
        campaigns,
        prompts,
        scripts,
        prompt_view,
        actions,
        stats,
        metrics,
        after_sync=after_sync,
        lawmakers=lawmakers,
        words=words,
        stances=stances,
    )
    privacy = PrivacyService(PrivacyRepository(db), members, clock)
    scheduling.scheduler.engine.jobs.append(RetentionJob(privacy))
    scheduling.scheduler.engine.jobs.append(StanceRefresh(stances))
    scheduling.scheduler.engine.jobs.append(StatsWarmup(stats))  # last: after the due posts
    maps = CallMaps(stats, residents(), lawmakers.state_of_zip)
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
        prompts=prompts,
        scripts=scripts,
        prompt_view=prompt_view,
        actions=actions,
        stats=stats,
        schedules=scheduling.schedules,
        reminders=scheduling.reminders,
        scheduler=scheduling.scheduler,
        privacy=privacy,
        address=address_lookup(settings, clock, lawmakers, members),
        event_claims=EventClaims(PlatformEventRepository(db), clock),
        version=version(),
        metrics=metrics,
        after_sync=after_sync,
        district_asks=scheduling.after_sync,
        stances=stances,
        words=words,
        dashboard=dashboard_links(settings, clock, db),
        dashboard_view=DashboardView(
            stats, campaigns, CommunityRepository(db), words, maps=maps, stances=stances
        ),
        maps=maps,
    )


def dashboard_links(settings: Settings, clock: Clock, db: AnyDatabase) -> DashboardLinks:
    """The private dashboard's links, signed with a key derived from ORGBOT_SECRET_KEY."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    return DashboardLinks(
        DashboardLinkRepository(db),
        clock,
        LinkSigner.from_setting(secret),
        settings.public_url,
        timedelta(hours=settings.dashboard_link_hours),
    )


def address_lookup(
    settings: Settings, clock: Clock, lawmakers: LawmakerService, members: MemberService
) -> AddressLookup:
    """The street-address lookup: the Census geocoder, none when ORGBOT_ADDRESS_LOOKUP is off."""
    geocoder = None
    if settings.address_lookup:
        withhold_payloads_naming(ADDRESS_FIELD)  # discord.py and slack_sdk log payloads at DEBUG
        geocoder = CensusGeocoder(
            settings.geocoder_url, settings.geocoder_timeout, settings.geocoder_layer
        )
    limiter = MemberRateLimiter(
        clock, settings.address_lookups_per_minute, settings.address_lookup_burst
    )
    return AddressLookup(lawmakers, members, geocoder, limiter)


def text_limits(settings: Settings) -> TextLimits:
    return TextLimits(
        title=settings.campaign_title_max,
        ask=settings.campaign_ask_max,
        background=settings.campaign_background_max,
        script=settings.campaign_script_max,
    )


async def close_services(services: Services, within: float = SHUTDOWN_WAIT) -> None:
    """Close what was opened, the database last, once nothing can use it any more: the
    scheduler's sends under way finish, reports already submitted are saved (``within``
    seconds, else rolled back), and live-count refreshes under way end. Hosts let their own
    handlers finish before this, when they close."""
    await services.scheduler.stop()
    await services.actions.batcher.close(within)
    services.actions.live.close()
    try:
        async with asyncio.timeout(within):
            await services.actions.live.flush()  # after close(): the refreshes under way
    except TimeoutError:
        log.warning("stopped while a live count was being refreshed")
    await services.db.close()
