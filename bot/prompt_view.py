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

from bot.core.personal_scripts import Call, PersonalScript
from bot.domain.campaign_models import Campaign, Outcome, Prompt
from bot.messages import Button, Field, Form, FormField, Message, Style

SCRIPT_ACTION = "prompts.script"  # value: "p<prompt id>" or "c<campaign id>"
ZIP_FORM_ACTION = "prompts.zip"  # value: as SCRIPT_ACTION's
OUTCOME_ACTION = "actions.outcome"  # value: "<prompt id>:<outcome key>" (handled by actions)
MAX_SCRIPTED_CALLS = 6  # calls shown with their full script; more are listed with numbers only
MAX_LISTED_CALLS = 12
BACKGROUND_PREVIEW = 900
FIELD_MAX = 1024  # Discord's limit for one field's text

PromptHook = Callable[[Prompt, Campaign, Message], Awaitable[Message]]
ScriptHook = Callable[[PersonalScript, Prompt | None, Message], Awaitable[Message]]


class PromptView:
    """Builds prompt and script messages, then lets registered hooks add to them."""

    def __init__(self) -> None:
        self._prompt_hooks: dict[str, PromptHook] = {}
        self._script_hooks: dict[str, ScriptHook] = {}

    def add_prompt_hook(self, name: str, hook: PromptHook) -> None:
        """``hook(prompt, campaign, message) -> message`` runs on every prompt rendered."""
        self._prompt_hooks[name] = hook

    def add_script_hook(self, name: str, hook: ScriptHook, *, first: bool = False) -> None:
        """``hook(script, prompt or None, message) -> message`` runs on every personal script;
        ``first`` runs it before the others (so what it adds keeps its room on the message)."""
        self._script_hooks[name] = hook
        if first:
            self._script_hooks = {name: hook} | self._script_hooks

    async def prompt(self, prompt: Prompt, campaign: Campaign) -> Message:
        """The message posted in a channel for ``prompt``."""
        message = prompt_message(prompt, campaign)
        for hook in self._prompt_hooks.values():
            message = await hook(prompt, campaign, message)
        return message

    async def script(
        self, script: PersonalScript, prompt: Prompt | None = None, intro: str = ""
    ) -> Message:
        """The private answer to "Get my script" (or ``/script``)."""
        message = script_message(script, intro)
        for hook in self._script_hooks.values():
            message = await hook(script, prompt, message)
        return message


def outcome_buttons(prompt: Prompt, campaign: Campaign) -> tuple[Button, ...]:
    """One button per outcome, for the actions cog to add (it handles OUTCOME_ACTION)."""
    return tuple(
        Button(_outcome_label(o), OUTCOME_ACTION, f"{prompt.id}:{o.key}") for o in campaign.outcomes
    )


def _outcome_label(outcome: Outcome) -> str:
    return f"{outcome.emoji} {outcome.label}" if outcome.emoji else outcome.label


def reaction_legend(campaign: Campaign) -> str | None:
    """'After your call, react: 📞 Made contact · 📫 Left voicemail · ...'."""
    parts = [f"{o.emoji} {o.label}" for o in campaign.outcomes if o.emoji]
    return f"After your call, react: {' · '.join(parts)}" if parts else None


def prompt_message(prompt: Prompt, campaign: Campaign) -> Message:
    body = f"**{campaign.ask}**"
    if campaign.background:
        body += "\n\n" + preview(campaign.background, BACKGROUND_PREVIEW)
    fields = []
    if campaign.goal:
        fields.append(Field("Goal", f"{campaign.goal:,} actions", inline=True))
    if campaign.ends_on:
        fields.append(Field("Until", campaign.ends_on.isoformat(), inline=True))
    return Message(
        title=campaign.title,
        body=body,
        fields=tuple(fields),
        buttons=(Button("Get my script", SCRIPT_ACTION, f"p{prompt.id}", Style.PRIMARY),),
        reactions=tuple(o.emoji for o in campaign.outcomes if o.emoji),
        footer=reaction_legend(campaign),
    )


def zip_form(source: str) -> Form:
    """Ask for a ZIP right where the script was asked for."""
    return Form(
        ZIP_FORM_ACTION,
        "Your ZIP code",
        (FormField("zip", "Your 5-digit ZIP code", max_length=10, placeholder="05401"),),
        value=source,
    )


def script_message(script: PersonalScript, intro: str = "") -> Message:
    campaign = script.campaign
    lines = [intro] if intro else []
    lines.append(f"**The ask:** {campaign.ask}")
    if script.offices_open:
        lines.append(f"DC offices are open now ({script.office_hours}).")
    else:
        when = f"today for {script.closed_for}" if script.closed_for else "right now"
        reopen = f" They open again {script.opens_again}." if script.opens_again else ""
        lines.append(
            f"DC offices are closed {when} (they answer {script.office_hours}).{reopen} You can "
            "still call: leave a voicemail (it counts), or try the district office number."
        )
    if script.place:
        lines.append(f"Your lawmakers for {script.place}:")
    lines += [f"Note: {note}" for note in script.notes]
    if not script.calls:
        lines.append("There is no one to call for this campaign right now.")
    required, optional = script.required, script.optional
    fields = [f for call in required[:MAX_SCRIPTED_CALLS] for f in _call_fields(call)]
    if len(required) > MAX_SCRIPTED_CALLS:
        fields.append(
            Field(
                "More calls (use the script above)",
                _call_list(required[MAX_SCRIPTED_CALLS:]),
            )
        )
    if optional:
        fields.append(
            Field(
                "Optional extra calls, if you have time (the script above works for them too)",
                _call_list(optional),
            )
        )
    return Message(
        title=f"Your calls: {campaign.title}",
        body="\n\n".join(lines),
        fields=tuple(fields),
        footer=(
            "Read it as written or in your own words. Where it says [your name], say your "
            "name: the bot never asks for it."
        ),
        ephemeral=True,
    )


def _call_fields(call: Call) -> list[Field]:
    """The call's numbers and script in one field, split into more if it is too long."""
    name = call.lawmaker.label
    if call.target.reason:
        name += f", {call.target.reason}"
    parts = ["\n".join(f"📞 {p.label}: {p.number}" for p in call.phones), call.script]
    if call.voicemail:
        parts.append(f"**If you get voicemail:** {call.voicemail}")
    chunks = _chunks(parts, FIELD_MAX)
    return [Field(name if i == 0 else f"{name} (continued)", c) for i, c in enumerate(chunks)]


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


def _call_list(calls: tuple[Call, ...]) -> str:
    lines = []
    for call in calls[:MAX_LISTED_CALLS]:
        reason = f", {call.target.reason}" if call.target.reason else ""
        lines.append(f"• {call.lawmaker.label}{reason}: {call.phones[0].number}")
    if len(calls) > MAX_LISTED_CALLS:
        lines.append(f"…and {len(calls) - MAX_LISTED_CALLS} more.")
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
