"""What the schedule and reminder services need of storage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Protocol

from bot.domain.schedule_models import DeliveryFailure, Dispatch, ReminderSubscription, Schedule


class ScheduleStore(Protocol):
    async def add(
        self,
        community_id: int,
        campaign_id: int,
        channel_id: str,
        recurrence: str,
        timezone: str,
        starts_on: date | None,
        ends_on: date | None,
        created_by: int | None,
        now: datetime,
    ) -> Schedule: ...

    async def get(self, community_id: int, schedule_id: int) -> Schedule | None: ...

    async def for_community(self, community_id: int) -> list[Schedule]: ...

    async def set_paused(self, schedule_id: int, paused: bool, now: datetime) -> None: ...

    async def edit(
        self,
        schedule_id: int,
        channel_id: str,
        recurrence: str,
        timezone: str,
        starts_on: date | None,
        ends_on: date | None,
        posted_between: tuple[datetime, datetime],
        handled_until: Callable[[int], datetime],
    ) -> None:
        """Change it in one transaction with the count of prompts posted in
        ``posted_between``: ``handled_until(count)`` says up to when slots are handled."""
        ...

    async def delete(self, schedule_id: int) -> None: ...


class DispatchLog(Protocol):
    async def latest_for_schedule(self, schedule_id: int) -> Dispatch | None: ...


class DigestStore(Protocol):
    async def set(self, community_id: int, channel_id: str, now: datetime) -> None: ...

    async def clear(self, community_id: int) -> bool: ...

    async def channel(self, community_id: int) -> str | None: ...


class DeliveryFailureLog(Protocol):
    async def recent(self, community_id: int, limit: int = 10) -> list[DeliveryFailure]: ...


class ReminderStore(Protocol):
    async def enable(
        self, member_id: int, at: time, now: datetime, weekdays_only: bool = False
    ) -> None: ...

    async def disable(self, member_id: int) -> bool:
        """False if reminders were not on."""
        ...

    async def subscription(self, member_id: int) -> ReminderSubscription | None: ...

    async def snooze(self, member_id: int, until: datetime) -> None: ...

    async def set_campaign(self, member_id: int, campaign_id: int | None) -> bool:
        """False if the member's reminders are off."""
        ...
