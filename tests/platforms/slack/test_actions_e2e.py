"""Reporting calls on Slack, end to end: the real slack-bolt app over Socket Mode, every cog,
the full lawmaker data, and the fake Slack. Buttons and reactions count; the prompt is
updated (chat.update); a repeated delivery counts once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.platforms.slack.host import SlackHost
from bot.services import Services
from bot.settings import Settings

from ...fakes.slack_server import GENERAL, ApiCall, FakeSlack
from .conftest import ORGANIZER, settle

TEMPLATE = "irs-data-privacy"
# Every name Slack may send for an emoji of the default ORGBOT_REACTION_OUTCOMES.
DEFAULT_REACTIONS = (
    ("telephone_receiver", "contact"),
    ("phone", "contact"),
    ("telephone", "contact"),
    ("mailbox", "voicemail"),
    ("mailbox_closed", "voicemail"),
    ("mailbox_with_mail", "voicemail"),
    ("mailbox_with_no_mail", "voicemail"),
    ("no_entry_sign", "unreachable"),
    ("no_entry", "unreachable"),
)
CUSTOM_OUTCOMES = ":party-parrot:=contact, 🙌=voicemail, :thumbsup:=unreachable"


@pytest.fixture
def full_settings(full_settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """The shared settings, or with the ORGBOT_REACTION_OUTCOMES a test passes as parameter."""
    outcomes = getattr(request, "param", None)
    if outcomes is None:
        return full_settings
    return full_settings.model_copy(update={"reaction_outcomes": outcomes})


@pytest.fixture
async def prompt(full_host: SlackHost, slack: FakeSlack) -> ApiCall:
    """The organizer imports the shipped template and posts its prompt in #general."""
    imported = await (await slack.slash(f"/campaign import {TEMPLATE}", user=ORGANIZER)).reply()
    assert f"*{TEMPLATE}* is active" in imported.text, imported.text
    await (await slack.slash(f"/prompt post {TEMPLATE}", user=ORGANIZER)).reply()
    return await slack.next_call("chat.postMessage")


def ts(prompt: ApiCall) -> str:
    return str(prompt.response["ts"])


async def updated(slack: FakeSlack, prompt: ApiCall, since: int) -> str:
    """Wait for the prompt's next chat.update; the text the channel now shows."""
    call = await slack.next_call(
        "chat.update", lambda c: c.args.get("ts") == ts(prompt) and slack.calls.index(c) >= since
    )
    return call.text


async def stored(services: Services) -> list[tuple[str, str]]:
    rows = await services.db.fetchall(
        "SELECT m.user_id, a.outcome FROM actions a JOIN members m ON m.id = a.member_id "
        "ORDER BY m.user_id"
    )
    return [(row[0], row[1]) for row in rows]


async def test_the_prompt_has_outcome_buttons_and_a_count(prompt: ApiCall) -> None:
    """The posted prompt shows the three outcome buttons and the live count."""
    assert "📞 Made contact" in prompt.text and "🚫 Couldn't get through" in prompt.text
    assert "No calls reported yet" in prompt.text


async def test_a_member_presses_an_outcome_button(
    prompt: ApiCall, slack: FakeSlack, full_services: Services
) -> None:
    """U1 presses Made contact: a private thank-you; the prompt is updated with the count."""
    since = len(slack.calls)
    answer = await (await slack.click(prompt.blocks, "📞 Made contact", user="U1")).reply()
    assert answer.args["response_type"] == "ephemeral"
    assert "Counted: 📞 Made contact" in answer.text
    assert "1 member acted · 1 action" in await updated(slack, prompt, since)
    assert await stored(full_services) == [("U1", "contact")]


async def test_reaction_add_and_remove_change_the_count(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost, clock: ManualClock
) -> None:
    """U2 reacts :mailbox:: counted as voicemail; removing it withdraws it; both update."""
    services = full_host.services
    since = len(slack.calls)
    await (await slack.react(ts(prompt), "mailbox", user="U2")).ack()
    assert "1 member acted · 1 action" in await updated(slack, prompt, since)
    assert await stored(services) == [("U2", "voicemail")]
    clock.advance(timedelta(seconds=services.settings.live_count_interval))
    since = len(slack.calls)
    await (await slack.react(ts(prompt), "mailbox", user="U2", added=False)).ack()
    assert "No calls reported yet" in await updated(slack, prompt, since)
    assert await stored(services) == []


async def test_a_reaction_answer_is_private(prompt: ApiCall, slack: FakeSlack) -> None:
    """The thank-you for a reaction is an ephemeral message in the channel."""
    await (await slack.react(ts(prompt), "telephone_receiver", user="U1")).ack()
    said = await slack.next_call("chat.postEphemeral", lambda c: c.args.get("user") == "U1")
    assert said.args["channel"] == GENERAL and "Counted: 📞 Made contact" in said.text


async def test_a_duplicate_reaction_delivery_counts_once(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """A retried event (same id) and a second delivery (new id) of one reaction: one action."""
    await (await slack.react(ts(prompt), "no_entry_sign", user="U3", event_id="Ev1")).ack()
    await (
        await slack.react(ts(prompt), "no_entry_sign", user="U3", event_id="Ev1", retry_attempt=1)
    ).ack()
    await (await slack.react(ts(prompt), "no_entry_sign", user="U3", event_id="Ev2")).ack()
    await settle(full_host)
    assert await stored(full_host.services) == [("U3", "unreachable")]
    edits = [c for c in slack.calls_to("chat.update") if c.args.get("ts") == ts(prompt)]
    assert len(edits) == 1 and "1 member acted · 1 action" in edits[0].text
    answers = [c for c in slack.calls_to("chat.postEphemeral") if c.args.get("user") == "U3"]
    assert len(answers) == 1


async def test_reactions_on_other_messages_are_ignored(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """📞 on a message that is not a prompt, and :thumbsup: on the prompt, store nothing."""
    await (await slack.react("1700000099.000001", "telephone_receiver", user="U1")).ack()
    await (await slack.react(ts(prompt), "+1", user="U1")).ack()
    await settle(full_host)
    assert await stored(full_host.services) == []
    assert slack.calls_to("chat.update") == []


async def test_every_default_reaction_name_counts(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """Each name Slack sends for a default outcome emoji, from its own member, is that outcome."""
    members = [f"U{i:02}" for i in range(len(DEFAULT_REACTIONS))]
    for member, (name, _) in zip(members, DEFAULT_REACTIONS, strict=True):
        await (await slack.react(ts(prompt), name, user=member)).ack()
    await settle(full_host)
    expected = [(m, outcome) for m, (_, outcome) in zip(members, DEFAULT_REACTIONS, strict=True)]
    assert await stored(full_host.services) == expected


@pytest.mark.parametrize("full_settings", [CUSTOM_OUTCOMES], indirect=True)
async def test_configured_reaction_outcomes_count_on_slack(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """With a custom map, its custom and standard emoji count by their Slack names (skin tones
    too); a default-only emoji (📪) then counts for nothing, the campaign's own 📞 still does."""
    reactions = [
        ("U1", "party-parrot"),
        ("U2", "raised_hands::skin-tone-4"),
        ("U3", "+1"),
        ("U4", "mailbox_closed"),
        ("U5", "telephone_receiver"),
    ]
    for member, name in reactions:
        await (await slack.react(ts(prompt), name, user=member)).ack()
    await settle(full_host)
    assert await stored(full_host.services) == [
        ("U1", "contact"),
        ("U2", "voicemail"),
        ("U3", "unreachable"),
        ("U5", "contact"),
    ]


async def test_a_second_reaction_counts_and_removing_it_falls_back(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """U1 reacts :telephone_receiver: then :mailbox: (voicemail counts); removing :mailbox:
    leaves made contact counted; removing both leaves nothing."""
    services = full_host.services
    steps = (
        ("telephone_receiver", True, [("U1", "contact")]),
        ("mailbox", True, [("U1", "voicemail")]),
        ("mailbox", False, [("U1", "contact")]),
        ("telephone_receiver", False, []),
    )
    for name, added, expected in steps:
        await (await slack.react(ts(prompt), name, user="U1", added=added)).ack()
        await settle(full_host)
        assert await stored(services) == expected


async def script_for(slack: FakeSlack, prompt: ApiCall, user: str) -> ApiCall:
    """``user`` saves ZIP 05401 and presses "Get my script" on the prompt."""
    await (await slack.slash("/setzip 05401", user=user)).reply()
    return await (await slack.click(prompt.blocks, "Get my script", user=user)).reply()


async def test_every_lawmaker_in_the_script_can_be_reported(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """All seven calls of the Vermont script can be reported; Sen. Wyden by its menu."""
    script = await script_for(slack, prompt, "U1")
    names = {"Sanders", "Welch", "Balint", "Smith", "Neal", "Crapo", "Wyden"}
    offered = "\n".join(t for t in script.text.splitlines() if "Left voicemail" in t)
    assert {n for n in names if f"{n}: " in offered} == names
    answer = await (
        await slack.choose(script.blocks, "Sen. Wyden: 📫 Left voicemail", user="U1")
    ).reply()
    assert "Counted: 📫 Left voicemail for Sen. Wyden" in answer.text
    assert await stored(full_host.services) == [("U1", "voicemail")]


async def test_a_note_after_a_reaction_is_filed_under_the_lawmaker(
    prompt: ApiCall, slack: FakeSlack, full_host: SlackHost
) -> None:
    """U1 reacts 📞; in the private answer she picks Sen. Sanders and writes what his office
    said: one call, Sanders's, with her note."""
    await script_for(slack, prompt, "U1")
    await (await slack.react(ts(prompt), "telephone_receiver", user="U1")).ack()
    said = await slack.next_call("chat.postEphemeral", lambda c: c.args.get("user") == "U1")
    assert "Add what the office said: whose office?" in said.text
    await (await slack.choose(said.blocks, "Sen. Sanders", user="U1")).ack()
    view = (await slack.next_call("views.open")).args["view"]
    note = "Staffer said he is a cosponsor"
    await (await slack.submit(view, {"One line, e.g. undecided": note}, user="U1")).ack()
    await settle(full_host)
    rows = await full_host.services.db.fetchall("SELECT lawmaker, outcome, note FROM actions")
    assert [tuple(r) for r in rows] == [("S000033", "contact", note)]
