"""Building the scheduling services (called by the composition root, bot/app.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.civic.store import DirectoryStore
from bot.core.after_sync import AfterSync
from bot.core.campaigns import CampaignService
from bot.core.lawmakers import LawmakerService
from bot.core.members import MemberService
from bot.core.metrics import NO_METRICS, Metrics
from bot.core.personal_scripts import PersonalScripts
from bot.core.prompts import PromptService
from bot.core.reminders import ReminderService
from bot.core.schedules import ScheduleService
from bot.core.stances import StanceService
from bot.delivery.outbox import Outbox
from bot.domain.clock import Clock
from bot.domain.recurrence import parse_time
from bot.i18n.translator import Translators
from bot.prompt_view import PromptView
from bot.scheduling.after_sync_job import AfterSyncJob
from bot.scheduling.digest_job import DigestJob, Summaries
from bot.scheduling.engine import Engine, Job, Stop
from bot.scheduling.leadership import Leadership, SoleLeadership, advisory
from bot.scheduling.prompt_job import PromptJob
from bot.scheduling.reminder_job import ActedBetween, ReminderJob
from bot.scheduling.runner import DataRefresh, Scheduler
from bot.scheduling.stance_digest import StanceDigest
from bot.settings import Settings
from bot.storage.communities import CommunityRepository
from bot.storage.database import Database
from bot.storage.members import MemberRepository
from bot.storage.schedules import (
    DeliveryFailureRepository,
    DigestRepository,
    DispatchRepository,
    ReminderRepository,
    ScheduleRepository,
)


@dataclass(frozen=True, slots=True)
class Scheduling:
    schedules: ScheduleService
    reminders: ReminderService
    scheduler: Scheduler
    after_sync: AfterSyncJob | None = None  # what a change of lawmaker data leaves to do


def build_scheduling(
    settings: Settings,
    clock: Clock,
    db: Database,
    members: MemberService,
    directory: DirectoryStore,
    campaigns: CampaignService,
    prompts: PromptService,
    scripts: PersonalScripts,
    view: PromptView,
    actions: ActedBetween,
    stats: Summaries,
    metrics: Metrics = NO_METRICS,
    after_sync: AfterSync | None = None,
    lawmakers: LawmakerService | None = None,
    words: Translators | None = None,
    stances: StanceService | None = None,
) -> Scheduling:
    """The scheduler's services and jobs; ``words`` speak each DM in its reader's language."""
    words = words or Translators()
    grace = timedelta(minutes=settings.missed_slot_grace_minutes)
    schedule_repo = ScheduleRepository(db)
    dispatches = DispatchRepository(db)
    digests = DigestRepository(db)
    failures = DeliveryFailureRepository(db)
    reminder_repo = ReminderRepository(db)
    communities = CommunityRepository(db)
    member_repo = MemberRepository(db)
    outbox = Outbox(failures, clock)
    stop = Stop()  # set when the process stops: sends under way finish, no other starts
    schedules = ScheduleService(schedule_repo, dispatches, digests, failures, campaigns, clock)
    reminders = ReminderService(
        reminder_repo,
        members,
        directory,
        campaigns,
        clock,
        parse_time(settings.reminder_default_time),
        timedelta(minutes=settings.reminder_snooze_minutes),
    )
    stance_part = None
    if stances is not None:  # the stances organizers set, in the digest
        digest = StanceDigest(stances, campaigns, directory, clock, words)
        stance_part = digest.part
    after_job = None
    if after_sync is not None and lawmakers is not None:
        after_job = AfterSyncJob(
            after_sync,
            directory,
            lawmakers,
            communities,
            member_repo,
            digests,
            schedule_repo,
            outbox,
            stop=stop,
            words=words,
        )
    jobs: list[Job] = [] if after_job is None else [after_job]  # first: before sends use the data
    jobs += [
        PromptJob(
            schedule_repo,
            dispatches,
            communities,
            member_repo,
            campaigns,
            prompts,
            view,
            outbox,
            grace,
            stop=stop,
            metrics=metrics,
            words=words,
        ),
        ReminderJob(
            reminder_repo,
            reminders,
            dispatches,
            communities,
            campaigns,
            scripts,
            view,
            actions,
            outbox,
            grace,
            stop=stop,
            metrics=metrics,
            words=words,
        ),
        DigestJob(
            digests,
            dispatches,
            communities,
            schedule_repo,
            failures,
            campaigns,
            stats,
            outbox,
            parse_time(settings.digest_time),
            grace,
            members=member_repo,
            stop=stop,
            metrics=metrics,
            parts=(
                *(() if after_job is None else (after_job.digest_part,)),
                *(() if stance_part is None else (stance_part,)),
            ),
            words=words,
        ),
    ]
    refresh = DataRefresh(directory.sync, settings.data_mirror, dispatches, failures, clock)
    scheduler = Scheduler(
        Engine(clock, dispatches, jobs, stop, metrics, leadership_for(settings)),
        outbox,
        refresh,
        refresh_day=settings.data_refresh_day,
    )
    return Scheduling(schedules, reminders, scheduler, after_job)


def leadership_for(settings: Settings) -> Leadership:
    """Who runs the scheduler: on PostgreSQL, the process holding the advisory lock (several
    may share the database); on SQLite, this one (its file lock admits no other)."""
    url = settings.postgres_url
    if url is None:
        return SoleLeadership()
    return advisory(url, settings.leader_retry_seconds)
