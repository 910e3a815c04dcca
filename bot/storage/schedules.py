"""Repositories for schedules, the dispatch log, reminders, digests and delivery failures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from bot.domain.clock import iso
from bot.domain.models import Member
from bot.domain.recurrence import parse_recurrence
from bot.domain.schedule_models import (
    DeliveryFailure,
    Dispatch,
    DispatchKind,
    DispatchStatus,
    ReminderSubscription,
    Schedule,
)
from bot.storage.database import Database, Row, Transaction

# ``checked_until`` never moves back: the later of the stored moment and the new one (ISO
# moments of one form compare as text; no scalar max(), which PostgreSQL does not have).
_LATER_CHECKED = "CASE WHEN checked_until < ? THEN ? ELSE checked_until END"


def moment(text: str) -> datetime:
    """The storage form of a moment (see ``bot.domain.clock.iso``) read back."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _schedule(row: Row) -> Schedule:
    return Schedule(
        id=row["id"],
        community_id=row["community_id"],
        campaign_id=row["campaign_id"],
        channel_id=row["channel_id"],
        recurrence=parse_recurrence(row["recurrence"]),
        timezone=row["timezone"],
        starts_on=_day(row["starts_on"]),
        ends_on=_day(row["ends_on"]),
        paused=bool(row["paused"]),
        created_by=row["created_by"],
        created_at=moment(row["created_at"]),
        checked_until=moment(row["checked_until"]),
        notice=row["notice"],
        notice_at=moment(row["notice_at"]) if row["notice_at"] else None,
    )


async def _lock_schedule(tx: Transaction, schedule_id: int) -> None:
    """On PostgreSQL, hold the schedule's row until the transaction ends, so a claim of one
    of its slots (which holds it shared, see :meth:`DispatchRepository.claim_prompt`) is
    either counted by a change or sees it. SQLite's transactions run one at a time anyway."""
    if tx.dialect == "postgresql":
        await tx.fetchval("SELECT id FROM schedules WHERE id = ? FOR UPDATE", (schedule_id,))


class ScheduleRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

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
    ) -> Schedule:
        async with self._db.transaction() as tx:
            row = await tx.fetchone(
                "INSERT INTO schedules (community_id, campaign_id, channel_id, recurrence, "
                "timezone, starts_on, ends_on, created_by, created_at, checked_until) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
                (
                    community_id,
                    campaign_id,
                    channel_id,
                    recurrence,
                    timezone,
                    starts_on.isoformat() if starts_on else None,
                    ends_on.isoformat() if ends_on else None,
                    created_by,
                    iso(now),
                    iso(now),
                ),
            )
        assert row is not None
        return _schedule(row)

    async def get(self, community_id: int, schedule_id: int) -> Schedule | None:
        row = await self._db.fetchone(
            "SELECT * FROM schedules WHERE id = ? AND community_id = ?",
            (schedule_id, community_id),
        )
        return _schedule(row) if row else None

    async def for_community(self, community_id: int) -> list[Schedule]:
        rows = await self._db.fetchall(
            "SELECT * FROM schedules WHERE community_id = ? ORDER BY id", (community_id,)
        )
        return [_schedule(row) for row in rows]

    async def running(self) -> list[Schedule]:
        """Every schedule that is not paused, in every community."""
        rows = await self._db.fetchall("SELECT * FROM schedules WHERE paused = 0 ORDER BY id")
        return [_schedule(row) for row in rows]

    async def set_paused(self, schedule_id: int, paused: bool, now: datetime) -> None:
        """Pause or resume; resuming starts from now (what was due while paused is not owed)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                f"UPDATE schedules SET paused = ?, checked_until = {_LATER_CHECKED} WHERE id = ?",
                (int(paused), iso(now), iso(now), schedule_id),
            )

    async def checked(self, schedule_id: int, until: datetime) -> None:
        """Every slot up to ``until`` is handled (it never moves back)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                f"UPDATE schedules SET checked_until = {_LATER_CHECKED} WHERE id = ?",
                (iso(until), iso(until), schedule_id),
            )

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
        """Change where and when it posts, in one transaction with the count of the prompts
        (sent, or possibly sent) it claimed in ``posted_between``: ``handled_until(count)`` says
        up to when slots are handled from now on (``checked_until`` never moves back)."""
        since, until = posted_between
        async with self._db.transaction() as tx:
            await _lock_schedule(tx, schedule_id)
            row = await tx.fetchone(
                "SELECT count(*) AS n FROM dispatches WHERE schedule_id = ? AND kind = 'prompt' "
                "AND slot >= ? AND slot < ? AND status IN ('sent', 'sending', 'interrupted')",
                (schedule_id, iso(since), iso(until)),
            )
            posted = int(row["n"]) if row else 0
            handled = iso(handled_until(posted))
            await tx.execute(
                "UPDATE schedules SET channel_id = ?, recurrence = ?, timezone = ?, "
                f"starts_on = ?, ends_on = ?, checked_until = {_LATER_CHECKED} WHERE id = ?",
                (
                    channel_id,
                    recurrence,
                    timezone,
                    starts_on.isoformat() if starts_on else None,
                    ends_on.isoformat() if ends_on else None,
                    handled,
                    handled,
                    schedule_id,
                ),
            )

    async def set_notice(self, schedule_id: int, text: str | None, now: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE schedules SET notice = ?, notice_at = ? WHERE id = ?",
                (text, iso(now) if text else None, schedule_id),
            )

    async def delete(self, schedule_id: int) -> None:
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,))


def _dispatch(row: Row) -> Dispatch:
    return Dispatch(
        id=row["id"],
        community_id=row["community_id"],
        kind=DispatchKind(row["kind"]),
        subject=row["subject"],
        slot=row["slot"],
        status=DispatchStatus(row["status"]),
        detail=row["detail"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


class DispatchRepository:
    """The dispatch log: claim a slot before sending, complete it after."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(
        self,
        community_id: int,
        kind: DispatchKind,
        subject: str,
        slot: str,
        now: datetime,
        *,
        status: DispatchStatus = DispatchStatus.SENDING,
        detail: str | None = None,
        schedule_id: int | None = None,
        member_id: int | None = None,
    ) -> bool:
        """Insert the slot's row; False if the slot was already claimed (never send then)."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "INSERT INTO dispatches (community_id, kind, subject, slot, schedule_id, "
                "member_id, status, detail, started_at, finished_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (kind, subject, slot) DO NOTHING",
                (
                    community_id,
                    kind.value,
                    subject,
                    slot,
                    schedule_id,
                    member_id,
                    status.value,
                    detail,
                    iso(now),
                    None if status is DispatchStatus.SENDING else iso(now),
                ),
            )
            return changed == 1

    async def claim_prompt(
        self, community_id: int, schedule_id: int, slot: datetime, now: datetime
    ) -> bool:
        """Claim a scheduled prompt's slot, only while its schedule still owes it: not paused,
        and not handled past ``slot`` (an edit or a pause since the schedule was read moves
        ``checked_until`` to its own time, so a slot the old settings were about to post is not
        posted besides the new ones). False: never send."""
        async with self._db.transaction() as tx:
            owed = await tx.fetchval(
                "SELECT id FROM schedules WHERE id = ? AND paused = 0 AND checked_until < ?"
                + (" FOR SHARE" if tx.dialect == "postgresql" else ""),
                (schedule_id, iso(slot)),
            )
            if owed is None:
                return False
            changed = await tx.execute(
                "INSERT INTO dispatches (community_id, kind, subject, slot, schedule_id, "
                "status, started_at) VALUES (?, 'prompt', ?, ?, ?, 'sending', ?) "
                "ON CONFLICT (kind, subject, slot) DO NOTHING",
                (community_id, f"schedule:{schedule_id}", iso(slot), schedule_id, iso(now)),
            )
            return changed == 1

    async def finish(
        self,
        kind: DispatchKind,
        subject: str,
        slot: str,
        status: DispatchStatus,
        now: datetime,
        *,
        detail: str | None = None,
        channel_id: str | None = None,
        message_id: str | None = None,
    ) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE dispatches SET status = ?, detail = ?, channel_id = ?, message_id = ?, "
                "finished_at = ? WHERE kind = ? AND subject = ? AND slot = ?",
                (status.value, detail, channel_id, message_id, iso(now), kind.value, subject, slot),
            )

    async def get(self, kind: DispatchKind, subject: str, slot: str) -> Dispatch | None:
        row = await self._db.fetchone(
            "SELECT * FROM dispatches WHERE kind = ? AND subject = ? AND slot = ?",
            (kind.value, subject, slot),
        )
        return _dispatch(row) if row else None

    async def claimed(self, kind: DispatchKind, slots: set[str]) -> set[tuple[str, str]]:
        """(subject, slot) of the rows of ``kind`` already in the log for any of ``slots``."""
        if not slots:
            return set()
        marks = ", ".join("?" for _ in slots)
        rows = await self._db.fetchall(
            f"SELECT subject, slot FROM dispatches WHERE kind = ? AND slot IN ({marks})",
            (kind.value, *sorted(slots)),
        )
        return {(row["subject"], row["slot"]) for row in rows}

    async def interrupt_in_doubt(self, now: datetime, detail: str) -> list[Dispatch]:
        """Rows left 'sending' by a process that died mid-send become 'interrupted', with
        ``detail`` (why, as the caller keeps it)."""
        async with self._db.transaction() as tx:
            rows = await tx.fetchall(
                "UPDATE dispatches SET status = 'interrupted', finished_at = ?, detail = ? "
                "WHERE status = 'sending' RETURNING *",
                (iso(now), detail),
            )
        return sorted((_dispatch(row) for row in rows), key=lambda found: found.id)

    async def unreported_interruptions(
        self, community_id: int | None = None
    ) -> dict[int, Counter[DispatchKind]]:
        """Per community (or only ``community_id``), how many interrupted sends of each kind
        organizers have not been told about."""
        where = "" if community_id is None else " AND community_id = ?"
        rows = await self._db.fetchall(
            "SELECT community_id, kind, count(*) AS n FROM dispatches "
            f"WHERE status = 'interrupted' AND reported_at IS NULL{where} "
            "GROUP BY community_id, kind",
            () if community_id is None else (community_id,),
        )
        found: dict[int, Counter[DispatchKind]] = {}
        for row in rows:
            kind = DispatchKind(row["kind"])
            found.setdefault(row["community_id"], Counter())[kind] = int(row["n"])
        return found

    async def interruptions_reported(self, community_id: int, now: datetime) -> None:
        """Organizers of the community have been told of its interrupted sends."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE dispatches SET reported_at = ? WHERE community_id = ? "
                "AND status = 'interrupted' AND reported_at IS NULL",
                (iso(now), community_id),
            )

    async def latest_for_schedule(self, schedule_id: int) -> Dispatch | None:
        row = await self._db.fetchone(
            "SELECT * FROM dispatches WHERE schedule_id = ? ORDER BY slot DESC LIMIT 1",
            (schedule_id,),
        )
        return _dispatch(row) if row else None

    async def for_subject(self, kind: DispatchKind, subject: str) -> list[Dispatch]:
        rows = await self._db.fetchall(
            "SELECT * FROM dispatches WHERE kind = ? AND subject = ? ORDER BY slot",
            (kind.value, subject),
        )
        return [_dispatch(row) for row in rows]

    async def prune(self, before: datetime) -> int:
        """Forget log rows started before ``before`` (their slots are long past)."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "DELETE FROM dispatches WHERE started_at < ? AND status != 'sending'",
                (iso(before),),
            )
            return changed


class ReminderRepository:
    """Who gets a daily reminder, at what local time, and their snooze."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def enable(
        self, member_id: int, at: time, now: datetime, weekdays_only: bool = False
    ) -> None:
        """Reminders on at ``at``, every day or Monday to Friday (replacing earlier choices; the
        chosen campaign stays)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE members SET reminders_enabled = 1, reminder_time = ? WHERE id = ?",
                (at.strftime("%H:%M"), member_id),
            )
            await tx.execute(
                "INSERT INTO reminder_state (member_id, enabled_at, weekdays_only) "
                "VALUES (?, ?, ?) "
                "ON CONFLICT (member_id) DO UPDATE SET enabled_at = excluded.enabled_at, "
                "snoozed_until = NULL, weekdays_only = excluded.weekdays_only",
                (member_id, iso(now), int(weekdays_only)),
            )

    async def disable(self, member_id: int) -> bool:
        """Turn reminders off; False if they were not on."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE members SET reminders_enabled = 0, reminder_time = NULL "
                "WHERE id = ? AND reminders_enabled = 1",
                (member_id,),
            )
            await tx.execute("DELETE FROM reminder_state WHERE member_id = ?", (member_id,))
            return changed == 1

    async def subscriptions(self) -> list[ReminderSubscription]:
        """Every member with reminders on, in every community."""
        rows = await self._db.fetchall(
            "SELECT m.*, s.enabled_at, s.snoozed_until, s.zip_asked_on, s.weekdays_only, "
            "s.campaign_id "
            "FROM members m JOIN reminder_state s ON s.member_id = m.id "
            "WHERE m.reminders_enabled = 1 AND m.reminder_time IS NOT NULL ORDER BY m.id"
        )
        return [_subscription(row) for row in rows]

    async def subscription(self, member_id: int) -> ReminderSubscription | None:
        row = await self._db.fetchone(
            "SELECT m.*, s.enabled_at, s.snoozed_until, s.zip_asked_on, s.weekdays_only, "
            "s.campaign_id "
            "FROM members m JOIN reminder_state s ON s.member_id = m.id "
            "WHERE m.id = ? AND m.reminders_enabled = 1 AND m.reminder_time IS NOT NULL",
            (member_id,),
        )
        return _subscription(row) if row else None

    async def snooze(self, member_id: int, until: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE reminder_state SET snoozed_until = ? WHERE member_id = ?",
                (iso(until), member_id),
            )

    async def clear_snooze(self, member_id: int, until: datetime) -> None:
        """Clear the snooze if it is still the one that fired."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE reminder_state SET snoozed_until = NULL "
                "WHERE member_id = ? AND snoozed_until = ?",
                (member_id, iso(until)),
            )

    async def set_campaign(self, member_id: int, campaign_id: int | None) -> bool:
        """The campaign the member's reminder carries (None: the default); False if their
        reminders are off."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE reminder_state SET campaign_id = ? WHERE member_id = ?",
                (campaign_id, member_id),
            )
            return changed == 1

    async def zip_asked(self, member_id: int, on: date) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE reminder_state SET zip_asked_on = ? WHERE member_id = ?",
                (on.isoformat(), member_id),
            )


def _subscription(row: Row) -> ReminderSubscription:
    hour, minute = (int(part) for part in str(row["reminder_time"]).split(":"))
    member = Member(
        id=row["id"],
        community_id=row["community_id"],
        user_id=row["user_id"],
        zip=row["zip"],
        district=row["district"],
        timezone=row["timezone"],
        reminders_enabled=bool(row["reminders_enabled"]),
        reminder_time=row["reminder_time"],
        leaderboard_opt_out=bool(row["leaderboard_opt_out"]),
        language=row["language"],  # a reminder is written in the member's language
    )
    return ReminderSubscription(
        member=member,
        at=time(hour, minute),
        enabled_at=moment(row["enabled_at"]),
        snoozed_until=moment(row["snoozed_until"]) if row["snoozed_until"] else None,
        zip_asked_on=_day(row["zip_asked_on"]),
        weekdays_only=bool(row["weekdays_only"]),
        campaign_id=row["campaign_id"],
    )


class DigestRepository:
    """Where each community's daily digest goes."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def set(self, community_id: int, channel_id: str, now: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO digests (community_id, channel_id, enabled_at) VALUES (?, ?, ?) "
                "ON CONFLICT (community_id) DO UPDATE SET channel_id = excluded.channel_id",
                (community_id, channel_id, iso(now)),
            )

    async def clear(self, community_id: int) -> bool:
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "DELETE FROM digests WHERE community_id = ?", (community_id,)
            )
            return changed == 1

    async def channel(self, community_id: int) -> str | None:
        row = await self._db.fetchone(
            "SELECT channel_id FROM digests WHERE community_id = ?", (community_id,)
        )
        return str(row["channel_id"]) if row else None

    async def all(self) -> list[tuple[int, str, datetime]]:
        """(community id, channel, since when) for every community with a digest."""
        rows = await self._db.fetchall(
            "SELECT community_id, channel_id, enabled_at FROM digests ORDER BY community_id"
        )
        return [(r["community_id"], r["channel_id"], moment(r["enabled_at"])) for r in rows]


def _failure(row: Row) -> DeliveryFailure:
    return DeliveryFailure(
        id=row["id"],
        community_id=row["community_id"],
        purpose=row["purpose"],
        target=row["target"],
        reason=row["reason"],
        at=moment(row["at"]),
    )


class DeliveryFailureRepository:
    """Messages that could not be delivered, until organizers have been told."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        community_id: int,
        purpose: str,
        target: str,
        reason: str,
        now: datetime,
        member_id: int | None = None,
    ) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO delivery_failures (community_id, purpose, target, member_id, "
                "reason, at) VALUES (?, ?, ?, ?, ?, ?)",
                (community_id, purpose, target, member_id, reason, iso(now)),
            )

    async def recent(self, community_id: int, limit: int = 10) -> list[DeliveryFailure]:
        rows = await self._db.fetchall(
            "SELECT * FROM delivery_failures WHERE community_id = ? ORDER BY id DESC LIMIT ?",
            (community_id, limit),
        )
        return [_failure(row) for row in rows]

    async def unreported(self, community_id: int) -> list[DeliveryFailure]:
        rows = await self._db.fetchall(
            "SELECT * FROM delivery_failures WHERE community_id = ? AND reported_at IS NULL "
            "ORDER BY id",
            (community_id,),
        )
        return [_failure(row) for row in rows]

    async def mark_reported(self, ids: list[int], now: datetime) -> None:
        if not ids:
            return
        async with self._db.transaction() as tx:
            await tx.executemany(
                "UPDATE delivery_failures SET reported_at = ? WHERE id = ?",
                [(iso(now), failure_id) for failure_id in ids],
            )

    async def prune(self, before: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM delivery_failures WHERE at < ?", (iso(before),))
