"""The cog registry: every command, component and reaction handler the loaded cogs declare."""

from __future__ import annotations

from bot.cogkit import (
    Cog,
    CommandSpec,
    CompletionSpec,
    ComponentSpec,
    ReactionSpec,
    SummarySpec,
)

MAX_COMMAND_WORDS = 2  # "campaign create"


class RegistryError(Exception):
    """A cog breaks a registry rule (duplicate name, missing help)."""


class Registry:
    """Holds the loaded cogs and looks up what an event should call."""

    def __init__(self) -> None:
        self.cogs: dict[str, Cog] = {}
        self.commands: dict[str, CommandSpec] = {}
        self.components: dict[str, ComponentSpec] = {}
        self.reactions: list[ReactionSpec] = []
        self.completions: dict[str, CompletionSpec] = {}
        self.summaries: list[SummarySpec] = []

    def add(self, cog: Cog) -> None:
        """Register a cog, refusing duplicate names and commands without help."""
        if not cog.name:
            raise RegistryError(f"{type(cog).__name__} has no name")
        if cog.name in self.cogs:
            raise RegistryError(f"cog {cog.name!r} is loaded twice")
        commands = cog.command_specs()
        components = cog.component_specs()
        for spec in commands:
            self._check_command(spec)
        for comp in components:
            if comp.action in self.components:
                raise RegistryError(f"component action {comp.action!r} is declared twice")
        completions = cog.completion_specs()
        for comp in completions:
            if comp.source in self.completions:
                raise RegistryError(f"completion source {comp.source!r} is declared twice")
        self.cogs[cog.name] = cog
        self.commands.update({spec.name: spec for spec in commands})
        self.components.update({comp.action: comp for comp in components})
        self.reactions.extend(cog.reaction_specs())
        self.summaries.extend(cog.summary_specs())
        self.completions.update({c.source: c for c in completions})

    def check_completions(self) -> None:
        """Every option that asks for suggestions names a declared source."""
        for spec in self.commands.values():
            for opt in spec.options:
                if opt.autocomplete and opt.autocomplete not in self.completions:
                    raise RegistryError(
                        f"/{spec.name} option {opt.name!r} wants suggestions from "
                        f"{opt.autocomplete!r}, which no cog declares"
                    )

    def _check_command(self, spec: CommandSpec) -> None:
        words = spec.name.split(" ")
        if len(words) > MAX_COMMAND_WORDS or not all(w.isidentifier() for w in words):
            raise RegistryError(f"bad command name {spec.name!r}")
        if spec.name in self.commands:
            raise RegistryError(f"command /{spec.name} is declared twice")
        if not spec.help.strip():
            raise RegistryError(f"command /{spec.name} has no help text")
        for opt in spec.options:
            if not opt.help.strip():
                raise RegistryError(f"option {opt.name!r} of /{spec.name} has no help text")
        if spec.group is None and any(n.startswith(spec.name + " ") for n in self.commands):
            raise RegistryError(f"/{spec.name} is both a command and a group")
        if spec.group is not None and spec.group in self.commands:
            raise RegistryError(f"/{spec.group} is both a command and a group")

    def groups(self) -> dict[str, list[CommandSpec]]:
        """Subcommands by group name."""
        found: dict[str, list[CommandSpec]] = {}
        for spec in self.commands.values():
            if spec.group:
                found.setdefault(spec.group, []).append(spec)
        return found

    def resolve(self, words: list[str]) -> tuple[CommandSpec | None, int]:
        """The command named by the first words, and how many words its name took."""
        for take in range(min(MAX_COMMAND_WORDS, len(words)), 0, -1):
            name = " ".join(w.lower() for w in words[:take])
            if name in self.commands:
                return self.commands[name], take
        return None, 0
