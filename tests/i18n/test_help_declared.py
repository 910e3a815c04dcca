"""What cogs declare (command help, option descriptions and labels, refusal hints, a feature's
description and what it stores) is in the catalog, so /help, errors and Discord's command list
can say it in the reader's language."""

from __future__ import annotations

from bot.platforms.console.host import ConsoleHost

from .messages import extracted


async def test_every_declared_text_of_a_real_cog_is_a_catalog_message(
    console: ConsoleHost,
) -> None:
    registry = console.registry
    assert registry.commands, "no commands: the check would prove nothing"
    declared = []
    for spec in registry.commands.values():
        declared += [spec.help, spec.refused]
        for opt in spec.options:
            declared += [opt.help, opt.label]
    for cog in registry.cogs.values():
        declared += [cog.description, cog.stores]
    marked = {m[0] if isinstance(m, tuple) else m for _, _, m in extracted()}
    missing = sorted({text for text in declared if text and text not in marked})
    assert missing == [], f"declared but not extracted (write it as a literal): {missing}"
