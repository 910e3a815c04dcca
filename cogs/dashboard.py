"""The private dashboard: /dashboard gives an organizer, privately, a link to a live read-only
page of a campaign's results (bot/dashboard_site.py serves it); /dashboard revoke ends links."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, command, completer
from bot.core.campaign_texts import campaign_texts
from bot.core.campaigns import CampaignService
from bot.core.dashboard_links import DashboardLinks
from bot.core.permissions import Permission
from bot.domain.text import t, tn
from bot.hosting import BaseHost
from bot.i18n.when_words import At
from bot.messages import Message, Tone

REVOKE, EVERYONE = "revoke", "all"
WHAT = Opt(
    "A campaign's slug (default: all campaigns); or revoke (your links), revoke all",
    max_length=60,
    rest=True,
    autocomplete="dashboard",
    label="the campaign's slug",
)
TITLE = t("Private dashboard")


class DashboardCog(Cog):
    name = "dashboard"
    description = "A private live page of a campaign's results"
    stores = "The dashboard links you asked for, until they expire or you revoke them."

    def __init__(self, links: DashboardLinks, campaigns: CampaignService) -> None:
        self.links = links
        self.campaigns = campaigns

    @command(
        "dashboard",
        "A private link to a live page of a campaign's results; /dashboard revoke ends links.",
        permission=Permission.ORGANIZER,
        ephemeral=True,
    )
    async def dashboard(self, ctx: Context, campaign: Annotated[str, WHAT] = "") -> Message:
        words = campaign.strip().lower().split()
        if words[:1] == [REVOKE] and len(words) <= 2 and words[1:] in ([], [EVERYONE]):
            return await self._revoke(ctx, everyone=words[1:] == [EVERYONE])
        self.links.check_ready()
        chosen = await self.campaigns.get(ctx.community.id, campaign) if campaign else None
        issued = await self.links.issue(ctx.actor, chosen.id if chosen else None)
        what = campaign_texts(chosen, ctx.language).title if chosen else ctx.tr(t("all campaigns"))
        hours = int(self.links.lifetime.total_seconds() // 3600)
        said = tn(
            "Your private dashboard of {what}: {url}\nIt shows live counts, the chart and office "
            "notes, and names no member. Anyone who has the link can open it until {when} "
            "({hours} hour), so keep it to yourself; /dashboard revoke ends it sooner.",
            "Your private dashboard of {what}: {url}\nIt shows live counts, the chart and office "
            "notes, and names no member. Anyone who has the link can open it until {when} "
            "({hours} hours), so keep it to yourself; /dashboard revoke ends it sooner.",
            hours,
            what=what,
            url=issued.url,
            when=At(issued.expires_at, ctx.community.timezone),
            hours=hours,
        )
        return Message.private(ctx.tr(said), title=ctx.tr(TITLE))

    async def _revoke(self, ctx: Context, everyone: bool) -> Message:
        ended = await self.links.revoke(ctx.actor, everyone)
        if everyone:
            said = tn(
                "Done: {n} dashboard link of this community no longer works.",
                "Done: {n} dashboard links of this community no longer work.",
                ended,
                n=ended,
            )
        else:
            said = tn(
                "Done: {n} of your dashboard links no longer works.",
                "Done: {n} of your dashboard links no longer work.",
                ended,
                n=ended,
            )
        return Message(body=ctx.tr(said), title=ctx.tr(TITLE), tone=Tone.SUCCESS, ephemeral=True)

    @completer("dashboard")
    async def complete(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        choices = [c.slug for c in await self.campaigns.all(ctx.community.id)]
        choices += [REVOKE, f"{REVOKE} {EVERYONE}"]
        start = typed.strip().lower()
        return [(c, c) for c in choices if c.startswith(start)][:25]


async def setup(host: BaseHost) -> None:
    dashboard = host.services.dashboard
    if dashboard is None:  # composed without it (a test's own services)
        return
    await host.add_cog(DashboardCog(dashboard, host.services.campaigns))
