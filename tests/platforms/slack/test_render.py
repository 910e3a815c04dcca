"""Block Kit rendering and safe text: escaping, markdown, Slack's limits, modals."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from bot.messages import Button, Field, Form, FormField, Message, Select, SelectOption, Style, Tone
from bot.platforms.slack import render
from bot.platforms.slack.text import chunks, command_text, escape, mrkdwn, unescape

from ...fakes.slack_server import block_texts


def test_escape_covers_slacks_three_characters() -> None:
    """&, < and > become entities; unescape undoes it exactly."""
    assert escape("a & <b> <!here>") == "a &amp; &lt;b&gt; &lt;!here&gt;"
    assert unescape(escape("x &lt; <y> & z")) == "x &lt; <y> & z"


@given(st.text(max_size=200))
def test_no_rendered_text_can_open_a_mention(text: str) -> None:
    """Whatever people write, mrkdwn output has no '<' except in the links it writes itself."""
    out = mrkdwn(text)
    assert "<!" not in out and "<@" not in out and "<#" not in out
    assert out.count("<") == out.count(">")


def test_markdown_becomes_mrkdwn() -> None:
    """Bold, italics, strike and http(s) links are converted; other brackets stay text."""
    assert mrkdwn("**Call** *now* ~~later~~") == "*Call* _now_ ~later~"
    assert (
        mrkdwn("[House](https://house.gov/a?b=1&c=2)") == "<https://house.gov/a?b=1&amp;c=2|House>"
    )
    assert mrkdwn("[x](javascript:alert(1))") == "[x](javascript:alert(1))"
    assert mrkdwn("[<!here>](https://x.org)") == "<https://x.org|&lt;!here&gt;>"


def test_command_text_is_unescaped_and_quotes_straightened() -> None:
    """Slack's escaped slash-command text comes back as typed; “ ” become \"."""
    assert command_text("&lt;b&gt; “two words” don’t") == '<b> "two words" don’t'


def test_long_text_is_split_at_lines_and_never_inside_an_entity() -> None:
    """Pieces respect the limit, prefer line breaks and keep &amp; whole."""
    assert chunks("aaa\nbbb\nccc", 8) == ["aaa\nbbb", "ccc"]
    pieces = chunks("x" * 5 + "&amp;" + "y" * 5, 8)
    assert all(len(p) <= 8 for p in pieces)
    assert "&amp;" in "".join(pieces) and all(p.count("&") == p.count(";") for p in pieces)


def test_a_full_message_renders_every_part() -> None:
    """Title, body, inline and block fields, a select, buttons and a footer, in order."""
    message = Message(
        title="Call **today**",
        body="Ask for a *yes*.",
        fields=(Field("A", "1", inline=True), Field("B", "2", inline=True), Field("C", "long")),
        selects=(Select("x.size", (SelectOption("Small", "s", "tiny"),), placeholder="Size"),),
        buttons=(
            Button("Go", "x.go", "1", Style.PRIMARY),
            Button("Stop", "x.go", "2", Style.DANGER),
        ),
        footer="Thanks",
    )
    blocks = render.message_blocks(message)
    assert [b["type"] for b in blocks] == [
        "header",
        "section",
        "section",
        "section",
        "actions",
        "actions",
        "context",
    ]
    assert blocks[0]["text"]["text"] == "Call today"
    assert [f["text"] for f in blocks[2]["fields"]] == ["*A*\n1", "*B*\n2"]
    select = blocks[4]["elements"][0]
    assert select["action_id"] == "x.size:" and select["options"][0]["value"] == "s"
    go, stop = blocks[5]["elements"]
    assert (go["value"], go["style"], stop["style"]) == ("x.go:1", "primary", "danger")


def test_buttons_with_the_same_id_get_distinct_action_ids() -> None:
    """Slack wants unique action_ids; the custom id stays in the value for routing."""
    blocks = render.button_blocks([Button("A", "x.go", "1"), Button("B", "x.go", "1")])
    first, second = blocks[0]["elements"]
    assert first["action_id"] != second["action_id"]
    assert first["value"] == second["value"] == "x.go:1"


def test_slack_limits_are_respected() -> None:
    """Long titles, labels and bodies are cut; at most 25 buttons a block, 50 blocks a message."""
    buttons = tuple(Button(f"Button {i} " + "x" * 80, "x.b", str(i)) for i in range(30))
    message = Message(title="T" * 200, body="word " * 2000, buttons=buttons)
    blocks = render.message_blocks(message)
    assert len(blocks[0]["text"]["text"]) == 150
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [len(a["elements"]) for a in actions] == [25, 5]
    assert all(len(e["text"]["text"]) <= 75 for a in actions for e in a["elements"])
    many = Message(fields=tuple(Field(str(i), "v") for i in range(80)))
    cut = render.message_blocks(many)
    assert len(cut) == 50 and render.CUT_NOTE in cut[-1]["elements"][0]["text"]


def test_errors_are_marked_and_fallback_text_is_escaped() -> None:
    """An error starts with :warning:; the notification text is short and escaped."""
    message = Message.error("No <!channel> for you")
    assert render.fallback_text(message) == ":warning: No &lt;!channel&gt; for you"
    assert render.message_blocks(message)[0]["text"]["text"].startswith(":warning: ")
    assert render.fallback_text(Message(tone=Tone.SUCCESS)) == "organizer-bot"


def test_a_form_becomes_a_modal_and_its_answers_are_read_back() -> None:
    """Fields become inputs (required, multiline, max length); answers map back by name."""
    form = Form(
        "c.edit",
        "Edit the campaign called something long",
        (FormField("title", "Title", max_length=5000), FormField("why", "Why", long=True)),
        value="slug",
    )
    view = render.modal(form, "C1")
    assert view["callback_id"] == "c.edit:slug" and len(view["title"]["text"]) == 24
    assert json.loads(view["private_metadata"]) == {"channel": "C1"}
    title, why = view["blocks"]
    assert title["element"]["max_length"] == 3000 and why["element"]["multiline"] is True
    view["state"] = {"values": {"field:title": {"answer": {"value": "Hi"}}}}
    assert render.form_answers(view) == {"title": "Hi", "why": ""}
    assert render.form_errors(view) == {"field:why": "Please fill this in."}
    assert render.modal_channel(view) == "C1"
    assert render.modal_channel({"private_metadata": "not json"}) is None


def test_no_text_object_is_empty() -> None:
    """Slack rejects empty text objects: an empty message still renders a valid block."""
    blocks = render.message_blocks(Message())
    assert blocks == [{"type": "section", "text": render.mrkdwn_text(" ")}]
    assert all(t for t in block_texts(blocks))


# -- one answer in several messages ------------------------------------------------------------
def long_message(paragraphs: int) -> Message:
    body = "\n".join(f"Paragraph {i}: " + "word " * 100 for i in range(paragraphs))
    return Message(
        title="Your calls",
        body=body,
        buttons=(Button("Made contact", "x.done", "1"),),
        selects=(Select("x.who", (SelectOption("Ann", "a"),)),),
        footer="Read it as written.",
    )


def sections_text(parts: list[dict]) -> str:
    return "\n".join(
        b["text"]["text"] for p in parts for b in p["blocks"] if b["type"] == "section"
    )


def test_a_short_message_is_one_part() -> None:
    message = Message(title="Hi", body="there")
    assert render.message_parts(message) == [
        {"text": render.fallback_text(message), "blocks": render.message_blocks(message)}
    ]


def test_a_long_message_is_split_between_blocks_with_the_controls_last() -> None:
    """Each part holds at most PART_TEXT characters of block text and 50 blocks; the title
    starts the first, the selects, buttons and footer end the last; nothing is lost."""
    message = long_message(50)  # about 26,000 characters
    parts = render.message_parts(message)
    count = len(parts)
    assert count >= 3
    assert all(render.block_text_length(p["blocks"]) <= render.PART_TEXT for p in parts)
    assert all(len(p["blocks"]) <= render.MAX_BLOCKS for p in parts)
    assert parts[0]["blocks"][0]["type"] == "header"
    kinds = [[b["type"] for b in p["blocks"]] for p in parts]
    assert [i for i, k in enumerate(kinds) if "actions" in k] == [count - 1]
    assert kinds[-1][-3:] == ["actions", "actions", "context"]
    assert sections_text(parts).replace("\n", "") == mrkdwn(message.body).replace("\n", "")
    assert [p["text"].rsplit(" (", 1)[1] for p in parts] == [
        f"{n}/{count})" for n in range(1, count + 1)
    ]


def test_block_text_is_counted_as_the_fake_counts_it() -> None:
    """The host's measure is the fake Slack's (every plain_text and mrkdwn text)."""
    blocks = render.message_blocks(long_message(3))
    assert render.block_text_length(blocks) == sum(len(t) for t in block_texts(blocks))


def test_many_blocks_make_more_parts_instead_of_a_cut() -> None:
    """80 fields (80 blocks) take two messages, all shown."""
    many = Message(fields=tuple(Field(str(i), "v") for i in range(80)))
    parts = render.message_parts(many)
    assert [len(p["blocks"]) for p in parts] == [50, 30]


def test_an_answer_past_five_parts_is_cut_but_keeps_its_controls() -> None:
    """Past PARTS_MAX messages the text is cut with a note; the buttons and footer stay."""
    parts = render.message_parts(long_message(400))
    assert len(parts) == render.PARTS_MAX
    assert all(render.block_text_length(p["blocks"]) <= render.PART_TEXT for p in parts)
    last = parts[-1]["blocks"]
    assert render.CUT_NOTE in str(last) and [b["type"] for b in last][-3:] == [
        "actions",
        "actions",
        "context",
    ]


def test_long_inline_fields_do_not_make_one_oversized_section() -> None:
    """Ten inline fields of 1,900 characters are not one 19,000-character section."""
    fields = tuple(Field(f"F{i}", "x" * 1900, inline=True) for i in range(10))
    blocks = render.field_blocks(fields)
    assert all(render.block_text_length([b]) <= render.SECTION_TEXT for b in blocks)
    assert sum(len(b["fields"]) for b in blocks) == 10
