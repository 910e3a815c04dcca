"""Maps for organizers: /map calls (a campaign's calls by state, per 100,000 residents or in
all) and /map stances (a committee's members by where they stand), as PNGs with alt text."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

from bot.civic.residents import residents
from bot.cogkit import Cog, Context, Opt, command
from bot.core import maps
from bot.core.campaign_texts import campaign_texts
from bot.core.campaigns import CampaignService
from bot.core.lawmakers import LawmakerService
from bot.core.maps import CallMap, CallMaps, StanceSource, StanceTile
from bot.core.periods import parse_period
from bot.core.permissions import Permission
from bot.domain.campaign_models import Campaign
from bot.domain.errors import InvalidInput, NotFound, Unavailable
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.translator import Translator, Translators
from bot.messages import Attachment, Message
from bot.tile_maps import Category, Tile, category_map_png, state_map_png
from cogs._options import ANY_CAMPAIGN, PERIOD

ORGANIZER = Permission.ORGANIZER
PNG = "image/png"
LISTED = 10  # places listed under the map, most first
# Okabe-Ito colours, and a mark on each tile, so stances read without telling colours apart
STANCE_LOOK = {
    "supports": ("#0072B2", "✓"),
    "opposes": ("#D55E00", "✗"),
    "undecided": ("#F0E442", "?"),
    "unknown": ("#DDDDDD", "–"),
}
SHADE = Opt(
    "per100k: calls per 100,000 residents (the default); calls: the number of calls",
    choices=maps.SHADES,
    label="how to shade the map",
)
COMMITTEE = Opt(
    "Committee code or name",
    max_length=80,
    autocomplete="committees",
    label="the committee",
)
STANCE_CAMPAIGN = Opt(
    "A campaign's slug (default: the main campaign, or the only one running)",
    max_length=40,
    autocomplete="campaigns",
    label="the campaign's slug",
)


class MapsCog(Cog):
    name = "maps"
    description = "Maps of calls and stances"

    def __init__(
        self,
        calls: CallMaps,
        campaigns: CampaignService,
        lawmakers: LawmakerService,
        stances: StanceSource | None = None,
    ) -> None:
        self.calls_map = calls
        self.campaigns = campaigns
        self.lawmakers = lawmakers
        self.stances = stances

    @command(
        "map calls",
        "A map of a campaign's calls by state, per 100,000 residents or in all.",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def calls(
        self,
        ctx: Context,
        campaign: Annotated[str, ANY_CAMPAIGN] = "",
        period: Annotated[str, PERIOD] = "",
        shade: Annotated[str, SHADE] = maps.PER_100K,
    ) -> Message:
        chosen, period_text = await self._campaign_and_period(ctx, campaign, period)
        today = self.campaigns.today(ctx.community)
        span = parse_period(period_text, today)  # all time by default, as /stats
        found = await self.calls_map.calls(ctx.community.id, chosen, span, shade)
        words = _words(ctx)
        what = (
            campaign_texts(chosen, ctx.language).title
            if chosen
            else words.render(t("all campaigns"))
        )
        png = await asyncio.to_thread(draw_calls, found, what, span.label, words)
        alt = maps.shorten(words.render(maps.call_map_alt(found, what, span.label)))
        note = maps.unplaced_note(found)
        listed = " · ".join(f"{p} {found.amount(p).said(words.code)}" for p in found.top(LISTED))
        return Message(
            title=words.render(maps.call_map_title(what, span.label))[:256],
            body=listed,
            attachments=(Attachment("calls-by-state.png", png, PNG, alt=alt),),
            footer=words.render(note) if note else None,
            ephemeral=True,
        )

    @command(
        "map stances",
        "A map of a committee's members by their stance on a campaign.",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def stance_map(
        self,
        ctx: Context,
        committee: Annotated[str, COMMITTEE],
        campaign: Annotated[str, STANCE_CAMPAIGN] = "",
    ) -> Message:
        if self.stances is None:
            raise Unavailable(t("Stances are not kept here, so there is no stance map."))
        found = self.lawmakers.committee(committee)
        chosen = await self.stances.campaign_for(ctx.community, campaign)
        stances = await maps.committee_stances(self.stances, chosen, found)
        tiles = maps.stance_tiles(found, stances, self.lawmakers.directory)
        words = _words(ctx)
        what = campaign_texts(chosen, ctx.language).title
        title = words.render(maps.stance_title(found, what))
        png = await asyncio.to_thread(draw_stances, tiles, title, words)
        alt = maps.shorten(words.render(maps.stance_alt(found, tiles, what)))
        return Message(
            title=title[:256],
            body=" · ".join(
                f"{words.render(maps.STANCE_NAMES[key])}: {sum(x.stance == key for x in tiles)}"
                for key in maps.STANCES
            ),
            attachments=(Attachment(f"stances-{found.thomas_id}.png", png, PNG, alt=alt),),
            ephemeral=True,
        )

    async def _campaign_and_period(
        self, ctx: Context, campaign: str, period: str
    ) -> tuple[Campaign | None, str]:
        """The campaign named, if any; '/map calls 7d' (a period where the campaign goes)
        works, as with /stats."""
        if not campaign:
            return None, period
        try:
            return await self.campaigns.get(ctx.community.id, campaign), period
        except NotFound:
            if period or not _is_period(campaign, self.campaigns.today(ctx.community)):
                raise
            return None, campaign


def draw_calls(found: CallMap, what: str, period: Text | str, words: Translator) -> bytes:
    """The map of calls in ``words``' language (run in a worker thread)."""
    shown = {place: found.amount(place).said(words.code) for place, n in found.calls.items() if n}
    return state_map_png(
        found.values,
        shown,
        words.render(maps.call_map_title(what, period)),
        words.render(maps.legend(found.shade)),
        words.render(maps.NO_CALLS),
    )


def draw_stances(tiles: list[StanceTile], title: str, words: Translator) -> bytes:
    """The stance map in ``words``' language (run in a worker thread)."""
    categories = {
        key: Category(words.render(maps.STANCE_NAMES[key]), color, mark)
        for key, (color, mark) in STANCE_LOOK.items()
    }
    shown = [Tile(f"{tile.name}\n{tile.seat}", tile.stance) for tile in tiles]
    return category_map_png(shown, categories, title)


def _words(ctx: Context) -> Translator:
    return (ctx.words or Translators())(ctx.language)


def _is_period(text: str, today: date) -> bool:
    try:
        parse_period(text, today)
    except InvalidInput:
        return False
    return True


async def setup(host: BaseHost) -> None:
    s = host.services
    calls = s.maps or CallMaps(s.stats, residents(), s.lawmakers.state_of_zip)
    await host.add_cog(MapsCog(calls, s.campaigns, s.lawmakers, s.stances))
