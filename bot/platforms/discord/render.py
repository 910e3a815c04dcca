"""Neutral Messages and Forms as Discord embeds, components, files and modals.

Discord's limits are respected by splitting or truncating (with "…"), never by failing: an
embed description holds 4096 characters and a field value 1024 (longer text continues in further
embeds and unnamed fields), an embed 25 fields, a message 10 embeds and 6000 characters in all
(more continues in further messages, up to 5); a message has 5 rows of components (a select
takes a whole row, buttons go 5 to a row), a select 25 options; a modal shows at most 5 inputs,
and its title and labels hold 45 characters.

Rendered views and modals report themselves finished, so discord.py never keeps them in its view
store: the host routes every component and modal by its custom id alone, which keeps old
messages working after a restart.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.messages import CUSTOM_ID_MAX, Form, Message, Style, Tone, show_mentions

log = logging.getLogger(__name__)

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
ATTACHMENT_DESCRIPTION_MAX = 1024  # an attachment's description (its alt text)
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
EMBEDS_MAX = 10
PAGES_MAX = 5  # messages one answer may take before it is cut
ROWS_MAX = 5
BUTTONS_PER_ROW = 5
SELECT_OPTIONS_MAX = 25
BUTTON_LABEL_MAX = 80
OPTION_TEXT_MAX = 100
PLACEHOLDER_MAX = 150
MODAL_TITLE_MAX = 45
MODAL_LABEL_MAX = 45
MODAL_DESCRIPTION_MAX = 100
MODAL_INPUTS_MAX = 5
TEXT_INPUT_MAX = 4000
TEXT_PLACEHOLDER_MAX = 100
ELLIPSIS = "…"
BLANK = "\u200b"  # Discord rejects empty field names and values

COLOURS = {Tone.INFO: 0x5865F2, Tone.SUCCESS: 0x57F287, Tone.ERROR: 0xED4245}
BUTTON_STYLES = {
    Style.PRIMARY: discord.ButtonStyle.primary,
    Style.SECONDARY: discord.ButtonStyle.secondary,
    Style.SUCCESS: discord.ButtonStyle.success,
    Style.DANGER: discord.ButtonStyle.danger,
}
NO_MENTIONS = discord.AllowedMentions.none()
SNOWFLAKE = re.compile(r"^[0-9]{1,20}$")

# A component sent in a direct message carries its server, so pressing it later (even after a
# restart) acts in the right community: "@<guild id>|<cog.action:value>".
DM_PREFIX = re.compile(r"^@(\d{1,20})\|")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with "…" when something was cut."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line breaks when possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def wrap_dm_id(custom_id: str, guild_id: str | None) -> str:
    """The custom id of a component sent in a DM on behalf of server ``guild_id``."""
    if guild_id is None:
        return custom_id
    wrapped = f"@{guild_id}|{custom_id}"
    return wrapped if len(wrapped) <= CUSTOM_ID_MAX else custom_id


def unwrap_dm_id(custom_id: str) -> tuple[str | None, str]:
    """(server id or None, the cog's own custom id)."""
    match = DM_PREFIX.match(custom_id)
    if match is None:
        return None, custom_id
    return match.group(1), custom_id[match.end() :]


class SentView(discord.ui.View):
    """A view discord.py sends but never keeps: the host routes its components by custom id."""

    def is_finished(self) -> bool:
        return True


class SentModal(discord.ui.Modal):
    """A modal discord.py sends but never keeps: the host routes its submission by custom id."""

    def is_finished(self) -> bool:
        return True


class _Pager:
    """Fills embeds page by page; a page is one Discord message (10 embeds, 6000 characters)."""

    def __init__(self, colour: int, reserve: int) -> None:
        self.colour = colour
        self.reserve = reserve  # the footer's length: it must fit on whichever page is last
        self.pages: list[list[discord.Embed]] = []
        self.left = 0
        self.cut = False
        self._new_page()

    def _new_page(self) -> bool:
        if len(self.pages) >= PAGES_MAX:
            self.cut = True
            return False
        self.pages.append([discord.Embed(colour=self.colour)])
        self.left = EMBED_TOTAL_MAX - self.reserve
        return True

    def _blank(self) -> bool:
        return not any(_has_content(e) for e in self.pages[-1])

    def room(
        self, size: int, *, new_embed: bool = False, field: bool = False
    ) -> discord.Embed | None:
        """The embed that takes ``size`` more characters (on a new page if need be), or None."""
        page = self.pages[-1]
        wants_embed = new_embed or (field and len(page[-1].fields) >= FIELDS_MAX)
        full = size > self.left or (wants_embed and len(page) >= EMBEDS_MAX)
        if full and not self._blank():
            return self.pages[-1][-1] if self._new_page() else None
        if wants_embed and not self._blank():
            page.append(discord.Embed(colour=self.colour))
        return page[-1]

    def take(self, text: str) -> str:
        out = truncate(text, self.left)
        self.left -= len(out)
        return out


def embed_pages(message: Message) -> list[list[discord.Embed]]:
    """The message's title, body, fields and footer as pages of embeds within Discord's limits.

    Nearly always one page; a very long message continues on up to ``PAGES_MAX`` pages (sent as
    further messages), and only then is it cut.
    """
    footer = truncate(named(message.footer or ""), FOOTER_MAX)
    pager = _Pager(COLOURS.get(message.tone, COLOURS[Tone.INFO]), reserve=len(footer))
    if message.title:
        pager.pages[0][0].title = pager.take(truncate(named(message.title), TITLE_MAX))
    for index, piece in enumerate(split_text(with_mentions(message.body), DESCRIPTION_MAX)):
        embed = pager.room(len(piece), new_embed=index > 0)
        if embed is None:
            break
        embed.description = pager.take(piece)
    for item in message.fields:
        # A value longer than 1024 characters continues in fields without a name.
        value = with_mentions(item.value)
        for index, piece in enumerate(split_text(value, FIELD_VALUE_MAX) or [BLANK]):
            name = named(item.name.strip()) if index == 0 else ""
            name = truncate(name or BLANK, FIELD_NAME_MAX)
            embed = pager.room(len(name) + len(piece), field=True)
            if embed is None:
                break
            name = pager.take(name) or BLANK
            embed.add_field(name=name, value=pager.take(piece) or BLANK, inline=item.inline)
        if pager.cut:
            break
    if pager.cut:
        log.warning("a message was cut to fit Discord's limits")  # its title may be personal
        log.debug("the message cut: %r", (message.title or "")[:40])
    if footer:
        pager.pages[-1][-1].set_footer(text=footer)
    image = next((a for a in message.attachments if a.is_image), None)
    if image is not None:
        pager.pages[0][0].set_image(url=f"attachment://{safe_filename(image.filename)}")
    pages = [[e for e in page if _has_content(e)] for page in pager.pages]
    return [page for page in pages if page] or [[]]


def with_mentions(text: str) -> str:
    """Text for an embed's description or a field value, where Discord shows ``<@id>`` as the
    person's name (messages go out with no mention allowed, so it never pings them)."""
    return show_mentions(text, _mention)


def named(text: str) -> str:
    """Text for a title, footer or field name, where Discord shows no mentions: ``@id``."""
    return show_mentions(text, _literal)


def _mention(user_id: str) -> str:
    return f"<@{user_id}>" if SNOWFLAKE.match(user_id) else _literal(user_id)


def _literal(user_id: str) -> str:
    """An id shown as text: no markdown, and no ``<@`` Discord could read as a mention."""
    return "@" + discord.utils.escape_markdown(user_id).replace("<", "<\u200b")


def embeds_for(message: Message) -> list[discord.Embed]:
    """The embeds of the message's first page (the whole message, nearly always)."""
    return embed_pages(message)[0]


def _has_content(embed: discord.Embed) -> bool:
    return bool(
        embed.title or embed.description or embed.fields or embed.footer.text or embed.image
    )


def safe_filename(name: str) -> str:
    """A file name Discord accepts in ``attachment://`` links."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", name).strip("._") or "file"
    return cleaned[:100]


def files_for(message: Message) -> list[discord.File]:
    """Fresh File objects for the attachments (a File can be sent only once); an image's alt
    text is its description (what screen readers say)."""
    return [
        discord.File(
            io.BytesIO(a.data),
            filename=safe_filename(a.filename),
            description=a.alt[:ATTACHMENT_DESCRIPTION_MAX] or None,
        )
        for a in message.attachments
    ]


def view_for(message: Message, dm_guild: str | None = None) -> discord.ui.View | None:
    """Selects (one row each) then buttons (five to a row), in at most five rows."""
    if not message.selects and not message.buttons:
        return None
    view = SentView(timeout=None)
    seen: set[str] = set()
    row = 0
    for menu in message.selects:
        custom_id = wrap_dm_id(menu.custom_id, dm_guild)
        options = _select_options(menu.options)
        if row >= ROWS_MAX or not options or custom_id in seen:
            log.warning("select %s left out of a message (no room, no options or twice)", custom_id)
            continue
        seen.add(custom_id)
        view.add_item(
            discord.ui.Select(
                custom_id=custom_id,
                placeholder=truncate(menu.placeholder, PLACEHOLDER_MAX) or None,
                options=options,
                row=row,
            )
        )
        row += 1
    placed = 0
    for button in message.buttons:
        custom_id = wrap_dm_id(button.custom_id, dm_guild)
        target = row + placed // BUTTONS_PER_ROW
        if target >= ROWS_MAX or custom_id in seen:
            log.warning("button %s left out of a message (no room or twice)", custom_id)
            continue
        seen.add(custom_id)
        view.add_item(
            discord.ui.Button(
                style=BUTTON_STYLES.get(button.style, discord.ButtonStyle.secondary),
                label=truncate(button.label.strip(), BUTTON_LABEL_MAX) or "Open",
                custom_id=custom_id,
                row=target,
            )
        )
        placed += 1
    return view if view.children else None


def _select_options(options: tuple[Any, ...]) -> list[discord.SelectOption]:
    found: list[discord.SelectOption] = []
    values: set[str] = set()
    for option in options:
        value = option.value[:OPTION_TEXT_MAX]
        if value in values or not value:
            continue
        if len(found) >= SELECT_OPTIONS_MAX:
            log.warning("a select had more than %d options; the rest are left out", len(found))
            break
        values.add(value)
        found.append(
            discord.SelectOption(
                label=truncate(option.label.strip(), OPTION_TEXT_MAX) or value,
                value=value,
                description=truncate(option.description, OPTION_TEXT_MAX) or None,
            )
        )
    return found


@dataclass
class Rendered:
    """Keyword arguments for a discord.py send or edit."""

    embeds: list[discord.Embed]
    view: discord.ui.View | None
    files: list[discord.File] = field(default_factory=list)
    content: str | None = None

    def send_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"embeds": self.embeds, "allowed_mentions": NO_MENTIONS}
        if self.view is not None:
            kwargs["view"] = self.view
        if self.files:
            kwargs["files"] = self.files
        if self.content:
            kwargs["content"] = self.content
        return kwargs

    def edit_kwargs(self) -> dict[str, Any]:
        """An edit replaces everything: no view clears components, no files clears files."""
        return {
            "content": self.content,
            "embeds": self.embeds,
            "view": self.view,
            "attachments": self.files,
            "allowed_mentions": NO_MENTIONS,
        }


def render_pages(message: Message, dm_guild: str | None = None) -> list[Rendered]:
    """The Discord messages showing ``message``: the first carries its components and files."""
    pages = embed_pages(message)
    files = files_for(message)
    first = Rendered(
        embeds=pages[0],
        view=view_for(message, dm_guild),
        files=files,
        content=None if pages[0] or files else BLANK,
    )
    return [first, *(Rendered(embeds=page, view=None) for page in pages[1:])]


def render(message: Message, dm_guild: str | None = None) -> Rendered:
    """The first (nearly always the only) Discord message showing ``message``."""
    return render_pages(message, dm_guild)[0]


def modal_for(form: Form, dm_guild: str | None = None) -> discord.ui.Modal:
    """A modal with the form's first five fields (Discord's limit), each under a label."""
    modal = SentModal(
        title=truncate(form.title, MODAL_TITLE_MAX) or "Form",
        custom_id=wrap_dm_id(form.custom_id, dm_guild),
        timeout=None,
    )
    if len(form.fields) > MODAL_INPUTS_MAX:
        log.warning(
            "form %s has %d fields; Discord shows the first %d",
            form.action,
            len(form.fields),
            MODAL_INPUTS_MAX,
        )
    for item in form.fields[:MODAL_INPUTS_MAX]:
        limit = max(1, min(item.max_length, TEXT_INPUT_MAX))
        text_input: discord.ui.TextInput[Any] = discord.ui.TextInput(
            style=discord.TextStyle.paragraph if item.long else discord.TextStyle.short,
            custom_id=item.name,
            required=item.required,
            max_length=limit,
            default=item.default[:limit] or None,
            placeholder=truncate(item.placeholder, TEXT_PLACEHOLDER_MAX) or None,
        )
        label = truncate(item.label.strip(), MODAL_LABEL_MAX) or item.name[:MODAL_LABEL_MAX]
        description = None
        if label != item.label.strip():
            description = truncate(item.label.strip(), MODAL_DESCRIPTION_MAX)
        modal.add_item(discord.ui.Label(text=label, component=text_input, description=description))
    return modal


def modal_answers(components: list[dict[str, Any]]) -> dict[str, str]:
    """The text inputs of a submitted modal by custom id (action rows and labels unwrapped)."""
    answers: dict[str, str] = {}
    for component in components:
        kind = component.get("type")
        if kind == 1:
            answers.update(modal_answers(component.get("components", [])))
        elif kind == 18 and isinstance(component.get("component"), dict):
            answers.update(modal_answers([component["component"]]))
        elif kind == 4 and "custom_id" in component:
            answers[str(component["custom_id"])] = str(component.get("value") or "")
    return answers
