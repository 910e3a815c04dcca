"""The stats cog in the console: /mystats, /stats with its chart, /leaderboard, /export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.charts import PNG_SIGNATURE
from bot.cogkit import Context
from bot.domain.clock import ManualClock
from bot.messages import Message, Tone, mention
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.services import Services
from cogs.stats import StatsCog

from ..conftest import Transcript

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # Tuesday 10:30 in Washington


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def last(console: ConsoleHost) -> Message:
    return console.messages[max(console.messages)]


@pytest.fixture
async def acted(
    full_console: ConsoleHost, transcript: Transcript, clock: ManualClock
) -> ConsoleHost:
    """The IRS prompt posted (#2); ann reported on Monday and Tuesday, bob and cat on Tuesday."""
    clock.set(OPEN - timedelta(days=1))
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as ann",
        "/press 2 📞",
    )
    clock.set(OPEN)
    await feed(full_console, "/prompt post irs-data-privacy")  # as ann: refused, a member
    await feed(full_console, "/as olga organizer", "/prompt post irs-data-privacy")
    second = max(full_console.messages) - 1
    await feed(
        full_console,
        "/as ann",
        f"/press {second} 📫",
        "/as bob",
        f"/press {second} 📞",
        "/as cat",
        f"/react {second} 🚫",
    )
    transcript.clear()
    return full_console


async def test_mystats_with_nothing_yet(full_console: ConsoleHost, transcript: Transcript) -> None:
    """A member who never reported is told how to start."""
    await feed(full_console, "/as dan", "/mystats")
    assert "You have not reported a call yet." in transcript.text


async def test_mystats_shows_totals_streak_and_history(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    """Ann's two days: totals by outcome, a two-day streak, her campaign and recent reports."""
    await feed(acted, "/as ann", "/mystats")
    message = last(acted)
    assert message.ephemeral and message.title == "Your actions"
    assert message.body == "🔥 2 days in a row"
    fields = {f.name: f.value for f in message.fields}
    assert fields["Total"] == "2 actions: 📞 Made contact 1 · 📫 Left voicemail 1"
    assert fields["Streaks"].startswith("Days: 2 days in a row (best 2). Weeks with a call: 1")
    assert fields["Campaigns"] == "irs-data-privacy: 2"
    assert fields["Recent"].splitlines()[0] == "2026-01-06 · irs-data-privacy · 📫 Left voicemail"


async def test_stats_is_for_organizers(acted: ConsoleHost, transcript: Transcript) -> None:
    """A member asking for /stats or /export is told it is for organizers."""
    await feed(acted, "/as ann", "/stats", "/export")
    assert transcript.text.count("Only organizers can do that.") == 2


async def test_stats_with_a_chart_that_opens_as_png(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    """Totals, members, outcomes and days, and a PNG chart matplotlib can read back."""
    from matplotlib.image import imread

    await feed(acted, "/as olga organizer", "/stats irs-data-privacy")
    message = last(acted)
    fields = {f.name: f.value for f in message.fields}
    assert (fields["Actions"], fields["Members"]) == ("4", "3")
    assert "📞 Made contact 2" in fields["By outcome"]
    assert fields["By day (last 2 with actions)"].splitlines() == [
        "2026-01-05: 1 (📞 Made contact 1)",
        "2026-01-06: 3 (📞 Made contact 1 · 📫 Left voicemail 1 · 🚫 Couldn't get through 1)",
    ]
    [chart] = message.attachments
    assert chart.content_type == "image/png" and chart.data.startswith(PNG_SIGNATURE)
    pixels = imread(io.BytesIO(chart.data), format="png")
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    assert "File saved:" in transcript.text and "actions-per-day.png" in transcript.text


async def test_stats_shows_notes_by_lawmaker(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Office notes appear under the lawmaker, without who wrote them."""
    actor = await full_services.members.actor(acted.platform, acted.session, "bob", False)
    result = await full_services.actions.report(actor, "contact", prompt_id=1, lawmaker="S000033")
    assert result.action is not None
    await full_services.actions.add_note(actor, result.action.id, "undecided")
    await feed(acted, "/as olga organizer", "/stats")
    fields = {f.name: f.value for f in last(acted).fields}
    assert fields["Office notes"] == "Sen. Bernard Sanders (I-VT): “undecided”"
    assert "Sen. Bernard Sanders (I-VT): 1 (📞 Made contact 1)" in fields["By lawmaker"]
    assert fields["By state and district (of the lawmakers called)"] == "VT: 1"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("/stats irs-data-privacy fortnight", "'fortnight' is not a period I know."),
        ("/stats irs-data-privacy 2026-02-30", "2026-02-30 is not a real date."),
        ("/stats nope", "There is no campaign called nope."),
        ("/stats nope 7d", "There is no campaign called nope."),
    ],
)
async def test_stats_bad_input_is_explained(
    acted: ConsoleHost, transcript: Transcript, line: str, says: str
) -> None:
    """Bad periods and unknown campaigns get a sentence, not a chart."""
    await feed(acted, "/as olga organizer", line)
    message = last(acted)
    assert message.tone is Tone.ERROR and says in message.body
    assert not message.attachments


async def test_stats_takes_a_period_alone(acted: ConsoleHost) -> None:
    """/stats 1d is all campaigns today: a period where the campaign would go."""
    await feed(acted, "/as olga organizer", "/stats 1d")
    message = last(acted)
    assert message.title == "Results: all campaigns"
    assert message.body == "Today (2026-01-06 to 2026-01-06)"
    assert {f.name: f.value for f in message.fields}["Actions"] == "3"


async def test_stats_without_actions_has_no_chart(acted: ConsoleHost) -> None:
    """A period with nothing in it says so and attaches nothing."""
    await feed(acted, "/as olga organizer", "/stats irs-data-privacy 2025-01-01..2025-01-31")
    message = last(acted)
    assert message.attachments == ()
    assert message.footer == "No actions in this period yet, so no chart."


async def test_leaderboard_without_those_who_opted_out(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    """bob opts out: the leaderboard lists ann and cat only, and the total still has his."""
    await feed(acted, "/as bob", "/leaderboard optout")
    assert "you will not appear on the leaderboard" in transcript.text
    await feed(acted, "/leaderboard all")
    board = last(acted)
    assert not board.ephemeral
    assert board.body.splitlines() == [
        f"1. {mention('ann')}: 2 actions",
        f"2. {mention('cat')}: 1 action",
    ]
    assert board.fields[0].value == "4 actions by 3 members"
    await feed(acted, "/leaderboard optin", "/leaderboard")
    assert f"{mention('bob')}: 1 action" in last(acted).body


async def test_leaderboard_names_members_as_at_id_in_the_console(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    """The console shows each member on the leaderboard as @id, with no marker left over."""
    await feed(acted, "/leaderboard all")
    assert "   1. @ann: 2 actions\n   2. @bob: 1 action\n   3. @cat: 1 action\n" in transcript.text
    assert "\ufdd0" not in transcript.text


async def test_leaderboard_bad_period(acted: ConsoleHost) -> None:
    """An unknown period is explained."""
    await feed(acted, "/leaderboard forever-ish")
    assert "is not a period I know" in last(acted).body


async def test_export_is_a_csv_of_daily_counts(acted: ConsoleHost) -> None:
    """/export attaches the campaign's daily counts per lawmaker and outcome, no members."""
    await feed(acted, "/as olga organizer", "/export irs-data-privacy")
    [attachment] = last(acted).attachments
    assert attachment.content_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(attachment.data.decode("utf-8"))))
    assert [(r["day"], r["outcome"], r["actions"]) for r in rows] == [
        ("2026-01-05", "contact", "1"),
        ("2026-01-06", "contact", "1"),
        ("2026-01-06", "unreachable", "1"),
        ("2026-01-06", "voicemail", "1"),
    ]
    assert b"ann" not in attachment.data and b"bob" not in attachment.data


async def test_the_overview_section_shows_the_streak(
    acted: ConsoleHost, full_services: Services
) -> None:
    """The member's overview (App Home on Slack) gets their streak from the stats cog."""
    cog = acted.registry.cogs["stats"]
    assert isinstance(cog, StatsCog)
    actor = await full_services.members.actor(acted.platform, acted.session, "ann", False)
    section = await cog.my_summary(Context(actor, acted, CHANNEL))
    assert section is not None and section.body.startswith("Days: 2 days in a row")
