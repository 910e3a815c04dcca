"""Repository for Slack installations: the workspaces that added the app (many-workspace mode).

A row holds the workspace's ids, its bot's user and bot ids, and its bot token as sealed by
:class:`~bot.storage.token_cipher.TokenCipher` (this repository never sees a token in clear).
:meth:`InstallationRepository.remove` deletes the row and the workspace's community with
everything under it in one transaction: that is what uninstalling means.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.models import Platform
from bot.storage.community_removal import remove_community
from bot.storage.database import Database, Row


@dataclass(frozen=True, slots=True)
class StoredInstallation:
    """One workspace's installation; ``sealed_token`` is the encrypted bot token."""

    team_id: str
    enterprise_id: str | None
    bot_user_id: str
    bot_id: str
    sealed_token: bytes = field(repr=False)
    installed_at: str


def _installation(row: Row) -> StoredInstallation:
    return StoredInstallation(
        team_id=row["team_id"],
        enterprise_id=row["enterprise_id"],
        bot_user_id=row["bot_user_id"],
        bot_id=row["bot_id"],
        sealed_token=bytes(row["bot_token"]),
        installed_at=row["installed_at"],
    )


class InstallationRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(self, installation: StoredInstallation) -> None:
        """Store a workspace's installation, replacing an earlier one (a reinstall)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO slack_installations "
                "(team_id, enterprise_id, bot_user_id, bot_id, bot_token, installed_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (team_id) DO UPDATE SET "
                "enterprise_id = excluded.enterprise_id, bot_user_id = excluded.bot_user_id, "
                "bot_id = excluded.bot_id, bot_token = excluded.bot_token, "
                "installed_at = excluded.installed_at",
                (
                    installation.team_id,
                    installation.enterprise_id,
                    installation.bot_user_id,
                    installation.bot_id,
                    installation.sealed_token,
                    installation.installed_at,
                ),
            )

    async def find(self, team_id: str) -> StoredInstallation | None:
        row = await self._db.fetchone(
            "SELECT * FROM slack_installations WHERE team_id = ?", (team_id,)
        )
        return _installation(row) if row else None

    async def all(self) -> list[StoredInstallation]:
        rows = await self._db.fetchall("SELECT * FROM slack_installations ORDER BY team_id")
        return [_installation(row) for row in rows]

    async def reseal(self, team_id: str, was: bytes, sealed: bytes) -> None:
        """Replace the workspace's sealed token (the same token under another key), unless
        it changed meanwhile (a reinstall)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE slack_installations SET bot_token = ? WHERE team_id = ? AND bot_token = ?",
                (sealed, team_id, was),
            )

    async def remove(self, team_id: str) -> bool:
        """Delete the workspace's installation and its community with everything under it, in
        one transaction; True if there was either."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "DELETE FROM slack_installations WHERE team_id = ?", (team_id,)
            )
            removed = changed > 0
            row = await tx.fetchone(
                "SELECT id FROM communities WHERE platform = ? AND external_id = ?",
                (Platform.SLACK.value, team_id),
            )
            if row is not None:
                await remove_community(tx, int(row[0]))
                removed = True
        return removed
