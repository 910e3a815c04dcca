"""Alt text on Slack: every chart the bot uploads carries alt_txt (what screen readers say),
sent by the real slack_sdk client and seen by the fake Slack."""

from __future__ import annotations

from bot.domain.models import Platform
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import TEAM_ID, FakeSlack
from .conftest import ORGANIZER

TEMPLATE = "irs-data-privacy"
SANDERS = "S000033"


async def test_stats_chart_and_map_are_uploaded_with_their_alt_text(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    await (await slack.slash(f"/prompt post {TEMPLATE}", user=ORGANIZER)).reply()
    ann = await full_services.members.actor(Platform.SLACK, TEAM_ID, "U1", False)
    reported = await full_services.actions.report(ann, "contact", prompt_id=1, lawmaker=SANDERS)
    assert reported.action is not None

    await (await slack.slash(f"/stats {TEMPLATE}", user=ORGANIZER)).reply()
    chart = await slack.next_call("files.getUploadURLExternal")
    assert chart.args["filename"] == "actions-per-day.png"
    assert chart.args["alt_txt"].startswith("Bar chart of actions per day for ")

    await (await slack.slash(f"/map calls {TEMPLATE} all calls", user=ORGANIZER)).reply()
    tiles = await slack.next_call("files.getUploadURLExternal")
    assert tiles.args["filename"] == "calls-by-state.png"
    assert tiles.args["alt_txt"].startswith("Tile map of the 50 states, DC and 5 territories")
    assert "the most: VT 1." in tiles.args["alt_txt"]
    uploaded = [f for f in slack.files.values() if f["filename"] == "calls-by-state.png"]
    assert uploaded[0]["alt_txt"] == tiles.args["alt_txt"]  # the fake kept it with the file
