"""Find my district from my street address: a private form, one lookup, and the district saved
only when the member says so. The address is never stored, logged or repeated.

The button comes with /reps, /myreps and /setzip (cogs/lawmakers.py) and with a personal script
(added here, through the prompt view's script hook) when the member's ZIP spans districts.
"""

from __future__ import annotations

from dataclasses import replace

from bot.cogkit import Cog, Context, button, form
from bot.core import lawmaker_titles
from bot.core.address_lookup import ADDRESS_FIELD as FIELD
from bot.core.address_lookup import AddressLookup, Found, LookupFailed
from bot.core.campaigns import CampaignService
from bot.core.lawmakers import LawmakerService
from bot.core.personal_scripts import PersonalScript, PersonalScripts
from bot.core.prompts import PromptService
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.errors import NotFound
from bot.domain.text import t
from bot.hosting import BaseHost
from bot.i18n.languages import ENGLISH
from bot.i18n.translator import Translator, Translators
from bot.messages import BUTTONS_PER_ROW, MAX_ROWS, Button, Form, FormField, Message, Style, Tone
from bot.prompt_view import PromptView
from cogs._address import ASK_ACTION, FORM_ACTION, SAVE_ACTION, address_button
from cogs.lawmakers import SAVED_DISTRICT, YOUR_LAWMAKERS, representation_message

FORM_TITLE = t("Find your district")
FIELD_LABEL = t("Your street address (sent once to the U.S. Census Bureau, never kept)")
PLACEHOLDER = "123 Main St, Springfield, IL 62701"
FOUND = t(
    "Your address is in **{label}** ({who}). It went once to {to} and was not kept. "
    "Save {label} as your district?"
)
VACANT = t("vacant right now")
SAVE_LABEL = t("Save {label} as my district")
GONE = t("That button is no longer in use. Run /reps again for a fresh one.")


class AddressCog(Cog):
    name = "address"
    description = "Find your district from your street address"
    stores = (
        "Nothing of your street address: it is sent once to the U.S. Census Bureau to find your "
        "district; only the district is kept, if you save it."
    )

    def __init__(
        self,
        lookup: AddressLookup,
        lawmakers: LawmakerService,
        campaigns: CampaignService,
        prompts: PromptService,
        scripts: PersonalScripts,
        view: PromptView,
        words: Translators | None = None,
    ) -> None:
        self.lookup = lookup
        self.lawmakers = lawmakers
        self.campaigns = campaigns
        self.prompts = prompts
        self.scripts = scripts
        self.view = view
        self.words = words or Translators()

    @button(ASK_ACTION)
    async def ask(self, ctx: Context, value: str) -> Form:
        """The private form: one field, saying where the address goes."""
        zip5, _ = _zip_and_source(value)
        self.lawmakers.lookup(zip5)  # a forged value gets its sentence before any form
        if not self.lookup.enabled:
            raise NotFound(GONE)
        label = ctx.tr(FIELD_LABEL)
        field = FormField(FIELD, label, max_length=100, placeholder=PLACEHOLDER)
        return Form(FORM_ACTION, ctx.tr(FORM_TITLE), (field,), value=value)

    @form(FORM_ACTION, quote_answers=False)  # the address is never repeated
    async def given(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        zip5, source = _zip_and_source(value)
        try:
            found = await self.lookup.find(ctx.actor, zip5, answers.get(FIELD, ""))
        except LookupFailed as exc:
            return self._picker(ctx.tr(exc.text or exc.message), zip5, self._words(ctx))
        return self._confirm(found, source, self._words(ctx))

    @button(SAVE_ACTION)
    async def save(self, ctx: Context, value: str) -> Message:
        zip5, _, rest = value.partition("|")
        label, _, source = rest.partition("|")
        if not label:
            raise NotFound(GONE)
        member, seat = await self.lookup.save(ctx.member, zip5, label)
        intro = ctx.tr(SAVED_DISTRICT.with_values(district=seat.label))
        if source:
            campaign, prompt = await self._source(ctx, source)
            return await self.view.script(
                self.scripts.build(member, campaign, ctx.language), prompt, intro
            )
        rep = self.lawmakers.for_member(member)
        words = self._words(ctx)
        message = representation_message(rep, self.lawmakers, YOUR_LAWMAKERS, words, private=True)
        body = f"{intro}\n\n{message.body}" if message.body else intro
        return replace(message, body=body, tone=Tone.SUCCESS)

    def _words(self, ctx: Context) -> Translator:
        return (ctx.words or self.words)(ctx.language)

    async def script_hook(
        self, script: PersonalScript, prompt: Prompt | None, message: Message
    ) -> Message:
        """The address button on a script whose House member the ZIP cannot tell."""
        if not (self.lookup.enabled and script.address_zip) or not _room(message):
            return message
        if not self.lookup.offers(self.lawmakers.lookup(script.address_zip)):
            return message
        source = f"p{prompt.id}" if prompt else f"c{script.campaign.id}"
        # The script's language (the member's) once scripts carry one; English before.
        language = getattr(script, "language", ENGLISH)
        button = address_button(script.address_zip, self.words(language), source)
        return replace(message, buttons=(button, *message.buttons))

    def _confirm(self, found: Found, source: str, words: Translator) -> Message:
        member = found.seat.member
        who = lawmaker_titles.label(member, words) if member else words.render(VACANT)
        value = "|".join(part for part in (found.zip5, found.label, source) if part)
        said = FOUND.with_values(label=found.label, who=who, to=self.lookup.service_name)
        save = words.render(SAVE_LABEL.with_values(label=found.label))
        return Message(
            body=words.render(said),
            buttons=(Button(save, SAVE_ACTION, value, Style.PRIMARY),),
            ephemeral=True,
        )

    def _picker(self, reason: str, zip5: str, words: Translator) -> Message:
        """The reason in one line, then the ZIP's candidates and their picker, as /reps shows."""
        rep = self.lawmakers.lookup(zip5)
        message = representation_message(rep, self.lawmakers, YOUR_LAWMAKERS, words, private=True)
        body = f"{reason}\n\n{message.body}" if message.body else reason
        return replace(message, body=body)

    async def _source(self, ctx: Context, source: str) -> tuple[Campaign, Prompt | None]:
        """A script's source: 'p<prompt id>' or 'c<campaign id>' (as the prompts cog reads it)."""
        kind, ident = source[:1], source[1:]
        if not ident.isdecimal() or kind not in ("p", "c"):
            raise NotFound(GONE)
        prompt = None
        if kind == "c":
            campaign = await self.campaigns.get_by_id(ctx.community.id, int(ident))
        else:
            prompt = await self.prompts.get(ctx.community.id, int(ident))
            if prompt is None:
                raise NotFound(GONE)
            campaign = await self.campaigns.get_by_id(ctx.community.id, prompt.campaign_id)
        if prompt is not None or not ctx.actor.is_organizer:
            self.campaigns.check_running(campaign, ctx.community)
        return campaign, prompt


def _zip_and_source(value: str) -> tuple[str, str]:
    zip5, _, source = value.partition("|")
    return zip5, source


def _room(message: Message) -> bool:
    """Whether one more button fits the rows every host shows."""
    button_rows = -(-(len(message.buttons) + 1) // BUTTONS_PER_ROW)
    return len(message.selects) + button_rows <= MAX_ROWS


async def setup(host: BaseHost) -> None:
    s = host.services
    cog = AddressCog(
        s.address, s.lawmakers, s.campaigns, s.prompts, s.scripts, s.prompt_view, s.words
    )
    s.prompt_view.add_script_hook("address", cog.script_hook, first=True)
    await host.add_cog(cog)
