"""The services a cog may use, built once by the composition root and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.civic.store import DirectoryStore
from bot.core.actions import ActionService
from bot.core.address_lookup import AddressLookup
from bot.core.after_sync import AfterSync
from bot.core.campaigns import CampaignService
from bot.core.dashboard_links import DashboardLinks
from bot.core.dashboard_view import DashboardView
from bot.core.event_claims import EventClaims
from bot.core.lawmakers import LawmakerService
from bot.core.maps import CallMaps
from bot.core.members import MemberService
from bot.core.personal_scripts import PersonalScripts
from bot.core.privacy import PrivacyService
from bot.core.prompts import PromptService
from bot.core.ratelimit import MemberRateLimiter
from bot.core.reminders import ReminderService
from bot.core.schedules import ScheduleService
from bot.core.stances import StanceService
from bot.core.stats import StatsService
from bot.domain.clock import Clock
from bot.health import Connections
from bot.i18n.translator import Translators
from bot.metrics import PrometheusMetrics
from bot.prompt_view import PromptView
from bot.scheduling.after_sync_job import AfterSyncJob
from bot.scheduling.runner import Scheduler
from bot.settings import Settings
from bot.storage.database import Database


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    members: MemberService
    directory: DirectoryStore
    lawmakers: LawmakerService
    rate_limiter: MemberRateLimiter
    campaigns: CampaignService
    prompts: PromptService
    scripts: PersonalScripts
    prompt_view: PromptView
    actions: ActionService
    stats: StatsService
    schedules: ScheduleService
    reminders: ReminderService
    scheduler: Scheduler
    privacy: PrivacyService
    address: AddressLookup  # the street-address lookup (off: no geocoder)
    event_claims: EventClaims  # which delivery of a platform event is handled (the first)
    version: str
    metrics: PrometheusMetrics = field(default_factory=PrometheusMetrics)  # one registry each
    connections: Connections = field(default_factory=Connections)  # what /healthz asks
    words: Translators = field(default_factory=Translators)  # each language's words
    after_sync: AfterSync | None = None  # what a change of lawmaker data changed
    stances: StanceService | None = None  # lawmakers' stances per campaign, callers' tags
    district_asks: AfterSyncJob | None = None  # asks members to confirm; add_ask_hook adds to it
    dashboard: DashboardLinks | None = None  # the private dashboard's links (/dashboard)
    dashboard_view: DashboardView | None = None  # what its page shows
    maps: CallMaps | None = None  # the maps of calls by state (/map calls, the dashboard)
