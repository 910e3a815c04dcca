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
from bot.domain.text import t
from bot.i18n.translator import Translators
from bot.messages import Message, split_component_id
from bot.registry import Registry

log = logging.getLogger(__name__)

MAX_LINE = 4000
SORRY = t(
    "Sorry, something went wrong on our side. Please try again; if it keeps happening, tell an "
    "organizer (reference {ref})."
)
TRUE_WORDS = {"yes", "y", "true", "on", "1"}
FALSE_WORDS = {"no", "n", "false", "off", "0"}
UNUSABLE = (
    "That holds a character I can't use: a hidden control character (like NUL or ESC) or a "
    "broken one, often from copying and pasting. Please type it again."
)


def refuse_unusable(*texts: object) -> None:
    """Refuse text no command needs and no store takes whole (``bot.domain.hostile_text``):
    one place at the edge, so every host and every handler behind it is safe from it."""
    if any(isinstance(text, str) and unusable(text) for text in texts):
        raise InvalidInput(UNUSABLE)


def split_words(line: str) -> list[str]:
    """Shell-like words: quotes group words; an unbalanced quote is a clear error."""
    if len(line) > MAX_LINE:
        raise InvalidInput(f"That command is too long ({len(line)} characters; max {MAX_LINE}).")
    refuse_unusable(line)
    lexer = shlex.shlex(line, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:
        raise InvalidInput(
            'A quote is not closed. Put text with spaces in matching quotes, like "my text".'
        ) from None


def parse_command_line(
    registry: Registry, line: str, actor: Actor | None = None
) -> tuple[CommandSpec, list[str]]:
    """``/campaign show irs-data`` -> (the command, its argument words). With ``actor``, a
    hint about a group names only the subcommands they may use."""
    words = split_words(line.strip().removeprefix("/"))
    if not words:
        raise UnknownCommand("Type a command, like /help.")
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
        raise NotAllowed(f"{refusal.message} {spec.refused}") from None


def unknown_command(
    registry: Registry, words: list[str], actor: Actor | None = None
) -> UnknownCommand:
    head = words[0].lower()
    groups = registry.groups()
    if head in groups:
        usable = [s for s in groups[head] if actor is None or allowed(actor, s.permission)]
        if not usable:
            return UnknownCommand(f"/{head} is for organizers. Type /help for what you can use.")
        subs = ", ".join(sorted(s.name.split(" ", 1)[1] for s in usable))
        if len(words) == 1:
            return UnknownCommand(f"/{head} needs a subcommand: {subs}.")
        return UnknownCommand(f"/{head} has no subcommand '{words[1][:40]}'. Try: {subs}.")
    names = sorted({n.split(" ", 1)[0] for n in registry.commands})
    close = difflib.get_close_matches(head, names, n=1)
    hint = f" Did you mean /{close[0]}?" if close else ""
    return UnknownCommand(f"I don't know the command /{head[:40]}.{hint} Type /help for the list.")


def bind_words(spec: CommandSpec, words: list[str], max_text: int) -> dict[str, Any]:
    """Turn argument words (positional, or ``name:value``) into checked, typed options.

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
            raise InvalidInput(f"/{spec.name} takes no options, but got '{shown}'. {usage(spec)}")
        raise InvalidInput(f"/{spec.name} got more than it takes: '{shown}'. {usage(spec)}")
    return bind_values(spec, raw, max_text)


def bind_values(spec: CommandSpec, raw: Mapping[str, Any], max_text: int) -> dict[str, Any]:
    """Check and convert option values (text from a line, or typed values from a platform)."""
    unknown = set(raw) - {o.name for o in spec.options}
    if unknown:
        raise InvalidInput(f"/{spec.name} has no option '{sorted(unknown)[0][:40]}'. {usage(spec)}")
    bound: dict[str, Any] = {}
    for opt in spec.options:
        if opt.name not in raw or raw[opt.name] in (None, ""):
            if opt.required:
                raise InvalidInput(f"/{spec.name} needs {_needed(opt)}. {usage(spec)}")
            bound[opt.name] = opt.default
            continue
        bound[opt.name] = convert(spec, opt, raw[opt.name], max_text)
    return bound


def convert(spec: CommandSpec, opt: OptionSpec, value: Any, max_text: int) -> Any:
    """One option's value, converted to its type and checked against its limits. Errors name
    the option in the person's words (its label), never by its parameter name."""
    named = _sentence_start(opt.words)
    shown = str(value).strip()[:30]
    if opt.type is str:
        text = str(value).strip()
        limit = min(opt.max_length or max_text, max_text)
        if len(text) > limit:
            raise InvalidInput(
                f"{named} is too long ({len(text)} characters; the limit is {limit})."
            )
        if opt.choices:
            lowered = {c.lower(): c for c in opt.choices}
            if text.lower() not in lowered:
                raise InvalidInput(f"{named} must be {_either(opt.choices)}, not '{shown}'.")
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
        raise InvalidInput(f"{named} must be yes or no, not '{shown}'.")
    try:
        number = opt.type(value)
    except (TypeError, ValueError):
        kind = "a whole number" if opt.type is int else "a number"
        raise InvalidInput(f"{named} must be {kind}, not '{shown}'.") from None
    if opt.min_value is not None and number < opt.min_value:
        raise InvalidInput(f"{named} must be at least {opt.min_value:g}.")
    if opt.max_value is not None and number > opt.max_value:
        raise InvalidInput(f"{named} must be at most {opt.max_value:g}.")
    return number


def answer_too_long(answer: str, limit: int, quote: bool) -> str:
    """The sentence for a form answer over ``limit``: named by how it begins, unless the form's
    answers are never to be repeated (then only its length)."""
    size = f"({len(answer)} characters; the limit is {limit})"
    if not quote:
        return f"One of your answers is too long {size}."
    return f"Your answer starting '{answer[:20].rstrip()}…' is too long {size}."


def usage(spec: CommandSpec) -> str:
    """How to write the command, for an error: placeholders in words ([new slug])."""
    parts = [f"/{spec.name}"]
    for opt in spec.options:
        shown = opt.name.replace("_", " ") + ("..." if opt.rest else "")
        parts.append(f"<{shown}>" if opt.required else f"[{shown}]")
    return "Usage: " + " ".join(parts)


def _needed(opt: OptionSpec) -> str:
    """'the schedule number (the schedule's number, from /schedule list)', or just the help."""
    help_text = _lowered(opt.help.strip().rstrip("."))
    return f"{opt.label} ({help_text})" if opt.label else help_text


def _lowered(text: str) -> str:
    """'The schedule's number' -> 'the schedule's number'; 'ZIP code' stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _either(choices: tuple[str, ...]) -> str:
    """'show, export or retention'."""
    if len(choices) == 1:
        return choices[0]
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


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
            return await self._invoke(spec, ctx, bind_words(spec, words, self.max_text))

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
            return await self._invoke(spec, ctx, bind_values(spec, values, self.max_text))

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
                    "That button is no longer in use. Run the command again for a fresh one."
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
                raise DomainError("That form is no longer in use. Run the command again.")
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
