"""Long answers on Slack: the longest campaign the settings allow, for a ZIP split between two
districts and with committee leaders to call, makes a personal script of more block text than
Slack takes in one message. It goes out in several messages, each well under the limit (the
fake refuses more than 13,000 characters, as Slack does), whichever way it is sent: the
interaction's response_url, chat.postEphemeral when that is gone, a DM, a channel post and an
edit of it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from annotated_types import Le

from bot.domain.campaign_models import Campaign, CampaignStatus
from bot.domain.models import Actor, Platform
from bot.messages import Message
from bot.platforms.slack import render
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.slack_server import (
    BLOCK_TEXT_MAX,
    GENERAL,
    TEAM_ID,
    ApiCall,
    FakeSlack,
    block_text_length,
)
from .conftest import ORGANIZER, Waits, every_cog, settle

MEMBER = "U0CALLER"
SPLIT_ZIP = "02134"  # two House districts
TARGETS = "mine leaders:HSWM? leaders:SSFI?"
MAX_FIELDS = ("campaign_title_max", "campaign_ask_max", "campaign_background_max")


def most(name: str) -> int:
    """The largest value a setting accepts."""
    bounds = [m.le for m in Settings.model_fields[name].metadata if isinstance(m, Le)]
    assert bounds, name
    return int(bounds[0])


def filled(start: str, length: int, word: str = "words") -> str:
    """``start``, then paragraphs of words, exactly ``length`` characters long."""
    text = start
    sentence = f" These are the {word} a caller reads out, one after another, to the office."
    while len(text) < length:
        text += "\n\n" + sentence.strip() if len(text) % 700 < 80 else sentence
    return text[:length].rstrip() + "." * (length - len(text[:length].rstrip()))


def longest_script(length: int) -> str:
    """A script of ``length`` characters with chamber and voicemail sections."""
    voicemail = filled(
        "[[voicemail]]\nHi, this is a constituent asking {lawmaker} to act.", length // 4
    )
    voicemail += "\n[[/voicemail]]"
    head = (
        "Hi, I'm calling {lawmaker} from ZIP {zip}.\n\n"
        "[[senate]]\nPlease raise it in the Senate Finance Committee.\n[[/senate]]\n"
        "[[house]]\nPlease raise it in the House Ways and Means Committee.\n[[/house]]\n\n"
    )
    body = filled(head, length - len(voicemail) - 2, "script words")
    return f"{body}\n\n{voicemail}"


@pytest.fixture
def full_settings(full_settings: Settings) -> Settings:
    """The settings with every campaign text at the longest the settings allow."""
    longest = {name: most(name) for name in (*MAX_FIELDS, "campaign_script_max")}
    return full_settings.model_copy(update=longest)


@pytest.fixture
async def full_host(
    full_services: Services, slack: FakeSlack, waits: Waits
) -> AsyncIterator[SlackHost]:
    """Every cog on the full data, on virtual time: a channel's one post a second is paced
    without sleeping."""
    slack.add_user(ORGANIZER, admin=True)
    async with every_cog(full_services, slack, sleep=waits) as running:
        yield running


@pytest.fixture
async def campaign(full_host: SlackHost, full_services: Services) -> Campaign:
    """An active campaign at every maximum length, calling the member's lawmakers and, as
    optional extras, the leaders of two committees."""
    settings = full_services.settings
    organizer = await actor(full_services, ORGANIZER, organizer=True)
    draft = await full_services.campaigns.create(
        organizer,
        {
            "title": filled("Title", settings.campaign_title_max).replace("\n", " "),
            "ask": filled("Ask", settings.campaign_ask_max).replace("\n", " "),
            "background": filled("Background", settings.campaign_background_max),
            "script": longest_script(settings.campaign_script_max),
        },
    )
    assert len(draft.script) == settings.campaign_script_max == most("campaign_script_max")
    await full_services.campaigns.set_targets(organizer, draft.slug, TARGETS)
    return await full_services.campaigns.set_status(organizer, draft.slug, CampaignStatus.ACTIVE)


async def actor(services: Services, user: str, *, organizer: bool = False) -> Actor:
    return await services.members.actor(Platform.SLACK, TEAM_ID, user, organizer)


async def member_with_split_zip(slack: FakeSlack) -> None:
    saved = await (await slack.slash(f"/setzip {SPLIT_ZIP}", user=MEMBER)).reply()
    assert SPLIT_ZIP in saved.text, saved.text


async def the_script(services: Services, campaign: Campaign) -> Message:
    """The member's personal script, as "Get my script" answers it."""
    member = (await actor(services, MEMBER)).member
    return await services.prompt_view.script(services.scripts.build(member, campaign))


def check_parts(calls: list[ApiCall], message: Message) -> None:
    """Several messages, each taken by Slack and well under its limit, that together show the
    whole script: the title first, the buttons and footer last."""
    assert len(calls) >= 2, [block_text_length(c.blocks) for c in calls]
    sizes = [block_text_length(c.blocks) for c in calls]
    assert sum(sizes) > BLOCK_TEXT_MAX, sizes  # one message would have been refused
    assert all(size <= render.PART_TEXT for size in sizes), sizes
    assert [c.error for c in calls] == [None] * len(calls)
    assert calls[0].blocks[0]["type"] == "header"
    assert message.title and message.title[:40] in calls[0].blocks[0]["text"]["text"]
    actions = [i for i, c in enumerate(calls) if any(b["type"] == "actions" for b in c.blocks)]
    assert actions == [len(calls) - 1], "the buttons are on the last message"
    assert message.footer and message.footer[:30] in calls[-1].text
    assert all(f"/{len(calls)})" in str(c.args["text"]) for c in calls)
    shown = "\n".join(c.text for c in calls)
    for field in message.fields:
        assert render.mrkdwn(field.value)[-60:] in shown, field.name


def parts_of(slack: FakeSlack, method: str, since: int) -> list[ApiCall]:
    return [c for c in slack.calls[since:] if c.method == method]


async def test_the_longest_script_is_answered_in_several_messages(
    full_host: SlackHost, slack: FakeSlack, full_services: Services, campaign: Campaign
) -> None:
    """/script answers through the response_url, in parts Slack takes."""
    await member_with_split_zip(slack)
    message = await the_script(full_services, campaign)
    assert len(message.fields) >= 4, "two senators, two districts' representatives"
    it = await slack.slash(f"/script {campaign.slug}", user=MEMBER)
    await it.reply()
    await settle(full_host)
    rid = str(it.response_url).rsplit("/", 1)[-1]
    calls = [c for c in slack.calls if c.method == "response_url" and c.path == rid]
    check_parts(calls, message)
    assert all(c.args["response_type"] == "ephemeral" for c in calls)


async def test_without_a_response_url_it_goes_as_ephemeral_messages(
    full_host: SlackHost, slack: FakeSlack, full_services: Services, campaign: Campaign
) -> None:
    """When the response_url is gone, the parts go by chat.postEphemeral, none lost."""
    await member_with_split_zip(slack)
    message = await the_script(full_services, campaign)
    since = len(slack.calls)
    slack.fail("response_url", "expired_url")
    await (await slack.slash(f"/script {campaign.slug}", user=MEMBER)).ack()
    await slack.next_call("chat.postEphemeral")
    await settle(full_host)
    check_parts(parts_of(slack, "chat.postEphemeral", since), message)


async def test_a_long_dm_and_post_and_edit(
    full_host: SlackHost, slack: FakeSlack, full_services: Services, campaign: Campaign
) -> None:
    """A DM (reminders), a channel post and an edit of that post all fit."""
    await member_with_split_zip(slack)
    message = await the_script(full_services, campaign)
    community = (await actor(full_services, MEMBER)).community
    since = len(slack.calls)
    await full_host.send_dm(community, MEMBER, message)
    check_parts(parts_of(slack, "chat.postMessage", since), message)

    since = len(slack.calls)
    ref = await full_host.post(community, GENERAL, message)
    posted = parts_of(slack, "chat.postMessage", since)
    check_parts(posted, message)
    assert ref.message_id == posted[-1].response["ts"], "the ref is the part with the buttons"

    since = len(slack.calls)
    await full_host.edit(community, ref, message)
    (update,) = parts_of(slack, "chat.update", since)
    assert update.error is None and update.args["ts"] == ref.message_id
    assert update.blocks == posted[-1].blocks, "an edit replaces the part it names"


async def test_parts_the_response_url_stops_taking_go_another_way(
    full_host: SlackHost, slack: FakeSlack, full_services: Services, campaign: Campaign
) -> None:
    """The response_url takes the first part, then refuses (used up): the other parts follow
    by chat.postEphemeral, none lost, none twice."""
    await member_with_split_zip(slack)
    message = await the_script(full_services, campaign)
    since = len(slack.calls)
    slack.fail("response_url", "used_too_often", after=1)
    it = await slack.slash(f"/script {campaign.slug}", user=MEMBER)
    await it.reply()
    await settle(full_host)
    rid = str(it.response_url).rsplit("/", 1)[-1]
    taken = [c for c in parts_of(slack, "response_url", since) if c.path == rid and not c.error]
    check_parts([*taken, *parts_of(slack, "chat.postEphemeral", since)], message)
    assert len(taken) == 1
