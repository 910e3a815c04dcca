"""Any standard emoji an organizer picks for an outcome works on Slack, end to end: the real
slack-bolt app over Socket Mode, every cog, the fake Slack. The bot adds the reaction under the
name Slack knows, and a member's reaction with that name is counted."""

from __future__ import annotations

import pytest

from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import FakeSlack
from .conftest import ORGANIZER

TEMPLATE = "irs-data-privacy"


async def stored(services: Services) -> list[tuple[str, str]]:
    rows = await services.db.fetchall(
        "SELECT m.user_id, a.outcome FROM actions a JOIN members m ON m.id = a.member_id "
        "ORDER BY m.user_id"
    )
    return [(row[0], row[1]) for row in rows]


@pytest.mark.parametrize(
    ("picked", "shown", "slack_name"),
    [
        ("🗽", "🗽", "statue_of_liberty"),  # a name only the emoji package knows
        (":statue_of_liberty:", "🗽", "statue_of_liberty"),  # typed as a name
        ("🛑", "🛑", "octagonal_sign"),  # a name only Slack uses (the override table)
        ("☎", "☎\ufe0f", "phone"),  # a bare character, qualified for Discord too
    ],
)
async def test_an_outcome_emoji_picked_with_campaign_outcome_counts_on_slack(
    full_host: SlackHost,
    slack: FakeSlack,
    full_services: Services,
    picked: str,
    shown: str,
    slack_name: str,
) -> None:
    """`/campaign outcome ... letter 🗽 Wrote a letter`: the prompt gets the 🗽 reaction under
    Slack's name, and a member reacting with that name is counted as a letter."""
    imported = await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    assert f"*{TEMPLATE}* is active" in imported.text, imported.text
    line = f"/campaign outcome {TEMPLATE} letter {picked} Wrote a letter"
    chosen = await (await slack.slash(line, user=ORGANIZER)).reply()
    assert f"{shown} Wrote a letter (letter)" in chosen.text, chosen.text
    saved = await full_services.db.fetchall(
        "SELECT emoji, label FROM campaign_outcomes WHERE key = 'letter'"
    )
    assert [tuple(row) for row in saved] == [(shown, "Wrote a letter")]

    await (await slack.slash(f"/prompt post {TEMPLATE}", user=ORGANIZER)).reply()
    prompt = await slack.next_call("chat.postMessage")
    added = await slack.next_call("reactions.add", lambda c: c.args["name"] == slack_name)
    assert added.args["timestamp"] == prompt.response["ts"]

    since = len(slack.calls)
    await (await slack.react(str(prompt.response["ts"]), slack_name, user="U1")).ack()
    await slack.next_call(
        "chat.update",
        lambda c: c.args.get("ts") == prompt.response["ts"] and slack.calls.index(c) >= since,
    )
    assert await stored(full_services) == [("U1", "letter")]


async def test_a_reaction_name_slack_refuses_does_not_undo_the_prompt(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """Slack answering invalid_name to one reaction: the prompt stays posted and counted, the
    other reactions are added, and members' reactions still count."""
    await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    slack.fail("reactions.add", "invalid_name")
    done = await (await slack.slash(f"/prompt post {TEMPLATE}", user=ORGANIZER)).reply()
    assert f"Posted the prompt for *{TEMPLATE}* here." in done.text, done.text
    prompt = await slack.next_call("chat.postMessage")
    await slack.next_call("reactions.add", lambda c: c.args["name"] == "no_entry_sign")
    assert [c.response.get("ok") for c in slack.calls_to("reactions.add")] == [False, True, True]

    since = len(slack.calls)
    await (await slack.react(str(prompt.response["ts"]), "telephone_receiver", user="U1")).ack()
    await slack.next_call(
        "chat.update",
        lambda c: c.args.get("ts") == prompt.response["ts"] and slack.calls.index(c) >= since,
    )
    assert await stored(full_services) == [("U1", "contact")]
