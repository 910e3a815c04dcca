"""The console host: a terminal session with the same cogs as Discord and Slack.

Meta-commands keep scripts stable: ``/as <name> [organizer]`` acts as that member, every
message the bot shows gets a number (#1, #2, ...), and ``/press``, ``/select``, ``/react`` and
``/unreact`` act on message n, in the channel where message n is (a prompt posted to another
channel, a direct message, or here). They take the rest of the line as written, so a label
the bot wrote is typed as shown, apostrophes included. Everything else is a cog command.

Numbers belong to the session: a message's platform id is ``<session tag>-<n>``, so #n never
reaches a message an earlier session showed, even in the same database.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TypeVar

from bot.cogkit import Answer, Context, ReactionEvent
from bot.dispatch import MAX_LINE, split_words
from bot.domain.errors import DomainError, InvalidInput, NotFound
from bot.domain.hostile_text import visible
from bot.domain.models import Actor, Community, Platform
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.languages import reader_language
from bot.i18n.translator import Translator
from bot.messages import Form, Message, PostedRef
from bot.platforms.console.forms import OpenForm
from bot.platforms.console.render import render
from bot.services import Services

CHANNEL = "console"
Control = Callable[[Context, list[str]], Awaitable[Message]]
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
NUMBER = re.compile(r"#?(\d{1,9})", re.ASCII)
# The console's own words, in the language of the member acting (ConsoleHost.words).
META_HELP = t(
    "Console commands: /as <name> [organizer] to act as someone, /press <n> <button>, "
    "/select <n> <option>, /react <n> <emoji>, /unreact <n> <emoji>, /whoami, /quit. "
    "Forms ask one question at a time: /cancel stops one, and so does any other command."
)
NOT_A_COMMAND = t("Commands start with /. Type /help for the list.")
NO_FORM = t("There is no form to cancel.")
TOO_LONG = t("That command is too long ({length} characters; max {limit}).")
UPDATED = t("(message #{number} was updated)")
AS_USAGE = t("Usage: /as <name> [organizer]  (name: letters, digits, . _ -)")
UNKNOWN_ROLE = t("Unknown role '{role}'. Usage: /as <name> [organizer]")
NOW_ORGANIZER = t("You are now {name} (an organizer).")
NOW_MEMBER = t("You are now {name} (a member).")
PRESS_USAGE = t("Usage: /press <n> <button label>")
SELECT_USAGE = t("Usage: /select <n> <option>")
REACT_USAGE = t("Usage: /react <n> <emoji>")
UNREACT_USAGE = t("Usage: /unreact <n> <emoji>")
NO_BUTTON = t("Message #{number} has no button '{label}'. Its buttons: {labels}.")
NO_BUTTONS = t("Message #{number} has no button '{label}'. Its buttons: none.")
NO_OPTION = t("Message #{number} has no menu option '{label}'.")
NO_MESSAGE = t("There is no message #{number}.")
ENDS = ("quit", "exit")


class ConsoleHost(BaseHost):
    platform = Platform.CONSOLE
    rate_limited = False

    def __init__(
        self,
        services: Services,
        write: Callable[[str], None],
        session: str = "console",
        tag: str | None = None,
    ) -> None:
        super().__init__(services)
        self.write = write
        self.session = session  # the console's community
        self.tag = tag or secrets.token_hex(4)  # this run's prefix of message ids
        self.user = "you"
        self.organizer = True
        self.messages: dict[int, Message] = {}
        self.channels: dict[int, str] = {}  # where message n is: a channel id, "dm:<user>", here
        self._counter = 0
        self._form: OpenForm | None = None
        self.out_dir = Path(services.settings.console_output_dir)
        self._controls: dict[str, tuple[Control, Text | str]] = {}
        # the language of the member acting, as last seen (their choice, else the community's)
        self.words: Translator = services.words(None)
        self._seen: Actor | None = None  # the member acting, as the last command saw them
        self._meta: dict[str, Callable[[str, str], Awaitable[None]]] = {
            "as": self._as,
            "press": self._press,
            "select": self._select,
            "react": self._react,
            "unreact": self._react,
            "whoami": self._whoami,
        }

    def add_control(self, name: str, handler: Control, usage: Text | str) -> None:
        """A console-only command like /clock: ``handler(ctx, words)`` answers a Message."""
        self._controls[name] = (handler, usage)

    def ref_of(self, number: int) -> PostedRef:
        """Where message #number of this session is, as the cogs and the database know it."""
        return PostedRef(self.channels[number], f"{self.tag}-{number}")

    def number_of(self, ref: PostedRef) -> int | None:
        """The number of a message this session showed; None for another session's."""
        tag, _, number = ref.message_id.rpartition("-")
        if tag != self.tag or not number.isdecimal() or int(number) not in self.messages:
            return None
        return int(number)

    # -- the HostPort a cog talks to -------------------------------------------------------
    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        return self.ref_of(self._show(message, channel=channel_id))

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        """Show message #n again, updated; another session's message is not on this screen."""
        number = self.number_of(ref)
        if number is None:
            return
        self.messages[number] = message
        updated = self.words.render(UPDATED.with_values(number=number))
        self.write(updated + "\n" + render(number, message, [], words=self.words))

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        channel = f"dm:{user_id}"
        return self.ref_of(self._show(message, dm_to=user_id, channel=channel))

    # -- input ------------------------------------------------------------------------------
    @property
    def form_pending(self) -> bool:
        return self._form is not None

    async def handle(self, line: str) -> bool:
        """Handle one input line; False means the session should end.

        While a form is open, a line is its answer unless it is a command: then the form is
        cancelled (one line says so) and the command runs, except /cancel, which only cancels.
        """
        if self._form is not None:
            if not self._form.is_command(line, self._known):
                await self._form_line(line.rstrip("\n"))
                return True
            self._say(self._form.cancelled())
            self._form = None
            if _head(line.strip())[0] == "cancel":
                return True
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        if not line.startswith("/"):
            self._say(self.words.render(NOT_A_COMMAND))
            return True
        if len(line) > MAX_LINE:
            too_long = TOO_LONG.with_values(length=len(line), limit=MAX_LINE)
            self._show(Message.error(self.words.render(too_long)))
            return True
        head, rest = _head(line)
        if head in ENDS:
            return False
        if head == "cancel":
            self._say(self.words.render(NO_FORM))
        elif head == "console":
            usages = [META_HELP, *(usage for _, usage in self._controls.values())]
            self._say(" ".join(self.words.render(usage) for usage in usages))
        elif head in self._controls:
            await self._answer(
                self.dispatcher.guard(
                    lambda: self._control(head, rest), f"/{head}", language=self.words.code
                )
            )
        elif head in self._meta:
            try:
                await self._meta[head](head, rest)
            except DomainError as exc:
                self._show(Message.error(self.words.render(exc.text or exc.message)))
        else:
            what = f"a console line starting {'/' + head[:40]!r}"  # never the rest: personal
            await self._answer(
                self.dispatcher.guard(lambda: self._run_line(line), what, language=self.words.code)
            )
        return True

    def _known(self, head: str) -> bool:
        """Whether ``/head`` names a command: the console's own or a cog's (group or command)."""
        return (
            head in ENDS
            or head in ("cancel", "console")
            or head in self._meta
            or head in self._controls
            or any(name.split(" ", 1)[0] == head for name in self.registry.commands)
        )

    async def _control(self, name: str, rest: str) -> Answer:
        handler, _ = self._controls[name]
        return await handler(await self._context(), split_words(rest))

    async def _run_line(self, line: str) -> Answer:
        return await self.dispatcher.run_line(await self._context(), line)

    async def _context(self, channel: str = CHANNEL) -> Context:
        actor = await self.services.members.actor(
            Platform.CONSOLE, self.session, self.user, self.organizer
        )
        ctx = Context(actor=actor, host=self, channel_id=channel, words=self.services.words)
        self.words = self.services.words(ctx.language)
        self._seen = actor
        return ctx

    async def _as(self, _: str, rest: str) -> None:
        args = rest.split()
        if not args or not NAME.match(args[0]) or len(args) > 2:
            raise InvalidInput(AS_USAGE)
        if len(args) == 2 and args[1].lower() != "organizer":
            raise InvalidInput(UNKNOWN_ROLE.with_values(role=args[1][:20]))
        self.user = args[0]
        self.organizer = len(args) == 2
        self._whoami_line()

    async def _whoami(self, _: str, rest: str) -> None:
        self._whoami_line()

    def _whoami_line(self) -> None:
        now = NOW_ORGANIZER if self.organizer else NOW_MEMBER
        self._say(self.words.render(now.with_values(name=self.user)))

    async def _press(self, _: str, rest: str) -> None:
        number, label = self._target(rest, PRESS_USAGE)
        message = self.messages[number]
        found = _pick(message.buttons, label, lambda b: b.label)
        if found is None:
            if not message.buttons:
                raise NotFound(NO_BUTTONS.with_values(number=number, label=label))
            labels = ", ".join(b.label for b in message.buttons)
            raise NotFound(NO_BUTTON.with_values(number=number, label=label, labels=labels))
        ctx = await self._context(self.channels[number])
        await self._answer(self.dispatcher.press(ctx, found.custom_id), ctx.channel_id)

    async def _select(self, _: str, rest: str) -> None:
        number, label = self._target(rest, SELECT_USAGE)
        message = self.messages[number]
        for menu in message.selects:
            options = list(menu.options)
            chosen = None
            if label.isdecimal() and 1 <= int(label) <= len(options):
                chosen = options[int(label) - 1]
            chosen = (
                chosen
                or _pick(options, label, lambda o: o.label)
                or _pick(options, label, lambda o: o.value)
            )
            if chosen is not None:
                ctx = await self._context(self.channels[number])
                choice = self.dispatcher.choose(ctx, menu.custom_id, chosen.value)
                await self._answer(choice, ctx.channel_id)
                return
        raise NotFound(NO_OPTION.with_values(number=number, label=label))

    async def _react(self, verb: str, rest: str) -> None:
        number, emoji = self._target(rest, REACT_USAGE if verb == "react" else UNREACT_USAGE)
        ctx = await self._context(self.channels[number])
        event = ReactionEvent(self.ref_of(number), _unquoted(emoji), added=verb == "react")
        await self._answer(self.dispatcher.react(ctx, event), ctx.channel_id)

    def _target(self, rest: str, usage: Text) -> tuple[int, str]:
        """Message n and the rest of the line, as typed (spaces between words made single)."""
        words = rest.split(maxsplit=1)
        found = NUMBER.fullmatch(words[0]) if words else None
        if found is None or len(words) < 2:
            raise InvalidInput(usage)
        number = int(found.group(1))
        if number not in self.messages:
            raise NotFound(NO_MESSAGE.with_values(number=number))
        return number, " ".join(words[1].split())

    async def _answer(self, pending: Awaitable[Answer], channel: str = CHANNEL) -> None:
        """Show the answer in ``channel`` (where the act happened), or start its form, in the
        language the member reads now (``/language`` may just have changed it)."""
        answer = await pending
        await self._relearn_language()
        if isinstance(answer, Form):
            self._start_form(answer, channel)
        elif answer is not None:
            self._show(answer, channel=channel)

    async def _relearn_language(self) -> None:
        """Read the acting member's own language again (never registering anyone: an erased
        member stays erased); the community's is read at their next command."""
        if self._seen is None or self._seen.member.user_id != self.user:
            return
        member = await self.services.members.refresh(self._seen.member)
        language = reader_language(member.language, None, self._seen.community.language)
        self.words = self.services.words(language)

    # -- forms: one question per field (bot/platforms/console/forms.py) --------------------
    def _start_form(self, form: Form, channel: str) -> None:
        self._form = OpenForm(form, channel, self.words)
        for line in self._form.opening():
            self._say(line)

    async def _form_line(self, line: str) -> None:
        open_form = self._form
        assert open_form is not None
        for said in open_form.take(line):
            self._say(said)
        if not open_form.done:
            return
        self._form = None
        ctx = await self._context(open_form.channel)
        submitted = self.dispatcher.submit(ctx, open_form.form.custom_id, dict(open_form.answers))
        await self._answer(submitted, ctx.channel_id)

    # -- output -----------------------------------------------------------------------------
    def _show(self, message: Message, dm_to: str | None = None, channel: str = CHANNEL) -> int:
        self._counter += 1
        number = self._counter
        self.messages[number] = message
        self.channels[number] = channel
        saved = [self._save(number, a.filename, a.data) for a in message.attachments]
        self.write(render(number, message, saved, dm_to=dm_to, words=self.words))
        return number

    def _save(self, number: int, filename: str, data: bytes) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", filename) or "file"
        path = self.out_dir / f"{self.tag}-{number:04d}-{safe}"
        path.touch(mode=0o600)  # owner only (exports hold a member's data), before any byte
        path.chmod(0o600)  # also if the file was already there
        path.write_bytes(data)
        return path

    def _say(self, text: str) -> None:
        self.write(visible(text, lines=True))  # may quote a label, a default, a typed word


T = TypeVar("T")


def _head(line: str) -> tuple[str, str]:
    """'/press 2 Sen. Durbin: Couldn't get through' -> ('press', "2 Sen. Durbin: Couldn't ...")."""
    words = line.removeprefix("/").split(maxsplit=1)
    if not words:
        return "", ""
    return words[0].lower(), words[1] if len(words) > 1 else ""


def _unquoted(text: str) -> str:
    """Text in matching quotes (as older scripts wrote labels) without them; else as typed."""
    if text[:1] not in ("'", '"'):
        return text
    try:
        words = split_words(text)
    except DomainError:
        return text
    return words[0] if len(words) == 1 else text


def _pick(items: Iterable[T], wanted: str, key: Callable[[T], str]) -> T | None:
    """The item whose key is ``wanted`` as typed or without its quotes (case and repeated
    spaces aside), else the one item whose key starts with it."""
    items = list(items)
    keys = [" ".join(key(i).split()).lower() for i in items]
    for text in dict.fromkeys((wanted, _unquoted(wanted))):
        text = " ".join(text.split()).lower()
        exact = [i for i, k in zip(items, keys, strict=True) if k == text]
        if exact:
            return exact[0]
        prefix = [i for i, k in zip(items, keys, strict=True) if k.startswith(text)]
        if len(prefix) == 1:
            return prefix[0]
    return None
