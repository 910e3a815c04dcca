"""Reporting a call with one tap: outcome buttons and reactions on a prompt, per-lawmaker
buttons in the personal script, a private confirmation with the member's streak, an optional
line on what the office said, and the prompt's live count."""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from datetime import datetime, timedelta

from bot.civic.models import Member as Lawmaker
from bot.civic.store import DirectoryStore
from bot.cogkit import Cog, Context, HostPort, ReactionEvent, button, form, reaction, select
from bot.core.actions import ActionService
from bot.core.campaigns import CampaignService
from bot.core.lawmaker_titles import heading
from bot.core.personal_scripts import Call, PersonalScript, PersonalScripts
from bot.core.prompts import PromptService
from bot.core.stats import CampaignCount, StatsService
from bot.core.streaks import describe
from bot.domain.action_models import NOTE_MAX, NOTE_OUTCOME, Action, ActionResult, Change, OneTap
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.clock import Clock
from bot.domain.errors import DomainError, NotFound
from bot.domain.models import Community
from bot.domain.text import Text, t, tn
from bot.hosting import BaseHost
from bot.i18n.translator import Translator, Translators
from bot.messages import (
    BUTTONS_PER_ROW,
    MAX_ROWS,
    OPTIONS_PER_SELECT,
    Button,
    Field,
    Form,
    FormField,
    Message,
    PostedRef,
    Select,
    SelectOption,
    Style,
    Tone,
)
from bot.prompt_view import OUTCOME_ACTION, PromptView, outcome_buttons
from bot.report_components import (
    CALL_ACTION,
    CALL_MENU_ACTION,
    ENGLISH,
    MORE,
    PICK_ACTION,
    Callee,
    call_buttons,
    outcome_text,
    pickers,
    report_components,
    tag_buttons,
)

log = logging.getLogger(__name__)

UNDO_ACTION = "actions.undo"  # value: "<action id>:<outcome key>"
NOTE_ACTION = "actions.note"  # value: "<action id>"
NOTE_WHO_ACTION = "actions.notewho"  # options: "<action id>:<bioguide>" ('' for none named)
NOTE_FORM_ACTION = "actions.savenote"  # value: "<action id>"
HOOK = "actions"
REPLY_EVERY = timedelta(minutes=10)  # at most one answer to a member's reactions per interval
BAD_BUTTON = t("That button is not one I recognise. Open the prompt again for fresh buttons.")
COVERED = t(
    "Thank you! Your calls today are already counted one by one from your script, so this "
    "report is kept but not counted again."
)
ONE_TAP_COVERED = t(
    "Your one-tap report on the prompt today now counts as these calls, so nothing counts twice."
)
ONE_TAP_RESTORED = t("Your one-tap report on the prompt counts again.")
WHOSE_OFFICE = t("Add what the office said: whose office?")
NO_LAWMAKER = t("Another office, or not sure")
WHOSE_CALL = t("Whose office did you call?")
GONE = t("That prompt is no longer available, so nothing was recorded.")
TAG_ASK = t("Did the office say where they stand? Tag it below (optional).")


class ReplyThrottle:
    """Whether to answer a member's reaction: at most once per ``every`` per member.

    A reaction has no reply on Discord, so an answer is a direct message: a flood of
    reactions must not become a flood of DMs. The prompt's live count shows the rest.
    """

    def __init__(self, clock: Clock, every: timedelta, size: int = 10_000) -> None:
        self._clock = clock
        self._every = every
        self._size = size
        self._last: dict[tuple[int, int], datetime] = {}

    def allow(self, community_id: int, member_id: int) -> bool:
        now = self._clock.now()
        key = (community_id, member_id)
        last = self._last.get(key)
        if last is not None and now - last < self._every:
            return False
        if len(self._last) >= self._size:
            self._last = {k: t for k, t in self._last.items() if now - t < self._every}
        self._last[key] = now
        return True


class ActionsCog(Cog):
    name = "actions"
    description = "Report your calls"
    stores = (
        "What you report after a call (campaign, prompt, lawmaker, outcome, when), the "
        "reactions you put on a prompt (so what counts follows the ones still there), and any "
        "one-line note you add on what the office said. /mystats shows it."
    )

    def __init__(
        self,
        actions: ActionService,
        stats: StatsService,
        prompts: PromptService,
        campaigns: CampaignService,
        view: PromptView,
        directory: DirectoryStore,
        scripts: PersonalScripts,
        clock: Clock,
        words: Translators | None = None,
    ) -> None:
        self.actions = actions
        self.stats = stats
        self.prompts = prompts
        self.campaigns = campaigns
        self.view = view
        self.directory = directory
        self.scripts = scripts
        self.throttle = ReplyThrottle(clock, REPLY_EVERY)
        self.words = words or Translators()

    # -- hooks on the prompt and the script -------------------------------------------------
    async def prompt_hook(
        self, prompt: Prompt, campaign: Campaign, message: Message, words: Translator
    ) -> Message:
        """Outcome buttons and the live count on a posted prompt (in its community's words)."""
        count = await self.stats.campaign_count(campaign)
        so_far = Field(words.render(t("So far")), count_line(count, words))
        return replace(
            message,
            buttons=message.buttons + outcome_buttons(prompt, campaign, words),
            fields=(*message.fields, so_far),
        )

    async def script_hook(
        self, script: PersonalScript, prompt: Prompt | None, message: Message
    ) -> Message:
        """A way to report each call of the script: buttons, menus, or a lawmaker picker."""
        source = f"p{prompt.id}" if prompt else f"c{script.campaign.id}"
        words = self.words(script.language)
        buttons, selects = report_components(
            source,
            callees(script.required, words),
            callees(script.optional, words),
            script.campaign.outcomes,
            rows_left=MAX_ROWS - _rows(message.buttons, message.selects),
            words=words,
        )
        if not buttons and not selects:
            return message
        footer = words.render(t("After each call, report how it went below."))
        return replace(
            message,
            buttons=message.buttons + buttons,
            selects=message.selects + selects,
            footer=f"{message.footer} {footer}" if message.footer else footer,
        )

    # -- buttons ----------------------------------------------------------------------------
    @button(OUTCOME_ACTION)
    async def outcome_pressed(self, ctx: Context, value: str) -> Message:
        prompt_text, _, key = value.partition(":")
        if not prompt_text.isdecimal() or not key:
            raise NotFound(BAD_BUTTON)
        result = await self.actions.report(ctx.actor, key, prompt_id=int(prompt_text))
        return await self._answer(ctx, result)

    @button(CALL_ACTION)
    async def call_pressed(self, ctx: Context, value: str) -> Message:
        source, lawmaker, key = _call_value(value)
        prompt_id, campaign_id = source
        result = await self.actions.report(
            ctx.actor, key, prompt_id=prompt_id, campaign_id=campaign_id, lawmaker=lawmaker
        )
        return await self._answer(ctx, result)

    @select(CALL_MENU_ACTION)
    async def call_chosen(self, ctx: Context, value: str) -> Message:
        return await self.call_pressed(ctx, value)

    @select(PICK_ACTION)
    async def lawmaker_picked(self, ctx: Context, value: str) -> Message:
        """A lawmaker chosen from the script's picker: their outcome buttons (or the next
        page of lawmakers)."""
        source, _, rest = value.partition(":")
        campaign = await self._campaign_of(ctx, source)
        script = self.scripts.build(ctx.member, campaign, ctx.language)
        words = self.words(ctx.language)
        calls = [*callees(script.required, words), *callees(script.optional, words)]
        kind, _, page = rest.partition(":")
        if kind == MORE and page.isdecimal():
            menus = pickers(source, calls, int(page), words=words)
            if not menus:
                raise NotFound(BAD_BUTTON)
            return Message(body=ctx.tr(WHOSE_CALL), selects=menus, ephemeral=True)
        chosen = next((c for c in calls if c.bioguide == rest), None)
        if chosen is None:
            raise NotFound(t("That lawmaker is not in your script any more; ask for it again."))
        return Message(
            body=ctx.tr(t("{name}: how did the call go?", name=chosen.name)),
            buttons=call_buttons(source, chosen, campaign.outcomes, words),
            ephemeral=True,
        )

    @button(UNDO_ACTION)
    async def undo_pressed(self, ctx: Context, value: str) -> Message:
        ident, _, key = value.partition(":")
        if not ident.isdecimal() or not key:
            raise NotFound(BAD_BUTTON)
        result = await self.actions.undo(ctx.actor, int(ident), key)
        return await self._answer(ctx, result)

    @button(NOTE_ACTION)
    async def note_pressed(self, ctx: Context, value: str) -> Form:
        if not value.isdecimal():
            raise NotFound(BAD_BUTTON)
        action = await self.actions.get(ctx.actor, int(value))
        if action.outcome != NOTE_OUTCOME:
            raise NotFound(t("Notes go with a call where you made contact."))
        return note_form(action, self.words(ctx.language))

    @select(NOTE_WHO_ACTION)
    async def note_who(self, ctx: Context, value: str) -> Form:
        """Whose office a one-tap "made contact" reached: the note is filed under them (the
        report becomes that lawmaker's), or under no one."""
        ident, _, bioguide = value.partition(":")
        if not ident.isdecimal():
            raise NotFound(BAD_BUTTON)
        action = await self.actions.note_target(ctx.actor, int(ident), bioguide)
        return note_form(action, self.words(ctx.language))

    @form(NOTE_FORM_ACTION)
    async def note_saved(self, ctx: Context, value: str, answers: dict[str, str]) -> Message:
        if not value.isdecimal():
            raise NotFound(BAD_BUTTON)
        action = await self.actions.add_note(ctx.actor, int(value), answers.get("note", ""))
        if action.lawmaker:
            said = t(
                "Thanks! Organizers will see: “{note}” (filed under {lawmaker}). It is not "
                "linked to your name.",
                note=action.note,
                lawmaker=self._short_name(action.lawmaker, self.words(ctx.language)),
            )
        else:
            said = t(
                "Thanks! Organizers will see: “{note}”. It is not linked to your name.",
                note=action.note,
            )
        tags = tag_buttons(action.id, self.words(ctx.language)) if action.lawmaker else ()
        return Message(
            body=ctx.tr(said),
            buttons=tags,
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    # -- reactions --------------------------------------------------------------------------
    @reaction()
    async def reacted(self, ctx: Context, event: ReactionEvent) -> Message | None:
        """A mapped reaction on a prompt records (or, removed, withdraws) an outcome; what
        counts follows the reactions still there.

        Reactions are the quiet way to report: other reactions and other messages are
        ignored, withdrawals and repeats answer nothing, and a member hears back (a DM on
        Discord) at most once per REPLY_EVERY, for a new report, one that counts nothing new,
        or a refusal.
        """
        try:
            result = await self.actions.react(
                ctx.actor, event.ref.channel_id, event.ref.message_id, event.emoji, event.added
            )
        except DomainError as exc:
            if event.added and self.throttle.allow(ctx.community.id, ctx.member.id):
                return Message.error(ctx.tr(exc.text or exc.message))
            return None
        if result is None:
            return None
        await self._touch(ctx, result)
        fresh = event.added and result.change in (Change.RECORDED, Change.REPLACED, Change.COVERED)
        if fresh and self.throttle.allow(ctx.community.id, ctx.member.id):
            return await self._confirmation(ctx, result, undo=False)
        return None

    # -- answers and the live count ---------------------------------------------------------
    async def _answer(self, ctx: Context, result: ActionResult) -> Message:
        await self._touch(ctx, result)
        return await self._confirmation(ctx, result, undo=True)

    async def _confirmation(self, ctx: Context, result: ActionResult, undo: bool) -> Message:
        campaign = result.campaign
        action = result.action
        words = self.words(ctx.language)
        key = action.outcome if action else result.previous or ""
        what = _outcome_text(campaign, key, words)
        lawmaker = action.lawmaker if action else ""
        who = self._short_name(lawmaker, words) if lawmaker else ""
        streak = describe(await self.stats.streaks(ctx.member, ctx.community))
        said: list[Text] = []
        if result.kept_by is not None and undo:
            said.append(kept_by(result.kept_by, what))
        elif result.change is Change.COVERED:
            said.append(COVERED)
        elif result.change is Change.RECORDED:
            title = (campaign.version(ctx.language) or campaign).title  # the reader's version
            said += [counted(what, who, title), streak]
        elif result.change is Change.REPLACED:
            before = _outcome_text(campaign, result.previous or "", words)
            said += [changed(before, what, who), streak]
        elif result.change is Change.UNCHANGED:
            said.append(unchanged(what, who))
        elif result.change is Change.RETRACTED:
            said.append(withdrawn(what, who))
        else:
            said.append(t("There was nothing to withdraw: that report is not recorded."))
        if result.one_tap is OneTap.COVERED:
            said.append(ONE_TAP_COVERED)
        elif result.one_tap is OneTap.RESTORED:
            said.append(ONE_TAP_RESTORED)
        buttons: tuple[Button, ...] = ()
        selects: tuple[Select, ...] = ()
        if action is not None and action.id:
            if action.outcome == NOTE_OUTCOME:
                buttons, selects = self._note_components(ctx, action, campaign)
                if action.lawmaker:  # what the office said, counted per lawmaker (stances)
                    buttons += tag_buttons(action.id, words)
                    said.append(TAG_ASK)
            if undo and result.kept_by is None:
                undo_button = Button(
                    words.render(t("Undo")), UNDO_ACTION, f"{action.id}:{action.outcome}"
                )
                buttons += (undo_button,)
        tone = Tone.SUCCESS if result.change in (Change.RECORDED, Change.REPLACED) else Tone.INFO
        body = "\n".join(words.render(line) for line in said)
        return Message(body=body, buttons=buttons, selects=selects, ephemeral=True, tone=tone)

    def _note_components(
        self, ctx: Context, action: Action, campaign: Campaign
    ) -> tuple[tuple[Button, ...], tuple[Select, ...]]:
        """A note button on a lawmaker's report; on a one-tap report, a menu of the member's
        lawmakers, so the note is filed under the one they reached (a button if none known)."""
        words = self.words(ctx.language)
        label = t("Change what the office said") if action.note else t("Add what the office said")
        plain = (Button(words.render(label), NOTE_ACTION, str(action.id), Style.PRIMARY),)
        if action.lawmaker:
            return plain, ()
        try:
            script = self.scripts.build(ctx.member, campaign, ctx.language)
        except DomainError:
            return plain, ()
        calls = [*callees(script.required, words), *callees(script.optional, words)]
        if not calls:
            return plain, ()
        named = [SelectOption(c.name, f"{action.id}:{c.bioguide}") for c in calls]
        nobody = SelectOption(words.render(NO_LAWMAKER), f"{action.id}:")
        options = (*named[: OPTIONS_PER_SELECT - 1], nobody)
        asked = words.render(WHOSE_OFFICE)
        return (), (Select(NOTE_WHO_ACTION, options, asked, str(action.id)),)

    async def _campaign_of(self, ctx: Context, source: str) -> Campaign:
        """The campaign of a component's source: "p<prompt id>" or "c<campaign id>"."""
        kind, ident = source[:1], source[1:]
        if kind not in ("p", "c") or not ident.isdecimal():
            raise NotFound(BAD_BUTTON)
        campaign_id = int(ident)
        if kind == "p":
            prompt = await self.prompts.get(ctx.community.id, int(ident))
            if prompt is None:
                raise NotFound(GONE)
            campaign_id = prompt.campaign_id
        campaign = await self.campaigns.get_by_id(ctx.community.id, campaign_id)
        self.campaigns.check_running(campaign, ctx.community)
        return campaign

    async def _touch(self, ctx: Context, result: ActionResult) -> None:
        if not result.counted:
            return
        community, host = ctx.community, ctx.host

        async def refresh(prompt_ids: set[int]) -> None:
            await self._refresh(host, community, result.campaign.id, prompt_ids)

        await self.actions.live.touch(result.campaign.id, result.prompt_id, refresh)

    async def _refresh(
        self, host: HostPort, community: Community, campaign_id: int, prompt_ids: set[int]
    ) -> None:
        """Edit the touched prompts and the campaign's newest one with the current count."""
        campaign = await self.campaigns.get_by_id(community.id, campaign_id)
        newest = await self.prompts.for_campaign(community.id, campaign_id)
        chosen: dict[int, Prompt] = {p.id: p for p in newest[:1]}
        for prompt_id in prompt_ids - set(chosen):
            found = await self.prompts.get(community.id, prompt_id)
            if found is not None:
                chosen[found.id] = found
        for prompt in chosen.values():
            if prompt.message_id is None:
                continue
            message = await self.view.prompt(prompt, campaign, community.language)
            try:
                await host.edit(community, PostedRef(prompt.channel_id, prompt.message_id), message)
            except DomainError as exc:
                log.info("could not update the count on prompt %s: %s", prompt.id, exc.message)

    def _short_name(self, bioguide: str, words: Translator) -> str:
        try:
            return short_name(self.directory.current().member(bioguide), words)
        except DomainError:
            return bioguide


def note_form(action: Action, words: Translator) -> Form:
    """One line on what the office said, for the member's own "made contact" report."""
    return Form(
        NOTE_FORM_ACTION,
        words.render(t("What did the office say?")),
        (
            FormField(
                "note",
                words.render(t("One line, e.g. undecided")),
                max_length=NOTE_MAX,
                default=action.note or "",
                placeholder=words.render(t("The staffer said the senator is undecided")),
            ),
        ),
        value=str(action.id),
    )


def count_line(count: CampaignCount, words: Translator) -> str:
    """'23 members acted · 41 actions, goal 50 (82%)'; actions no longer linked to anyone
    (erased members, retention) count without members."""
    actions = tn("{n} action", "{n} actions", count.actions, n=words.number(count.actions))
    line: Text
    if not count.actions:
        line = t("No calls reported yet")
    elif count.members:
        line = tn(
            "{n} member acted · {actions}",
            "{n} members acted · {actions}",
            count.members,
            n=words.number(count.members),
            actions=actions,
        )
    else:
        line = actions
    if count.goal:
        line = t(
            "{count}, goal {goal} ({percent}%)",
            count=line,
            goal=words.number(count.goal),
            percent=math.floor(100 * count.actions / count.goal),
        )
    return words.render(line)


def kept_by(mark: str, what: str) -> Text:
    """The Undo of a button report while the member's reaction still counts."""
    if not mark:
        return t(
            "Withdrawn: your button report. Your button reaction on the prompt still counts "
            "({what}); remove it to take that back too.",
            what=what,
        )
    return t(
        "Withdrawn: your button report. Your {mark} reaction on the prompt still counts "
        "({what}); remove it to take that back too.",
        mark=mark,
        what=what,
    )


def counted(what: str, who: str, title: str) -> Text:
    if who:
        return t(
            "Counted: {what} for {lawmaker} ({title}). Thank you!",
            what=what,
            lawmaker=who,
            title=title,
        )
    return t("Counted: {what} ({title}). Thank you!", what=what, title=title)


def changed(before: str, what: str, who: str) -> Text:
    if who:
        return t(
            "Changed for {lawmaker}: {before} → {what}.", lawmaker=who, before=before, what=what
        )
    return t("Changed: {before} → {what}.", before=before, what=what)


def unchanged(what: str, who: str) -> Text:
    if who:
        return t(
            "Already counted: {what} for {lawmaker}. Nothing changed.", what=what, lawmaker=who
        )
    return t("Already counted: {what}. Nothing changed.", what=what)


def withdrawn(what: str, who: str) -> Text:
    if who:
        return t("Withdrawn: {what} for {lawmaker}. It no longer counts.", what=what, lawmaker=who)
    return t("Withdrawn: {what}. It no longer counts.", what=what)


def short_name(lawmaker: Lawmaker, words: Translator = ENGLISH) -> str:
    """'Sen. Sanders'; 'Senador Sanders', 'Senadora Warren' (Spanish, by gender)."""
    return heading(lawmaker.role, lawmaker.gender, lawmaker.last, words)


def callees(calls: tuple[Call, ...], words: Translator = ENGLISH) -> list[Callee]:
    """Each call's lawmaker, once (a lawmaker named by two targets is one call)."""
    seen: set[str] = set()
    found = []
    for call in calls:
        bioguide = call.lawmaker.bioguide
        if bioguide not in seen:
            seen.add(bioguide)
            found.append(Callee(bioguide, short_name(call.lawmaker, words)))
    return found


def _call_value(value: str) -> tuple[tuple[int | None, int | None], str, str]:
    """'p12:S000033:contact' -> ((12, None), 'S000033', 'contact'); 'c3:...' a campaign."""
    parts = value.split(":")
    if len(parts) != 3 or len(parts[0]) < 2 or not parts[0][1:].isdecimal():
        raise NotFound(BAD_BUTTON)
    kind, ident = parts[0][0], int(parts[0][1:])
    if kind == "p":
        return (ident, None), parts[1], parts[2]
    if kind == "c":
        return (None, ident), parts[1], parts[2]
    raise NotFound(BAD_BUTTON)


def _outcome_text(campaign: Campaign, key: str, words: Translator) -> str:
    outcome = campaign.outcome(key)
    return outcome_text(outcome, words) if outcome else key


def _rows(buttons: tuple[Button, ...], selects: tuple[Select, ...]) -> int:
    return len(selects) + math.ceil(len(buttons) / BUTTONS_PER_ROW)


async def setup(host: BaseHost) -> None:
    s = host.services
    cog = ActionsCog(
        s.actions,
        s.stats,
        s.prompts,
        s.campaigns,
        s.prompt_view,
        s.directory,
        s.scripts,
        s.clock,
        s.words,
    )
    s.prompt_view.add_prompt_hook(HOOK, cog.prompt_hook)
    s.prompt_view.add_script_hook(HOOK, cog.script_hook)
    await host.add_cog(cog)
