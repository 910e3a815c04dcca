"""From an incoming event to a cog handler and back, the same for every host.

Parses text command lines (console and Slack), binds and checks options, enforces the command's
permission, and turns any error into a friendly Message: domain errors keep their sentence;
anything unexpected is logged with its traceback and the person gets an apology, never a trace.
"""

from __future__ import annotations

import difflib
import logging
import shlex
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any

from bot.cogkit import Answer, CommandSpec, Context, OptionSpec, ReactionEvent
from bot.core.metrics import NO_METRICS, UNKNOWN_COMMAND, CommandResult, Metrics
from bot.core.permissions import allowed, require
from bot.core.ratelimit import MemberRateLimiter
from bot.domain.errors import DomainError, InvalidInput, NotAllowed, UnknownCommand
from bot.domain.hostile_text import one_line, unusable
from bot.domain.models import Actor
from bot.domain.text import Text, t
from bot.i18n.translator import Translator, Translators
from bot.messages import Message, split_component_id
from bot.registry import Registry

log = logging.getLogger(__name__)

MAX_LINE = 4000
SORRY = t(
    "Sorry, something went wrong on our side. Please try again; if it keeps happening, tell an "
    "organizer (reference {ref})."
)
TRUE_WORDS = {"yes", "y", "true", "on", "1", "sí", "si", "s"}
FALSE_WORDS = {"no", "n", "false", "off", "0"}
UNUSABLE = t(
    "That holds a character I can't use: a hidden control character (like NUL or ESC) or a "
    "broken one, often from copying and pasting. Please type it again."
)
ENGLISH_WORDS = Translator("en")  # what an option is called when no language is given
# Two sentences side by side: said the same way in every language (never in a catalog).
TWO_SENTENCES = "{first} {second}"


def refuse_unusable(*texts: object) -> None:
    """Refuse text no command needs and no store takes whole (``bot.domain.hostile_text``):
    one place at the edge, so every host and every handler behind it is safe from it."""
    if any(isinstance(text, str) and unusable(text) for text in texts):
        raise InvalidInput(UNUSABLE)


def split_words(line: str) -> list[str]:
    """Shell-like words: quotes group words; an unbalanced quote is a clear error."""
    if len(line) > MAX_LINE:
        raise InvalidInput(
            t(
                "That command is too long ({length} characters; max {limit}).",
                length=len(line),
                limit=MAX_LINE,
            )
        )
    refuse_unusable(line)
    lexer = shlex.shlex(line, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:
        raise InvalidInput(
            t('A quote is not closed. Put text with spaces in matching quotes, like "my text".')
        ) from None


def parse_command_line(
    registry: Registry, line: str, actor: Actor | None = None
) -> tuple[CommandSpec, list[str]]:
    """``/campaign show irs-data`` -> (the command, its argument words). With ``actor``, a
    hint about a group names only the subcommands they may use."""
    words = split_words(line.strip().removeprefix("/"))
    if not words:
        raise UnknownCommand(t("Type a command, like /help."))
    spec, taken = registry.resolve(words)
    if spec is None:
        raise unknown_command(registry, words, actor)
    return spec, words[taken:]


def _require(actor: Actor, spec: CommandSpec) -> None:
    """The permission check, with the command's own hint added to a refusal."""
    try:
        require(actor, spec.permission)
    except NotAllowed as refusal:
        if not spec.refused:
            raise
        first = refusal.text or refusal.message
        hint = Text(spec.refused)  # declared with the command: in the catalog (tests/i18n)
        raise NotAllowed(Text(TWO_SENTENCES, (("first", first), ("second", hint)))) from None


def unknown_command(
    registry: Registry, words: list[str], actor: Actor | None = None
) -> UnknownCommand:
    head = words[0].lower()
    groups = registry.groups()
    if head in groups:
        usable = [s for s in groups[head] if actor is None or allowed(actor, s.permission)]
        if not usable:
            return UnknownCommand(
                t("/{group} is for organizers. Type /help for what you can use.", group=head)
            )
        subs = ", ".join(sorted(s.name.split(" ", 1)[1] for s in usable))
        if len(words) == 1:
            return UnknownCommand(t("/{group} needs a subcommand: {subs}.", group=head, subs=subs))
        return UnknownCommand(
            t(
                "/{group} has no subcommand '{word}'. Try: {subs}.",
                group=head,
                word=words[1][:40],
                subs=subs,
            )
        )
    names = sorted({n.split(" ", 1)[0] for n in registry.commands})
    close = difflib.get_close_matches(head, names, n=1)
    if close:
        return UnknownCommand(
            t(
                "I don't know the command /{name}. Did you mean /{close}? Type /help for the list.",
                name=head[:40],
                close=close[0],
            )
        )
    return UnknownCommand(
        t("I don't know the command /{name}. Type /help for the list.", name=head[:40])
    )


def bind_words(
    spec: CommandSpec, words: list[str], max_text: int, tr: Translator = ENGLISH_WORDS
) -> dict[str, Any]:
    """Turn argument words (positional, or ``name:value``) into checked, typed options;
    ``tr`` names options in errors in the person's language.

    Words fill the options in order; ``name:value`` fills that option wherever it stands. Once
    a rest-of-line option starts, every later word is its text, colons included.
    """
    by_name = {o.name: o for o in spec.options}
    raw: dict[str, str] = {}
    rest: list[str] | None = None
    extra: list[str] = []
    for word in words:
        if rest is not None:
            rest.append(word)
            continue
        key, sep, value = word.partition(":")
        named = by_name.get(key.lower()) if sep else None
        if named is not None and named.name not in raw:
            raw[named.name] = value
            continue
        following = next((o for o in spec.options if o.name not in raw), None)
        if following is None:
            extra.append(word)
        elif following.rest:
            rest = [word]
            raw[following.name] = ""
        else:
            raw[following.name] = word
    if rest is not None:
        raw[spec.options[-1].name] = " ".join(rest)
    if extra:
        shown = " ".join(extra)[:60]
        if not spec.options:
            raise InvalidInput(
                t(
                    "/{command} takes no options, but got '{words}'. {usage}",
                    command=spec.name,
                    words=shown,
                    usage=usage(spec),
                )
            )
        raise InvalidInput(
            t(
                "/{command} got more than it takes: '{words}'. {usage}",
                command=spec.name,
                words=shown,
                usage=usage(spec),
            )
        )
    return bind_values(spec, raw, max_text, tr)


def bind_values(
    spec: CommandSpec, raw: Mapping[str, Any], max_text: int, tr: Translator = ENGLISH_WORDS
) -> dict[str, Any]:
    """Check and convert option values (text from a line, or typed values from a platform)."""
    unknown = set(raw) - {o.name for o in spec.options}
    if unknown:
        raise InvalidInput(
            t(
                "/{command} has no option '{option}'. {usage}",
                command=spec.name,
                option=sorted(unknown)[0][:40],
                usage=usage(spec),
            )
        )
    bound: dict[str, Any] = {}
    for opt in spec.options:
        if opt.name not in raw or raw[opt.name] in (None, ""):
            if opt.required:
                raise InvalidInput(_needs(spec, opt, tr))
            bound[opt.name] = opt.default
            continue
        bound[opt.name] = convert(spec, opt, raw[opt.name], max_text, tr)
    return bound


def _needs(spec: CommandSpec, opt: OptionSpec, tr: Translator) -> Text:
    """'/schedule edit needs the schedule number (the schedule's number, from /schedule
    list). Usage: ...', or just the help when the option has no label."""
    help_text = _lowered(tr.message(opt.help).strip().rstrip("."))
    if opt.label:
        return t(
            "/{command} needs {label} ({help}). {usage}",
            command=spec.name,
            label=tr.message(opt.label),
            help=help_text,
            usage=usage(spec),
        )
    return t(
        "/{command} needs {help}. {usage}", command=spec.name, help=help_text, usage=usage(spec)
    )


def convert(
    spec: CommandSpec, opt: OptionSpec, value: Any, max_text: int, tr: Translator = ENGLISH_WORDS
) -> Any:
    """One option's value, converted to its type and checked against its limits. Errors name
    the option in the person's words (its label, in their language), never by its parameter
    name."""
    named = _sentence_start(
        tr.message(opt.label) if opt.label else tr.message(opt.help).rstrip(".")
    )
    shown = str(value).strip()[:30]
    if opt.type is str:
        text = str(value).strip()
        limit = min(opt.max_length or max_text, max_text)
        if len(text) > limit:
            raise InvalidInput(
                t(
                    "{option} is too long ({length} characters; the limit is {limit}).",
                    option=named,
                    length=len(text),
                    limit=limit,
                )
            )
        if opt.choices:
            lowered = {c.lower(): c for c in opt.choices}
            if text.lower() not in lowered:
                raise InvalidInput(
                    t(
                        "{option} must be {choices}, not '{value}'.",
                        option=named,
                        choices=_either(opt.choices),
                        value=shown,
                    )
                )
            text = lowered[text.lower()]
        return text
    if opt.type is bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise InvalidInput(
            t("{option} must be yes or no, not '{value}'.", option=named, value=shown)
        )
    try:
        number = opt.type(value)
    except (TypeError, ValueError):
        if opt.type is int:
            wrong = t("{option} must be a whole number, not '{value}'.", option=named, value=shown)
        else:
            wrong = t("{option} must be a number, not '{value}'.", option=named, value=shown)
        raise InvalidInput(wrong) from None
    if opt.min_value is not None and number < opt.min_value:
        raise InvalidInput(
            t("{option} must be at least {number}.", option=named, number=f"{opt.min_value:g}")
        )
    if opt.max_value is not None and number > opt.max_value:
        raise InvalidInput(
            t("{option} must be at most {number}.", option=named, number=f"{opt.max_value:g}")
        )
    return number


def answer_too_long(answer: str, limit: int, quote: bool) -> Text:
    """The sentence for a form answer over ``limit``: named by how it begins, unless the form's
    answers are never to be repeated (then only its length)."""
    if not quote:
        return t(
            "One of your answers is too long ({length} characters; the limit is {limit}).",
            length=len(answer),
            limit=limit,
        )
    return t(
        "Your answer starting '{start}…' is too long ({length} characters; the limit is {limit}).",
        start=answer[:20].rstrip(),
        length=len(answer),
        limit=limit,
    )


def usage(spec: CommandSpec) -> Text:
    """How to write the command, for an error: placeholders in words ([new slug]), which are
    the options' names, the same in every language (as the commands' names are)."""
    parts = [f"/{spec.name}"]
    for opt in spec.options:
        shown = opt.name.replace("_", " ") + ("..." if opt.rest else "")
        parts.append(f"<{shown}>" if opt.required else f"[{shown}]")
    return t("Usage: {line}", line=" ".join(parts))


def _lowered(text: str) -> str:
    """'The schedule's number' -> 'the schedule's number'; 'ZIP code' stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _either(choices: tuple[str, ...]) -> Text | str:
    """'show, export or retention'."""
    if len(choices) == 1:
        return choices[0]
    return t("{choices} or {last}", choices=", ".join(choices[:-1]), last=choices[-1])


def _first_word(line: str) -> str:
    """The command a line names, for a log line: never the rest, which may be personal."""
    words = line.split(maxsplit=1)
    return words[0][:40] if words else ""


def _action_of(custom_id: str) -> str:
    """A component's action, for a log line: its value may be a token or an id."""
    return custom_id.partition(":")[0][:60]


class _Counted:
    """The command a call turned out to name (its registry name, once found), to count with
    how it ended: never the words typed."""

    def __init__(self, metrics: Metrics) -> None:
        self.name = UNKNOWN_COMMAND
        self._metrics = metrics

    def __call__(self, result: CommandResult) -> None:
        self._metrics.command(self.name, result)


class Dispatcher:
    """Runs cog handlers for a host and always answers with a Message."""

    def __init__(
        self,
        registry: Registry,
        max_text: int,
        limiter: MemberRateLimiter | None = None,
        metrics: Metrics = NO_METRICS,
        words: Translators | None = None,
    ) -> None:
        self.registry = registry
        self.max_text = max_text
        self.limiter = limiter
        self.metrics = metrics
        self.words = words or Translators()

    def _throttle(self, ctx: Context) -> None:
        if self.limiter is not None:
            self.limiter.check(ctx.actor)

    async def run_line(self, ctx: Context, line: str) -> Answer:
        """A typed command line such as ``/reps 05401`` (console, Slack)."""
        counted = _Counted(self.metrics)

        async def call() -> Answer:
            self._throttle(ctx)
            spec, words = parse_command_line(self.registry, line, ctx.actor)
            counted.name = spec.name
            _require(ctx.actor, spec)
            bound = bind_words(spec, words, self.max_text, self.words(ctx.language))
            return await self._invoke(spec, ctx, bound)

        return await self.guard(
            call, f"a line starting {_first_word(line)!r}", counted, ctx.language
        )

    async def run_command(self, ctx: Context, name: str, values: Mapping[str, Any]) -> Answer:
        """A structured command (Discord's typed options, a Slack form)."""
        counted = _Counted(self.metrics)
        if name in self.registry.commands:
            counted.name = name

        async def call() -> Answer:
            self._throttle(ctx)
            refuse_unusable(name, *values.values())
            spec = self.registry.commands.get(name)
            if spec is None:
                raise unknown_command(self.registry, name.split(" "), ctx.actor)
            _require(ctx.actor, spec)
            bound = bind_values(spec, values, self.max_text, self.words(ctx.language))
            return await self._invoke(spec, ctx, bound)

        return await self.guard(call, f"command /{name}", counted, ctx.language)

    async def press(self, ctx: Context, custom_id: str) -> Answer:
        """A button press or a select choice: ``custom_id`` is ``action:value``."""

        async def call() -> Answer:
            self._throttle(ctx)
            refuse_unusable(custom_id)
            action, value = split_component_id(custom_id)
            spec = self.registry.components.get(action)
            if spec is None or spec.handler is None or spec.kind == "form":
                raise DomainError(
                    t("That button is no longer in use. Run the command again for a fresh one.")
                )
            require(ctx.actor, spec.permission)
            return await spec.handler(ctx, value)

        return await self.guard(call, f"component {_action_of(custom_id)!r}", language=ctx.language)

    async def choose(self, ctx: Context, custom_id: str, chosen: str) -> Answer:
        """A select menu choice: the select's own value is replaced by the chosen option."""
        action, _ = split_component_id(custom_id)
        return await self.press(ctx, f"{action}:{chosen}")

    async def submit(self, ctx: Context, custom_id: str, answers: Mapping[str, str]) -> Answer:
        """A submitted form: the handler gets the form's value and the answers by field name."""

        async def call() -> Answer:
            self._throttle(ctx)
            refuse_unusable(custom_id, *answers.keys(), *answers.values())
            action, value = split_component_id(custom_id)
            spec = self.registry.components.get(action)
            if spec is None or spec.handler is None or spec.kind != "form":
                raise DomainError(t("That form is no longer in use. Run the command again."))
            require(ctx.actor, spec.permission)
            cleaned = {k: str(v).strip() for k, v in answers.items()}
            limit = self.max_text * 4
            too_long = [v for v in cleaned.values() if len(v) > limit]
            if too_long:  # named by how it begins: the form's field names are internal
                raise InvalidInput(answer_too_long(too_long[0], limit, spec.quote_answers))
            return await spec.handler(ctx, value, cleaned)

        return await self.guard(call, f"form {_action_of(custom_id)!r}", language=ctx.language)

    async def complete(self, ctx: Context, source: str, typed: str) -> list[tuple[str, str]]:
        """Suggestions for an option; never raises (a failure suggests nothing)."""
        spec = self.registry.completions.get(source)
        if spec is None or spec.handler is None or unusable(typed):
            return []
        try:
            return list(await spec.handler(ctx, typed[:100]))[:25]
        except DomainError:
            return []
        except Exception:
            log.exception("completion source %s failed", source)
            return []

    async def react(self, ctx: Context, event: ReactionEvent) -> Answer:
        """A reaction added or removed; every reaction handler sees it."""

        async def call() -> Answer:
            answer: Answer = None
            if unusable(event.emoji):  # no emoji has such characters: not one of ours
                return None
            for spec in self.registry.reactions:
                if spec.handler is not None:
                    answer = await spec.handler(ctx, event) or answer
            return answer

        return await self.guard(call, f"reaction {event.emoji!r}", language=ctx.language)

    async def _invoke(self, spec: CommandSpec, ctx: Context, args: dict[str, Any]) -> Answer:
        assert spec.handler is not None
        answer = await spec.handler(ctx, **args)
        if isinstance(answer, Message) and spec.ephemeral and not answer.ephemeral:
            answer = replace(answer, ephemeral=True)
        return answer

    async def guard(
        self,
        call: Callable[[], Awaitable[Answer]],
        what: str,
        count: Callable[[CommandResult], None] | None = None,
        language: str | None = None,
    ) -> Answer:
        """``call()``'s answer, or a sentence for any error, in ``language`` (English when
        not known); ``count`` is told how it ended."""
        words = self.words(language)
        try:
            answer = await call()
        except DomainError as exc:
            if count is not None:
                count(CommandResult.REFUSED)
            shown = exc.message if exc.text is None else one_line(words.render(exc.text))
            return Message.error(shown)
        except Exception:
            if count is not None:
                count(CommandResult.FAILED)
            ref = uuid.uuid4().hex[:8]
            log.exception("unexpected error handling %s (ref %s)", what, ref)
            return Message.error(words.render(SORRY.with_values(ref=ref)))
        if count is not None:
            count(CommandResult.HANDLED)
        return answer
