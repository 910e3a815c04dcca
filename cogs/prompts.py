"""Prompts and personal scripts: organizers post a campaign's call to action; a member presses
"Get my script" (or types /script) and gets, privately, whom to call and what to say."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, Context, Opt, button, command, form
from bot.core.campaigns import CampaignService
from bot.core.permissions import Permission
from bot.core.personal_scripts import PersonalScripts
from bot.core.prompts import PromptService
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.errors import InvalidInput, InvalidZip, NotFound
from bot.domain.text import t
from bot.hosting import BaseHost
from bot.messages import Button, Form, Message, PostedRef, Style, Tone
from bot.prompt_view import SCRIPT_ACTION, ZIP_FORM_ACTION, PromptView, zip_form
from cogs._options import SLUG, mentioned_channel

GONE = t("That prompt is no longer available. Type /campaigns to see what is running.")


class PromptsCog(Cog):
    name = "prompts"
    description = "Calls to action and your personal script"
    stores = (
        "Your ZIP code, if you type it when asking for your call script (as with /setzip; "
        "/setzip clear removes it)."
    )

    def __init__(
        self,
        campaigns: CampaignService,
        prompts: PromptService,
        scripts: PersonalScripts,
        view: PromptView,
    ) -> None:
        self.campaigns = campaigns
        self.prompts = prompts
        self.scripts = scripts
        self.view = view

    @command(
        "prompt post",
        "Post a campaign's call to action now, here or in another channel.",
        permission=Permission.ORGANIZER,
    )
    async def post(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        channel: Annotated[
            str, Opt("Channel to post in (default: this one)", max_length=100, label="the channel")
        ] = "",
    ) -> Message:
        found = await self.campaigns.get(ctx.community.id, campaign)
        where = mentioned_channel(channel) or ctx.channel_id

        async def send(prompt: Prompt) -> PostedRef:
            return await ctx.post(
                await self.view.prompt(prompt, found, ctx.community.language), where
            )

        await self.prompts.publish(ctx.actor, found, where, send)
        if where == ctx.channel_id:
            said = t("Posted the prompt for **{slug}** here.", slug=found.slug)
        else:
            said = t(
                "Posted the prompt for **{slug}** in channel {channel}.",
                slug=found.slug,
                channel=where,
            )
        return Message(
            body=ctx.tr(said),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "script",
        "Your personal call script for a campaign, with your lawmakers' numbers.",
        ephemeral=True,
    )
    async def script(self, ctx: Context, campaign: Annotated[str, SLUG] = "") -> Message | Form:
        chosen = await self._chosen(ctx, campaign)
        return await self._answer(ctx, chosen, None)

    @button(SCRIPT_ACTION)
    async def get_script(self, ctx: Context, value: str) -> Message | Form:
        campaign, prompt = await self._source(ctx, value)
        self.campaigns.check_running(campaign, ctx.community)
        return await self._answer(ctx, campaign, prompt)

    @form(ZIP_FORM_ACTION)
    async def zip_given(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        campaign, prompt = await self._source(ctx, value)
        if prompt is not None or not ctx.actor.is_organizer:
            self.campaigns.check_running(campaign, ctx.community)
        try:
            member = await self.scripts.save_zip(ctx.member, answers.get("zip", ""))
        except InvalidZip as exc:
            again = ctx.tr(t("Enter my ZIP again"))
            return Message(
                body=ctx.tr(exc.text or exc.message),
                tone=Tone.ERROR,
                ephemeral=True,
                buttons=(Button(again, SCRIPT_ACTION, value, Style.PRIMARY),),
            )
        if member.district:
            intro = t(
                "Saved your ZIP code {zip} (district {district}) for next time: only that, "
                "never a street address. /setzip clear removes it.",
                zip=member.zip,
                district=member.district,
            )
        else:
            intro = t(
                "Saved your ZIP code {zip} for next time: only that, never a street address. "
                "/setzip clear removes it.",
                zip=member.zip,
            )
        script = self.scripts.build(member, campaign, ctx.language)
        return await self.view.script(script, prompt, ctx.tr(intro))

    async def _answer(
        self, ctx: Context, campaign: Campaign, prompt: Prompt | None
    ) -> Message | Form:
        if self.scripts.needs_zip(ctx.member, campaign):
            return zip_form(_source_value(campaign, prompt), self.view.words(ctx.language))
        script = self.scripts.build(ctx.member, campaign, ctx.language)
        return await self.view.script(script, prompt)

    async def _chosen(self, ctx: Context, slug: str) -> Campaign:
        if slug:
            return await self.campaigns.for_member(ctx.actor, slug)
        running = await self.campaigns.running(ctx.community)
        if len(running) == 1:
            return running[0]
        if not running:
            raise NotFound(t("No campaign is running right now. Check back soon!"))
        slugs = ", ".join(c.slug for c in running[:10])
        raise InvalidInput(
            t("Which campaign? Type /script <slug>, with one of: {slugs}.", slugs=slugs)
        )

    async def _source(self, ctx: Context, value: str) -> tuple[Campaign, Prompt | None]:
        """Read a component value: 'p<prompt id>' or 'c<campaign id>'."""
        kind, ident = value[:1], value[1:]
        if not ident.isdecimal() or kind not in ("p", "c"):
            raise NotFound(GONE)
        if kind == "c":
            return await self.campaigns.get_by_id(ctx.community.id, int(ident)), None
        prompt = await self.prompts.get(ctx.community.id, int(ident))
        if prompt is None:
            raise NotFound(GONE)
        return await self.campaigns.get_by_id(ctx.community.id, prompt.campaign_id), prompt


def _source_value(campaign: Campaign, prompt: Prompt | None) -> str:
    return f"p{prompt.id}" if prompt else f"c{campaign.id}"


async def setup(host: BaseHost) -> None:
    s = host.services
    await host.add_cog(PromptsCog(s.campaigns, s.prompts, s.scripts, s.prompt_view))
