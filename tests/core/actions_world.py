"""A small world for action and stats tests: a community, an organizer, three members, the
IRS campaign imported and its prompt posted as message m1 in channel "general"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.models import Actor, Platform
from bot.messages import PostedRef
from bot.services import Services

MONDAY_NOON = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)  # Monday, noon in New York
SANDERS, WELCH, BALINT = "S000033", "W000800", "B001318"


@dataclass
class World:
    services: Services
    olga: Actor
    ann: Actor
    bob: Actor
    cat: Actor
    campaign: Campaign
    prompt: Prompt

    async def actor(self, name: str, organizer: bool = False) -> Actor:
        return await self.services.members.actor(Platform.CONSOLE, "c1", name, organizer)

    async def post(self, channel: str = "general", message: str = "m2") -> Prompt:
        async def send(prompt: Prompt) -> PostedRef:
            return PostedRef(channel, message)

        return await self.services.prompts.post(self.olga.community, self.campaign, channel, send)

    async def count(self, sql: str = "SELECT count(*) FROM actions", *params: object) -> int:
        row = await self.services.db.fetchone(sql, params)
        assert row is not None
        return int(row[0])

    async def outcomes(self) -> dict[str, int]:
        """Outcome -> actions, from the roll-up the stats read."""
        rows = await self.services.db.fetchall(
            "SELECT outcome, sum(actions) FROM action_counts_by_day GROUP BY outcome"
        )
        return {row[0]: row[1] for row in rows}

    async def consistent(self) -> bool:
        """Every roll-up agrees with the rows it counts (members' rows + anonymous counts)."""
        db = self.services.db
        queries = [
            (
                "SELECT campaign_id, day, lawmaker, outcome, count(*) FROM actions "
                "GROUP BY 1, 2, 3, 4",
                "SELECT campaign_id, day, lawmaker, outcome, actions "
                "FROM action_counts_by_lawmaker_day",
            ),
            (
                "SELECT campaign_id, day, outcome, count(*) FROM actions GROUP BY 1, 2, 3",
                "SELECT campaign_id, day, outcome, actions FROM action_counts_by_day",
            ),
            (
                "SELECT campaign_id, lawmaker, outcome, count(*) FROM actions GROUP BY 1, 2, 3",
                "SELECT campaign_id, lawmaker, outcome, actions FROM action_counts_by_lawmaker",
            ),
            (
                "SELECT campaign_id, member_id, count(*), max(day) FROM actions GROUP BY 1, 2",
                "SELECT campaign_id, member_id, actions, last_day FROM action_counts_by_member",
            ),
            (
                "SELECT member_id, count(*), max(day) FROM actions GROUP BY 1",
                "SELECT member_id, actions, last_day FROM action_member_totals",
            ),
            (
                "SELECT substr(day, 1, 7), member_id, count(*) FROM actions GROUP BY 1, 2",
                "SELECT month, member_id, actions FROM action_member_months",
            ),
            (
                "SELECT day, member_id, count(*) FROM actions GROUP BY 1, 2",
                "SELECT day, member_id, actions FROM action_member_days",
            ),
            (
                "SELECT campaign_id, substr(day, 1, 7), lawmaker, outcome, count(*) FROM actions "
                "GROUP BY 1, 2, 3, 4",
                "SELECT campaign_id, month, lawmaker, outcome, actions "
                "FROM action_counts_by_lawmaker_month",
            ),
        ]
        anonymous = await db.fetchone("SELECT count(*) FROM anonymous_action_counts")
        assert anonymous is not None and anonymous[0] == 0, "compare with no anonymous rows"
        for rows_sql, rollup_sql in queries:
            rows = sorted(tuple(r) for r in await db.fetchall(rows_sql))
            rollup = sorted(tuple(r) for r in await db.fetchall(rollup_sql))
            if rows != rollup:
                return False
        return True


async def make_world(services: Services) -> World:
    members = services.members
    olga = await members.actor(Platform.CONSOLE, "c1", "olga", True)
    campaign = await services.campaigns.import_template(olga, "irs-data-privacy")

    async def send(prompt: Prompt) -> PostedRef:
        return PostedRef("general", "m1")

    prompt = await services.prompts.post(olga.community, campaign, "general", send)
    return World(
        services=services,
        olga=olga,
        ann=await members.actor(Platform.CONSOLE, "c1", "ann", False),
        bob=await members.actor(Platform.CONSOLE, "c1", "bob", False),
        cat=await members.actor(Platform.CONSOLE, "c1", "cat", False),
        campaign=campaign,
        prompt=prompt,
    )
