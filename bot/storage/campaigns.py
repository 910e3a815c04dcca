"""Repository for campaigns and their outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.domain.campaign_models import (
    Campaign,
    CampaignStatus,
    CampaignVersion,
    NewCampaign,
    Outcome,
    duplicate_slug,
)
from bot.domain.errors import NotFound, StoredConflict
from bot.domain.targets import format_targets, parse_targets
from bot.domain.text import t
from bot.storage.database import Database, Row, Transaction

_UPDATABLE = {
    "slug",
    "title",
    "ask",
    "background",
    "script",
    "targets",
    "goal",
    "starts_on",
    "ends_on",
    "status",
}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _to_db(name: str, value: Any) -> Any:
    if name == "targets":
        return format_targets(value)
    if isinstance(value, CampaignStatus):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


class CampaignRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert(self, new: NewCampaign, now: str) -> Campaign:
        """Store a campaign with its outcomes in one transaction."""
        try:
            async with self._db.transaction() as tx:
                campaign_id = await tx.fetchval(
                    "INSERT INTO campaigns (community_id, slug, title, ask, background, script, "
                    "targets, goal, starts_on, ends_on, status, template, created_at, updated_at, "
                    "language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (
                        new.community_id,
                        new.slug,
                        new.title,
                        new.ask,
                        new.background,
                        new.script,
                        format_targets(new.targets),
                        new.goal,
                        _to_db("starts_on", new.starts_on),
                        _to_db("ends_on", new.ends_on),
                        new.status.value,
                        new.template,
                        now,
                        now,
                        new.language,
                    ),
                )
                assert campaign_id is not None
                for version in new.versions:
                    await _save_version(tx, campaign_id, version, now)
                await tx.executemany(
                    "INSERT INTO campaign_outcomes (campaign_id, key, label, emoji, position) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(campaign_id, o.key, o.label, o.emoji, i) for i, o in enumerate(new.outcomes)],
                )
                found = await self._load(tx, new.community_id, campaign_id)
        except StoredConflict as exc:
            raise self._conflict(exc, new.slug) from exc
        assert found is not None
        return found

    async def get(self, community_id: int, campaign_id: int) -> Campaign | None:
        return await self._load(self._db, community_id, campaign_id)

    async def by_slug(self, community_id: int, slug: str) -> Campaign | None:
        row = await self._db.fetchone(
            "SELECT id FROM campaigns WHERE community_id = ? AND slug = ?", (community_id, slug)
        )
        return None if row is None else await self.get(community_id, row["id"])

    async def list(self, community_id: int) -> list[Campaign]:
        """Every campaign of the community, newest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM campaigns WHERE community_id = ? ORDER BY id DESC", (community_id,)
        )
        ids = [row["id"] for row in rows]
        outcomes = await self._outcomes_for(ids)
        versions = await self._versions_for(ids)
        return [
            _campaign(row, outcomes.get(row["id"], ()), versions.get(row["id"], ())) for row in rows
        ]

    async def slugs(self, community_id: int) -> list[str]:
        rows = await self._db.fetchall(
            "SELECT slug FROM campaigns WHERE community_id = ? ORDER BY slug", (community_id,)
        )
        return [row["slug"] for row in rows]

    async def update(
        self, community_id: int, campaign_id: int, now: str, **fields: Any
    ) -> Campaign:
        """Set the given columns; unknown column names are a programming error."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        names = sorted(fields)
        assignments = "".join(f"{name} = ?, " for name in names)
        try:
            async with self._db.transaction() as tx:
                await tx.execute(
                    f"UPDATE campaigns SET {assignments}updated_at = ? "
                    "WHERE id = ? AND community_id = ?",
                    (
                        *(_to_db(name, fields[name]) for name in names),
                        now,
                        campaign_id,
                        community_id,
                    ),
                )
                found = await self._load(tx, community_id, campaign_id)
        except StoredConflict as exc:
            raise self._conflict(exc, str(fields.get("slug", ""))) from exc
        if found is None:
            raise NotFound(t("That campaign no longer exists."))
        return found

    async def save_outcome(
        self, community_id: int, campaign_id: int, outcome: Outcome, now: str
    ) -> Campaign:
        """Rename an outcome (same key) or add it at the end."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO campaign_outcomes (campaign_id, key, label, emoji, position) "
                "VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 "
                "FROM campaign_outcomes WHERE campaign_id = ?)) "
                "ON CONFLICT (campaign_id, key) DO UPDATE SET label = excluded.label, "
                "emoji = coalesce(excluded.emoji, campaign_outcomes.emoji)",
                (campaign_id, outcome.key, outcome.label, outcome.emoji, campaign_id),
            )
            await tx.execute("UPDATE campaigns SET updated_at = ? WHERE id = ?", (now, campaign_id))
            found = await self._load(tx, community_id, campaign_id)
        assert found is not None
        return found

    async def save_version(
        self, community_id: int, campaign_id: int, version: CampaignVersion, now: str
    ) -> Campaign:
        """Add or replace the campaign's words in a language other than its first one."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE campaigns SET updated_at = ? WHERE id = ? AND community_id = ?",
                (now, campaign_id, community_id),
            )
            if changed:
                await _save_version(tx, campaign_id, version, now)
            found = await self._load(tx, community_id, campaign_id)
        if found is None:
            raise NotFound(t("That campaign no longer exists."))
        return found

    async def main_id(self, community_id: int) -> int | None:
        """The id of the campaign marked as the community's main one, if any."""
        row = await self._db.fetchone(
            "SELECT campaign_id FROM main_campaigns WHERE community_id = ?", (community_id,)
        )
        return None if row is None else int(row["campaign_id"])

    async def set_main(self, community_id: int, campaign_id: int | None) -> bool:
        """Mark ``campaign_id`` as the main campaign (None: no main one). False if nothing
        changed."""
        async with self._db.transaction() as tx:
            if campaign_id is None:
                changed = await tx.execute(
                    "DELETE FROM main_campaigns WHERE community_id = ?", (community_id,)
                )
            else:
                changed = await tx.execute(
                    "INSERT INTO main_campaigns (community_id, campaign_id) VALUES (?, ?) "
                    "ON CONFLICT (community_id) DO UPDATE SET campaign_id = excluded.campaign_id "
                    "WHERE main_campaigns.campaign_id != excluded.campaign_id",
                    (community_id, campaign_id),
                )
            return changed == 1

    async def _load(
        self, reader: Database | Transaction, community_id: int, campaign_id: int
    ) -> Campaign | None:
        row = await reader.fetchone(
            "SELECT * FROM campaigns WHERE id = ? AND community_id = ?",
            (campaign_id, community_id),
        )
        if row is None:
            return None
        rows = await reader.fetchall(
            "SELECT * FROM campaign_outcomes WHERE campaign_id = ? ORDER BY position",
            (campaign_id,),
        )
        versions = await reader.fetchall(
            "SELECT * FROM campaign_versions WHERE campaign_id = ? ORDER BY language",
            (campaign_id,),
        )
        return _campaign(row, tuple(_outcome(r) for r in rows), tuple(map(_version, versions)))

    async def _outcomes_for(self, ids: list[int]) -> dict[int, tuple[Outcome, ...]]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = await self._db.fetchall(
            f"SELECT * FROM campaign_outcomes WHERE campaign_id IN ({marks}) "
            "ORDER BY campaign_id, position",
            ids,
        )
        found: dict[int, list[Outcome]] = {}
        for row in rows:
            found.setdefault(row["campaign_id"], []).append(_outcome(row))
        return {k: tuple(v) for k, v in found.items()}

    async def _versions_for(self, ids: list[int]) -> dict[int, tuple[CampaignVersion, ...]]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = await self._db.fetchall(
            f"SELECT * FROM campaign_versions WHERE campaign_id IN ({marks}) "
            "ORDER BY campaign_id, language",
            ids,
        )
        found: dict[int, list[CampaignVersion]] = {}
        for row in rows:
            found.setdefault(row["campaign_id"], []).append(_version(row))
        return {k: tuple(v) for k, v in found.items()}

    @staticmethod
    def _conflict(exc: StoredConflict, slug: str) -> Exception:
        if "slug" in exc.constraint:
            return duplicate_slug(slug)
        return exc


async def _save_version(
    tx: Transaction, campaign_id: int, version: CampaignVersion, now: str
) -> None:
    await tx.execute(
        "INSERT INTO campaign_versions (campaign_id, language, title, ask, background, script, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, language) DO UPDATE "
        "SET title = excluded.title, ask = excluded.ask, background = excluded.background, "
        "script = excluded.script, updated_at = excluded.updated_at",
        (
            campaign_id,
            version.language,
            version.title,
            version.ask,
            version.background,
            version.script,
            now,
        ),
    )


def _version(row: Row) -> CampaignVersion:
    return CampaignVersion(
        language=row["language"],
        title=row["title"],
        ask=row["ask"],
        background=row["background"],
        script=row["script"],
    )


def _outcome(row: Row) -> Outcome:
    return Outcome(key=row["key"], label=row["label"], emoji=row["emoji"])


def _campaign(
    row: Row, outcomes: tuple[Outcome, ...], versions: tuple[CampaignVersion, ...] = ()
) -> Campaign:
    return Campaign(
        id=row["id"],
        community_id=row["community_id"],
        slug=row["slug"],
        title=row["title"],
        ask=row["ask"],
        background=row["background"],
        script=row["script"],
        targets=parse_targets(row["targets"]),
        outcomes=outcomes,
        goal=row["goal"],
        starts_on=_day(row["starts_on"]),
        ends_on=_day(row["ends_on"]),
        status=CampaignStatus(row["status"]),
        template=row["template"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        language=row["language"],
        versions=versions,
    )
