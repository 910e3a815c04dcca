"""A Spanish-speaking member on Slack, end to end (issue 18's "done when"): the real slack-bolt
app over Socket Mode, every cog, the full lawmaker data and the fake Slack. Whether their Slack
speaks Spanish (users.info's locale, es-LA, with no /language) or they chose /language es in an
English Slack, /help, /reps, /setzip, /remind on and the reminder DM the scheduler sends,
"Get my script" on an English prompt, reporting by button and by reaction, /mystats, /privacy
and the App Home show nothing of the bot's English."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.domain.models import Platform
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import TEAM_ID, ApiCall, FakeSlack, Interaction, block_texts
from ..spanish_replies import assert_spanish
from .conftest import ORGANIZER, settle

TEMPLATE = "irs-data-privacy"
ENGLISH_TITLE = "Keep tax records confidential"  # the campaign's Spanish version has its own


@pytest.fixture
async def prompt(full_host: SlackHost, slack: FakeSlack) -> ApiCall:
    """The organizer imports the IRS campaign and posts its prompt: an English community's."""
    await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    await (await slack.slash(f"/prompt post {TEMPLATE}", user=ORGANIZER)).reply()
    posted = await slack.next_call("chat.postMessage")
    assert "Get my script" in posted.text
    return posted


def check(step: str, text: str) -> None:
    """Spanish, none of the bot's English, and the campaign named by its Spanish title."""
    assert_spanish(step, text)
    assert ENGLISH_TITLE not in text, f"{step}: the campaign's English title in\n{text}"


async def replies(slack: FakeSlack, host: SlackHost, done: Interaction) -> ApiCall:
    """The answer to an interaction: its first reply (a long one's later parts checked too)."""
    first = await done.reply()
    await settle(host)
    assert done.response_url is not None
    rid = done.response_url.rsplit("/", 1)[-1]
    for call in slack.calls_to("response_url"):
        if call.path == rid:
            check("a reply's later part", call.text)
    return first


def button_for(blocks: list[dict[str, Any]], wanted: str) -> str:
    """The label of the first button whose value holds ``wanted``."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "button" and wanted in str(node.get("value", "")):
                found.append(str(node["text"]["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    assert found, f"no button for {wanted!r}"
    return found[0]


async def walk_through(
    slack: FakeSlack, host: SlackHost, services: Services, prompt: ApiCall, user: str
) -> None:
    """Every surface of the issue, as ``user``; each reply is Spanish with no English."""

    async def run(step: str, line: str) -> str:
        answer = await replies(slack, host, await slack.slash(line, user=user))
        check(step, answer.text)
        return answer.text

    assert "Comandos" in await run("/help", "/help")
    assert "05401" in await run("/reps", "/reps 05401")
    await (await slack.click(prompt.blocks, "Get my script", user=user)).ack()
    form = (await slack.next_call("views.open")).args["view"]
    check("the ZIP form", "\n".join(block_texts([form])))
    [zip_input] = [b["block_id"] for b in form["blocks"] if b.get("type") == "input"]
    blank = await (await slack.submit(form, {zip_input: ""}, user=user)).ack()
    assert blank["payload"]["errors"] == {zip_input: "Llena este campo, por favor."}
    wrong = await (await slack.submit(form, {zip_input: "12"}, user=user)).ack()
    check("a wrong ZIP", str(wrong["payload"]["errors"][zip_input]))
    await run("/setzip", "/setzip 05401")
    assert "09:00" in await run("/remind on", "/remind on")
    await services.scheduler.engine.advance(timedelta(hours=2))  # Monday 09:00 in Vermont
    reminder = await slack.next_call("chat.postMessage", lambda c: c.args["channel"] == f"D{user}")
    assert "Posponer 1 hora" in reminder.text
    check("the reminder DM", reminder.text)

    ts = str(prompt.response["ts"])
    await (await slack.react(ts, "mailbox", user=user)).ack()
    said = await slack.next_call("chat.postEphemeral", lambda c: c.args.get("user") == user)
    assert "Anotado: 📫 Dejé un mensaje de voz" in said.text
    check("a reaction's answer", said.text)

    script = await replies(
        slack, host, await slack.click(prompt.blocks, "Get my script", user=user)
    )
    check("Get my script", script.text)
    pressed = await slack.click(script.blocks, button_for(script.blocks, ":contact"), user=user)
    counted = await replies(slack, host, pressed)
    check("an outcome button", counted.text)
    await (await slack.click(counted.blocks, "Contar qué dijo la oficina", user=user)).ack()
    note_form = (await slack.next_call("views.open")).args["view"]
    check("the note form", "\n".join(block_texts([note_form])))
    [note_input] = [b["block_id"] for b in note_form["blocks"] if b.get("type") == "input"]
    noted = await slack.submit(note_form, {note_input: "indeciso"}, user=user)
    await noted.ack()
    said = await slack.next_call("chat.postEphemeral", lambda c: c.args.get("user") == user)
    assert "indeciso" in said.text
    check("a note", said.text)

    assert "1" in await run("/mystats", "/mystats")
    await run("/privacy", "/privacy")
    assert "my-data.json" in await run("/privacy export", "/privacy export")
    await (await slack.open_home(user)).ack()
    home = await slack.next_call("views.publish", lambda c: c.args.get("user_id") == user)
    assert "Guardado para ti" in home.text
    check("the App Home", home.text)
    await run("/remind off", "/remind off")


async def test_a_member_whose_slack_speaks_spanish(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost, full_services: Services
) -> None:
    """U1's Slack is in Spanish (es-LA); they never typed /language."""
    slack.locales["U1"] = "es-LA"
    await walk_through(slack, full_host, full_services, prompt, "U1")
    u1 = await full_services.members.actor(Platform.SLACK, TEAM_ID, "U1", False)
    assert u1.member.language is None  # their Slack's language, not a stored choice
    asked = slack.calls_to("users.info")
    assert asked and all(c.args.get("include_locale") for c in asked)


async def test_a_member_who_chose_spanish_in_an_english_slack(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost, full_services: Services
) -> None:
    """U2's Slack is in English; they chose /language es."""
    chosen = await (await slack.slash("/language es", user="U2")).reply()
    assert "Te hablo en español" in chosen.text
    await walk_through(slack, full_host, full_services, prompt, "U2")
