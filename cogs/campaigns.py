"""Campaigns: organizers create, edit, import and run them (/campaign ...); everyone can list
the running ones (/campaigns)."""

from __future__ import annotations

from typing import Annotated

from bot.civic.store import DirectoryStore
from bot.cogkit import Cog, Context, Opt, command, completer, form
from bot.core.campaign_rules import MAX_GOAL, TextLimits
from bot.core.campaigns import CampaignService
from bot.core.permissions import Permission, require
from bot.core.prompts import PromptService
from bot.core.scripts import FILL_INS
from bot.core.targets import describe_target
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.errors import Conflict, InvalidInput, Unavailable
from bot.hosting import BaseHost
from bot.messages import Field, Form, FormField, Message, Tone
from bot.prompt_view import preview
from cogs._options import SLUG

CREATE_FORM = "campaigns.create"
EDIT_FORM = "campaigns.edit"
ORGANIZER = Permission.ORGANIZER
MAX_LISTED = 25
NO_MAIN = (
    "Reminders carry the oldest running campaign, unless a member chose another with "
    "/remind campaign."
)
TARGET_HELP = (
    "mine (the caller's senators and House member), house, senate, leaders:<committee id> "
    "(chair and ranking member, e.g. leaders:HSWM), committee:<committee id> (every member), "
    "member:<bioguide id> (e.g. member:S000033). End one with ? to make it an optional extra: "
    "/campaign targets <slug> mine leaders:SSFI?"
)


def campaign_form(limits: TextLimits, campaign: Campaign | None = None, value: str = "") -> Form:
    """The five-field campaign form (Discord modals take at most five), prefilled to edit."""
    c = campaign
    return Form(
        EDIT_FORM if c else CREATE_FORM,
        f"Edit {c.slug}"[:45] if c else "New campaign",
        (
            FormField("title", "Title", max_length=limits.title, default=c.title if c else ""),
            FormField(
                "ask",
                "The ask, in one sentence",
                max_length=limits.ask,
                default=c.ask if c else "",
                placeholder="Tell Congress to ...",
            ),
            FormField(
                "background",
                "Background (markdown, links welcome)",
                long=True,
                required=False,
                max_length=limits.background,
                default=c.background if c else "",
            ),
            FormField(
                "script",
                "Call script (fill-ins like {lawmaker})",
                long=True,
                max_length=limits.script,
                default=c.script if c else "",
            ),
            FormField(
                "goal",
                "Goal: number of actions (optional)",
                required=False,
                max_length=len(str(MAX_GOAL)) + 2,
                default=str(c.goal) if c and c.goal else "",
                placeholder="50",
            ),
        ),
        value=value,
    )


class CampaignsCog(Cog):
    name = "campaigns"
    description = "Campaigns: what this community calls about"

    def __init__(
        self, campaigns: CampaignService, prompts: PromptService, directory: DirectoryStore
    ) -> None:
        self.campaigns = campaigns
        self.prompts = prompts
        self.directory = directory

    # -- create and edit -------------------------------------------------------------------
    @command(
        "campaign create",
        "Start a campaign (a form).",
        permission=ORGANIZER,
    )
    async def create(self, ctx: Context) -> Form:
        require(ctx.actor, ORGANIZER)
        return campaign_form(self.campaigns.limits)

    @form(CREATE_FORM, permission=ORGANIZER)
    async def save_new(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        campaign = await self.campaigns.create(ctx.actor, answers)
        slug = campaign.slug
        return Message(
            title=f"Saved {campaign.title}",
            body=(
                f"It is a draft called **{slug}**, calling the caller's own lawmakers. Next:\n"
                f"• /campaign targets {slug} <targets> to call others "
                "(/help campaign targets explains)\n"
                f"• /campaign dates {slug} <start> [end] to give it dates\n"
                f"• /campaign resume {slug} to start it, then /prompt post {slug}"
            ),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "campaign edit",
        "Edit a campaign's text in the form, and its slug.",
        permission=ORGANIZER,
    )
    async def edit(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        new_slug: Annotated[
            str, Opt("A new slug (optional)", max_length=40, label="the new slug")
        ] = "",
    ) -> Form:
        found = await self.campaigns.editable(ctx.actor, campaign)
        value = str(found.id)
        if new_slug:
            value += ":" + await self.campaigns.check_new_slug(ctx.actor, found, new_slug)
        return campaign_form(self.campaigns.limits, found, value)

    @form(EDIT_FORM, permission=ORGANIZER)
    async def save_edit(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        id_text, _, new_slug = value.partition(":")
        if not id_text.isdecimal():
            raise InvalidInput("That form is out of date. Run /campaign edit again.")
        campaign = await self.campaigns.update(ctx.actor, int(id_text), answers, new_slug or None)
        return Message(
            body=f"Saved the changes to **{campaign.slug}** ({campaign.title}).",
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    # -- settings that are not in the form -------------------------------------------------
    @command(
        "campaign targets",
        "Set whom a campaign calls, like: mine leaders:SSFI?",
        permission=ORGANIZER,
    )
    async def targets(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        targets: Annotated[
            str,
            Opt(
                "Whom to call, like: mine leaders:HSWM? (? = optional; /campaign guide lists all)",
                rest=True,
                max_length=400,
                label="the list of targets",
            ),
        ],
    ) -> Message:
        saved = await self.campaigns.set_targets(ctx.actor, campaign, targets)
        return Message(
            body=f"**{saved.slug}** now calls:\n{self._targets_text(saved)}",
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "campaign dates",
        "Set a campaign's first and last day (YYYY-MM-DD; - for none).",
        permission=ORGANIZER,
    )
    async def dates(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        start: Annotated[
            str,
            Opt("First day, like 2026-05-01 (- for none)", max_length=20, label="the first day"),
        ],
        end: Annotated[
            str, Opt("Last day, like 2026-05-31", max_length=20, label="the last day")
        ] = "",
    ) -> Message:
        saved = await self.campaigns.set_dates(ctx.actor, campaign, start, end)
        return Message(
            body=f"**{saved.slug}** runs {_dates_text(saved)}.", tone=Tone.SUCCESS, ephemeral=True
        )

    @command(
        "campaign outcome",
        "Rename or add an outcome members can report.",
        permission=ORGANIZER,
    )
    async def outcome(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        key: Annotated[
            str,
            Opt(
                "Outcome key: contact, voicemail, unreachable or a new one",
                label="the outcome key",
            ),
        ],
        label: Annotated[
            str,
            Opt(
                "What members see, emoji first: '🗽 Sent a letter'",
                rest=True,
                label="the outcome's label",
            ),
        ],
    ) -> Message:
        saved = await self.campaigns.set_outcome(ctx.actor, campaign, key, label)
        return Message(
            body=f"**{saved.slug}** outcomes: {_outcomes_text(saved)}.",
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    # -- the main campaign ----------------------------------------------------------------
    @command(
        "campaign main",
        "Mark the main campaign.",
        permission=ORGANIZER,
    )
    async def main(
        self,
        ctx: Context,
        campaign: Annotated[
            str,
            Opt(
                "The campaign reminders carry unless a member chose another; off for none; "
                "left out: show it",
                max_length=40,
                autocomplete="campaigns",
                label="the campaign's slug",
            ),
        ] = "",
    ) -> Message:
        require(ctx.actor, ORGANIZER)
        if campaign.strip().lower() in ("off", "none"):
            await self.campaigns.set_main(ctx.actor, None)
            return _done(f"No campaign is marked as the main one now. {NO_MAIN}")
        if not campaign.strip():
            marked = await self.campaigns.main(ctx.community.id)
            if marked is None:
                return Message.private(
                    f"No campaign is marked as the main one. {NO_MAIN} /campaign main <slug> "
                    "marks one."
                )
            return Message.private(
                f"The main campaign is **{marked.slug}** ({marked.title}). "
                f"{self._main_note(marked, ctx)}"
            )
        saved = await self.campaigns.set_main(ctx.actor, campaign)
        assert saved is not None
        return _done(f"**{saved.slug}** is the main campaign. {self._main_note(saved, ctx)}")

    def _main_note(self, campaign: Campaign, ctx: Context) -> str:
        try:
            self.campaigns.check_running(campaign, ctx.community)
        except Conflict as why:
            return (
                f"It is not running now: {why.message} Until it runs, reminders carry the oldest "
                "running campaign."
            )
        return "Reminders carry it, unless a member chose another with /remind campaign."

    # -- status ----------------------------------------------------------------------------
    @command("campaign pause", "Pause a campaign (members stop seeing it).", permission=ORGANIZER)
    async def pause(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        saved = await self.campaigns.set_status(ctx.actor, campaign, CampaignStatus.PAUSED)
        return _done(f"**{saved.slug}** is paused. /campaign resume {saved.slug} restarts it.")

    @command(
        "campaign resume", "Start a draft, or restart a paused campaign.", permission=ORGANIZER
    )
    async def resume(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        saved = await self.campaigns.set_status(ctx.actor, campaign, CampaignStatus.ACTIVE)
        return _done(f"**{saved.slug}** is active. Post it with /prompt post {saved.slug}.")

    @command(
        "campaign archive",
        "End a campaign for good (it is kept for the record).",
        permission=ORGANIZER,
    )
    async def archive(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        saved = await self.campaigns.set_status(ctx.actor, campaign, CampaignStatus.ARCHIVED)
        return _done(f"**{saved.slug}** is archived. Thank you for running it!")

    # -- templates -------------------------------------------------------------------------
    @command(
        "campaign import",
        "Add a ready-made campaign; with no name, list them.",
        permission=ORGANIZER,
    )
    async def import_(
        self,
        ctx: Context,
        template: Annotated[
            str,
            Opt(
                "Template name, like irs-data-privacy",
                autocomplete="campaign_templates",
                label="the template name",
            ),
        ] = "",
        slug: Annotated[
            str, Opt("A slug of its own (optional)", max_length=40, label="the new campaign's slug")
        ] = "",
    ) -> Message:
        if not template:
            require(ctx.actor, ORGANIZER)
            return self._templates_message()
        saved = await self.campaigns.import_template(ctx.actor, template, slug)
        return Message(
            title=f"Imported {saved.title}",
            body=(
                f"**{saved.slug}** is active. Post its prompt with /prompt post {saved.slug}; "
                f"review it with /campaign show {saved.slug}; pause it with "
                f"/campaign pause {saved.slug}."
            ),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    def _templates_message(self) -> Message:
        catalog = self.campaigns.templates
        fields = []
        if catalog.templates:
            lines = [f"`{name}` {t.spec.title}" for name, t in sorted(catalog.templates.items())]
            fields.append(Field("Available", "\n".join(lines)))
        if catalog.broken:
            lines = [f"`{name}` {reason}" for name, reason in sorted(catalog.broken.items())]
            fields.append(
                Field("Unavailable (an operator needs to fix the file)", "\n".join(lines))
            )
        body = "Import one with /campaign import <name>."
        if not fields:
            body = f"There are no campaign templates in {catalog.folder}."
        return Message(title="Campaign templates", body=body, fields=tuple(fields), ephemeral=True)

    @command("campaign guide", "How to write call scripts and targets.", permission=ORGANIZER)
    async def guide(self, ctx: Context) -> Message:
        require(ctx.actor, ORGANIZER)
        fill_ins = ", ".join(f"{{{name}}}" for name in FILL_INS)
        return Message(
            title="Writing a campaign",
            fields=(
                Field(
                    "Fill-ins",
                    f"{fill_ins}. {{lawmaker}} reads 'Senator Sanders'; {{lawmaker_title}} "
                    "'Senator' or 'Representative'. A fill-in with no value reads naturally "
                    "('your city'). The bot never knows a caller's name: {caller_name} shows "
                    "as [your name]. Write {{ or }} for a brace.",
                ),
                Field(
                    "Sections",
                    "[[senate]]...[[/senate]] and [[house]]...[[/house]] show only when calling "
                    "that chamber; [[voicemail]]...[[/voicemail]] is what to say to an answering "
                    "machine. Put each tag on its own line or inside a sentence.",
                ),
                Field("Targets", TARGET_HELP),
                Field(
                    "Limits",
                    f"Title {self.campaigns.limits.title}, ask {self.campaigns.limits.ask}, "
                    f"background {self.campaigns.limits.background}, script "
                    f"{self.campaigns.limits.script} characters.",
                ),
            ),
            footer="A script that reads in under a minute is easier for a first-time caller.",
            ephemeral=True,
        )

    # -- reading ---------------------------------------------------------------------------
    @command("campaigns", "List the running campaigns (organizers see every one).")
    async def list_(self, ctx: Context) -> Message:
        return await self._list(ctx)

    @command(
        "campaign list",
        "The same as /campaigns.",
        permission=ORGANIZER,
        refused="Everyone can see what is running with /campaigns.",
    )
    async def list_alias(self, ctx: Context) -> Message:
        """Kept for organizers who learned it; members use /campaigns, so that the whole
        /campaign group is for organizers (Discord hides it from members)."""
        return await self._list(ctx)

    async def _list(self, ctx: Context) -> Message:
        found = await self.campaigns.visible_to(ctx.actor)
        if not found:
            if ctx.actor.is_organizer:
                return Message.private(
                    "There are no campaigns yet. /campaign import lists "
                    "ready-made ones; /campaign create starts your own."
                )
            return Message.private("No campaign is running right now. Check back soon!")
        today = self.campaigns.today(ctx.community)
        marked = await self.campaigns.main(ctx.community.id)
        lines = []
        for c in found[:MAX_LISTED]:
            main = marked is not None and c.id == marked.id
            if ctx.actor.is_organizer:
                state = c.status.value
                if c.status is CampaignStatus.ACTIVE and not c.running(today):
                    state += ", outside its dates"
                lines.append(f"`{c.slug}` {c.title} ({state}{', main' * main})")
            else:
                lines.append(f"`{c.slug}` **{c.title}**{' (main)' * main}: {c.ask}")
        if len(found) > MAX_LISTED:
            lines.append(f"…and {len(found) - MAX_LISTED} more.")
        return Message(
            title="Campaigns",
            body="\n".join(lines),
            footer="/script <slug> gives you your personal call script.",
            ephemeral=True,
        )

    @command("campaign show", "Everything about a campaign.", permission=ORGANIZER)
    async def show(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        require(ctx.actor, ORGANIZER)
        c = await self.campaigns.get(ctx.community.id, campaign)
        posted = await self.prompts.for_campaign(ctx.community.id, c.id)
        fields = [
            Field("Status", c.status.value, inline=True),
            Field("Dates", _dates_text(c), inline=True),
            Field("Goal", f"{c.goal:,} actions" if c.goal else "none", inline=True),
            Field("Ask", c.ask),
        ]
        if c.background:
            fields.append(Field("Background", preview(c.background, 1000)))
        fields += [
            Field("Calls", self._targets_text(c)),
            Field("Outcomes", _outcomes_text(c)),
            Field("Prompts posted", str(len(posted)), inline=True),
        ]
        if c.template:
            fields.append(Field("From template", c.template, inline=True))
        marked = await self.campaigns.main(ctx.community.id)
        if marked is not None and marked.id == c.id:
            fields.append(Field("Main campaign", "yes: reminders carry it", inline=True))
        return Message(
            title=f"{c.title} ({c.slug})",
            body=f"Script:\n{c.script}",
            fields=tuple(fields),
            ephemeral=True,
        )

    @completer("campaigns")
    async def complete_campaigns(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        wanted = typed.strip().lower()
        return [
            (f"{c.title} ({c.slug})"[:100], c.slug)
            for c in await self.campaigns.visible_to(ctx.actor)
            if wanted in c.slug or wanted in c.title.lower()
        ][:25]

    @completer("campaign_templates")
    async def complete_templates(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        wanted = typed.strip().lower()
        return [
            (f"{t.spec.title} ({name})"[:100], name)
            for name, t in sorted(self.campaigns.templates.templates.items())
            if wanted in name or wanted in t.spec.title.lower()
        ][:25]

    def _targets_text(self, campaign: Campaign) -> str:
        try:
            directory = self.directory.current()
        except Unavailable:
            directory = None
        return "\n".join(f"• {describe_target(t, directory)}" for t in campaign.targets)


def _done(text: str) -> Message:
    return Message(body=text, tone=Tone.SUCCESS, ephemeral=True)


def _dates_text(campaign: Campaign) -> str:
    start, end = campaign.starts_on, campaign.ends_on
    if start and end:
        return f"from {start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}, with no end date"
    if end:
        return f"until {end.isoformat()}"
    return "with no start or end date"


def _outcomes_text(campaign: Campaign) -> str:
    return ", ".join(
        f"{o.emoji + ' ' if o.emoji else ''}{o.label} ({o.key})" for o in campaign.outcomes
    )


async def setup(host: BaseHost) -> None:
    services = host.services
    await host.add_cog(CampaignsCog(services.campaigns, services.prompts, services.directory))
