"""Neutral Messages and Forms as Slack Block Kit, within Slack's limits.

A Message becomes: a header (title), sections (body, fields), an actions block per select (a
static_select) and actions blocks of buttons, and a context block (footer). Components carry
their neutral custom id (``cog.action:value``): a select as its ``action_id``, a button as its
``value`` (and its ``action_id``, made unique within the block). A Form becomes a modal whose
``callback_id`` is the form's custom id.

Besides its documented limits (3000 characters a section, 50 blocks a message), Slack refuses
a message whose blocks hold more than about 13,000 characters of text in all
(``msg_blocks_too_long``, undocumented, reported by other apps). A message with more is sent
as several (:func:`message_parts`), each at most :data:`PART_TEXT` characters and 50 blocks,
split between blocks, in order: the title starts the first, and the buttons, selects and
footer end the last, which is the one a post's reference names (reactions go there, and an
edit replaces it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from bot.domain.text import t
from bot.i18n.translator import Translator
from bot.messages import Button, Field, Form, FormField, Message, Select, Style, Tone
from bot.platforms.slack.text import (
    MENTIONS,
    People,
    chunks,
    clip,
    formatted,
    hold_mentions,
    mrkdwn,
    plain,
    put_back,
)

MAX_BLOCKS = 50  # per message
PART_TEXT = 10_000  # block text per message, well under the ~13,000 Slack refuses
PARTS_MAX = 5  # messages one answer may take (a response_url takes five); the rest is cut
PART_OF = "({part}/{parts})"  # added to each part's notification text: the same in any language
MAX_VIEW_BLOCKS = 100  # per modal or App Home view
SECTION_TEXT = 3000
FIELD_TEXT = 2000
FIELDS_PER_SECTION = 10
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTONS_PER_BLOCK = 25
OPTIONS_PER_SELECT = 100
OPTION_TEXT = 75
PLACEHOLDER_TEXT = 150
MODAL_TITLE = 24
INPUT_MAX = 3000
FALLBACK_TEXT = 300
FIELD_BLOCK_PREFIX = "field:"
INPUT_ACTION = "answer"
# Where a message or a view had to be cut: a mark read the same in any language (the renderer
# does not know the reader's, and the note is rare: more than five messages of 10,000 characters).
CUT_NOTE = "✂ …"


def message_parts(message: Message, people: People = MENTIONS) -> list[dict[str, Any]]:
    """The ``text`` (notification fallback) and ``blocks`` of each chat message that shows
    ``message``: one, or several when its blocks hold more text than one message takes.
    ``people`` says how the members it mentions are shown (as mentions, or by name in public
    messages)."""
    content, ending = _blocks(message, people)
    pages = _pages(content, ending)
    text = fallback_text(message, people)
    if len(pages) == 1:
        return [{"text": text, "blocks": pages[0]}]
    return [
        {"text": f"{text} {PART_OF.format(part=number, parts=len(pages))}", "blocks": page}
        for number, page in enumerate(pages, start=1)
    ]


def block_text_length(blocks: Iterable[Mapping[str, Any]]) -> int:
    """The characters of text in ``blocks`` (every plain_text and mrkdwn object), as Slack's
    limit on a message counts them."""
    total = 0
    stack: list[Any] = list(blocks)
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            if node.get("type") in ("plain_text", "mrkdwn") and isinstance(node.get("text"), str):
                total += len(node["text"])
            else:
                stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return total


def fallback_text(message: Message, people: People = MENTIONS) -> str:
    """A short, escaped summary for notifications and screen readers."""
    parts = [p for p in (message.title, message.body) if p]
    if not parts and message.fields:
        parts = [message.fields[0].name]
    held, ids = hold_mentions(" — ".join(parts))
    text = plain(held) or "organizer-bot"
    text = put_back(formatted(clip(" ".join(text.split()), FALLBACK_TEXT)), ids, people.mrkdwn)
    return f":warning: {text}" if message.tone is Tone.ERROR else text


def message_blocks(
    message: Message, limit: int = MAX_BLOCKS, people: People = MENTIONS
) -> list[dict[str, Any]]:
    """Block Kit blocks for a Message in one list (a view's part), at most ``limit``."""
    content, ending = _blocks(message, people)
    blocks = [*content, *ending]
    if len(blocks) > limit:
        blocks = [*blocks[: limit - 1], context(CUT_NOTE)]
    return blocks


Blocks = list[dict[str, Any]]


def _blocks(message: Message, people: People) -> tuple[Blocks, Blocks]:
    """The message's blocks: what it says (title, body, fields), and how it ends (selects,
    buttons and footer), which stays whole and last when the message is split or cut."""
    content: Blocks = []
    if message.title:
        content.append(header(message.title, people))
    body = message.body
    if message.tone is Tone.ERROR:
        body = f":warning: {body}"
    if body.strip():
        content += [section(piece) for piece in chunks(mrkdwn(body, people), SECTION_TEXT)]
    content += field_blocks(message.fields, people)
    ending: Blocks = [
        {"type": "actions", "elements": [static_select(select)]} for select in message.selects
    ]
    ending += button_blocks(message.buttons)
    if message.footer:
        ending.append(context(message.footer, people))
    if not content and not ending:
        content.append(section(" "))
    return content, ending


def _pages(content: Blocks, ending: Blocks) -> list[Blocks]:
    """The blocks in messages of at most PART_TEXT characters and MAX_BLOCKS blocks; past
    PARTS_MAX messages the content is cut (with a note) so that the ending still fits."""
    pages = _fill([*content, *ending])
    if len(pages) <= PARTS_MAX:
        return pages
    last = _fill([context(CUT_NOTE), *ending])
    kept = _fill(content)[: max(PARTS_MAX - len(last), 0)]
    return [*kept, *last][-PARTS_MAX:]


def _fill(blocks: Blocks) -> list[Blocks]:
    """Blocks in order, a message filled before the next is begun."""
    pages: list[Blocks] = [[]]
    size = 0
    for block in blocks:
        length = block_text_length([block])
        full = len(pages[-1]) == MAX_BLOCKS or size + length > PART_TEXT
        if pages[-1] and full:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += length
    return pages


def header(title: str, people: People = MENTIONS) -> dict[str, Any]:
    return {"type": "header", "text": plain_text(clip(plain(title, people), HEADER_TEXT))}


def section(text_mrkdwn: str) -> dict[str, Any]:
    """A section of already-safe mrkdwn."""
    return {"type": "section", "text": mrkdwn_text(text_mrkdwn)}


def context(markdown: str, people: People = MENTIONS) -> dict[str, Any]:
    text = clip(mrkdwn(markdown, people), SECTION_TEXT)
    return {"type": "context", "elements": [mrkdwn_text(text)]}


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def field_blocks(fields: Iterable[Field], people: People = MENTIONS) -> list[dict[str, Any]]:
    """Inline fields side by side (Slack's two-column section fields); others one per section."""
    blocks: list[dict[str, Any]] = []
    row: list[dict[str, Any]] = []

    def flush() -> None:
        if row:
            blocks.append({"type": "section", "fields": list(row)})
            row.clear()

    for field in fields:
        text = f"*{mrkdwn(field.name, people)}*\n{mrkdwn(field.value, people)}"
        if field.inline:
            item = mrkdwn_text(clip(text, FIELD_TEXT))
            if block_text_length(row) + len(item["text"]) > SECTION_TEXT:
                flush()  # a row of long fields would outweigh a section
            row.append(item)
            if len(row) == FIELDS_PER_SECTION:
                flush()
            continue
        flush()
        blocks += [section(piece) for piece in chunks(text, SECTION_TEXT)]
    flush()
    return blocks


def static_select(select: Select) -> dict[str, Any]:
    options = [
        {
            "text": plain_text(clip(option.label, OPTION_TEXT)),
            "value": option.value,
            **(
                {"description": plain_text(clip(option.description, OPTION_TEXT))}
                if option.description
                else {}
            ),
        }
        for option in select.options[:OPTIONS_PER_SELECT]
    ]
    return {
        "type": "static_select",
        "action_id": select.custom_id,
        "placeholder": plain_text(clip(select.placeholder, PLACEHOLDER_TEXT)),
        "options": options,
    }


def button_blocks(buttons: Iterable[Button]) -> list[dict[str, Any]]:
    """Actions blocks of at most 25 buttons; ``action_id`` is unique within its block."""
    blocks = []
    items = list(buttons)
    for start in range(0, len(items), BUTTONS_PER_BLOCK):
        seen: dict[str, int] = {}
        elements = []
        for button in items[start : start + BUTTONS_PER_BLOCK]:
            cid = button.custom_id
            seen[cid] = seen.get(cid, 0) + 1
            element: dict[str, Any] = {
                "type": "button",
                "text": plain_text(clip(button.label, BUTTON_TEXT)),
                "action_id": cid if seen[cid] == 1 else f"{cid}#{seen[cid]}",
                "value": cid,
            }
            style = _STYLES.get(button.style)
            if style:
                element["style"] = style
            elements.append(element)
        blocks.append({"type": "actions", "elements": elements})
    return blocks


_STYLES = {Style.PRIMARY: "primary", Style.SUCCESS: "primary", Style.DANGER: "danger"}


def plain_text(text: str) -> dict[str, Any]:
    """A plain_text object: shown literally, so it can never mention anyone."""
    return {"type": "plain_text", "text": text or " ", "emoji": True}


def mrkdwn_text(text: str) -> dict[str, Any]:
    """A verbatim mrkdwn object: Slack formats it but adds no links or mentions of its own."""
    return {"type": "mrkdwn", "text": text or " ", "verbatim": True}


# -- forms as modals ----------------------------------------------------------------------


def modal(form: Form, channel_id: str | None) -> dict[str, Any]:
    """A modal for ``form``; ``channel_id`` is where its answer should be shown."""
    return {
        "type": "modal",
        "callback_id": form.custom_id,
        "title": plain_text(clip(form.title, MODAL_TITLE)),
        "submit": plain_text("Submit"),
        "close": plain_text("Cancel"),
        "private_metadata": json.dumps({"channel": channel_id or ""}),
        "blocks": [input_block(field) for field in form.fields[:MAX_VIEW_BLOCKS]],
    }


def input_block(field: FormField) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": INPUT_ACTION,
        "multiline": field.long,
        "max_length": min(field.max_length, INPUT_MAX),
    }
    if field.default:
        element["initial_value"] = field.default
    if field.placeholder:
        element["placeholder"] = plain_text(clip(field.placeholder, PLACEHOLDER_TEXT))
    return {
        "type": "input",
        "block_id": FIELD_BLOCK_PREFIX + field.name,
        "optional": not field.required,
        "label": plain_text(clip(field.label, FIELD_TEXT)),
        "element": element,
    }


def modal_channel(view: Mapping[str, Any]) -> str | None:
    """The channel a submitted modal's answer belongs in (from its private metadata)."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return None
    channel = meta.get("channel") if isinstance(meta, dict) else None
    return channel if isinstance(channel, str) and channel else None


def form_answers(view: Mapping[str, Any]) -> dict[str, str]:
    """The answers of a submitted modal by field name ("" for a field left empty)."""
    values = view.get("state", {}).get("values", {})
    answers = {}
    for block in view.get("blocks", []):
        block_id = str(block.get("block_id", ""))
        if block.get("type") != "input" or not block_id.startswith(FIELD_BLOCK_PREFIX):
            continue
        value = values.get(block_id, {}).get(INPUT_ACTION, {}).get("value")
        answers[block_id.removeprefix(FIELD_BLOCK_PREFIX)] = value or ""
    return answers


FILL_IN = t("Please fill this in.")
TOO_LONG = t("That is {length} characters; the limit is {limit}.")


def form_errors(view: Mapping[str, Any], words: Translator | None = None) -> dict[str, str]:
    """Problems to show under the modal's inputs: a required answer missing, or too long (in
    ``words``, the person's; English by default).

    Slack's clients enforce these as well; the host checks again rather than trust a client.
    """
    words = words or Translator("en")
    answers = form_answers(view)
    errors = {}
    for block in view.get("blocks", []):
        block_id = str(block.get("block_id", ""))
        name = block_id.removeprefix(FIELD_BLOCK_PREFIX)
        if name not in answers or block_id == name:
            continue
        answer = answers[name].strip()
        limit = block.get("element", {}).get("max_length")
        if not answer and not block.get("optional", False):
            errors[block_id] = words.render(FILL_IN)
        elif isinstance(limit, int) and len(answer) > limit:
            errors[block_id] = words.render(TOO_LONG.with_values(length=len(answer), limit=limit))
    return errors


def first_input(view: Mapping[str, Any]) -> str | None:
    """The block id of the modal's first input (where a general error is shown)."""
    for block in view.get("blocks", []):
        if block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return None
