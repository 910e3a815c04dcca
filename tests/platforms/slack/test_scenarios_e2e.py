"""Feature scenarios on Slack: the real slack-bolt app over Socket Mode, every cog in cogs/ and
the full lawmaker data, driven through the fake Slack as members and organizers would use them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.core.permissions import ORGANIZERS_ONLY
from bot.domain.campaign_models import DEFAULT_OUTCOMES
from bot.domain.models import Actor, Member, Platform
from bot.messages import Button
from bot.platforms.slack.emoji import from_slack
from bot.platforms.slack.host import SlackHost
from bot.platforms.slack.render import button_blocks
from bot.services import Services

from ...fakes.slack_server import GENERAL, TEAM_ID, ApiCall, FakeSlack
from .conftest import ORGANIZER

TEMPLATE = "irs-data-privacy"
NEW_CAMPAIGN = {
    "field:title": "Protect IRS data",
    "field:ask": "Tell Congress to protect taxpayer data.",
    "field:script": "Hi, I'm calling {lawmaker} about IRS data.",
}
SANDERS = ("Sen. Bernard Sanders (I-VT)", "(202) 224-5141")
WELCH = ("Sen. Peter Welch (D-VT)", "(202) 224-4242")
GONE = "That prompt is no longer available."


async def actor(services: Services, user: str) -> Actor:
    """The stored community and member record of a Slack user of the fake workspace."""
    return await services.members.actor(Platform.SLACK, TEAM_ID, user, False)


async def member(services: Services, user: str) -> Member:
    return (await actor(services, user)).member


async def command(slack: FakeSlack, line: str, user: str) -> ApiCall:
    """Type a slash command and return the answer posted to its response_url."""
    return await (await slack.slash(line, user=user)).reply()


def private(call: ApiCall) -> bool:
    return call.args.get("response_type") == "ephemeral"


async def create_campaign(slack: FakeSlack, answers: dict[str, str]) -> str:
    """The organizer fills in the campaign modal, starts the campaign and returns its slug."""
    await (await slack.slash("/campaign create", user=ORGANIZER)).ack()
    view = (await slack.next_call("views.open")).args["view"]
    done = await slack.submit(view, answers, user=ORGANIZER)
    assert "payload" not in await done.ack(), "the modal closes"
    saved = await slack.next_call("chat.postEphemeral", lambda c: c.args["user"] == ORGANIZER)
    assert "a draft called *" in saved.text, saved.text
    slug = saved.text.split("a draft called *", 1)[1].split("*", 1)[0]
    started = await command(slack, f"/campaign resume {slug}", ORGANIZER)
    assert f"*{slug}* is active" in started.text, started.text
    return slug


async def post_prompt(slack: FakeSlack, slug: str) -> ApiCall:
    """The organizer posts the campaign's prompt here; returns the chat.postMessage call."""
    done = await command(slack, f"/prompt post {slug}", ORGANIZER)
    assert private(done) and f"Posted the prompt for *{slug}* here." in done.text, done.text
    return await slack.next_call("chat.postMessage")


async def imported_prompt(slack: FakeSlack) -> ApiCall:
    """The organizer imports the shipped template and posts its prompt."""
    imported = await command(slack, f"/campaign import {TEMPLATE}", ORGANIZER)
    assert f"*{TEMPLATE}* is active" in imported.text, imported.text
    return await post_prompt(slack, TEMPLATE)


def select_of(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """The one static select in ``blocks``."""
    found = [
        e
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "static_select"
    ]
    assert len(found) == 1, found
    return found[0]


def labels(select: dict[str, Any]) -> list[str]:
    return [o["text"]["text"] for o in select["options"]]


def mrkdwn_texts(node: Any) -> list[str]:
    """Every mrkdwn text in blocks: the only place Slack would turn <@U1> into a mention."""
    if isinstance(node, list):
        return [t for item in node for t in mrkdwn_texts(item)]
    if not isinstance(node, dict):
        return []
    if node.get("type") == "mrkdwn":
        return [str(node["text"])]
    return [t for value in node.values() for t in mrkdwn_texts(value)]


# -- /reps, /setzip, /myreps --------------------------------------------------------------------
async def test_reps_for_a_single_district_zip_lists_all_three_lawmakers(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """/reps 05401 answers in the channel with both senators, the at-large member and DC phones."""
    answer = await command(slack, "/reps 05401", "U1")
    at_large = full_services.lawmakers.lookup("05401").house[0].member
    assert at_large is not None and "(D-VT-AL)" in at_large.label
    assert answer.args["response_type"] == "in_channel"
    assert "Lawmakers for 05401 (Burlington, VT)" in answer.text
    for name, phone in (SANDERS, WELCH, (at_large.label, at_large.phone)):
        assert name in answer.text and f"DC office: {phone}" in answer.text
    assert not [b for b in answer.blocks if b["type"] == "actions"], "one district: no picker"


async def test_split_zip_lists_both_districts_with_a_picker(
    full_host: SlackHost, slack: FakeSlack
) -> None:
    """/reps 02134 names both House candidates and offers a static select of the two."""
    answer = await command(slack, "/reps 02134", "U1")
    assert answer.args["response_type"] == "in_channel"
    assert "ZIP 02134 spans 2 House districts" in answer.text
    assert "(D-MA-7)" in answer.text and "(D-MA-8)" in answer.text
    picker = select_of(answer.blocks)
    assert picker["action_id"] == "lawmakers.district:"
    assert [label[:4] for label in labels(picker)] == ["MA-7", "MA-8"]


async def test_choosing_a_district_remembers_only_the_district(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """Choosing MA-8 saves the district, no ZIP, and /myreps then shows MA-8 only."""
    shown = await command(slack, "/reps 02134", "U1")
    ma8 = next(label for label in labels(select_of(shown.blocks)) if label.startswith("MA-8"))
    chosen = await (await slack.choose(shown.blocks, ma8, user="U1")).reply()
    assert private(chosen)
    assert "Saved: your district is MA-8. Only the district is kept" in chosen.text
    saved = await member(full_services, "U1")
    assert (saved.district, saved.zip) == ("MA-8", None)
    mine = await command(slack, "/myreps", "U1")
    assert private(mine)
    assert "(D-MA-8)" in mine.text and "(D-MA-7)" not in mine.text


async def test_setzip_answers_privately_and_says_what_is_kept(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """/setzip 05401 is private, says it keeps the ZIP and district only, and keeps them."""
    answer = await command(slack, "/setzip 05401", "U2")
    assert private(answer)
    assert "Saved your ZIP 05401 and district VT-AL." in answer.text
    assert "never a street address" in answer.text and "/setzip clear" in answer.text
    assert SANDERS[0] in answer.text
    saved = await member(full_services, "U2")
    assert (saved.zip, saved.district) == ("05401", "VT-AL")


# -- campaigns and prompts ----------------------------------------------------------------------
async def test_an_organizer_creates_a_campaign_in_the_modal_and_posts_it(
    full_host: SlackHost, slack: FakeSlack
) -> None:
    """The form opens as a modal; once saved and started, /prompt post puts it in the channel."""
    slug = await create_campaign(slack, NEW_CAMPAIGN)
    [opened] = slack.calls_to("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == "campaigns.create:"
    assert [b["block_id"] for b in view["blocks"]] == [
        "field:title",
        "field:ask",
        "field:background",
        "field:script",
        "field:goal",
    ]
    prompt = await post_prompt(slack, slug)
    assert prompt.args["channel"] == GENERAL
    assert prompt.blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": NEW_CAMPAIGN["field:title"], "emoji": True},
    }
    assert NEW_CAMPAIGN["field:ask"] in prompt.text
    assert "Get my script" in prompt.text
    reactions = [c.args["name"] for c in slack.calls_to("reactions.add")]
    assert reactions == ["telephone_receiver", "mailbox", "no_entry_sign"]
    assert [from_slack(name) for name in reactions] == [o.emoji for o in DEFAULT_OUTCOMES]
    assert len(slack.calls_to("chat.postMessage")) == 1, "posted exactly once"


async def test_a_member_cannot_open_the_campaign_form(
    full_host: SlackHost, slack: FakeSlack
) -> None:
    """A member's /campaign create gets the organizers-only sentence and no modal."""
    answer = await command(slack, "/campaign create", "U1")
    assert private(answer) and ORGANIZERS_ONLY in answer.text
    assert slack.calls_to("views.open") == []


async def test_a_forged_campaign_form_from_a_member_saves_nothing(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """A member submitting the campaign modal is refused in the modal; nothing is stored."""
    await (await slack.slash("/campaign create", user=ORGANIZER)).ack()
    view = (await slack.next_call("views.open")).args["view"]
    refused = await (await slack.submit(view, NEW_CAMPAIGN, user="U1")).ack()
    assert refused["payload"]["response_action"] == "errors"
    assert refused["payload"]["errors"] == {"field:title": ORGANIZERS_ONLY}
    community = (await actor(full_services, "U1")).community
    assert await full_services.campaigns.all(community.id) == []


async def test_a_member_without_a_zip_gets_a_script_after_the_zip_form(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """ "Get my script" asks for a ZIP in a one-field modal; 05401 gives a private script."""
    prompt = await imported_prompt(slack)
    await (await slack.click(prompt.blocks, "Get my script", user="U2")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    assert view["callback_id"].startswith("prompts.zip:p")
    assert [b["block_id"] for b in view["blocks"]] == ["field:zip"]
    assert (
        "payload" not in await (await slack.submit(view, {"field:zip": "05401"}, user="U2")).ack()
    )
    script = await slack.next_call("chat.postEphemeral", lambda c: c.args["user"] == "U2")
    assert script.args["channel"] == GENERAL
    assert "Saved your ZIP code 05401 (district VT-AL) for next time" in script.text
    for name, phone in (SANDERS, WELCH):
        assert name in script.text and phone in script.text
    assert (await member(full_services, "U2")).zip == "05401"


async def test_a_bad_zip_in_the_script_form_is_shown_in_the_modal_and_not_saved(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """A ZIP of four digits keeps the modal open with a friendly sentence; nothing is kept."""
    prompt = await imported_prompt(slack)
    await (await slack.click(prompt.blocks, "Get my script", user="U2")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    refused = await (await slack.submit(view, {"field:zip": "5401"}, user="U2")).ack()
    assert refused["payload"] == {
        "response_action": "errors",
        "errors": {
            "field:zip": "A ZIP code has 5 digits and 5401 has 4; if it starts with 0, try 05401."
        },
    }
    assert (await member(full_services, "U2")).zip is None


async def test_campaign_text_with_mentions_is_posted_escaped(
    full_host: SlackHost, slack: FakeSlack
) -> None:
    """A title and ask holding @everyone, <!everyone> and <@U2> never become mentions."""
    answers = {
        **NEW_CAMPAIGN,
        "field:title": "Ring @everyone <@123>",
        "field:ask": "Tell <@U2> and <!everyone> to protect taxpayer data.",
    }
    prompt = await post_prompt(slack, await create_campaign(slack, answers))
    assert prompt.args["link_names"] is False and prompt.args["parse"] == "none"
    live = [prompt.args["text"], *mrkdwn_texts(prompt.blocks)]
    assert not [t for t in live if "<@" in t or "<!" in t], live
    assert "Tell &lt;@U2&gt; and &lt;!everyone&gt; to protect" in prompt.args["text"]
    header = prompt.blocks[0]["text"]
    assert header == {"type": "plain_text", "text": "Ring @everyone <@123>", "emoji": True}


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("abc", "A ZIP code has only digits, like 02134."),
        ("0540", "A ZIP code has 5 digits and 0540 has 4; if it starts with 0, try 00540."),
        ('"<@U2> 05401"', "A ZIP code has only digits, like 02134."),
        ("٠٥٤٠١", "Please type the ZIP code with the digits 0-9, like 02134."),
    ],
)
async def test_a_malformed_zip_gets_a_private_sentence(
    full_host: SlackHost,
    slack: FakeSlack,
    full_services: Services,
    typed: str,
    sentence: str,
) -> None:
    """/reps with text that is no ZIP is told why, privately, and nothing is stored."""
    answer = await command(slack, f"/reps {typed}", "U1")
    assert private(answer) and sentence in answer.text
    assert "<@" not in answer.text
    saved = await member(full_services, "U1")
    assert (saved.zip, saved.district) == (None, None)


@pytest.mark.parametrize("value", ["p999999", "x1"])
async def test_a_forged_script_button_gets_a_friendly_answer(
    full_host: SlackHost, slack: FakeSlack, value: str
) -> None:
    """A script button naming no prompt (or nonsense) says the prompt is gone."""
    await imported_prompt(slack)
    forged = button_blocks([Button("Get my script", "prompts.script", value)])
    answer = await (await slack.click(forged, "Get my script", user="U1")).reply()
    assert private(answer) and GONE in answer.text
    assert slack.calls_to("views.open") == []


async def test_a_forged_district_choice_is_refused_and_not_saved(
    full_host: SlackHost, slack: FakeSlack, full_services: Services
) -> None:
    """A select value naming a district the ZIP does not touch is refused; nothing is kept."""
    shown = await command(slack, "/reps 02134", "U1")
    blocks = copy.deepcopy(shown.blocks)
    option = select_of(blocks)["options"][1]
    option["value"] = "02134|MA-9"
    forged = await (await slack.choose(blocks, option["text"]["text"], user="U1")).reply()
    assert private(forged)
    assert "MA-9 is not one of the districts that ZIP 02134 touches (MA-7, MA-8)." in forged.text
    assert (await member(full_services, "U1")).district is None


async def test_the_script_button_of_an_archived_campaign_is_explained(
    full_host: SlackHost, slack: FakeSlack
) -> None:
    """Once the campaign is archived, its old prompt's button says so instead of a script."""
    prompt = await imported_prompt(slack)
    await command(slack, f"/campaign archive {TEMPLATE}", ORGANIZER)
    answer = await (await slack.click(prompt.blocks, "Get my script", user="U1")).reply()
    assert private(answer)
    assert f"{TEMPLATE} is archived: it is over. Thank you to everyone who called!" in answer.text
