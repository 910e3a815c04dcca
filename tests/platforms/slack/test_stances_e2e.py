"""Tagging what the office said on Slack, end to end: the real slack-bolt app over Socket
Mode, every cog, the full lawmaker data and the fake Slack. After "made contact" for a
lawmaker the private answer carries the four tag buttons; the last one pressed is kept."""

from __future__ import annotations

from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import FakeSlack
from .conftest import ORGANIZER

TEMPLATE = "irs-data-privacy"


async def test_a_caller_tags_what_the_office_said(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """U1 reports contact with Sen. Sanders, tags 'supports', then 'no answer on it'."""
    await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    await (await slack.slash(f"/prompt post {TEMPLATE}", user=ORGANIZER)).reply()
    prompt = await slack.next_call("chat.postMessage")
    await (await slack.slash("/setzip 05401", user="U1")).reply()
    script = await (await slack.click(prompt.blocks, "Get my script", user="U1")).reply()
    counted = await (
        await slack.click(script.blocks, "Sen. Sanders: Made contact", user="U1")
    ).reply()
    assert counted.args["response_type"] == "ephemeral"
    assert "Did the office say where they stand?" in counted.text
    noted = await (await slack.click(counted.blocks, "supports", user="U1")).reply()
    assert "Noted: Sen. Bernard Sanders (I-VT)'s office, “supports”" in noted.text
    again = await (await slack.click(noted.blocks, "no answer on it", user="U1")).reply()
    assert "“no answer on it”" in again.text
    rows = await full_services.db.fetchall(
        "SELECT a.lawmaker, g.tag FROM action_tags g JOIN actions a ON a.id = g.action_id"
    )
    assert [tuple(r) for r in rows] == [("S000033", "no_answer")]


async def test_an_organizer_sets_a_stance_and_reads_the_board(
    full_host: SlackHost, slack: FakeSlack
) -> None:
    """/stance set and /stances answer the organizer privately; a member may not set one."""
    await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    refused = await (await slack.slash("/stance set S000033 supports", user="U1")).reply()
    assert "is now marked" not in refused.text
    done = await (
        await slack.slash("/stance set S000033 en contra said no", user=ORGANIZER)
    ).reply()
    assert done.args["response_type"] == "ephemeral"
    assert "is now marked “opposes”" in done.text
    board = await (await slack.slash("/stances", user=ORGANIZER)).reply()
    assert board.args["response_type"] == "ephemeral"
    assert "Sen. Bernard Sanders (I-VT)*: opposes · 0 calls" in board.text
