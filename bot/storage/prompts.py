"""Repository for prompts: a campaign's call to action, and where it was posted."""

from __future__ import annotations

from bot.domain.campaign_models import Prompt
from bot.domain.errors import Conflict, StoredConflict
from bot.storage.database import Database, Row


def _prompt(row: Row) -> Prompt:
    return Prompt(
        id=row["id"],
        community_id=row["community_id"],
        campaign_id=row["campaign_id"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        created_at=row["created_at"],
        posted_at=row["posted_at"],
    )


class PromptRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def reserve(
        self, community_id: int, campaign_id: int, channel_id: str, now: str
    ) -> Prompt:
        """A prompt row with no message yet, so the message can carry its id."""
        async with self._db.transaction() as tx:
            row = await tx.fetchone(
                "INSERT INTO prompts (community_id, campaign_id, channel_id, created_at) "
                "VALUES (?, ?, ?, ?) RETURNING *",
                (community_id, campaign_id, channel_id, now),
            )
        assert row is not None
        return _prompt(row)

    async def attach(self, prompt_id: int, channel_id: str, message_id: str, now: str) -> Prompt:
        """Record where the prompt was posted."""
        try:
            async with self._db.transaction() as tx:
                await tx.execute(
                    "UPDATE prompts SET channel_id = ?, message_id = ?, posted_at = ? WHERE id = ?",
                    (channel_id, message_id, now, prompt_id),
                )
                row = await tx.fetchone("SELECT * FROM prompts WHERE id = ?", (prompt_id,))
        except StoredConflict as exc:
            raise Conflict("That message is already recorded as another prompt.") from exc
        assert row is not None
        return _prompt(row)

    async def delete(self, prompt_id: int) -> None:
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM prompts WHERE id = ?", (prompt_id,))

    async def get(self, community_id: int, prompt_id: int) -> Prompt | None:
        row = await self._db.fetchone(
            "SELECT * FROM prompts WHERE id = ? AND community_id = ?", (prompt_id, community_id)
        )
        return _prompt(row) if row else None

    async def by_message(
        self, community_id: int, channel_id: str, message_id: str
    ) -> Prompt | None:
        row = await self._db.fetchone(
            "SELECT * FROM prompts WHERE community_id = ? AND channel_id = ? AND message_id = ?",
            (community_id, channel_id, message_id),
        )
        return _prompt(row) if row else None

    async def for_campaign(self, community_id: int, campaign_id: int) -> list[Prompt]:
        """The campaign's posted prompts, newest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM prompts WHERE community_id = ? AND campaign_id = ? "
            "AND message_id IS NOT NULL ORDER BY id DESC",
            (community_id, campaign_id),
        )
        return [_prompt(row) for row in rows]
