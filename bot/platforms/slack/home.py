"""The App Home tab: what the bot keeps for the member, what other features add, and the
commands they can use.

Features add their own part with a section provider: ``async def provider(ctx) -> Message |
None`` registered with ``host.add_home_section(provider)`` in the cog's ``setup`` (check with
``getattr(host, "add_home_section", None)``: only hosts with a home page offer it). The provider
gets a Context with no channel and returns a neutral Message (or None to show nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.cogkit import Context
from bot.core.permissions import allowed
from bot.domain.errors import DomainError
from bot.domain.text import t
from bot.messages import Field, Message
from bot.platforms.slack import render
from bot.registry import Registry

log = logging.getLogger(__name__)

HomeSection = Callable[[Context], Awaitable[Message | None]]
TITLE = "organizer-bot"
NOT_SAVED = t("Not saved")


async def home_view(
    ctx: Context, registry: Registry, sections: Sequence[HomeSection]
) -> dict[str, Any]:
    """The App Home view for the member in ``ctx``."""
    blocks: list[dict[str, Any]] = [render.header(TITLE)]
    blocks += render.message_blocks(saved_settings(ctx))
    for provider in sections:
        message = await _section(provider, ctx)
        if message is not None:
            blocks += [render.divider(), *render.message_blocks(message)]
    commands = command_list(ctx, registry)
    if commands is not None:
        blocks += [render.divider(), *render.message_blocks(commands)]
    if len(blocks) > render.MAX_VIEW_BLOCKS:
        blocks = [*blocks[: render.MAX_VIEW_BLOCKS - 1], render.context(render.CUT_NOTE)]
    return {"type": "home", "blocks": blocks}


def saved_settings(ctx: Context) -> Message:
    """What the bot keeps for this member: ZIP, district, reminders (in their language)."""
    member = ctx.member
    time = member.reminder_time or "09:00"
    if not member.reminders_enabled:
        reminders = t("Off")
    elif member.timezone:
        reminders = t("On, at {time} ({zone})", time=time, zone=member.timezone)
    else:
        reminders = t("On, at {time}", time=time)
    return Message(
        title=ctx.tr(t("Saved for you")),
        fields=(
            Field(ctx.tr(t("ZIP code")), member.zip or ctx.tr(NOT_SAVED), inline=True),
            Field(ctx.tr(t("District")), member.district or ctx.tr(NOT_SAVED), inline=True),
            Field(ctx.tr(t("Reminders")), ctx.tr(reminders), inline=True),
        ),
        footer=ctx.tr(t("The bot never asks for your name, and keeps no street address.")),
    )


def command_list(ctx: Context, registry: Registry) -> Message | None:
    """The slash commands this member may use, one line each (groups once)."""
    lines: dict[str, str] = {}
    for spec in sorted(registry.commands.values(), key=lambda s: s.name):
        if not allowed(ctx.actor, spec.permission):
            continue
        if spec.group is None:
            lines[spec.name] = f"`/{spec.name}` {ctx.declared(spec.help)}"
        elif spec.group not in lines:
            lines[spec.group] = ctx.tr(
                t(
                    "{usage} lists what {command} can do",
                    usage=f"`/{spec.group} help`",
                    command=f"`/{spec.group}`",
                )
            )
    if not lines:
        return None
    return Message(title=ctx.tr(t("Commands")), body="\n".join(lines.values()))


async def _section(provider: HomeSection, ctx: Context) -> Message | None:
    """One feature's section; a failing feature is left out, never the whole page."""
    try:
        return await provider(ctx)
    except DomainError as exc:
        return Message(body=ctx.tr(exc.text or exc.message))
    except Exception:
        log.exception("App Home section %s failed", getattr(provider, "__qualname__", provider))
        return None
