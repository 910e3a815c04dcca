"""The console host: a terminal session with the same cogs as Discord and Slack.

Meta-commands keep scripts stable: ``/as <name> [organizer]`` acts as that member, every
message the bot shows gets a number (#1, #2, ...), and ``/press``, ``/select``, ``/react`` and
``/unreact`` act on message n, in the channel where message n is (a prompt posted to another
channel, a direct message, or here). Everything else is a cog command.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TypeVar

from bot.cogkit import Answer, Context, ReactionEvent
from bot.core.errors import DomainError, InvalidInput, NotFound
from bot.core.models import Community, Platform
from bot.dispatch import split_words
from bot.hosting import BaseHost
from bot.messages import Form, Message, PostedRef
from bot.platforms.console.render import render
from bot.services import Services

CHANNEL = "console"
Control = Callable[[Context, list[str]], Awaitable[Message]]
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
META_HELP = (
    "Console commands: /as <name> [organizer] to act as someone, /press <n> <button>, "
    "/select <n> <option>, /react <n> <emoji>, /unreact <n> <emoji>, /whoami, /quit. "
    "Forms ask one question at a time: /cancel stops one."
)


class ConsoleHost(BaseHost):
    platform = Platform.CONSOLE
    rate_limited = False

    def __init__(
        self, services: Services, write: Callable[[str], None], session: str = "console"
    ) -> None:
        super().__init__(services)
        self.write = write
        self.session = session
        self.user = "you"
        self.organizer = True
        self.messages: dict[int, Message] = {}
        self.channels: dict[int, str] = {}  # where message n is: a channel id, "dm:<user>", here
        self._counter = 0
        self._form: Form | None = None
        self._form_channel = CHANNEL  # where the form was opened; its answer is shown there
        self._answers: dict[str, str] = {}
        self._buffer: list[str] = []
        self.out_dir = Path(services.settings.console_output_dir)
        self._controls: dict[str, tuple[Control, str]] = {}

    def add_control(self, name: str, handler: Control, usage: str) -> None:
        """A console-only command like /clock: ``handler(ctx, words)`` answers a Message."""
        self._controls[name] = (handler, usage)

    # -- the HostPort a cog talks to -------------------------------------------------------
    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        return PostedRef(channel_id, str(self._show(message, channel=channel_id)))

    async def edit(self, community: Community, ref: PostedRef, message: Message) -> None:
        number = int(ref.message_id)
        self.messages[number] = message
        self.write(f"(message #{number} was updated)\n" + render(number, message, []))

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        channel = f"dm:{user_id}"
        return PostedRef(channel, str(self._show(message, dm_to=user_id, channel=channel)))

    # -- input ------------------------------------------------------------------------------
    @property
    def form_pending(self) -> bool:
        return self._form is not None

    async def handle(self, line: str) -> bool:
        """Handle one input line; False means the session should end."""
        if self._form is not None:
            await self._form_line(line.rstrip("\n"))
            return True
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        if not line.startswith("/"):
            self._say("Commands start with /. Type /help for the list.")
            return True
        try:
            words = split_words(line[1:])
        except DomainError as exc:
            self._show(Message.error(exc.message))
            return True
        head = words[0].lower() if words else ""
        meta = {
            "as": self._as,
            "press": self._press,
            "select": self._select,
            "react": self._react,
            "unreact": self._react,
            "whoami": self._whoami,
        }
        if head in ("quit", "exit"):
            return False
        if head == "console":
            self._say(" ".join([META_HELP, *(usage for _, usage in self._controls.values())]))
            return True
        if head in self._controls:
            await self._answer(
                self.dispatcher.guard(lambda: self._control(head, words[1:]), f"/{head}")
            )
            return True
        if head in meta:
            try:
                await meta[head](head, words[1:])
            except DomainError as exc:
                self._show(Message.error(exc.message))
            return True
        await self._answer(
            self.dispatcher.guard(lambda: self._run_line(line), f"console line {line[:60]!r}")
        )
        return True

    async def _control(self, name: str, words: list[str]) -> Answer:
        handler, _ = self._controls[name]
        return await handler(await self._context(), words)

    async def _run_line(self, line: str) -> Answer:
        return await self.dispatcher.run_line(await self._context(), line)

    async def _context(self, channel: str = CHANNEL) -> Context:
        actor = await self.services.members.actor(
            Platform.CONSOLE, self.session, self.user, self.organizer
        )
        return Context(actor=actor, host=self, channel_id=channel)

    async def _as(self, _: str, args: list[str]) -> None:
        if not args or not NAME.match(args[0]) or len(args) > 2:
            raise InvalidInput("Usage: /as <name> [organizer]  (name: letters, digits, . _ -)")
        if len(args) == 2 and args[1].lower() != "organizer":
            raise InvalidInput(f"Unknown role '{args[1][:20]}'. Usage: /as <name> [organizer]")
        self.user = args[0]
        self.organizer = len(args) == 2
        self._whoami_line()

    async def _whoami(self, _: str, args: list[str]) -> None:
        self._whoami_line()

    def _whoami_line(self) -> None:
        role = "an organizer" if self.organizer else "a member"
        self._say(f"You are now {self.user} ({role}).")

    async def _press(self, _: str, args: list[str]) -> None:
        number, label = self._target(args, "/press <n> <button label>")
        message = self.messages[number]
        found = _pick(message.buttons, label, lambda b: b.label)
        if found is None:
            labels = ", ".join(b.label for b in message.buttons) or "none"
            raise NotFound(f"Message #{number} has no button '{label}'. Its buttons: {labels}.")
        ctx = await self._context(self.channels[number])
        await self._answer(self.dispatcher.press(ctx, found.custom_id), ctx.channel_id)

    async def _select(self, _: str, args: list[str]) -> None:
        number, label = self._target(args, "/select <n> <option>")
        message = self.messages[number]
        for menu in message.selects:
            options = list(menu.options)
            chosen = None
            if label.isdigit() and 1 <= int(label) <= len(options):
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
        raise NotFound(f"Message #{number} has no menu option '{label}'.")

    async def _react(self, verb: str, args: list[str]) -> None:
        number, emoji = self._target(args, f"/{verb} <n> <emoji>")
        ctx = await self._context(self.channels[number])
        event = ReactionEvent(PostedRef(ctx.channel_id, str(number)), emoji, added=verb == "react")
        await self._answer(self.dispatcher.react(ctx, event), ctx.channel_id)

    def _target(self, args: list[str], usage: str) -> tuple[int, str]:
        if len(args) < 2 or not args[0].lstrip("#").isdigit():
            raise InvalidInput(f"Usage: {usage}")
        number = int(args[0].lstrip("#"))
        if number not in self.messages:
            raise NotFound(f"There is no message #{number}.")
        return number, " ".join(args[1:])

    async def _answer(self, pending: Awaitable[Answer], channel: str = CHANNEL) -> None:
        """Show the answer in ``channel`` (where the act happened), or start its form."""
        answer = await pending
        if isinstance(answer, Form):
            self._start_form(answer, channel)
        elif answer is not None:
            self._show(answer, channel=channel)

    # -- forms: one question per field; long text ends with a line holding only "." --------
    def _start_form(self, form: Form, channel: str) -> None:
        self._form = form
        self._form_channel = channel
        self._answers = {}
        self._buffer = []
        self._say(f"{form.title} (answer each question; /cancel to stop)")
        self._ask()

    def _ask(self) -> None:
        assert self._form is not None
        field = self._form.fields[len(self._answers)]
        notes = ["required" if field.required else "optional, - to skip"]
        if field.long:
            notes.append('several lines; end with a line holding only "."')
        if field.default:
            notes.append(f"- keeps: {field.default[:40]}")
        self._say(f"  {field.label} ({'; '.join(notes)}):")

    async def _form_line(self, line: str) -> None:
        assert self._form is not None
        form = self._form
        field = form.fields[len(self._answers)]
        if line.strip() == "/cancel":
            self._form = None
            self._say("Form cancelled; nothing was saved.")
            return
        if field.long and line.strip() != ".":
            self._buffer.append(line)
            return
        text = "\n".join(self._buffer).strip() if field.long else line.strip()
        self._buffer = []
        if text == "-":
            text = field.default
        if not text and field.required:
            self._say(f"  {field.label} is required.")
            self._ask()
            return
        if len(text) > field.max_length:
            self._say(f"  That is {len(text)} characters; the limit is {field.max_length}.")
            self._ask()
            return
        self._answers[field.name] = text
        if len(self._answers) < len(form.fields):
            self._ask()
            return
        self._form = None
        ctx = await self._context(self._form_channel)
        submitted = self.dispatcher.submit(ctx, form.custom_id, dict(self._answers))
        await self._answer(submitted, ctx.channel_id)

    # -- output -----------------------------------------------------------------------------
    def _show(self, message: Message, dm_to: str | None = None, channel: str = CHANNEL) -> int:
        self._counter += 1
        number = self._counter
        self.messages[number] = message
        self.channels[number] = channel
        saved = [self._save(number, a.filename, a.data) for a in message.attachments]
        self.write(render(number, message, saved, dm_to=dm_to))
        return number

    def _save(self, number: int, filename: str, data: bytes) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", filename) or "file"
        path = self.out_dir / f"{number:04d}-{safe}"
        path.write_bytes(data)
        return path

    def _say(self, text: str) -> None:
        self.write(text)


T = TypeVar("T")


def _pick(items: Iterable[T], wanted: str, key: Callable[[T], str]) -> T | None:
    """The item whose key equals ``wanted`` (case-insensitive), else a unique prefix match."""
    wanted = wanted.strip().lower()
    items = list(items)
    exact = [i for i in items if key(i).lower() == wanted]
    if exact:
        return exact[0]
    prefix = [i for i in items if key(i).lower().startswith(wanted)]
    return prefix[0] if len(prefix) == 1 else None
