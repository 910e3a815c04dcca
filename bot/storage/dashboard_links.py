"""Repository of the private dashboard's links (migration 0025): a row per link /dashboard
gave, deleted on revocation, with its member or campaign, or once past its expiry."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.dashboard_models import DashboardLink
from bot.storage.database import Database, Row


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _link(row: Row) -> DashboardLink:
    return DashboardLink(
        link_id=row["link_id"],
        community_id=row["community_id"],
        member_id=row["member_id"],
        campaign_id=row["campaign_id"],
        created_at=_moment(row["created_at"]),
        expires_at=_moment(row["expires_at"]),
    )


class DashboardLinkRepository:
    """:class:`bot.core.ports.dashboard.DashboardLinkStore` on either backend."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, link: DashboardLink, purge_before: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM dashboard_links WHERE expires_at <= ?", (_iso(purge_before),)
            )
            await tx.execute(
                "INSERT INTO dashboard_links (link_id, community_id, member_id, campaign_id, "
                "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    link.link_id,
                    link.community_id,
                    link.member_id,
                    link.campaign_id,
                    _iso(link.created_at),
                    _iso(link.expires_at),
                ),
            )

    async def get(self, link_id: str) -> DashboardLink | None:
        row = await self._db.fetchone(
            "SELECT link_id, community_id, member_id, campaign_id, created_at, expires_at "
            "FROM dashboard_links WHERE link_id = ?",
            (link_id,),
        )
        return _link(row) if row else None

    async def delete_of_member(self, member_id: int, now: datetime) -> int:
        return await self._delete("member_id", member_id, now)

    async def delete_of_community(self, community_id: int, now: datetime) -> int:
        return await self._delete("community_id", community_id, now)

    async def _delete(self, column: str, value: int, now: datetime) -> int:
        """Delete the rows whose ``column`` is ``value``; returns how many had not expired."""
        async with self._db.transaction() as tx:
            live = await tx.execute(
                f"DELETE FROM dashboard_links WHERE {column} = ? AND expires_at > ?",
                (value, _iso(now)),
            )
            await tx.execute(f"DELETE FROM dashboard_links WHERE {column} = ?", (value,))
            return live
