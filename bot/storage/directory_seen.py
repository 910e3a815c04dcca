"""SQL for what the bot last saw of the lawmaker data, and what a change of it leaves to do
(migration 0013): members asked to confirm their district, notices to organizers, and the
names of every lawmaker seen; and the asks on their way or cut off by a stop (migration 0014)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.domain.after_sync_models import Notice, SavedDistrict, TargetedCampaign
from bot.domain.directory_snapshot import DIGEST_METHOD, Leaders, Snapshot
from bot.storage.database import Database, Transaction
from bot.storage.sql import in_values, values_param

Decide = Callable[[list[SavedDistrict]], list[tuple[int, str]]]  # -> (member id, reason)
MakeNotices = Callable[[list[TargetedCampaign]], list[tuple[int, int, str]]]
# pg_advisory_xact_lock key held while a comparison is recorded ("orgbotds"; migrations
# hold "orgbotmg", see bot/storage/migrations.py).
RECORD_LOCK = 0x6F7267626F746473


class DirectorySeenRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def version(self) -> tuple[str | None, str | None]:
        """(the index last compared, the digest method it was compared with)."""
        return await self._version(self._db)

    @staticmethod
    async def _version(reader: Database | Transaction) -> tuple[str | None, str | None]:
        rows = await reader.fetchall("SELECT key, value FROM directory_seen WHERE kind = 'data'")
        found = {row["key"]: row["value"] for row in rows}
        return found.get("version"), found.get("method")

    async def snapshot(self) -> Snapshot | None:
        """What was last seen, or None before the first comparison (or with another method)."""
        version, method = await self.version()
        if version is None or method != DIGEST_METHOD:
            return None
        rows = await self._db.fetchall("SELECT kind, key, value FROM directory_seen")
        districts = {r["key"]: r["value"] for r in rows if r["kind"] == "district"}
        committees = {
            r["key"]: Leaders.from_json(r["value"]) for r in rows if r["kind"] == "committee"
        }
        return Snapshot(version, districts, committees, await self.names())

    async def names(self) -> dict[str, tuple[str, str]]:
        """bioguide -> (label, seat) of every lawmaker ever seen."""
        rows = await self._db.fetchall("SELECT bioguide, label, seat FROM lawmaker_names")
        return {row["bioguide"]: (row["label"], row["seat"]) for row in rows}

    async def record(
        self,
        new: Snapshot,
        changed: Iterable[str],
        decide: Decide,
        notices: MakeNotices,
        now: str,
        seen: tuple[str | None, str | None],
    ) -> tuple[int, int] | None:
        """In one transaction: flag the members ``decide`` picks among those whose saved
        district is in ``changed``, add the notices ``notices`` makes from the campaigns that
        are not archived, and remember ``new``. Returns (members flagged, notices added), or
        None, changing nothing, when what was seen is no longer ``seen`` (the :meth:`version`
        the comparison started from): another process recorded a comparison meanwhile."""
        labels = sorted(changed)
        async with self._db.transaction() as tx:
            if tx.dialect == "postgresql":  # one comparison at a time (SQLite: one writer)
                await tx.execute("SELECT pg_advisory_xact_lock(?)", (RECORD_LOCK,))
            if await self._version(tx) != seen:
                return None
            rows = await tx.fetchall(
                "SELECT id, community_id, zip, district FROM members "
                f"WHERE district {in_values(tx.dialect, 'TEXT')} ORDER BY id",
                (values_param(tx.dialect, labels),),
            )
            members = [
                SavedDistrict(r["id"], r["community_id"], r["zip"], r["district"]) for r in rows
            ]
            flags = decide(members)
            await tx.executemany(
                "UPDATE members SET district_check = ?, district_check_asked_at = CASE "
                "WHEN district_check IS NULL THEN NULL ELSE district_check_asked_at END "
                "WHERE id = ?",
                [(reason, member_id) for member_id, reason in flags],
            )
            rows = await tx.fetchall(
                "SELECT id, community_id, slug, targets FROM campaigns "
                "WHERE status != 'archived' ORDER BY id"
            )
            found = notices(
                [
                    TargetedCampaign(r["id"], r["community_id"], r["slug"], r["targets"])
                    for r in rows
                ]
            )
            await tx.executemany(
                "INSERT INTO target_notices (community_id, campaign_id, text, created_at) "
                "VALUES (?, ?, ?, ?)",
                [(community, campaign, text, now) for community, campaign, text in found],
            )
            await self._remember(tx, new, now)
        return len(flags), len(found)

    async def _remember(self, tx: Transaction, new: Snapshot, now: str) -> None:
        await tx.execute("DELETE FROM directory_seen")
        rows = [("data", "version", new.version), ("data", "method", DIGEST_METHOD)]
        rows += [("district", label, digest) for label, digest in new.districts.items()]
        rows += [("committee", cid, leaders.to_json()) for cid, leaders in new.committees.items()]
        await tx.executemany("INSERT INTO directory_seen (kind, key, value) VALUES (?, ?, ?)", rows)
        await tx.executemany(
            "INSERT INTO lawmaker_names (bioguide, label, seat, seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (bioguide) DO UPDATE SET label = excluded.label, seat = excluded.seat, "
            "seen_at = excluded.seen_at",
            [(b, label, seat, now) for b, (label, seat) in new.names.items()],
        )

    # -- members asked to confirm ----------------------------------------------------------
    async def to_ask(self) -> list[tuple[int, int]]:
        """(community id, member id) of flagged members not asked yet."""
        rows = await self._db.fetchall(
            "SELECT community_id, id FROM members "
            "WHERE district_check IS NOT NULL AND district_check_asked_at IS NULL ORDER BY id"
        )
        return [(row["community_id"], row["id"]) for row in rows]

    async def claim_ask(self, member_id: int, now: str, on_its_way: bool = True) -> bool:
        """Take the member's one ask (False: asked before, or confirmed meanwhile). With
        ``on_its_way`` the ask is also marked 'sending' until :meth:`finish_ask`; a stop before
        that leaves it for :meth:`interrupt_asks`."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE members SET district_check_asked_at = ? WHERE id = ? "
                "AND district_check IS NOT NULL AND district_check_asked_at IS NULL",
                (now, member_id),
            )
            if changed != 1:
                return False
            if on_its_way:
                await tx.execute(
                    "INSERT INTO district_check_asks (member_id, status, started_at) "
                    "VALUES (?, 'sending', ?)",
                    (member_id, now),
                )
            return True

    async def finish_ask(self, member_id: int) -> None:
        """The member's ask on its way arrived, or its failure was recorded: nothing to keep."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM district_check_asks WHERE member_id = ? AND status = 'sending'",
                (member_id,),
            )

    async def interrupt_asks(self) -> int:
        """At start-up: asks still 'sending' were cut off by the last stop; returns how many."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE district_check_asks SET status = 'interrupted' WHERE status = 'sending'"
            )
            return changed

    async def interrupted_asks(self, community_id: int | None = None) -> dict[int, list[int]]:
        """Community id -> ids of its asks cut off by a stop that organizers were not told of
        (only ``community_id``'s when given)."""
        where = "" if community_id is None else " AND m.community_id = ?"
        rows = await self._db.fetchall(
            "SELECT m.community_id, a.id FROM district_check_asks a "
            f"JOIN members m ON m.id = a.member_id WHERE a.status = 'interrupted'{where} "
            "ORDER BY a.id",
            () if community_id is None else (community_id,),
        )
        found: dict[int, list[int]] = {}
        for row in rows:
            found.setdefault(row["community_id"], []).append(row["id"])
        return found

    async def asks_told(self, ids: list[int]) -> int:
        """Organizers were told of these cut-off asks: forget them. Returns how many this call
        removed (others were told before)."""
        async with self._db.transaction() as tx:
            return await tx.execute(
                "DELETE FROM district_check_asks WHERE status = 'interrupted' "
                f"AND id {in_values(tx.dialect)}",
                (values_param(tx.dialect, ids),),
            )

    async def to_confirm(self, community_id: int) -> int:
        row = await self._db.fetchone(
            "SELECT count(*) AS n FROM members "
            "WHERE community_id = ? AND district_check IS NOT NULL",
            (community_id,),
        )
        return int(row["n"]) if row else 0

    # -- notices to organizers -------------------------------------------------------------
    async def unreported(self, community_id: int | None = None) -> list[Notice]:
        where = "" if community_id is None else " AND n.community_id = ?"
        rows = await self._db.fetchall(
            "SELECT n.id, n.community_id, n.campaign_id, c.slug, n.text FROM target_notices n "
            "JOIN campaigns c ON c.id = n.campaign_id "
            f"WHERE n.reported_at IS NULL{where} ORDER BY n.id",
            () if community_id is None else (community_id,),
        )
        return [
            Notice(r["id"], r["community_id"], r["campaign_id"], r["slug"], r["text"]) for r in rows
        ]

    async def claim_notices(self, ids: list[int], now: str) -> list[int]:
        """Mark the notices told; returns the ids this call marked (others were told before)."""
        marked = []
        async with self._db.transaction() as tx:
            for notice_id in ids:
                changed = await tx.execute(
                    "UPDATE target_notices SET reported_at = ? "
                    "WHERE id = ? AND reported_at IS NULL",
                    (now, notice_id),
                )
                if changed == 1:
                    marked.append(notice_id)
        return marked
