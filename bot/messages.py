"""Neutral outbound messages. Cogs return these; each host renders them its own way."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

CUSTOM_ID_MAX = 100  # Discord's limit for a component's custom_id; Slack allows more
# Components every host can show on one message (Discord's limits, the tightest): a menu takes
# a row, buttons go five to a row, a menu holds 25 options.
MAX_ROWS = 5
BUTTONS_PER_ROW = 5
OPTIONS_PER_SELECT = 25


class Style(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    SUCCESS = "success"
    DANGER = "danger"


class Tone(StrEnum):
    INFO = "info"
    SUCCESS = "success"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Button:
    """A button. Pressing it calls the cog handler registered for ``action`` with ``value``."""

    label: str
    action: str
    value: str = ""
    style: Style = Style.SECONDARY

    @property
    def custom_id(self) -> str:
        return component_id(self.action, self.value)


@dataclass(frozen=True, slots=True)
class SelectOption:
    label: str
    value: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Select:
    """A single-choice menu; choosing calls the handler for ``action`` with the chosen value."""

    action: str
    options: tuple[SelectOption, ...]
    placeholder: str = "Choose one"
    value: str = ""

    @property
    def custom_id(self) -> str:
        return component_id(self.action, self.value)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with the message (a chart PNG, a CSV export). ``alt`` says what an image
    shows, for people who cannot see it: Discord's attachment description, Slack's alt text,
    a line in the console (every chart the bot posts has one)."""

    filename: str
    data: bytes
    content_type: str = "application/octet-stream"
    alt: str = ""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True, slots=True)
class Message:
    """What the bot says: a title, a markdown body, fields, components and files.

    ``ephemeral`` messages are shown only to the person who acted. Text written by people
    (organizers, members) is shown as text: hosts never let it mention anyone. A cog names a
    member with :func:`mention` in the body or a field value; hosts show the person's name
    there, and never notify them.
    """

    body: str = ""
    title: str | None = None
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    selects: tuple[Select, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    footer: str | None = None
    ephemeral: bool = False
    tone: Tone = Tone.INFO
    reactions: tuple[str, ...] = field(default=())

    @classmethod
    def error(cls, text: str) -> Message:
        """A private, friendly error for the person who acted."""
        return cls(body=text, ephemeral=True, tone=Tone.ERROR)

    @classmethod
    def private(cls, text: str, title: str | None = None) -> Message:
        return cls(body=text, title=title, ephemeral=True)


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a form: a short line, or long text (``long=True``)."""

    name: str
    label: str
    long: bool = False
    required: bool = True
    max_length: int = 200
    default: str = ""
    placeholder: str = ""


@dataclass(frozen=True, slots=True)
class Form:
    """A form to fill in (a modal on Discord and Slack, questions in the console).

    Submitting it calls the cog handler registered with ``@form(action)`` as
    ``fn(self, ctx, value, answers)``; ``value`` carries context such as the slug being edited.
    """

    action: str
    title: str
    fields: tuple[FormField, ...]
    value: str = ""

    @property
    def custom_id(self) -> str:
        return component_id(self.action, self.value)


@dataclass(frozen=True, slots=True)
class PostedRef:
    """Where a posted message lives on its platform (channel and message ids as text)."""

    channel_id: str
    message_id: str


def component_id(action: str, value: str = "") -> str:
    """The namespaced custom id of a component: ``cog.action:value``."""
    if ":" in action:
        raise ValueError(f"an action name may not contain ':' ({action!r})")
    cid = f"{action}:{value}"
    if len(cid) > CUSTOM_ID_MAX:
        raise ValueError(f"custom id too long ({len(cid)} > {CUSTOM_ID_MAX}): {cid[:40]}...")
    return cid


def split_component_id(custom_id: str) -> tuple[str, str]:
    """``cog.action:value`` -> (action, value); a bare id has an empty value."""
    action, _, value = custom_id.partition(":")
    return action, value


# -- mentions -------------------------------------------------------------------------------
# ``mention(user_id)`` is a marker in the text: two Unicode noncharacters (reserved for a
# program's internal use) around a key made when the process starts and the user id. Only
# markers with this key count, so text from outside (a note, a title, a display name) can never
# make one, even if it copies the characters: it is shown as the text it is. Hosts turn each
# marker into their platform's way of naming a person and drop stray marker characters.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
_KEY = secrets.token_hex(8)
_MARKER = re.compile(f"{_OPEN}([0-9a-f]{{16}})([^{_OPEN}{_CLOSE}]*){_CLOSE}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A member named in a text, by platform user id (a host checks the id is one of its own)."""

    user_id: str


def mention(user_id: str) -> str:
    """Text naming the member ``user_id``: on Discord and Slack it shows as their name
    (``<@id>``), in the console as ``@id``. It never notifies anyone. Use it in a message's
    body or field values (titles, footers and labels show ``@id``)."""
    return f"{_OPEN}{_KEY}{_clean(user_id)}{_CLOSE}"


def mention_parts(text: str) -> list[str | Mention]:
    """``text`` as pieces of plain text and the mentions between them (no empty pieces)."""
    if _OPEN not in text and _CLOSE not in text:
        return [text] if text else []
    parts: list[str | Mention] = []
    start = 0
    for found in _MARKER.finditer(text):
        if found.group(1) != _KEY:
            continue  # not made by mention(): it stays text
        parts += [_clean(text[start : found.start()]), Mention(found.group(2))]
        start = found.end()
    parts.append(_clean(text[start:]))
    return [part for part in parts if part != ""]


def show_mentions(text: str, show: Callable[[str], str]) -> str:
    """``text`` with each mention replaced by ``show(user_id)``."""
    return "".join(p if isinstance(p, str) else show(p.user_id) for p in mention_parts(text))


def mentioned(message: Message) -> list[str]:
    """The user ids a message mentions, each once, in order."""
    found: dict[str, None] = {}
    for text in _texts(message):
        for part in mention_parts(text):
            if isinstance(part, Mention):
                found[part.user_id] = None
    return list(found)


def _texts(message: Message) -> Iterator[str]:
    yield from (message.title or "", message.body, message.footer or "")
    for item in message.fields:
        yield from (item.name, item.value)


def _clean(text: str) -> str:
    return text.replace(_OPEN, "").replace(_CLOSE, "")
