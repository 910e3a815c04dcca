"""Help and about: what the bot can do for you, and what it keeps about you.

/help lists commands under a heading per feature (its cog's description). A terminal shows text
in one width, so the console gets aligned columns; chat apps show proportional text, where
padding cannot line anything up, so Discord and Slack get a field per heading and each command's
usage as code, then its help.
"""

from __future__ import annotations

import textwrap
from typing import Annotated

from bot.cogkit import Cog, CommandSpec, Context, Opt, command
from bot.core.permissions import Permission, allowed
from bot.core.privacy_words import plural
from bot.domain.errors import NotFound, Unavailable
from bot.domain.models import Platform
from bot.hosting import BaseHost
from bot.messages import Field, Message
from bot.registry import Registry
from bot.services import Services

BASE_STORES = "Your platform user id, so that your settings and actions stay yours."
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
        if command:
            return self._explain(ctx, command)
        groups = []
        for cog in sorted(self.registry.cogs.values(), key=lambda c: c.name):
            specs = [
                spec
                for spec in sorted(cog.command_specs(), key=lambda s: s.name)
                if allowed(ctx.actor, spec.permission)
            ]
            if specs:
                groups.append((heading(cog), [(s.usage, s.help) for s in specs]))
        footer = "Type /help <command> for details."
        if not ctx.actor.is_organizer:
            footer += " Organizers see more commands."
        if ctx.host.platform in MONOSPACE:
            return Message(title="Commands", body=columns(groups), footer=footer, ephemeral=True)
        fields = tuple(
            Field(name, "\n".join(chat_line(*entry) for entry in entries))
            for name, entries in groups
        )
        return Message(title="Commands", fields=fields, footer=footer, ephemeral=True)

    def _explain(self, ctx: Context, name: str) -> Message:
        key = " ".join(name.strip().lstrip("/").lower().split())
        spec = self.registry.commands.get(key)
        if spec is None:
            subs = [s for s in self.registry.commands.values() if s.group == key]
            if subs:
                body = _group_details(subs, ctx.host.platform in MONOSPACE)
                return Message(title=f"/{key}", body=body, ephemeral=True)
            raise NotFound(f"There is no command /{key[:40]}. Type /help for the list.")
        return Message(title=spec.usage, body=_details(spec), ephemeral=True)

    @command("about", "What this bot is, how fresh its data is, and what it keeps about you.")
    async def about(self, ctx: Context) -> Message:
        stores = [BASE_STORES] + [c.stores for c in self.registry.cogs.values() if c.stores]
        member = ctx.member
        saved = []
        if member.zip:
            saved.append(f"ZIP {member.zip}")
        if member.district:
            saved.append(f"district {member.district}")
        if member.timezone:
            saved.append(f"time zone {member.timezone}")
        if member.reminders_enabled:
            saved.append(f"reminders at {member.reminder_time or '09:00'}")
        fields = [
            Field("Version", f"organizer-bot {self.services.version}", inline=True),
            Field("Lawmaker data", self._freshness(ctx), inline=True),
            Field("What the bot keeps about members", "\n".join(f"• {s}" for s in stores)),
            Field("Saved for you now", ", ".join(saved) if saved else "Nothing beyond your id."),
        ]
        return Message(
            title="About organizer-bot",
            body=(
                "organizer-bot helps this community call Congress: it posts each campaign's ask "
                "and script, finds your lawmakers by ZIP code, and counts the calls. It never "
                "asks for your name. It asks for a street address only if you choose to find "
                "your district from it: that goes once to the U.S. Census Bureau and is never "
                "kept."
            ),
            fields=tuple(fields),
            ephemeral=True,
        )

    def _freshness(self, ctx: Context) -> str:
        try:
            directory = self.services.directory.current()
        except Unavailable as exc:
            return exc.message
        freshness = directory.freshness
        settings = self.services.settings
        now = self.services.clock.now()
        dated = sorted(
            {(s.dated or s.last_modified or s.fetched_at)[:10] for s in freshness.sources}
        )
        text = f"built {freshness.built_at:%Y-%m-%d}"
        if dated:
            text += f" from sources dated {', '.join(dated)}"
        text += f"; {self.services.lawmakers.map_check(directory).districts}"
        if freshness.is_stale(settings.data_max_age_days, now):
            days = freshness.age(now).days
            text += f". It is {plural(days, 'day')} old"
            if ctx.actor.is_organizer:
                text += (
                    ": refresh it with `orgbot data sync` (the bot picks it up without a restart)"
                )
        return text + "."


def heading(cog: Cog) -> str:
    """A cog's description as a heading: capitalised, no closing full stop."""
    text = (cog.description or cog.name).strip().rstrip(".").strip()
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


def _group_details(subs: list[CommandSpec], monospace: bool) -> str:
    """A group's subcommands, saying which are for organizers (a whole group says so once)."""
    whole = all(s.permission is Permission.ORGANIZER for s in subs)
    entries = []
    for spec in sorted(subs, key=lambda s: s.name):
        mark = " (organizers only)" if spec.permission is Permission.ORGANIZER and not whole else ""
        entries.append((spec.usage, spec.help + mark))
    lines = [columns([("", entries)])] if monospace else [chat_line(*e) for e in entries]
    if whole:
        lines.append("Organizers only.")
    return "\n".join(lines)


def _details(spec: CommandSpec) -> str:
    lines = [spec.help]
    if spec.permission is Permission.ORGANIZER:
        lines.append("Organizers only.")
    for opt in spec.options:
        need = "required" if opt.required else "optional"
        extra = f" One of: {', '.join(opt.choices)}." if opt.choices else ""
        lines.append(f"• {opt.name} ({need}): {opt.help.rstrip('.')}.{extra}")
    return "\n".join(lines)


async def setup(host: BaseHost) -> None:
    await host.add_cog(HelpCog(host.registry, host.services))
