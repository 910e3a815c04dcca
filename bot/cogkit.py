"""The neutral cog API: features declare commands, buttons, selects and reaction handlers once,
and every host (Discord, Slack, console) exposes them the same way.

A cog module ends with ``async def setup(host)`` that calls ``await host.add_cog(MyCog(...))``.
Handlers receive a :class:`Context` and return a :class:`~bot.messages.Message` (or None).

    class Lawmakers(Cog):
        name = "lawmakers"
        description = "Find who represents you."

        @command("reps", "Your senators and House member for a ZIP code.")
        async def reps(self, ctx: Context, zip: Annotated[str, Opt("Your 5-digit ZIP")]) -> Message:
            ...

        @button("lawmakers.district")
        async def pick(self, ctx: Context, value: str) -> Message: ...
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, ClassVar, Protocol, get_args, get_origin, get_type_hints

from bot.core.permissions import Permission
from bot.domain.models import Actor, Community, Member, Platform
from bot.domain.text import Text
from bot.i18n.languages import reader_language
from bot.i18n.translator import Translators
from bot.messages import Form, Message, PostedRef

OPTION_TYPES = (str, int, float, bool)
Answer = Message | Form | None
Handler = Callable[..., Awaitable[Answer]]
Completer = Callable[..., Awaitable[list[tuple[str, str]]]]


@dataclass(frozen=True, slots=True)
class Opt:
    """How a command option is described and checked. Used as ``Annotated[type, Opt(...)]``."""

    help: str
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    rest: bool = False  # a text option that takes the rest of the line
    autocomplete: str | None = None  # name of a completion source a host may offer
    # what error messages call it, in the person's words ("the schedule number"); a real
    # cog's option must have one (tests/test_option_words.py)
    label: str = ""


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """A fully resolved option of a command."""

    name: str
    type: type
    help: str
    required: bool
    default: Any = None
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    rest: bool = False
    autocomplete: str | None = None
    label: str = ""

    @property
    def words(self) -> str:
        """What errors call the option: its label, else its help text."""
        return self.label or self.help.rstrip(".")


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A slash command: ``name`` may hold a group and a subcommand ("campaign create")."""

    name: str
    help: str
    permission: Permission = Permission.EVERYONE
    options: tuple[OptionSpec, ...] = ()
    ephemeral: bool = False
    handler: Handler | None = field(default=None, compare=False, repr=False)
    cog: str = ""
    refused: str = ""  # said after the refusal to someone it is not for, e.g. where to go instead

    @property
    def group(self) -> str | None:
        return self.name.split(" ", 1)[0] if " " in self.name else None

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for opt in self.options:
            label = f"{opt.name}..." if opt.rest else opt.name
            parts.append(f"<{label}>" if opt.required else f"[{label}]")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """A button or select handler, keyed by its action name ("cog.action")."""

    action: str
    kind: str  # "button", "select" or "form"
    permission: Permission = Permission.EVERYONE
    handler: Handler | None = field(default=None, compare=False, repr=False)
    cog: str = ""
    quote_answers: bool = True  # forms: an error may quote how an answer begins


@dataclass(frozen=True, slots=True)
class CompletionSpec:
    """A source of suggestions for options declared with ``Opt(autocomplete=source)``."""

    source: str
    handler: Completer | None = field(default=None, compare=False, repr=False)
    cog: str = ""


@dataclass(frozen=True, slots=True)
class ReactionEvent:
    """Someone added or removed an emoji reaction on a message the bot posted."""

    ref: PostedRef
    emoji: str
    added: bool


@dataclass(frozen=True, slots=True)
class SummarySpec:
    """A feature's part of a member's personal overview (Slack's App Home, for one)."""

    handler: Callable[[Context], Awaitable[Message | None]] | None = field(
        default=None, compare=False, repr=False
    )
    cog: str = ""


@dataclass(frozen=True, slots=True)
class ReactionSpec:
    handler: Handler | None = field(default=None, compare=False, repr=False)
    cog: str = ""


class HostPort(Protocol):
    """What a cog may ask of the platform it runs on."""

    platform: Platform

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef: ...

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None: ...

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef: ...


@dataclass(slots=True)
class Context:
    """One incoming event: who acted, where, and the host to answer through."""

    actor: Actor
    host: HostPort
    channel_id: str
    locale: str | None = None  # the language the platform says this person uses, if it says
    words: Translators | None = None  # each language's words (the host's services)

    @property
    def member(self) -> Member:
        return self.actor.member

    @property
    def language(self) -> str:
        """The language to answer this person in: their choice, their platform's, their
        community's, English."""
        return reader_language(self.member.language, self.locale, self.community.language)

    def tr(self, text: Text | str) -> str:
        """``text`` in this person's language."""
        return (self.words or Translators())(self.language).render(text)

    def declared(self, english: str) -> str:
        """What a cog declared in English (a command's help, an option's description) in this
        person's language."""
        return (self.words or Translators())(self.language).message(english)

    @property
    def community(self) -> Community:
        return self.actor.community

    async def post(self, message: Message, channel_id: str | None = None) -> PostedRef:
        return await self.host.post(self.community, channel_id or self.channel_id, message)

    async def send_dm(self, message: Message) -> PostedRef:
        return await self.host.send_dm(self.community, self.actor.member.user_id, message)


def command(
    name: str,
    help: str,
    *,
    permission: Permission = Permission.EVERYONE,
    ephemeral: bool = False,
    refused: str = "",
) -> Callable[[Handler], Handler]:
    """Declare a slash command; options come from the handler's annotated parameters.
    ``refused`` is added to the refusal a member gets for an organizer command."""

    def mark(fn: Handler) -> Handler:
        fn.__cog_command__ = CommandSpec(  # type: ignore[attr-defined]
            name=name, help=help, permission=permission, ephemeral=ephemeral, refused=refused
        )
        return fn

    return mark


def button(
    action: str, *, permission: Permission = Permission.EVERYONE
) -> Callable[[Handler], Handler]:
    """Declare the handler of buttons whose action is ``action``: ``fn(self, ctx, value)``."""
    return _component(action, "button", permission)


def select(
    action: str, *, permission: Permission = Permission.EVERYONE
) -> Callable[[Handler], Handler]:
    """Declare the handler of a select menu: ``fn(self, ctx, value)`` with the chosen value."""
    return _component(action, "select", permission)


def form(
    action: str, *, permission: Permission = Permission.EVERYONE, quote_answers: bool = True
) -> Callable[[Handler], Handler]:
    """Declare the handler of a submitted Form: ``fn(self, ctx, value, answers: dict)``.
    ``quote_answers=False`` for answers no message may repeat (a street address)."""
    return _component(action, "form", permission, quote_answers)


def completer(source: str) -> Callable[[Completer], Completer]:
    """Declare suggestions for an option: ``fn(self, ctx, typed) -> [(label, value), ...]``."""

    def mark(fn: Completer) -> Completer:
        fn.__cog_completer__ = CompletionSpec(source=source)  # type: ignore[attr-defined]
        return fn

    return mark


def summary() -> Callable[[Handler], Handler]:
    """Declare the cog's part of a member's overview: ``fn(self, ctx) -> Message | None``."""

    def mark(fn: Handler) -> Handler:
        fn.__cog_summary__ = SummarySpec()  # type: ignore[attr-defined]
        return fn

    return mark


def reaction() -> Callable[[Handler], Handler]:
    """Declare a reaction handler: ``fn(self, ctx, event: ReactionEvent)``."""

    def mark(fn: Handler) -> Handler:
        fn.__cog_reaction__ = ReactionSpec()  # type: ignore[attr-defined]
        return fn

    return mark


def _component(
    action: str, kind: str, permission: Permission, quote_answers: bool = True
) -> Callable[[Handler], Handler]:
    if ":" in action or not action:
        raise ValueError(f"bad action name {action!r}")

    def mark(fn: Handler) -> Handler:
        fn.__cog_component__ = ComponentSpec(  # type: ignore[attr-defined]
            action=action, kind=kind, permission=permission, quote_answers=quote_answers
        )
        return fn

    return mark


class Cog:
    """Base class of a feature. Subclasses set ``name`` and ``description``.

    What a cog declares in English (``description``, ``stores``, a command's help, an option's
    description and label, a refusal's hint) is a message of the catalogs: write each as a
    literal string, and it is shown in the reader's language (``tests/i18n/messages.py``)."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    stores: ClassVar[str] = ""  # what this feature keeps about a member, in one sentence

    def command_specs(self) -> list[CommandSpec]:
        specs = []
        for fn in self._marked("__cog_command__"):
            spec: CommandSpec = fn.__cog_command__
            specs.append(replace(spec, options=_options_of(fn), handler=fn, cog=self.name))
        return specs

    def component_specs(self) -> list[ComponentSpec]:
        return [
            replace(fn.__cog_component__, handler=fn, cog=self.name)
            for fn in self._marked("__cog_component__")
        ]

    def completion_specs(self) -> list[CompletionSpec]:
        return [
            replace(fn.__cog_completer__, handler=fn, cog=self.name)
            for fn in self._marked("__cog_completer__")
        ]

    def summary_specs(self) -> list[SummarySpec]:
        return [SummarySpec(handler=fn, cog=self.name) for fn in self._marked("__cog_summary__")]

    def reaction_specs(self) -> list[ReactionSpec]:
        return [ReactionSpec(handler=fn, cog=self.name) for fn in self._marked("__cog_reaction__")]

    def _marked(self, marker: str) -> list[Any]:
        found = []
        for attr in dir(type(self)):
            raw = getattr(type(self), attr, None)
            if callable(raw) and hasattr(raw, marker):
                found.append(getattr(self, attr))
        return found


def _options_of(fn: Handler) -> tuple[OptionSpec, ...]:
    """Read options from ``fn(self, ctx, name: Annotated[type, Opt(...)] = default, ...)``."""
    hints = get_type_hints(fn, include_extras=True)
    params = list(inspect.signature(fn).parameters.values())[1:]  # bound: skip ctx
    options = []
    for param in params:
        hint = hints.get(param.name)
        if get_origin(hint) is not Annotated:
            raise TypeError(f"{fn.__qualname__}: option {param.name!r} needs Annotated[type, Opt]")
        base, *extra = get_args(hint)
        opt = next((e for e in extra if isinstance(e, Opt)), None)
        if opt is None:
            raise TypeError(f"{fn.__qualname__}: option {param.name!r} has no Opt(...)")
        base = _unwrap_optional(base)
        if base not in OPTION_TYPES:
            raise TypeError(f"{fn.__qualname__}: option {param.name!r} has unsupported type")
        required = param.default is inspect.Parameter.empty
        options.append(
            OptionSpec(
                name=param.name,
                type=base,
                help=opt.help,
                required=required,
                default=None if required else param.default,
                choices=opt.choices,
                max_length=opt.max_length,
                min_value=opt.min_value,
                max_value=opt.max_value,
                rest=opt.rest,
                autocomplete=opt.autocomplete,
                label=opt.label,
            )
        )
    if any(o.rest for o in options[:-1]):
        raise TypeError(f"{fn.__qualname__}: only the last option may take the rest of the line")
    return tuple(options)


def _unwrap_optional(tp: Any) -> Any:
    args = [a for a in get_args(tp) if a is not type(None)]
    if args and len(args) == 1 and type(None) in get_args(tp):
        return args[0]
    return tp
