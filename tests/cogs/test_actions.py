"""The actions cog in the console: outcome buttons, reactions, per-lawmaker buttons, notes,
Undo, the live count on the prompt, and the answers to bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cogkit import Context
from bot.core.personal_scripts import PersonalScript
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.messages import CUSTOM_ID_MAX, MAX_ROWS, OPTIONS_PER_SELECT, Message, Select, Tone
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.report_components import CALL_MENU_ACTION, PICK_ACTION, pickers, report_components
from bot.services import Services
from cogs.actions import callees

from ..conftest import Transcript

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington
UPDATED = "(message #2 was updated)"


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


@pytest.fixture
async def posted(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """The IRS campaign imported and its prompt posted as message #2."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    transcript.clear()
    return full_console


async def press(console: ConsoleHost, services: Services, name: str, custom_id: str) -> Message:
    """Press a button by its custom id, as a forged or stale platform event would."""
    actor = await services.members.actor(console.platform, console.session, name, False)
    answer = await console.dispatcher.press(Context(actor, console, CHANNEL), custom_id)
    assert isinstance(answer, Message)
    return answer


async def located(services: Services, console: ConsoleHost, name: str) -> None:
    actor = await services.members.actor(console.platform, console.session, name, False)
    await services.members.set_location(actor.member, "05401", "VT-AL")


async def test_the_prompt_has_outcome_buttons_and_a_count(posted: ConsoleHost) -> None:
    """Posted prompts carry one button per outcome and the live count line."""
    message = posted.messages[2]
    assert [b.custom_id for b in message.buttons] == [
        "prompts.script:p1",
        "actions.outcome:1:contact",
        "actions.outcome:1:voicemail",
        "actions.outcome:1:unreachable",
    ]
    assert ("So far", "No calls reported yet") in [(f.name, f.value) for f in message.fields]


async def test_a_button_records_privately_and_updates_the_prompt(
    posted: ConsoleHost, transcript: Transcript
) -> None:
    """Pressing 📫 says so privately, with the streak and Undo, and the prompt's count moves."""
    await feed(posted, "/as ann", "/press 2 📫")
    text = transcript.text
    assert UPDATED in text and "So far: 1 member acted · 1 action" in text
    assert "(only you can see this)\n   Counted: 📫 Left voicemail (Keep tax records" in text
    assert "🔥 1 day" in text and "[Undo]" in text
    assert "Add what the office said" not in text  # only after made contact


async def test_pressing_the_same_button_again_changes_nothing(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A repeated press answers 'already counted' and edits nothing."""
    await feed(posted, "/as ann", "/press 2 📫")
    transcript.clear()
    await feed(posted, "/press 2 📫")
    assert "Already counted: 📫 Left voicemail. Nothing changed." in transcript.text
    assert UPDATED not in transcript.text
    row = await full_services.db.fetchone("SELECT count(*) FROM actions")
    assert row is not None and row[0] == 1


async def test_a_reaction_records_and_answers_once_in_a_while(
    posted: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """The first reaction gets a short answer; the next ones within ten minutes are quiet."""
    await feed(posted, "/as ann", "/react 2 📞")
    assert "Counted: 📞 Made contact" in transcript.text
    assert "[Undo]" not in transcript.text  # a reaction's answer is short (a DM on Discord)
    transcript.clear()
    clock.advance(timedelta(seconds=30))
    await feed(posted, "/react 2 📫")
    assert "Changed" not in transcript.text
    assert "So far: 1 member acted · 1 action" in transcript.text
    clock.advance(timedelta(minutes=10))
    await feed(posted, "/react 2 🚫")
    assert "Changed: 📫 Left voicemail → 🚫 Couldn't get through." in transcript.text


async def test_removing_a_reaction_withdraws_quietly(
    posted: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """/unreact takes the report back: the count drops, and nothing is said."""
    await feed(posted, "/as ann", "/react 2 📞")
    transcript.clear()
    clock.advance(timedelta(minutes=1))
    await feed(posted, "/unreact 2 📞")
    shown = [line for line in transcript.text.splitlines() if line.startswith("#")]
    assert shown == ["#2 Keep tax records confidential"]  # only the updated prompt
    assert "So far: No calls reported yet" in transcript.text


async def test_reactions_that_mean_nothing_are_ignored(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """An unmapped emoji on the prompt, or 📞 on a message that is not a prompt: silence."""
    await feed(posted, "/as ann", "/react 2 👍", "/react 1 📞", "/unreact 2 📫")
    lines = [line for line in transcript.text.splitlines() if line.startswith("#")]
    assert lines == []
    row = await full_services.db.fetchone("SELECT count(*) FROM actions")
    assert row is not None and row[0] == 0


@pytest.mark.parametrize(
    ("custom_id", "says"),
    [
        ("actions.outcome:1:signed", "not an outcome this campaign counts"),
        ("actions.outcome:999:contact", "no longer available"),
        ("actions.outcome:abc", "not one I recognise"),
        ("actions.call:p1:S000033", "not one I recognise"),
        ("actions.call:x1:S000033:contact", "not one I recognise"),
        ("actions.call:p1:ZZZ:contact", "not one I know"),
        ("actions.call:p1:X000001:contact", "No sitting member of Congress"),
        ("actions.undo:abc", "not one I recognise"),
        ("actions.undo:999:contact", "no longer there"),
        ("actions.note:999", "no longer there"),
    ],
)
async def test_forged_or_stale_buttons_get_a_sentence(
    posted: ConsoleHost, full_services: Services, custom_id: str, says: str
) -> None:
    """Button values that do not hold get a clear private error, and nothing is stored."""
    answer = await press(posted, full_services, "ann", custom_id)
    assert answer.tone is Tone.ERROR and answer.ephemeral
    assert says in answer.body
    row = await full_services.db.fetchone("SELECT count(*) FROM actions")
    assert row is not None and row[0] == 0


async def test_an_archived_campaign_says_it_is_over(
    posted: ConsoleHost, transcript: Transcript
) -> None:
    """Buttons and reactions on an archived campaign's prompt record nothing, and say why."""
    await feed(posted, "/campaign archive irs-data-privacy", "/as ann", "/press 2 📞")
    assert "irs-data-privacy is archived: it is over." in transcript.text
    transcript.clear()
    await feed(posted, "/as bob", "/react 2 📞")
    assert "irs-data-privacy is archived: it is over." in transcript.text


async def test_per_lawmaker_buttons_and_a_note(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """The script's 'Sen. Sanders: Made contact' records for him, then a note can be added."""
    await located(full_services, posted, "ann")
    await feed(posted, "/as ann", "/press 2 Get my script")
    script = posted.messages[4]
    assert "Sen. Sanders: Made contact" in [b.label for b in script.buttons]
    await feed(posted, "/press 4 Sen. Sanders: Made contact")
    assert "Counted: 📞 Made contact for Sen. Sanders" in transcript.text
    await feed(posted, f"/press {max(posted.messages)} Add what the office said")
    assert posted.form_pending
    await feed(posted, "Staffer said he is undecided")
    assert "Organizers will see: “Staffer said he is undecided”" in transcript.text
    row = await full_services.db.fetchone("SELECT lawmaker, outcome, note FROM actions")
    assert row is not None
    assert tuple(row) == ("S000033", "contact", "Staffer said he is undecided")


async def test_an_over_long_note_is_refused(
    posted: ConsoleHost, full_services: Services, transcript: Transcript
) -> None:
    """A note longer than a line (sent past the form's limit) is refused with the limit."""
    await feed(posted, "/as ann", "/press 2 📞")
    actor = await full_services.members.actor(posted.platform, posted.session, "ann", False)
    ctx = Context(actor, posted, CHANNEL)
    answer = await posted.dispatcher.submit(ctx, "actions.savenote:1", {"note": "x" * 500})
    assert isinstance(answer, Message) and answer.tone is Tone.ERROR
    assert "at most 200" in answer.body
    row = await full_services.db.fetchone("SELECT note FROM actions")
    assert row is not None and row[0] is None


async def test_undo_takes_the_report_back(
    posted: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> None:
    """Undo on the confirmation withdraws it and the prompt's count drops."""
    await feed(posted, "/as ann", "/press 2 📞")
    transcript.clear()
    clock.advance(timedelta(minutes=1))
    await feed(posted, "/press 4 Undo")
    assert "Withdrawn: 📞 Made contact. It no longer counts." in transcript.text
    assert "So far: No calls reported yet" in transcript.text


async def test_over_the_daily_cap_is_a_friendly_message(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Reports past the cap are thanked and refused, never an error trace."""
    full_services.actions.daily_cap = 1
    await feed(posted, "/prompt post irs-data-privacy", "/as ann", "/press 2 📞")
    transcript.clear()
    await feed(posted, "/press 4 📞")  # the second prompt
    assert (
        "Thank you! You have already reported 1 report today, the most one person can report "
        "in a day, so this one was not added. Your reports reopen tomorrow."
    ) in transcript.text
    row = await full_services.db.fetchone("SELECT count(*) FROM actions")
    assert row is not None and row[0] == 1


async def test_the_count_is_edited_at_most_once_per_interval(
    posted: ConsoleHost, transcript: Transcript, full_services: Services, clock: ManualClock
) -> None:
    """Three quick reports edit the prompt once; the rest waits for the interval to pass."""
    await feed(posted, "/as ann", "/press 2 📞", "/as bob", "/press 2 📞", "/as cat", "/react 2 📞")
    assert transcript.text.count(UPDATED) == 1
    assert full_services.actions.live.waiting() == {1: {1}}
    clock.advance(timedelta(seconds=full_services.settings.live_count_interval))
    await full_services.actions.live.flush()
    assert transcript.text.count(UPDATED) == 2
    assert transcript.text.rstrip().endswith(
        "After your call, react: 📞 Made contact · 📫 Left voicemail · 🚫 Couldn't get through"
    )
    assert "So far: 3 members acted · 3 actions" in transcript.text


async def committee_script(
    services: Services, targets: str, zip_code: str | None = None
) -> PersonalScript:
    """A script of the IRS campaign with these targets, for a member (in ``zip_code``)."""
    olga = await services.members.actor(Platform.CONSOLE, "c1", "olga", True)
    campaign = await services.campaigns.import_template(olga, "irs-data-privacy")
    campaign = await services.campaigns.set_targets(olga, campaign.slug, targets)
    member = olga.member
    if zip_code:
        member = await services.members.set_location(member, zip_code, None)
    return services.scripts.build(member, campaign)


def layout(script: PersonalScript, rows_left: int = MAX_ROWS) -> tuple[tuple, tuple]:
    return report_components(
        "p123456789",
        callees(script.required),
        callees(script.optional),
        script.campaign.outcomes,
        rows_left,
    )


def reportable(buttons: tuple, menus: tuple[Select, ...]) -> set[str]:
    """Bioguide ids that the components let a member report (directly or by picking)."""
    found = {b.value.split(":")[1] for b in buttons}
    for menu in menus:
        found |= {o.value.split(":")[1] for o in menu.options}
    return found - {"page"}


def within_limits(buttons: tuple, menus: tuple[Select, ...]) -> bool:
    rows = len(menus) + -(-len(buttons) // 5)
    ids = [m.custom_id for m in menus] + [b.custom_id for b in buttons]
    ids += [f"{m.action}:{o.value}" for m in menus for o in m.options]
    return (
        rows <= MAX_ROWS
        and all(len(m.options) <= OPTIONS_PER_SELECT for m in menus)
        and all(len(i) <= CUSTOM_ID_MAX for i in ids)
        and len({m.custom_id for m in menus}) == len(menus)
    )


async def test_every_target_of_the_irs_script_can_be_reported(
    full_services: Services, clock: ManualClock
) -> None:
    """Vermont: three own lawmakers as buttons, and both committees' leaders (Sen. Crapo and
    Sen. Wyden included) in a menu: seven calls, seven reportable."""
    clock.set(OPEN)
    script = await committee_script(full_services, "mine leaders:HSWM? leaders:SSFI?", "05401")
    buttons, menus = layout(script)
    wanted = {c.lawmaker.bioguide for c in script.calls}
    assert len(wanted) == 7 and {"C000880", "W000779"} <= wanted
    assert reportable(buttons, menus) == wanted
    assert within_limits(buttons, menus)
    assert len(buttons) == 9 and [m.action for m in menus] == [CALL_MENU_ACTION]


async def test_a_whole_committee_is_packed_into_menus(
    full_services: Services, clock: ManualClock
) -> None:
    """Every member of the Senate Finance Committee can be reported, in at most five menus."""
    clock.set(OPEN)
    script = await committee_script(full_services, "committee:SSFI")
    assert len(script.required) > MAX_ROWS
    buttons, menus = layout(script)
    assert buttons == ()
    assert reportable(buttons, menus) == {c.lawmaker.bioguide for c in script.calls}
    assert within_limits(buttons, menus)


async def test_more_calls_than_any_menu_holds_get_a_lawmaker_picker_with_pages(
    full_services: Services, clock: ManualClock
) -> None:
    """Three big House committees (over 125 lawmakers): menus of lawmakers, the last option
    opening the next page, every lawmaker reachable."""
    clock.set(OPEN)
    script = await committee_script(full_services, "committee:HSPW committee:HSAP committee:HSAS")
    wanted = {c.lawmaker.bioguide for c in script.calls}
    assert len(wanted) > MAX_ROWS * OPTIONS_PER_SELECT
    buttons, menus = layout(script)
    assert buttons == () and {m.action for m in menus} == {PICK_ACTION}
    assert within_limits(buttons, menus)
    seen = reportable(buttons, menus)
    assert menus[-1].options[-1].value == "p123456789:page:1"
    assert len(seen) == MAX_ROWS * OPTIONS_PER_SELECT - 1
    following = pickers("p123456789", callees(script.calls), 1)
    assert seen | reportable((), following) == wanted


async def test_a_full_message_gets_no_more_components(
    full_services: Services, clock: ManualClock
) -> None:
    """When other features used every row, the script gets no outcome buttons at all."""
    clock.set(OPEN)
    script = await committee_script(full_services, "committee:SSFI")
    assert layout(script, rows_left=0) == ((), ())


async def test_the_console_reports_an_optional_leader_from_the_menu(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Sen. Wyden, an optional call of the Vermont script, is chosen from its menu by label."""
    await located(full_services, posted, "ann")
    await feed(posted, "/as ann", "/press 2 Get my script")
    script = max(posted.messages)
    await feed(posted, f"/select {script} Sen. Wyden: 📫 Left voicemail")
    assert "Counted: 📫 Left voicemail for Sen. Wyden" in transcript.text


async def test_the_console_picks_a_lawmaker_then_an_outcome(
    posted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Over 125 calls: pick the lawmaker from a menu, then press the outcome; "More
    lawmakers…" opens the next page."""
    await feed(
        posted,
        "/campaign targets irs-data-privacy committee:HSPW committee:HSAP committee:HSAS",
        "/as ann",
        "/press 2 Get my script",
    )
    script = posted.messages[max(posted.messages)]
    assert {m.action for m in script.selects} == {PICK_ACTION}
    last = script.selects[-1].options[-2].label
    await feed(posted, f"/select {max(posted.messages)} {last}")
    buttons = posted.messages[max(posted.messages)].buttons
    assert buttons[0].label == f"{last}: Made contact"
    await feed(posted, f"/press {max(posted.messages)} {last}: Made contact")
    assert f"Counted: 📞 Made contact for {last}" in transcript.text
    await feed(posted, f"/select {max(posted.messages) - 2} More lawmakers…")
    following = posted.messages[max(posted.messages)]
    assert {m.action for m in following.selects} == {PICK_ACTION}
    assert following.selects[0].placeholder.startswith("Whose office did you call? (125–")
