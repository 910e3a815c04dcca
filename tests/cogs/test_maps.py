"""/map calls and /map stances on the console: the PNG is saved and its alt text printed, in
the reader's language."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.charts import PNG_SIGNATURE
from bot.civic.residents import residents
from bot.domain.clock import ManualClock
from bot.messages import Message
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript

OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)
SANDERS, WELCH = "S000033", "W000800"  # Vermont's senators


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


def last(console: ConsoleHost) -> Message:
    return console.messages[max(console.messages)]


async def report(services: Services, console: ConsoleHost, user: str, lawmaker: str) -> None:
    actor = await services.members.actor(console.platform, console.session, user, False)
    result = await services.actions.report(actor, "contact", prompt_id=1, lawmaker=lawmaker)
    assert result.action is not None


@pytest.fixture
async def called(
    full_console: ConsoleHost, full_services: Services, clock: ManualClock, transcript: Transcript
) -> ConsoleHost:
    """Three calls to Vermont's senators, one to a Californian, one report naming no one."""
    clock.set(OPEN)
    await feed(
        full_console,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
    )
    california = full_services.directory.current().senators("CA")[0].bioguide
    for user, lawmaker in (("ann", SANDERS), ("bob", SANDERS), ("cat", WELCH), ("dan", california)):
        await report(full_services, full_console, user, lawmaker)
    await feed(full_console, "/as eve", "/press 2 📞", "/as olga organizer")
    transcript.clear()
    return full_console


async def test_map_of_calls_is_a_png_with_alt_text_naming_the_top_states(
    called: ConsoleHost, transcript: Transcript
) -> None:
    """Per 100,000 residents Vermont (3 calls, 643,077 people) is far ahead of California."""
    from matplotlib.image import imread

    await feed(called, "/map calls irs-data-privacy 30d")
    message = last(called)
    [png] = message.attachments
    assert png.content_type == "image/png" and png.data.startswith(PNG_SIGNATURE)
    assert imread(io.BytesIO(png.data), format="png").shape[1] > 500
    # 3 calls for 643,077 Vermonters, 1 for 39,538,223 Californians
    assert round(3 * 100_000 / residents()["VT"], 2) == 0.47
    assert "the most: VT 0.47, CA 0.003." in png.alt
    assert message.body == "VT 0.47 · CA 0.003"  # the same, for the eye, under the map
    assert "2 places had calls" in png.alt and "calls per 100,000 residents" in png.alt
    assert message.footer == (
        "1 report named no lawmaker and came from a caller with no saved ZIP code, so it is "
        "on no state."
    )
    assert "calls-by-state.png" in transcript.text  # the console says where the PNG is
    assert f"Alt text: {png.alt}" in transcript.text  # and what it shows


async def test_a_one_tap_report_is_placed_in_its_callers_state(called: ConsoleHost) -> None:
    """A reaction names no lawmaker: a caller who saved a Maine ZIP code puts it on Maine
    (the caller phoned their own lawmakers); eve, with no ZIP saved, stays on no state."""
    await feed(called, "/as fay", "/setzip 04101", "/press 2 📞", "/as olga organizer")
    await feed(called, "/map calls irs-data-privacy 30d calls")
    message = last(called)
    [png] = message.attachments
    assert "3 places had calls" in png.alt
    assert message.body == "VT 3 · CA 1 · ME 1"
    assert message.footer is not None and message.footer.startswith("1 report named no")


async def test_the_stats_chart_has_alt_text_too(
    called: ConsoleHost, transcript: Transcript
) -> None:
    """The chart of /stats says its days, total by outcome and busiest day."""
    await feed(called, "/stats irs-data-privacy")
    [chart] = last(called).attachments
    assert chart.alt == (
        "Bar chart of actions per day for Keep tax records confidential, Tuesday, January 6 to "
        "Tuesday, January 6, stacked by outcome: 5 actions in all (Made contact 5); the busiest "
        "day was Tuesday, January 6, with 5."
    )
    assert f"Alt text: {chart.alt}" in transcript.text


async def test_map_of_raw_calls(called: ConsoleHost) -> None:
    await feed(called, "/map calls irs-data-privacy all calls")
    assert "the most: VT 3, CA 1." in last(called).attachments[0].alt


async def test_map_period_in_the_campaign_slot_and_errors(
    called: ConsoleHost, transcript: Transcript
) -> None:
    """'/map calls 7d' maps every campaign; a bad shade or campaign gets one sentence."""
    await feed(called, "/map calls 7d")
    assert last(called).title == "Calls by state: all campaigns, the last 7 days"
    await feed(called, "/map calls irs-data-privacy 7d loud")
    assert last(called).attachments == ()
    await feed(called, "/map calls nope")
    assert last(called).attachments == ()
    await feed(called, "/as ann", "/map calls")
    assert "Only organizers can do that." in transcript.text


async def test_map_in_spanish(called: ConsoleHost, transcript: Transcript) -> None:
    """A Spanish reader's title, legend words and alt text are Spanish."""
    await feed(called, "/language es", "/map calls irs-data-privacy 30d")
    message = last(called)
    alt = message.attachments[0].alt
    assert message.title.startswith("Llamadas por estado")
    assert alt.startswith("Mapa de mosaicos") and "llamadas por cada 100.000 habitantes" in alt
    assert "VT 0,47, CA 0,003" in alt
    assert f"Texto alternativo: {alt}" in transcript.text


async def test_stance_map_of_a_committee(
    called: ConsoleHost, full_services: Services, transcript: Transcript
) -> None:
    """Each member of Ways and Means is a tile; the alt text counts the stances organizers set
    with /stance set and names the undecided."""
    committee = full_services.lawmakers.committee("HSWM")
    directory = full_services.directory.current()
    first, second = (directory.member(m.bioguide) for m in committee.members[:2])
    await feed(
        called,
        f"/stance set {first.bioguide} undecided",
        f"/stance set {second.bioguide} supports",
        "/map stances HSWM",  # the only running campaign
    )
    [png] = last(called).attachments
    assert png.data.startswith(PNG_SIGNATURE) and png.filename == "stances-HSWM.png"
    n = len(committee.members)
    assert f"Grid of the {n} members of {committee.full_name} (HSWM)" in png.alt
    assert f"Supporting: 1; opposing: 0; undecided: 1; unknown: {n - 2}." in png.alt
    assert last(called).body == f"Supports: 1 · Opposes: 0 · Undecided: 1 · Unknown: {n - 2}"
    assert f"Still undecided: {first.last} ({first.party_letter}-{first.seat_label})." in png.alt
    assert f"Alt text: {png.alt}" in transcript.text


async def test_stance_map_of_a_committee_that_does_not_exist(called: ConsoleHost) -> None:
    await feed(called, "/map stances XXZZ")
    assert last(called).attachments == () and last(called).ephemeral


async def test_the_pictures_words_are_spanish_for_a_spanish_reader(
    called: ConsoleHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The title, legend and key drawn into the PNGs are in the reader's language."""
    import cogs.maps

    drawn: dict[str, tuple[object, ...]] = {}

    def keep(name: str, draw: Callable[..., bytes]) -> Callable[..., bytes]:
        def wrapped(*args: object) -> bytes:
            drawn[name] = args
            return draw(*args)

        return wrapped

    monkeypatch.setattr(cogs.maps, "state_map_png", keep("calls", cogs.maps.state_map_png))
    monkeypatch.setattr(cogs.maps, "category_map_png", keep("stances", cogs.maps.category_map_png))
    await feed(called, "/language es", "/map calls irs-data-privacy 30d", "/map stances HSWM")
    _, shown, title, legend, empty = drawn["calls"]
    assert title.startswith("Llamadas por estado: ") and title.endswith("los últimos 30 días")
    assert (legend, empty) == ("Llamadas por cada 100.000 habitantes", "Sin llamadas")
    assert shown["VT"] == "0,47"  # the reader's decimal comma on the tile too
    _, categories, title = drawn["stances"]
    assert title.startswith("Posturas sobre ")
    assert [c.name for c in categories.values()] == [
        "A favor",
        "En contra",
        "Sin decidir",
        "Se desconoce",
    ]
