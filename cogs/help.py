"""Help and about: what the bot can do for you, and what it keeps about you.

/help lists commands under a heading per feature (its cog's description). A terminal shows text
in one width, so the console gets aligned columns; chat apps show proportional text, where
padding cannot line anything up, so Discord and Slack get a field per heading and each command's
usage as code, then its help.

Everything is in the member's language: headings, each command's help and its options'
descriptions (declared in English with the command, translated through the catalog: see
tests/i18n/messages.py); command and option names stay English, as people type them.
"""

from __future__ import annotations

import textwrap
from typing import Annotated

from bot.cogkit import Cog, CommandSpec, Context, Opt, command
from bot.core.permissions import Permission, allowed
from bot.core.privacy_words import days_text
from bot.domain.errors import NotFound, Unavailable
from bot.domain.models import Platform
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.translator import Translator
from bot.messages import Field, Message
from bot.registry import Registry
from bot.services import Services

BASE_STORES = t("Your platform user id, so that your settings and actions stay yours.")
TITLE = t("Commands")
FOOTER = t("Type /help <command> for details.")
MEMBER_FOOTER = t("Type /help <command> for details. Organizers see more commands.")
ORGANIZERS_ONLY = t("Organizers only.")
MONOSPACE = frozenset({Platform.CONSOLE})  # where text is shown in one character width
LINE_WIDTH = 100  # a console line of the list, the console's own indentation included
USAGE_COLUMN_MAX = 30  # a longer usage puts its help on the next line
ENTRY_INDENT = "  "
CONSOLE_INDENT = 3  # what the console puts before each line of a message


class HelpCog(Cog):
    name = "help"
    description = "Help and about this bot"

    def __init__(self, registry: Registry, services: Services) -> None:
        self.registry = registry
        self.services = services

    @command("help", "List the commands you can use, or explain one.", ephemeral=True)
    async def help(
        self,
        ctx: Context,
        command: Annotated[
            str, Opt("A command to explain, like reps", rest=True, label="the command")
        ] = "",
    ) -> Message:
        words = self.services.words(ctx.language)
        if command:
            return self._explain(ctx, command, words)
        groups = []
        for cog in sorted(self.registry.cogs.values(), key=lambda c: c.name):
            specs = [
                spec
                for spec in sorted(cog.command_specs(), key=lambda s: s.name)
                if allowed(ctx.actor, spec.permission)
            ]
            if specs:
                entries = [(s.usage, words.message(s.help)) for s in specs]
                groups.append((heading(cog, words), entries))
        footer = ctx.tr(FOOTER if ctx.actor.is_organizer else MEMBER_FOOTER)
        title = ctx.tr(TITLE)
        if ctx.host.platform in MONOSPACE:
            return Message(title=title, body=columns(groups), footer=footer, ephemeral=True)
        fields = tuple(
            Field(name, "\n".join(chat_line(*entry) for entry in entries))
            for name, entries in groups
        )
        return Message(title=title, fields=fields, footer=footer, ephemeral=True)

    def _explain(self, ctx: Context, name: str, words: Translator) -> Message:
        key = " ".join(name.strip().lstrip("/").lower().split())
        spec = self.registry.commands.get(key)
        if spec is None:
            subs = [s for s in self.registry.commands.values() if s.group == key]
            if subs:
                body = _group_details(subs, ctx.host.platform in MONOSPACE, words)
                return Message(title=f"/{key}", body=body, ephemeral=True)
            raise NotFound(
                t("There is no command /{name}. Type /help for the list.", name=key[:40])
            )
        return Message(title=spec.usage, body=_details(spec, words), ephemeral=True)

    @command("about", "What this bot is, how fresh its data is, and what it keeps about you.")
    async def about(self, ctx: Context) -> Message:
        words = self.services.words(ctx.language)
        stores = [ctx.tr(BASE_STORES)] + [
            words.message(c.stores) for c in self.registry.cogs.values() if c.stores
        ]
        member = ctx.member
        saved: list[Text] = []
        if member.zip:
            saved.append(t("ZIP {zip}", zip=member.zip))
        if member.district:
            saved.append(t("district {district}", district=member.district))
        if member.timezone:
            saved.append(t("time zone {zone}", zone=member.timezone))
        if member.reminders_enabled:
            saved.append(t("reminders at {time}", time=member.reminder_time or "09:00"))
        fields = [
            Field(ctx.tr(t("Version")), f"organizer-bot {self.services.version}", inline=True),
            Field(ctx.tr(t("Lawmaker data")), self._freshness(ctx), inline=True),
            Field(
                ctx.tr(t("What the bot keeps about members")),
                "\n".join(f"• {s}" for s in stores),
            ),
            Field(
                ctx.tr(t("Saved for you now")),
                ", ".join(map(ctx.tr, saved)) if saved else ctx.tr(t("Nothing beyond your id.")),
            ),
        ]
        return Message(
            title=ctx.tr(t("About organizer-bot")),
            body=ctx.tr(
                t(
                    "organizer-bot helps this community call Congress: it posts each campaign's "
                    "ask and script, finds your lawmakers by ZIP code, and counts the calls. It "
                    "never asks for your name. It asks for a street address only if you choose "
                    "to find your district from it: that goes once to the U.S. Census Bureau and "
                    "is never kept."
                )
            ),
            fields=tuple(fields),
            ephemeral=True,
        )

    def _freshness(self, ctx: Context) -> str:
        try:
            directory = self.services.directory.current()
        except Unavailable as exc:
            return ctx.tr(exc.text or exc.message)
        freshness = directory.freshness
        settings = self.services.settings
        now = self.services.clock.now()
        dated = sorted(
            {(s.dated or s.last_modified or s.fetched_at)[:10] for s in freshness.sources}
        )
        built = f"{freshness.built_at:%Y-%m-%d}"
        districts = self.services.lawmakers.map_check(directory).districts
        data = (
            t(
                "built {built} from sources dated {dated}; {districts}",
                built=built,
                dated=", ".join(dated),
                districts=districts,
            )
            if dated
            else t("built {built}; {districts}", built=built, districts=districts)
        )
        if not freshness.is_stale(settings.data_max_age_days, now):
            return ctx.tr(data) + "."
        age = days_text(freshness.age(now).days)
        if ctx.actor.is_organizer:
            return ctx.tr(
                t(
                    "{data}. It is {age} old: refresh it with `orgbot data sync` (the bot picks "
                    "it up without a restart).",
                    data=data,
                    age=age,
                )
            )
        return ctx.tr(t("{data}. It is {age} old.", data=data, age=age))


def heading(cog: Cog, words: Translator) -> str:
    """A cog's description as a heading, in the reader's language: capitalised, no closing
    full stop."""
    text = (words.message(cog.description) if cog.description else cog.name).strip()
    text = text.rstrip(".").strip()
    return text[:1].upper() + text[1:]


def chat_line(usage: str, help_text: str) -> str:
    """'`/reps <zip>` Your senators…' (Discord and Slack: the code sets the usage apart, and a
    feature's list stays within one Discord field)."""
    return f"`{usage}` {help_text}"


Entry = tuple[str, str]  # (usage, help)


def columns(groups: list[tuple[str, list[Entry]]]) -> str:
    """Headings (none for ""), and under each its commands in two aligned columns: usage, then
    help wrapped to the line width (a usage longer than the column puts its help on the next
    line)."""
    usages = [usage for _, entries in groups for usage, _ in entries]
    width = min(max(map(len, usages), default=0), USAGE_COLUMN_MAX)
    lines = []
    for name, entries in groups:
        indent = ENTRY_INDENT if name else ""
        pad = indent + " " * (width + 2)
        wrap = max(LINE_WIDTH - CONSOLE_INDENT - len(pad), 30)
        if name:
            lines.append(name)
        for usage, help_text in entries:
            text = textwrap.wrap(help_text, wrap) or [""]
            if len(usage) > width:
                lines.append(indent + usage)
            else:
                lines.append(f"{indent}{usage.ljust(width)}  {text.pop(0)}")
            lines += [pad + rest for rest in text]
    return "\n".join(lines)


def _group_details(subs: list[CommandSpec], monospace: bool, words: Translator) -> str:
    """A group's subcommands, saying which are for organizers (a whole group says so once)."""
    whole = all(s.permission is Permission.ORGANIZER for s in subs)
    entries = []
    for spec in sorted(subs, key=lambda s: s.name):
        help_text = words.message(spec.help)
        if spec.permission is Permission.ORGANIZER and not whole:
            help_text = words.render(t("{help} (organizers only)", help=help_text))
        entries.append((spec.usage, help_text))
    lines = [columns([("", entries)])] if monospace else [chat_line(*e) for e in entries]
    if whole:
        lines.append(words.render(ORGANIZERS_ONLY))
    return "\n".join(lines)


def _details(spec: CommandSpec, words: Translator) -> str:
    lines = [words.message(spec.help)]
    if spec.permission is Permission.ORGANIZER:
        lines.append(words.render(ORGANIZERS_ONLY))
    for opt in spec.options:
        lines.append(
            words.render(
                _option_line(opt.name, opt.required, opt.choices).with_values(
                    help=words.message(opt.help).rstrip(".")
                )
            )
        )
    return "\n".join(lines)


def _option_line(name: str, required: bool, choices: tuple[str, ...]) -> Text:
    """'• zip (required): Your 5-digit ZIP code.', with 'One of: ...' for an option with
    choices (which stay as people type them); the help is filled in by the caller."""
    if choices:
        shown = ", ".join(choices)
        if required:
            return t(
                "• {option} (required): {help}. One of: {choices}.", option=name, choices=shown
            )
        return t("• {option} (optional): {help}. One of: {choices}.", option=name, choices=shown)
    if required:
        return t("• {option} (required): {help}.", option=name)
    return t("• {option} (optional): {help}.", option=name)


async def setup(host: BaseHost) -> None:
    await host.add_cog(HelpCog(host.registry, host.services))
