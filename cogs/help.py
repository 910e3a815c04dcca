"""Help and about: what the bot can do for you, and what it keeps about you."""

from __future__ import annotations

from typing import Annotated

from bot.cogkit import Cog, CommandSpec, Context, Opt, command
from bot.core.errors import NotFound, Unavailable
from bot.core.permissions import Permission, allowed
from bot.hosting import BaseHost
from bot.messages import Field, Message
from bot.registry import Registry
from bot.services import Services

BASE_STORES = "Your platform user id, so that your settings and actions stay yours."


class HelpCog(Cog):
    name = "help"
    description = "Help and information about the bot."

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
        fields = []
        for cog in sorted(self.registry.cogs.values(), key=lambda c: c.name):
            lines = [
                f"`{spec.usage}` {spec.help}"
                for spec in sorted(cog.command_specs(), key=lambda s: s.name)
                if allowed(ctx.actor, spec.permission)
            ]
            if lines:
                fields.append(Field(cog.description or cog.name, "\n".join(lines)))
        footer = "Type /help <command> for details."
        if not ctx.actor.is_organizer:
            footer += " Organizers see more commands."
        return Message(title="Commands", fields=tuple(fields), footer=footer, ephemeral=True)

    def _explain(self, ctx: Context, name: str) -> Message:
        key = " ".join(name.strip().lstrip("/").lower().split())
        spec = self.registry.commands.get(key)
        if spec is None:
            subs = [s for s in self.registry.commands.values() if s.group == key]
            if subs:
                return Message(title=f"/{key}", body=_group_details(subs), ephemeral=True)
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
                "asks for your name or street address."
            ),
            fields=tuple(fields),
            ephemeral=True,
        )

    def _freshness(self, ctx: Context) -> str:
        try:
            freshness = self.services.directory.current().freshness
        except Unavailable as exc:
            return exc.message
        settings = self.services.settings
        now = self.services.clock.now()
        dated = sorted({(s.last_modified or s.fetched_at)[:10] for s in freshness.sources})
        text = f"built {freshness.built_at:%Y-%m-%d}"
        if dated:
            text += f" from sources dated {', '.join(dated)}"
        if freshness.is_stale(settings.data_max_age_days, now):
            days = freshness.age(now).days
            text += f". It is {days} days old"
            if ctx.actor.is_organizer:
                text += (
                    ": refresh it with `orgbot data sync` (the bot picks it up without a restart)"
                )
        return text + "."


def _group_details(subs: list[CommandSpec]) -> str:
    """A group's subcommands, saying which are for organizers (a whole group says so once)."""
    whole = all(s.permission is Permission.ORGANIZER for s in subs)
    lines = []
    for spec in sorted(subs, key=lambda s: s.name):
        mark = " (organizers only)" if spec.permission is Permission.ORGANIZER and not whole else ""
        lines.append(f"`{spec.usage}` {spec.help}{mark}")
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
        lines.append(f"• {opt.name} ({need}): {opt.help}.{extra}")
    return "\n".join(lines)


async def setup(host: BaseHost) -> None:
    await host.add_cog(HelpCog(host.registry, host.services))
