"""Campaigns: organizers create, edit, import and run them (/campaign ...); everyone can list
the running ones (/campaigns)."""

from __future__ import annotations

from typing import Annotated

from bot.civic.store import DirectoryStore
from bot.cogkit import Cog, Context, Opt, command, completer, form
from bot.core.campaign_rules import MAX_GOAL, TextLimits
from bot.core.campaign_templates import TemplateSpec
from bot.core.campaign_texts import campaign_texts, language_name
from bot.core.campaigns import CampaignService, check_language
from bot.core.outcome_words import outcome_label
from bot.core.permissions import Permission, require
from bot.core.prompts import PromptService
from bot.core.scripts import FILL_INS
from bot.core.targets import describe_target
from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.errors import Conflict, InvalidInput, Unavailable
from bot.domain.text import Text, t, tn
from bot.hosting import BaseHost
from bot.i18n.languages import LANGUAGES
from bot.messages import Field, Form, FormField, Message, Tone
from bot.prompt_view import preview
from cogs._options import SLUG

CREATE_FORM = "campaigns.create"
EDIT_FORM = "campaigns.edit"
ORGANIZER = Permission.ORGANIZER
MAX_LISTED = 25
NO_MAIN = t(
    "Reminders carry the oldest running campaign, unless a member chose another with "
    "/remind campaign."
)
TARGET_HELP = t(
    "mine (the caller's senators and House member), house, senate, leaders:<committee id> "
    "(chair and ranking member, e.g. leaders:HSWM), committee:<committee id> (every member), "
    "undecided:<committee id> (its members whose stance on the campaign is undecided), "
    "member:<bioguide id> (e.g. member:S000033). End one with ? to make it an optional extra: "
    "/campaign targets <slug> mine leaders:SSFI?"
)


def campaign_form(
    ctx: Context,
    limits: TextLimits,
    campaign: Campaign | None = None,
    value: str = "",
    language: str | None = None,
) -> Form:
    """The five-field campaign form (Discord modals take at most five), prefilled to edit. With
    a ``language`` other than the campaign's first, it edits that language's version (four
    fields: the goal is the campaign's), prefilled when the version exists."""
    c = campaign
    version = c.version(language or c.language) if c else None
    other = c is not None and language is not None and language != c.language
    if c is None:
        title = ctx.tr(t("New campaign"))
    elif other:
        title = ctx.tr(
            t("{language} version of {slug}", language=language_name(language or ""), slug=c.slug)
        )
    else:
        title = ctx.tr(t("Edit {slug}", slug=c.slug))
    fields = (
        FormField(
            "title",
            ctx.tr(t("Title")),
            max_length=limits.title,
            default=version.title if version else "",
        ),
        FormField(
            "ask",
            ctx.tr(t("The ask, in one sentence")),
            max_length=limits.ask,
            default=version.ask if version else "",
            placeholder=ctx.tr(t("Tell Congress to ...")),
        ),
        FormField(
            "background",
            ctx.tr(t("Background (markdown, links welcome)")),
            long=True,
            required=False,
            max_length=limits.background,
            default=version.background if version else "",
        ),
        FormField(
            "script",
            ctx.tr(t("Call script (fill-ins like {example})", example="{lawmaker}")),
            long=True,
            max_length=limits.script,
            default=version.script if version else "",
        ),
    )
    if not other:
        fields += (
            FormField(
                "goal",
                ctx.tr(t("Goal: number of actions (optional)")),
                required=False,
                max_length=len(str(MAX_GOAL)) + 2,
                default=str(c.goal) if c and c.goal else "",
                placeholder="50",
            ),
        )
    return Form(EDIT_FORM if c else CREATE_FORM, title[:45], fields, value=value)


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
    async def create(
        self,
        ctx: Context,
        language: Annotated[
            str,
            Opt(
                "The language you write it in: en or es (yours if left out)",
                max_length=20,
                label="the language",
            ),
        ] = "",
    ) -> Form:
        require(ctx.actor, ORGANIZER)
        code = check_language(language) if language.strip() else ""  # "": theirs when saved
        return campaign_form(ctx, self.campaigns.limits, value=code)

    @form(CREATE_FORM, permission=ORGANIZER)
    async def save_new(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        campaign = await self.campaigns.create(ctx.actor, answers, value or ctx.language)
        slug = campaign.slug
        return Message(
            title=ctx.tr(t("Saved {title}", title=campaign.title)),
            body=ctx.tr(
                t(
                    "It is a draft called **{slug}**, calling the caller's own lawmakers. Next:\n"
                    "• /campaign targets {slug} <targets> to call others "
                    "(/help campaign targets explains)\n"
                    "• /campaign dates {slug} <start> [end] to give it dates\n"
                    "• /campaign resume {slug} to start it, then /prompt post {slug}",
                    slug=slug,
                )
            ),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "campaign edit",
        "Edit a campaign's text (a form), slug or language.",
        permission=ORGANIZER,
    )
    async def edit(
        self,
        ctx: Context,
        campaign: Annotated[str, SLUG],
        new_slug: Annotated[
            str, Opt("A new slug (optional)", max_length=40, label="the new slug")
        ] = "",
        language: Annotated[
            str,
            Opt(
                "Add or change its version in this language: en or es (its first if left out)",
                max_length=20,
                label="the language",
            ),
        ] = "",
    ) -> Form:
        found = await self.campaigns.editable(ctx.actor, campaign)
        code = check_language(language) if language.strip() else found.language
        slug = ""
        if new_slug:
            slug = await self.campaigns.check_new_slug(ctx.actor, found, new_slug)
        value = f"{found.id}:{slug}:{code}"
        return campaign_form(ctx, self.campaigns.limits, found, value, code)

    @form(EDIT_FORM, permission=ORGANIZER)
    async def save_edit(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        id_text, _, rest = value.partition(":")
        new_slug, _, language = rest.partition(":")
        if not id_text.isdecimal():
            raise InvalidInput(t("That form is out of date. Run /campaign edit again."))
        campaign = await self.campaigns.update(
            ctx.actor, int(id_text), answers, new_slug or None, language or None
        )
        if language and language != campaign.language:
            version = campaign.version(language)
            said = t(
                "Saved the {language} version of **{slug}** ({title}). Members who read "
                "{language} get it; the others get their language's, or {first}.",
                language=language_name(language),
                slug=campaign.slug,
                title=version.title if version else campaign.title,
                first=language_name(campaign.language),
            )
        else:
            said = t(
                "Saved the changes to **{slug}** ({title}).",
                slug=campaign.slug,
                title=campaign.title,
            )
        return Message(body=ctx.tr(said), tone=Tone.SUCCESS, ephemeral=True)

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
            body=ctx.tr(
                t(
                    "**{slug}** now calls:\n{targets}",
                    slug=saved.slug,
                    targets=self._targets_text(ctx, saved),
                )
            ),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    @command(
        "campaign dates",
        "Set a campaign's first and last day (YYYY-MM-DD).",
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
            body=ctx.tr(t("**{slug}** runs {dates}.", slug=saved.slug, dates=_dates_text(saved))),
            tone=Tone.SUCCESS,
            ephemeral=True,
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
            body=ctx.tr(
                t(
                    "**{slug}** outcomes: {outcomes}.",
                    slug=saved.slug,
                    outcomes=_outcomes_text(ctx, saved),
                )
            ),
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
            return _done(ctx.tr(t("No campaign is marked as the main one now. {why}", why=NO_MAIN)))
        if not campaign.strip():
            marked = await self.campaigns.main(ctx.community.id)
            if marked is None:
                return Message.private(
                    ctx.tr(
                        t(
                            "No campaign is marked as the main one. {why} /campaign main <slug> "
                            "marks one.",
                            why=NO_MAIN,
                        )
                    )
                )
            said = t(
                "The main campaign is **{slug}** ({title}). {note}",
                slug=marked.slug,
                title=campaign_texts(marked, ctx.language).title,
                note=self._main_note(marked, ctx),
            )
            return Message.private(ctx.tr(said))
        saved = await self.campaigns.set_main(ctx.actor, campaign)
        assert saved is not None
        said = t(
            "**{slug}** is the main campaign. {note}",
            slug=saved.slug,
            note=self._main_note(saved, ctx),
        )
        return _done(ctx.tr(said))

    def _main_note(self, campaign: Campaign, ctx: Context) -> Text:
        try:
            self.campaigns.check_running(campaign, ctx.community)
        except Conflict as why:
            return t(
                "It is not running now: {why} Until it runs, reminders carry the oldest "
                "running campaign.",
                why=why.text or why.message,
            )
        return t("Reminders carry it, unless a member chose another with /remind campaign.")

    # -- status ----------------------------------------------------------------------------
    @command("campaign pause", "Pause a campaign (members stop seeing it).", permission=ORGANIZER)
    async def pause(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        saved = await self.campaigns.set_status(ctx.actor, campaign, CampaignStatus.PAUSED)
        return _done(
            ctx.tr(t("**{slug}** is paused. /campaign resume {slug} restarts it.", slug=saved.slug))
        )

    @command(
        "campaign resume", "Start a draft, or restart a paused campaign.", permission=ORGANIZER
    )
    async def resume(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        saved = await self.campaigns.set_status(ctx.actor, campaign, CampaignStatus.ACTIVE)
        return _done(
            ctx.tr(t("**{slug}** is active. Post it with /prompt post {slug}.", slug=saved.slug))
        )

    @command(
        "campaign archive",
        "End a campaign for good (kept for the record).",
        permission=ORGANIZER,
    )
    async def archive(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        saved = await self.campaigns.set_status(ctx.actor, campaign, CampaignStatus.ARCHIVED)
        return _done(
            ctx.tr(t("**{slug}** is archived. Thank you for running it!", slug=saved.slug))
        )

    # -- templates -------------------------------------------------------------------------
    @command(
        "campaign import",
        "Add a ready-made campaign (no name: list them).",
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
            return self._templates_message(ctx)
        saved = await self.campaigns.import_template(ctx.actor, template, slug)
        return Message(
            title=ctx.tr(t("Imported {title}", title=campaign_texts(saved, ctx.language).title)),
            body=ctx.tr(
                t(
                    "**{slug}** is active. Post its prompt with /prompt post {slug}; "
                    "review it with /campaign show {slug}; pause it with "
                    "/campaign pause {slug}.",
                    slug=saved.slug,
                )
            ),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    def _templates_message(self, ctx: Context) -> Message:
        catalog = self.campaigns.templates
        fields = []
        if catalog.templates:
            lines = [
                f"`{name}` {_template_title(template.spec, ctx.language)}"
                for name, template in sorted(catalog.templates.items())
            ]
            fields.append(Field(ctx.tr(t("Available")), "\n".join(lines)))
        if catalog.broken:
            lines = [
                f"`{name}` {ctx.tr(reason)}" for name, reason in sorted(catalog.broken.items())
            ]
            fields.append(
                Field(
                    ctx.tr(t("Unavailable (an operator needs to fix the file)")), "\n".join(lines)
                )
            )
        body = t("Import one with /campaign import <name>.")
        if not fields:
            body = t("There are no campaign templates in {folder}.", folder=str(catalog.folder))
        return Message(
            title=ctx.tr(t("Campaign templates")),
            body=ctx.tr(body),
            fields=tuple(fields),
            ephemeral=True,
        )

    @command("campaign guide", "How to write call scripts and targets.", permission=ORGANIZER)
    async def guide(self, ctx: Context) -> Message:
        require(ctx.actor, ORGANIZER)
        fill_ins = ", ".join(f"{{{name}}}" for name in FILL_INS)
        limits = self.campaigns.limits
        languages = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        return Message(
            title=ctx.tr(t("Writing a campaign")),
            fields=(
                Field(
                    ctx.tr(t("Fill-ins")),
                    ctx.tr(
                        t(
                            "{fill_ins}. {lawmaker} reads 'Senator Sanders'; {lawmaker_title} "
                            "'Senator' or 'Representative'. A fill-in with no value reads "
                            "naturally ('your city'). The bot never knows a caller's name: "
                            "{caller_name} shows as [your name]. Write {open} or {close} for a "
                            "brace.",
                            fill_ins=fill_ins,
                            lawmaker="{lawmaker}",
                            lawmaker_title="{lawmaker_title}",
                            caller_name="{caller_name}",
                            open="{{",
                            close="}}",
                        )
                    ),
                ),
                Field(
                    ctx.tr(t("Sections")),
                    ctx.tr(
                        t(
                            "[[senate]]...[[/senate]] and [[house]]...[[/house]] show only when "
                            "calling that chamber; [[voicemail]]...[[/voicemail]] is what to say "
                            "to an answering machine. Put each tag on its own line or inside a "
                            "sentence."
                        )
                    ),
                ),
                Field(ctx.tr(t("Targets")), ctx.tr(TARGET_HELP)),
                Field(
                    ctx.tr(t("Languages")),
                    ctx.tr(
                        t(
                            "A campaign is first written in one language ({languages}): "
                            "/campaign create language:es starts one in Spanish. Add or change "
                            "its version in another language with /campaign edit <slug> "
                            "language:es. Each member gets the title, ask, background and "
                            "script in their language; one whose language the campaign lacks "
                            "gets its first language, with a note saying so.",
                            languages=languages,
                        )
                    ),
                ),
                Field(
                    ctx.tr(t("Limits")),
                    ctx.tr(
                        t(
                            "Title {title}, ask {ask}, background {background}, script "
                            "{script} characters.",
                            title=limits.title,
                            ask=limits.ask,
                            background=limits.background,
                            script=limits.script,
                        )
                    ),
                ),
            ),
            footer=ctx.tr(
                t("A script that reads in under a minute is easier for a first-time caller.")
            ),
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
                    ctx.tr(
                        t(
                            "There are no campaigns yet. /campaign import lists "
                            "ready-made ones; /campaign create starts your own."
                        )
                    )
                )
            return Message.private(ctx.tr(t("No campaign is running right now. Check back soon!")))
        today = self.campaigns.today(ctx.community)
        marked = await self.campaigns.main(ctx.community.id)
        lines = []
        shown_in: dict[str, list[str]] = {}  # first language -> slugs shown in it, not the reader's
        for c in found[:MAX_LISTED]:
            main = marked is not None and c.id == marked.id
            words = campaign_texts(c, ctx.language)
            if words.note is not None:
                shown_in.setdefault(words.language, []).append(c.slug)
            if ctx.actor.is_organizer:
                state = ctx.tr(STATUS_WORDS[c.status])
                if c.status is CampaignStatus.ACTIVE and not c.running(today):
                    state = ctx.tr(t("{state}, outside its dates", state=state))
                if main:
                    state = ctx.tr(t("{state}, main", state=state))
                lines.append(f"`{c.slug}` {words.title} ({state})")
            elif main:
                line = t(
                    "`{slug}` **{title}** (main): {ask}",
                    slug=c.slug,
                    title=words.title,
                    ask=words.ask,
                )
                lines.append(ctx.tr(line))
            else:
                lines.append(f"`{c.slug}` **{words.title}**: {words.ask}")
        if len(found) > MAX_LISTED:
            more = len(found) - MAX_LISTED
            lines.append(ctx.tr(tn("…and {n} more.", "…and {n} more.", more, n=more)))
        for first, slugs in shown_in.items():
            note = t(
                "Not in {wanted} yet, so shown in {shown}: {slugs}.",
                wanted=language_name(ctx.language),
                shown=language_name(first),
                slugs=", ".join(slugs),
            )
            lines.append(ctx.tr(note))
        return Message(
            title=ctx.tr(t("Campaigns")),
            body="\n".join(lines),
            footer=ctx.tr(t("/script <slug> gives you your personal call script.")),
            ephemeral=True,
        )

    @command("campaign show", "Everything about a campaign.", permission=ORGANIZER)
    async def show(self, ctx: Context, campaign: Annotated[str, SLUG]) -> Message:
        require(ctx.actor, ORGANIZER)
        c = await self.campaigns.get(ctx.community.id, campaign)
        words = campaign_texts(c, ctx.language)
        posted = await self.prompts.for_campaign(ctx.community.id, c.id)
        goal = t("none")
        if c.goal:
            shown_goal = f"{c.goal:,}"
            goal = tn("{n} action", "{n} actions", c.goal, n=shown_goal)
        fields = [
            Field(ctx.tr(t("Status")), ctx.tr(STATUS_WORDS[c.status]), inline=True),
            Field(ctx.tr(t("Dates")), ctx.tr(_dates_text(c)), inline=True),
            Field(ctx.tr(t("Goal")), ctx.tr(goal), inline=True),
            Field(ctx.tr(t("Languages")), ctx.tr(_languages_text(c)), inline=True),
            Field(ctx.tr(t("Ask")), words.ask),
        ]
        if words.background:
            fields.append(Field(ctx.tr(t("Background")), preview(words.background, 1000)))
        fields += [
            Field(ctx.tr(t("Calls")), ctx.tr(self._targets_text(ctx, c))),
            Field(ctx.tr(t("Outcomes")), _outcomes_text(ctx, c)),
            Field(ctx.tr(t("Prompts posted")), str(len(posted)), inline=True),
        ]
        if c.template:
            fields.append(Field(ctx.tr(t("From template")), c.template, inline=True))
        marked = await self.campaigns.main(ctx.community.id)
        if marked is not None and marked.id == c.id:
            fields.append(
                Field(ctx.tr(t("Main campaign")), ctx.tr(t("yes: reminders carry it")), inline=True)
            )
        body = ctx.tr(t("Script:\n{script}", script=words.script))
        if words.note is not None:
            body = f"{ctx.tr(words.note)}\n{body}"
        return Message(
            title=f"{words.title} ({c.slug})",
            body=body,
            fields=tuple(fields),
            ephemeral=True,
        )

    @completer("campaigns")
    async def complete_campaigns(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        wanted = typed.strip().lower()
        found = [
            (campaign_texts(c, ctx.language).title, c)
            for c in await self.campaigns.visible_to(ctx.actor)
        ]
        return [
            (f"{title} ({c.slug})"[:100], c.slug)
            for title, c in found
            if wanted in c.slug or wanted in title.lower()
        ][:25]

    @completer("campaign_templates")
    async def complete_templates(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        wanted = typed.strip().lower()
        titles = [
            (_template_title(template.spec, ctx.language), name)
            for name, template in sorted(self.campaigns.templates.templates.items())
        ]
        return [
            (f"{title} ({name})"[:100], name)
            for title, name in titles
            if wanted in name or wanted in title.lower()
        ][:25]

    def _targets_text(self, ctx: Context, campaign: Campaign) -> str:
        try:
            directory = self.directory.current()
        except Unavailable:
            directory = None
        return "\n".join(
            f"• {ctx.tr(describe_target(target, directory))}" for target in campaign.targets
        )


STATUS_WORDS: dict[CampaignStatus, Text] = {
    CampaignStatus.DRAFT: t("draft"),
    CampaignStatus.ACTIVE: t("active"),
    CampaignStatus.PAUSED: t("paused"),
    CampaignStatus.ARCHIVED: t("archived"),
}


def _done(text: str) -> Message:
    return Message(body=text, tone=Tone.SUCCESS, ephemeral=True)


def _template_title(spec: TemplateSpec, language: str) -> str:
    version = spec.versions.get(language)
    return version.title if version is not None else spec.title


def _languages_text(campaign: Campaign) -> Text:
    others = ", ".join(campaign.languages[1:])
    if not others:
        return t("{first} only", first=campaign.language)
    return t("{first} (first), {others}", first=campaign.language, others=others)


def _dates_text(campaign: Campaign) -> Text:
    start, end = campaign.starts_on, campaign.ends_on
    if start and end:
        return t("from {start} to {end}", start=start.isoformat(), end=end.isoformat())
    if start:
        return t("from {start}, with no end date", start=start.isoformat())
    if end:
        return t("until {end}", end=end.isoformat())
    return t("with no start or end date")


def _outcomes_text(ctx: Context, campaign: Campaign) -> str:
    """'📞 Made contact (contact), ...': default labels in the reader's language, keys as typed."""
    return ", ".join(
        f"{o.emoji + ' ' if o.emoji else ''}{ctx.tr(outcome_label(o))} ({o.key})"
        for o in campaign.outcomes
    )


async def setup(host: BaseHost) -> None:
    services = host.services
    await host.add_cog(CampaignsCog(services.campaigns, services.prompts, services.directory))
