"""Rendering neutral messages and forms for Discord, within Discord's limits."""

from __future__ import annotations

import discord

from bot.messages import (
    Attachment,
    Button,
    Field,
    Form,
    FormField,
    Message,
    Select,
    SelectOption,
    Style,
    Tone,
)
from bot.platforms.discord.render import (
    COLOURS,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_VALUE_MAX,
    PAGES_MAX,
    embed_pages,
    modal_answers,
    modal_for,
    render,
    render_pages,
    unwrap_dm_id,
    view_for,
    wrap_dm_id,
)


def embed_size(embeds: list[discord.Embed]) -> int:
    return sum(len(e) for e in embeds)


def rows(view: discord.ui.View) -> dict[int, list[discord.ui.Item[discord.ui.View]]]:
    found: dict[int, list[discord.ui.Item[discord.ui.View]]] = {}
    for component in view.to_components():
        found[len(found)] = component["components"]
    return found


def test_message_becomes_an_embed_with_tone_colour() -> None:
    """Title, body, fields and footer go into one embed coloured by the message's tone."""
    message = Message(
        body="**Call** today",
        title="Campaign",
        fields=(Field("Script", "Hello", inline=True),),
        footer="Thanks",
        tone=Tone.SUCCESS,
    )
    [embed] = render(message).embeds
    assert (embed.title, embed.description, embed.footer.text) == (
        "Campaign",
        "**Call** today",
        "Thanks",
    )
    assert [(f.name, f.value, f.inline) for f in embed.fields] == [("Script", "Hello", True)]
    assert embed.colour is not None and embed.colour.value == COLOURS[Tone.SUCCESS]
    assert render(Message.error("no")).embeds[0].colour.value == COLOURS[Tone.ERROR]


def test_long_body_continues_on_a_second_message() -> None:
    """A body longer than one message allows is split at line breaks and nothing is lost."""
    paragraph = "word " * 150 + "\n"
    body = paragraph * 12  # about 9000 characters
    pages = embed_pages(Message(body=body, title="Long", footer="end"))
    assert len(pages) == 2
    assert all(embed_size(page) <= EMBED_TOTAL_MAX for page in pages)
    assert all(len(e.description or "") <= DESCRIPTION_MAX for page in pages for e in page)
    shown = " ".join(e.description or "" for page in pages for e in page)
    assert shown.split() == body.split()
    assert pages[0][0].title == "Long" and pages[-1][-1].footer.text == "end"


def test_huge_messages_are_cut_after_five_messages() -> None:
    """Beyond five full messages the rest is cut; every message fits Discord's limits."""
    fields = tuple(Field(f"Field {i}", "v" * 2000) for i in range(40))
    message = Message(body="b" * 40_000, title="t" * 300, fields=fields, footer="f")
    pages = embed_pages(message)
    assert len(pages) == PAGES_MAX
    assert all(embed_size(page) <= EMBED_TOTAL_MAX and len(page) <= 10 for page in pages)
    assert pages[0][0].title is not None and len(pages[0][0].title) == 256
    assert pages[0][0].title.endswith("…")
    assert pages[-1][-1].footer.text == "f"


def test_pages_after_the_first_carry_no_components_or_files() -> None:
    """Buttons and files go with the first message only."""
    message = Message(
        body="w " * 8000,
        buttons=(Button("Go", "a.b"),),
        attachments=(Attachment("a.csv", b"x", "text/csv"),),
    )
    first, *rest = render_pages(message)
    assert first.view is not None and [f.filename for f in first.files] == ["a.csv"]
    assert rest and all(r.view is None and r.files == [] for r in rest)


def test_long_fields_continue_and_25_fields_fill_an_embed() -> None:
    """A value over 1024 characters continues in an unnamed field; field 26 starts an embed."""
    lines = "\n".join(f"`/command{i}` does something useful" for i in range(40))
    fields = (Field("Commands", lines), *(Field(f"F{i}", "ok") for i in range(29)))
    embeds = render(Message(fields=fields)).embeds
    first = embeds[0].fields
    assert len(first) == 25
    assert first[0].name == "Commands" and first[1].name == "\u200b"
    assert all(len(f.value or "") <= FIELD_VALUE_MAX for e in embeds for f in e.fields)
    shown = "\n".join(f.value or "" for f in first[:2])
    assert shown == lines
    assert sum(len(e.fields) for e in embeds) == 31


def test_empty_field_text_is_replaced_by_a_blank() -> None:
    """Discord refuses empty field names and values; they become an invisible blank."""
    [embed] = render(Message(fields=(Field("", ""),))).embeds
    assert embed.fields[0].name and embed.fields[0].value


def test_buttons_fill_rows_of_five_after_the_selects() -> None:
    """Selects take a row each, buttons go five to a row, and nothing goes past row five."""
    buttons = tuple(Button(f"B{i}", "a.b", str(i)) for i in range(30))
    selects = (Select("a.s", (SelectOption("One", "1"),)),)
    view = view_for(Message(buttons=buttons, selects=selects))
    assert view is not None
    layout = rows(view)
    assert len(layout) == 5
    assert layout[0][0]["type"] == 3
    assert [len(r) for r in layout.values()] == [1, 5, 5, 5, 5]


def test_button_styles_and_custom_ids() -> None:
    """Each button keeps its style and its namespaced custom id."""
    view = view_for(Message(buttons=(Button("Go", "sample.poke", "x", Style.DANGER),)))
    assert view is not None
    [[button]] = rows(view).values()
    assert button["custom_id"] == "sample.poke:x"
    assert button["style"] == discord.ButtonStyle.danger.value


def test_duplicate_custom_ids_are_left_out() -> None:
    """Discord rejects two components with one custom id; the second is dropped."""
    view = view_for(Message(buttons=(Button("A", "a.b", "1"), Button("B", "a.b", "1"))))
    assert view is not None
    assert [b["label"] for r in rows(view).values() for b in r] == ["A"]


def test_select_keeps_25_unique_options() -> None:
    """A select holds 25 options with unique values; labels are cut to 100 characters."""
    options = tuple(SelectOption("L" * 150, str(i % 30)) for i in range(40))
    view = view_for(Message(selects=(Select("a.s", options),)))
    assert view is not None
    [[menu]] = rows(view).values()
    assert len(menu["options"]) == 25
    assert len({o["value"] for o in menu["options"]}) == 25
    assert all(len(o["label"]) <= 100 for o in menu["options"])


def test_rendered_views_are_never_stored_by_discord_py() -> None:
    """Views are stopped, so discord.py keeps no copy: routing is by custom id alone."""
    view = view_for(Message(buttons=(Button("A", "a.b"),)))
    assert view is not None and view.is_finished()


def test_attachments_become_files_and_the_image_shows_in_the_embed() -> None:
    """An image attachment is sent as a file and shown as the embed's image."""
    chart = Attachment("my chart.png", b"\x89PNG...", "image/png")
    rendered = render(Message(title="Calls", attachments=(chart,)))
    assert [f.filename for f in rendered.files] == ["my_chart.png"]
    assert rendered.embeds[0].image.url == "attachment://my_chart.png"


def test_an_empty_message_still_has_content() -> None:
    """Discord refuses a message with nothing in it; an invisible blank is sent instead."""
    rendered = render(Message())
    assert rendered.embeds == [] and rendered.content


def test_mentions_are_never_allowed() -> None:
    """Every send and edit forbids all mentions."""
    rendered = render(Message(body="@everyone <@123>"))
    assert rendered.send_kwargs()["allowed_mentions"].to_dict() == {"parse": []}
    assert rendered.edit_kwargs()["allowed_mentions"].to_dict() == {"parse": []}


def test_form_becomes_a_modal_with_five_inputs_at_most() -> None:
    """Only five inputs fit in a modal; long fields are paragraphs, others short lines."""
    fields = tuple(FormField(f"f{i}", f"Field {i}", long=i == 1) for i in range(7))
    modal = modal_for(Form("sample.note", "New note", fields, value="misc"))
    payload = modal.to_dict()
    assert payload["custom_id"] == "sample.note:misc"
    inputs = [c["component"] for c in payload["components"]]
    assert [i["custom_id"] for i in inputs] == ["f0", "f1", "f2", "f3", "f4"]
    assert [i["style"] for i in inputs[:2]] == [1, 2]


def test_modal_title_and_labels_are_cut_to_45_characters() -> None:
    """Titles and labels longer than 45 characters are cut; the full label is the description."""
    label = "What would you like to tell your senator about this bill today?"
    form = Form("a.b", "T" * 60, (FormField("why", label, max_length=9000, default="d" * 5000),))
    payload = modal_for(form).to_dict()
    assert len(payload["title"]) == 45
    [row] = payload["components"]
    assert len(row["label"]) == 45 and row["label"].endswith("…")
    assert row["description"] == label
    assert row["component"]["max_length"] == 4000
    assert len(row["component"]["value"]) == 4000


def test_modal_answers_are_read_from_labels_and_rows() -> None:
    """Submitted values are found in label components and in legacy action rows."""
    components = [
        {"type": 18, "component": {"type": 4, "custom_id": "title", "value": "Hi"}},
        {"type": 1, "components": [{"type": 4, "custom_id": "body", "value": "Text"}]},
    ]
    assert modal_answers(components) == {"title": "Hi", "body": "Text"}


def test_dm_component_ids_carry_their_server() -> None:
    """A component in a DM names its server; ids that would grow too long stay as they are."""
    wrapped = wrap_dm_id("sample.poke:box", "2000000000000000001")
    assert unwrap_dm_id(wrapped) == ("2000000000000000001", "sample.poke:box")
    assert unwrap_dm_id("sample.poke:box") == (None, "sample.poke:box")
    long_id = "a.b:" + "x" * 90
    assert wrap_dm_id(long_id, "2000000000000000001") == long_id
