"""How a prompt and a personal script look: neutral Messages shared by the cogs.

The prompts cog posts :meth:`PromptView.prompt`; "Get my script" and ``/script`` answer with
:meth:`PromptView.script`. Other features add to both through hooks, registered by name (a
second registration under the same name replaces the first, so several hosts loading the same
cog add it once): the actions cog adds outcome buttons and a live count to the prompt, and
per-lawmaker outcome buttons to the script; the scheduler reuses both for posts and reminders.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.core.campaign_texts import campaign_texts
from bot.core.lawmaker_titles import label
from bot.core.personal_scripts import Call, PersonalScript
from bot.domain.campaign_models import Campaign, Prompt
from bot.domain.text import Text, t, tn
from bot.i18n.translator import Translator, Translators
from bot.messages import Button, Field, Form, FormField, Message, Style
from bot.report_components import ENGLISH, outcome_text

SCRIPT_ACTION = "prompts.script"  # value: "p<prompt id>" or "c<campaign id>"
ZIP_FORM_ACTION = "prompts.zip"  # value: as SCRIPT_ACTION's
OUTCOME_ACTION = "actions.outcome"  # value: "<prompt id>:<outcome key>" (handled by actions)
MAX_SCRIPTED_CALLS = 6  # calls shown with their full script; more are listed with numbers only
MAX_LISTED_CALLS = 12
BACKGROUND_PREVIEW = 900
FIELD_MAX = 1024  # Discord's limit for one field's text

PromptHook = Callable[[Prompt, Campaign, Message, Translator], Awaitable[Message]]
ScriptHook = Callable[[PersonalScript, Prompt | None, Message], Awaitable[Message]]


class PromptView:
    """Builds prompt and script messages, then lets registered hooks add to them.

    A prompt is public: it speaks its community's language. A script is private: it speaks
    the language it was built in (:attr:`PersonalScript.language`, the member's)."""

    def __init__(self, words: Translators | None = None) -> None:
        self.words = words or Translators()
        self._prompt_hooks: dict[str, PromptHook] = {}
        self._script_hooks: dict[str, ScriptHook] = {}

    def add_prompt_hook(self, name: str, hook: PromptHook) -> None:
        """``hook(prompt, campaign, message, words) -> message`` runs on every prompt rendered
        (``words``: the community's language)."""
        self._prompt_hooks[name] = hook

    def add_script_hook(self, name: str, hook: ScriptHook, *, first: bool = False) -> None:
        """``hook(script, prompt or None, message) -> message`` runs on every personal script
        (in ``script.language``);
        ``first`` runs it before the others (so what it adds keeps its room on the message)."""
        self._script_hooks[name] = hook
        if first:
            self._script_hooks = {name: hook} | self._script_hooks

    async def prompt(
        self, prompt: Prompt, campaign: Campaign, language: str | None = None
    ) -> Message:
        """The message posted in a channel for ``prompt``, in ``language`` (the community's)."""
        words = self.words(language)
        message = prompt_message(prompt, campaign, words)
        for hook in self._prompt_hooks.values():
            message = await hook(prompt, campaign, message, words)
        return message

    async def script(
        self, script: PersonalScript, prompt: Prompt | None = None, intro: str = ""
    ) -> Message:
        """The private answer to "Get my script" (or ``/script``), in the script's language;
        ``intro`` comes already in it."""
        message = script_message(script, intro, self.words(script.language))
        for hook in self._script_hooks.values():
            message = await hook(script, prompt, message)
        return message


def outcome_buttons(
    prompt: Prompt, campaign: Campaign, words: Translator = ENGLISH
) -> tuple[Button, ...]:
    """One button per outcome, for the actions cog to add (it handles OUTCOME_ACTION)."""
    return tuple(
        Button(outcome_text(o, words), OUTCOME_ACTION, f"{prompt.id}:{o.key}")
        for o in campaign.outcomes
    )


def reaction_legend(campaign: Campaign, words: Translator = ENGLISH) -> str | None:
    """'After your call, react: 📞 Made contact · 📫 Left voicemail · ...'."""
    parts = [outcome_text(o, words) for o in campaign.outcomes if o.emoji]
    if not parts:
        return None
    return words.render(t("After your call, react: {legend}", legend=" · ".join(parts)))


def prompt_message(prompt: Prompt, campaign: Campaign, words: Translator = ENGLISH) -> Message:
    """The prompt in ``words``' language, with the campaign's version in it (else its first
    language's, saying so)."""
    texts = campaign_texts(campaign, words.code)
    body = f"**{texts.ask}**"
    if texts.note is not None:
        body += "\n" + words.render(texts.note)
    if texts.background:
        body += "\n\n" + preview(texts.background, BACKGROUND_PREVIEW)
    fields = []
    if campaign.goal:
        goal = tn(
            "{goal} action", "{goal} actions", campaign.goal, goal=words.number(campaign.goal)
        )
        fields.append(Field(words.render(t("Goal")), words.render(goal), inline=True))
    if campaign.ends_on:
        until = words.render(t("Until"))
        fields.append(Field(until, campaign.ends_on.isoformat(), inline=True))
    script = words.render(t("Get my script"))
    return Message(
        title=texts.title,
        body=body,
        fields=tuple(fields),
        buttons=(Button(script, SCRIPT_ACTION, f"p{prompt.id}", Style.PRIMARY),),
        reactions=tuple(o.emoji for o in campaign.outcomes if o.emoji),
        footer=reaction_legend(campaign, words),
    )


def zip_form(source: str, words: Translator = ENGLISH) -> Form:
    """Ask for a ZIP right where the script was asked for."""
    return Form(
        ZIP_FORM_ACTION,
        words.render(t("Your ZIP code")),
        (
            FormField(
                "zip",
                words.render(t("Your 5-digit ZIP code")),
                max_length=10,
                placeholder="05401",
            ),
        ),
        value=source,
    )


def script_message(script: PersonalScript, intro: str = "", words: Translator = ENGLISH) -> Message:
    said: list[Text | str] = [intro] if intro else []
    said.append(t("**The ask:** {ask}", ask=script.ask))
    if script.offices_open:
        said.append(t("DC offices are open now ({hours}).", hours=script.office_hours))
    else:
        said.append(_closed(script, words))
    if script.place:
        said.append(t("Your lawmakers for {place}:", place=script.place))
    said += [t("Note: {note}", note=note) for note in script.notes]
    if not script.calls:
        said.append(t("There is no one to call for this campaign right now."))
    required, optional = script.required, script.optional
    fields = [f for call in required[:MAX_SCRIPTED_CALLS] for f in _call_fields(call, words)]
    if len(required) > MAX_SCRIPTED_CALLS:
        fields.append(
            Field(
                words.render(t("More calls (use the script above)")),
                _call_list(required[MAX_SCRIPTED_CALLS:], words),
            )
        )
    if optional:
        fields.append(
            Field(
                words.render(
                    t(
                        "Optional extra calls, if you have time (the script above works for "
                        "them too)"
                    )
                ),
                _call_list(optional, words),
            )
        )
    footer = t(
        "Read it as written or in your own words. Where it says [your name], say your "
        "name: the bot never asks for it."
    )
    return Message(
        title=words.render(t("Your calls: {title}", title=script.title)),
        body="\n\n".join(words.render(line) for line in said),
        fields=tuple(fields),
        footer=words.render(footer),
        ephemeral=True,
    )


def _closed(script: PersonalScript, words: Translator) -> str:
    """'DC offices are closed right now (...). They open again .... You can still call: ...'."""
    hours = script.office_hours
    if script.closed_for:
        closed = t(
            "DC offices are closed today for {holiday} (they answer {hours}).",
            holiday=script.closed_for,
            hours=hours,
        )
    else:
        closed = t("DC offices are closed right now (they answer {hours}).", hours=hours)
    said = [closed]
    if script.opens_again:
        said.append(t("They open again {when}.", when=script.opens_again))
    said.append(
        t("You can still call: leave a voicemail (it counts), or try the district office number.")
    )
    return " ".join(words.render(s) for s in said)


def _call_fields(call: Call, words: Translator) -> list[Field]:
    """The call's numbers and script in one field, split into more if it is too long."""
    name = label(call.lawmaker, words)
    if call.target.reason:
        name += f", {words.render(call.target.reason)}"
    phones = "\n".join(f"📞 {words.render(p.label)}: {p.number}" for p in call.phones)
    parts = [phones, call.script]
    if call.voicemail:
        parts.append(words.render(t("**If you get voicemail:** {script}", script=call.voicemail)))
    chunks = _chunks(parts, FIELD_MAX)
    more = words.render(t("{name} (continued)", name=name))
    return [Field(name if i == 0 else more, c) for i, c in enumerate(chunks)]


def _chunks(parts: list[str], limit: int) -> list[str]:
    """Join paragraphs into pieces of at most ``limit`` characters, cutting long ones."""
    pieces: list[str] = []
    for part in (p for text in parts for p in text.split("\n\n")):
        while len(part) > limit:
            cut = part.rfind(" ", 0, limit) if " " in part[:limit] else limit
            cut = cut if cut > 0 else limit
            pieces.append(part[:cut].rstrip())
            part = part[cut:].lstrip()
        pieces.append(part)
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 2 + len(piece) <= limit:
            chunks[-1] += "\n\n" + piece
        else:
            chunks.append(piece)
    return chunks


def _call_list(calls: tuple[Call, ...], words: Translator) -> str:
    lines = []
    for call in calls[:MAX_LISTED_CALLS]:
        reason = f", {words.render(call.target.reason)}" if call.target.reason else ""
        lines.append(f"• {label(call.lawmaker, words)}{reason}: {call.phones[0].number}")
    if len(calls) > MAX_LISTED_CALLS:
        left = len(calls) - MAX_LISTED_CALLS
        lines.append(words.render(tn("…and {n} more.", "…and {n} more.", left, n=left)))
    return "\n".join(lines)


def preview(text: str, limit: int) -> str:
    """``text`` cut at a paragraph or sentence end before ``limit`` characters."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("\n\n", ". ", "\n", " "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[: at + (1 if mark == ". " else 0)].rstrip() + " …"
    return cut.rstrip() + "…"


def with_intro(message: Message, intro: str) -> Message:
    """The message with a sentence before its body."""
    return replace(message, body=f"{intro}\n\n{message.body}" if message.body else intro)
