"""Slash commands built from the registry: groups, typed options, choices, limits, autocomplete.

Every command gets a generated callback whose parameters are the cog's options, each annotated
with a transformer that tells Discord its type, limits, choices and whether it suggests values;
the values go back to the Dispatcher unchanged (it converts and checks them again).

Organizer commands are hidden with ``default_member_permissions`` = Manage Server. Discord sets
that per top-level command only, so a group is hidden only when all its subcommands are for
organizers (members list campaigns with ``/campaigns`` so that ``/campaign`` can be hidden); the
Dispatcher checks every command's permission whatever Discord shows.

Descriptions are localized (issue 18): each is a ``locale_str`` carrying the English it was
declared with, and :class:`CommandWords` gives Discord its words in every locale of a language
the bot speaks (es-ES and es-419 for Spanish), from the same catalogs as every reply. Names stay
English, so organizers' instructions work in every language.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import discord
from discord import app_commands

from bot.cogkit import CommandSpec, OptionSpec
from bot.core.permissions import Permission
from bot.domain.text import Text, t
from bot.i18n.languages import ENGLISH, from_locale
from bot.i18n.translator import Translators
from bot.platforms.discord.render import truncate
from bot.registry import Registry

log = logging.getLogger(__name__)

DESCRIPTION_MAX = 100
CHOICES_MAX = 25
OPTIONS_MAX = 25
SUBCOMMANDS_MAX = 25
COMMANDS_MAX = 100
STRING_OPTION_MAX = 6000
NUMBER_LIMIT = 2**53  # Discord's bound on integer and number options

RunCommand = Callable[[discord.Interaction, CommandSpec, dict[str, Any]], Awaitable[None]]
Suggest = Callable[[discord.Interaction, OptionSpec, str], Awaitable[list[tuple[str, str]]]]

OPTION_TYPES = {
    str: discord.AppCommandOptionType.string,
    int: discord.AppCommandOptionType.integer,
    float: discord.AppCommandOptionType.number,
    bool: discord.AppCommandOptionType.boolean,
}
GUILD_ONLY = app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False)
ORGANIZER_PERMISSIONS = discord.Permissions(manage_guild=True)
GROUP_FALLBACK = t("/{group} commands")  # a group whose cog has no description
DESCRIPTIONS = frozenset(
    {
        app_commands.TranslationContextLocation.command_description,
        app_commands.TranslationContextLocation.group_description,
        app_commands.TranslationContextLocation.parameter_description,
    }
)


def described(english: str | Text) -> app_commands.locale_str:
    """A description for Discord: English within its limit, carrying what it translates from
    (a declared English message, or a Text)."""
    return app_commands.locale_str(truncate(str(english), DESCRIPTION_MAX), words=english)


class CommandWords(app_commands.Translator):
    """Descriptions of commands, groups and options in each Discord locale of a language the
    bot speaks; names and choices stay as people type them (None: Discord shows the English)."""

    def __init__(self, words: Translators) -> None:
        self.words = words

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        code = from_locale(locale.value)
        if context.location not in DESCRIPTIONS or code is None or code == ENGLISH:
            return None
        words = self.words(code)
        english = string.extras.get("words", string.message)
        said = words.render(english) if isinstance(english, Text) else words.message(english)
        return truncate(said, DESCRIPTION_MAX) if said != str(english) else None


class OptionTransformer(app_commands.Transformer):
    """Describes one neutral option to Discord and passes its value through unchanged."""

    def __init__(self, opt: OptionSpec, max_text: int) -> None:
        self.opt = opt
        self.max_text = max_text

    @property
    def type(self) -> discord.AppCommandOptionType:
        return OPTION_TYPES[self.opt.type]

    @property
    def min_value(self) -> int | float | None:
        if self.opt.type in (str, bool) or self.opt.min_value is None:
            return None
        value = max(self.opt.min_value, -NUMBER_LIMIT)
        return int(-(-value // 1)) if self.opt.type is int else value  # ceil for integers

    @property
    def max_value(self) -> int | float | None:
        if self.opt.type is str:
            return min(self.opt.max_length or self.max_text, self.max_text, STRING_OPTION_MAX)
        if self.opt.type is bool or self.opt.max_value is None:
            return None
        value = min(self.opt.max_value, NUMBER_LIMIT)
        return int(value // 1) if self.opt.type is int else value

    @property
    def choices(self) -> list[app_commands.Choice[Any]] | None:
        if not self.opt.choices or self.opt.type is bool:
            return None
        found: list[app_commands.Choice[Any]] = []
        for choice in self.opt.choices[:CHOICES_MAX]:
            try:
                value = self.opt.type(choice)
            except ValueError:
                log.error("option %s: choice %r is not a %s", self.opt.name, choice, self.opt.type)
                continue
            found.append(app_commands.Choice(name=truncate(choice, 100), value=value))
        return found or None

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> Any:
        return value


class SuggestingTransformer(OptionTransformer):
    """An option whose values are suggested by a cog's completion source as the person types."""

    def __init__(self, opt: OptionSpec, max_text: int, suggest: Suggest) -> None:
        super().__init__(opt, max_text)
        self.suggest = suggest

    async def autocomplete(
        self, interaction: discord.Interaction, value: int | float | str, /
    ) -> list[app_commands.Choice[Any]]:
        choices: list[app_commands.Choice[Any]] = []
        for label, raw in await self.suggest(interaction, self.opt, str(value)):
            try:
                typed = self.opt.type(raw)
            except ValueError:
                continue
            if isinstance(typed, str) and len(typed) > 100:
                continue  # a suggested value must fit Discord's limit, or it would be cut wrongly
            choices.append(app_commands.Choice(name=truncate(label, 100) or str(raw), value=typed))
        return choices[:CHOICES_MAX]


def build_command(
    spec: CommandSpec,
    leaf_name: str,
    run: RunCommand,
    suggest: Suggest,
    max_text: int,
    parent: app_commands.Group | None = None,
) -> app_commands.Command[Any, ..., None]:
    """One slash command (or subcommand) whose callback hands its values to ``run``."""
    options = list(spec.options)
    if len(options) > OPTIONS_MAX:
        log.error("/%s has %d options; Discord allows %d", spec.name, len(options), OPTIONS_MAX)
        options = options[:OPTIONS_MAX]
    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for opt in sorted(options, key=lambda o: not o.required):
        transformer: OptionTransformer
        if opt.autocomplete and not opt.choices and opt.type is not bool:
            transformer = SuggestingTransformer(opt, max_text, suggest)
        else:
            transformer = OptionTransformer(opt, max_text)
        parameters.append(
            inspect.Parameter(
                opt.name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=transformer,
                default=inspect.Parameter.empty if opt.required else None,
            )
        )

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        await run(interaction, spec, values)

    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__qualname__ = callback.__name__ = f"slash_{spec.name.replace(' ', '_')}"
    callback.__discord_app_commands_param_description__ = {  # type: ignore[attr-defined]
        opt.name: described(opt.help) for opt in options
    }
    command = app_commands.Command(
        name=leaf_name,
        description=described(spec.help),
        callback=callback,
        parent=parent,
        allowed_contexts=GUILD_ONLY if parent is None else None,
    )
    if parent is None:
        command.guild_only = True
        if spec.permission is Permission.ORGANIZER:
            command.default_permissions = ORGANIZER_PERMISSIONS
    return command


def build_commands(
    registry: Registry, run: RunCommand, suggest: Suggest, max_text: int
) -> list[app_commands.Command[Any, ..., None] | app_commands.Group]:
    """Every registry command as a top-level command or a group of subcommands."""
    top: list[app_commands.Command[Any, ..., None] | app_commands.Group] = []
    groups: dict[str, list[CommandSpec]] = {}
    for spec in sorted(registry.commands.values(), key=lambda s: s.name):
        if spec.group:
            groups.setdefault(spec.group, []).append(spec)
        else:
            top.append(build_command(spec, spec.name, run, suggest, max_text))
    for name, specs in sorted(groups.items()):
        organizers_only = all(s.permission is Permission.ORGANIZER for s in specs)
        group = app_commands.Group(
            name=name,
            description=described(_group_description(registry, name, specs)),
            guild_only=True,
            allowed_contexts=GUILD_ONLY,
            default_permissions=ORGANIZER_PERMISSIONS if organizers_only else None,
        )
        if len(specs) > SUBCOMMANDS_MAX:
            log.error("/%s has %d subcommands; Discord allows 25", name, len(specs))
        for spec in specs[:SUBCOMMANDS_MAX]:
            leaf = spec.name.split(" ", 1)[1]
            group.add_command(build_command(spec, leaf, run, suggest, max_text, parent=group))
        top.append(group)
    if len(top) > COMMANDS_MAX:
        log.error("%d top-level commands; Discord allows %d", len(top), COMMANDS_MAX)
        top = top[:COMMANDS_MAX]
    return top


def _group_description(registry: Registry, name: str, specs: list[CommandSpec]) -> str | Text:
    cogs: Mapping[str, Any] = registry.cogs
    cog = cogs.get(specs[0].cog)
    return getattr(cog, "description", "") or GROUP_FALLBACK.with_values(group=name)
