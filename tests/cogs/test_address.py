"""Find my district from my street address, through the console host on the full mirror data,
against the fake Census geocoder on 127.0.0.1: offered only where the ZIP cannot tell, the
district saved only on consent, every failure a sentence and the ZIP's picker, and the address
nowhere afterwards (database files, logs at every level, messages)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import build_services, close_services
from bot.civic.geocoding import DistrictMatch
from bot.cogkit import Context
from bot.core.address_lookup import ADDRESS_FIELD as FIELD
from bot.core.address_lookup import AddressLookup, LookupFailed
from bot.core.ratelimit import MemberRateLimiter
from bot.domain.clock import ManualClock
from bot.domain.errors import InvalidInput
from bot.domain.models import Platform
from bot.i18n.translator import Translators
from bot.messages import Message, Tone
from bot.platforms.console.host import CHANNEL, ConsoleHost
from bot.platforms.console.runner import start_console
from bot.services import Services
from bot.settings import Settings, load_settings
from cogs._address import FORM_ACTION, address_button
from tests.fakes.census_geocoder import FakeCensusGeocoder

from ..conftest import Transcript

ASK = "Find my district from my street address"
MA_8 = "1 Demo Street, Boston, MA 02134"  # the fake puts it in MA-8; 02134 spans MA-7 and MA-8
IN_VERMONT = "1 Demo Road, Burlington, VT 05401"
UNKNOWN = "99 Nowhere Lane, Boston, MA 02134"
OPEN = datetime(2026, 1, 6, 15, 30, tzinfo=UTC)  # a Tuesday, offices open


@pytest.fixture
async def geocoder() -> AsyncIterator[FakeCensusGeocoder]:
    async with FakeCensusGeocoder() as fake:
        yield fake


def settings_for(
    tmp_path: Path, data_dir: Path, fake: FakeCensusGeocoder, **more: object
) -> Settings:
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=data_dir,
        console_output_dir=tmp_path / "console",
        geocoder_url=fake.url,
        geocoder_timeout=0.5,
        **more,
    )


@pytest.fixture
async def services(
    tmp_path: Path,
    full_data_dir: Path,
    geocoder: FakeCensusGeocoder,
    clock: ManualClock,
    database_url: str | None,
) -> AsyncIterator[Services]:
    built = await build_services(settings_for(tmp_path, full_data_dir, geocoder), clock)
    yield built
    await close_services(built)


@pytest.fixture
async def console(services: Services, transcript: Transcript) -> ConsoleHost:
    return await start_console(services, transcript)  # type: ignore[arg-type]


async def run(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        assert await console.handle(line)
    return transcript.text


async def location(services: Services, name: str) -> tuple[str | None, str | None]:
    actor = await services.members.actor(Platform.CONSOLE, "console", name, False)
    return actor.member.zip, actor.member.district


async def look_up(console: ConsoleHost, transcript: Transcript, address: str) -> str:
    """/reps 02134, the address button, the address typed into the form."""
    await run(console, transcript, "/reps 02134")
    shown = max(console.messages)
    return await run(console, transcript, f"/press {shown} {ASK}", address)


async def test_a_split_zip_offers_the_lookup_and_says_where_the_address_goes(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """/reps, /setzip and /myreps on a split ZIP have the button and the consent sentence; a
    ZIP of one district does not."""
    text = await run(console, transcript, "/reps 02134")
    assert ASK in text
    assert "goes once to the U.S. Census Bureau to find your district, and is not kept" in text
    assert ASK not in await run(console, transcript, "/reps 05401")
    assert ASK in await run(console, transcript, "/as max", "/setzip 02134")
    assert ASK in await run(console, transcript, "/myreps")
    assert ASK not in await run(console, transcript, "/setzip 05401")


async def test_the_district_is_saved_only_on_consent(
    console: ConsoleHost, transcript: Transcript, services: Services, geocoder: FakeCensusGeocoder
) -> None:
    """The form's answer goes once to the geocoder; the district is offered, then saved when
    the member presses Save, and only the district is kept."""
    await run(console, transcript, "/as ann", "/reps 02134")
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} {ASK}")
    assert "Your street address (sent once to the U.S. Census Bureau, never kept)" in text
    text = await run(console, transcript, MA_8)
    assert "Your address is in MA-8 (Rep. Stephen F. Lynch (D-MA-8))" in text
    assert "Save MA-8 as your district?" in text
    assert await location(services, "ann") == (None, None)  # nothing kept yet
    assert len(geocoder.requests) == 1
    asked = geocoder.requests[0]
    assert asked["address"] == MA_8
    assert (asked["benchmark"], asked["vintage"], asked["format"]) == (
        "Public_AR_Current",
        "Current_Current",
        "json",
    )
    assert "Congressional Districts" in asked["layers"]
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} Save MA-8 as my district", "/myreps")
    assert "Saved: your district is MA-8." in text
    assert "(D-MA-8)" in text.split("/myreps")[-1] and "(D-MA-7)" not in text.split("/myreps")[-1]
    assert await location(services, "ann") == (None, "MA-8")
    assert len(geocoder.requests) == 1  # saving sends nothing


@pytest.mark.parametrize(
    ("failure", "address", "expected"),
    [
        (None, UNKNOWN, "found no match for that address"),
        (None, IN_VERMONT, "places that address in Vermont, but ZIP 02134 is in Massachusetts"),
        (500, MA_8, "is not answering right now"),
        (400, MA_8, "could not read that address"),
        ("garbage", MA_8, "is not answering right now"),
        ("slow", MA_8, "is not answering right now"),
    ],
)
async def test_a_failed_lookup_says_why_and_offers_the_picker(
    console: ConsoleHost,
    transcript: Transcript,
    services: Services,
    geocoder: FakeCensusGeocoder,
    failure: int | str | None,
    address: str,
    expected: str,
) -> None:
    """No match, another state, HTTP 500, the documented 400, a body that is not JSON and a
    timeout: one sentence, the ZIP's district picker, nothing saved."""
    geocoder.fail_with(failure)
    await run(console, transcript, "/as bo")
    text = await look_up(console, transcript, address)
    assert expected in text
    assert "Choose your district" in text
    assert "⚠" not in text and "Sorry, something went wrong" not in text
    assert await location(services, "bo") == (None, None)
    assert len(geocoder.requests) == 1


async def test_a_member_cannot_hammer_the_geocoder(
    console: ConsoleHost, transcript: Transcript, geocoder: FakeCensusGeocoder, clock: ManualClock
) -> None:
    """Three lookups at once, then one a minute: the fourth is refused before it is sent."""
    await run(console, transcript, "/as cy")
    for _ in range(3):
        await look_up(console, transcript, UNKNOWN)
    text = await look_up(console, transcript, UNKNOWN)
    assert "You have looked up several addresses just now" in text
    assert "Choose your district" in text
    assert len(geocoder.requests) == 3
    await run(console, transcript, "/as dee")  # another member is not held back
    await look_up(console, transcript, UNKNOWN)
    assert len(geocoder.requests) == 4


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("   ", "is required"),
        ("1 Demo Street\x1b[31m, Boston", "a hidden control character"),
        ("1 Demo Street\x00, Boston", "a hidden control character"),
        ("x" * 101, "the limit is 100"),
    ],
)
async def test_hostile_addresses_are_refused_before_anything_is_sent(
    console: ConsoleHost,
    transcript: Transcript,
    geocoder: FakeCensusGeocoder,
    typed: str,
    expected: str,
) -> None:
    """Empty, control characters and too long: a sentence that does not quote it, no request."""
    await run(console, transcript, "/as eve")
    text = await look_up(console, transcript, typed)
    assert expected in text
    assert "Demo" not in text and "xxxx" not in text  # never quoted back
    assert geocoder.requests == []


async def test_markup_and_mentions_are_just_text_sent_once(
    console: ConsoleHost, transcript: Transcript, geocoder: FakeCensusGeocoder
) -> None:
    """An address holding a mention and markup is sent as typed and never echoed."""
    typed = "<@123> **1** `Demo` <!channel> [x](http://evil.example) St"
    text = await look_up(console, transcript, typed)
    assert "found no match" in text
    assert "<@123>" not in text and "evil.example" not in text
    assert [r["address"] for r in geocoder.requests] == [typed]


async def test_an_overlong_address_is_refused_without_quoting_it(services: Services) -> None:
    """Past the form's limit (a forged submission), the core refuses without repeating it."""
    actor = await services.members.actor(Platform.CONSOLE, "console", "fay", False)
    address = "Secret Street " * 1000
    with pytest.raises(InvalidInput) as refused:
        await services.address.find(actor, "02134", address)
    assert "Secret" not in refused.value.message
    with pytest.raises(InvalidInput, match="Type your street address"):
        await services.address.find(actor, "02134", " \u2028 \n ")


async def test_a_forged_overlong_form_answer_is_not_quoted_back(
    services: Services, console: ConsoleHost
) -> None:
    """Past the dispatcher's cap for any form answer (a forged submission; real clients stop at
    100 characters), the refusal gives only the length, never how the address begins."""
    actor = await services.members.actor(Platform.CONSOLE, "console", "fay", False)
    address = "Secret Street " * 1000
    answer = await console.dispatcher.submit(
        Context(actor, console, CHANNEL), f"{FORM_ACTION}:02134", {FIELD: address}
    )
    assert answer is not None and answer.tone is Tone.ERROR
    assert answer.body.startswith("One of your answers is too long (")
    assert "Secret" not in answer.body


async def test_turned_off_there_is_no_button(
    tmp_path: Path,
    full_data_dir: Path,
    geocoder: FakeCensusGeocoder,
    clock: ManualClock,
    database_url: str | None,
) -> None:
    """ORGBOT_ADDRESS_LOOKUP=false: no button on a split ZIP, and an old one opens nothing."""
    settings = settings_for(tmp_path, full_data_dir, geocoder, address_lookup=False)
    services = await build_services(settings, clock)
    try:
        out = Transcript()
        console = await start_console(services, out)  # type: ignore[arg-type]
        text = await run(console, out, "/reps 02134")
        assert ASK not in text and "Choose your district" in text
        actor = await services.members.actor(Platform.CONSOLE, "console", "hal", False)
        await console.post(
            actor.community,
            CHANNEL,
            Message(buttons=(address_button("02134", Translators()("en")),)),
        )
        text = await run(console, out, "/as hal", f"/press {max(console.messages)} {ASK}")
        assert "no longer in use" in text
    finally:
        await close_services(services)
    assert geocoder.requests == []


async def test_the_script_offers_the_lookup_and_shows_the_script_after_saving(
    console: ConsoleHost,
    transcript: Transcript,
    services: Services,
    geocoder: FakeCensusGeocoder,
    clock: ManualClock,
) -> None:
    """Get my script on a split ZIP: the button; once MA-8 is saved, the script calls MA-8's
    member only."""
    clock.set(OPEN)
    await run(
        console,
        transcript,
        "/as olga organizer",
        "/campaign import irs-data-privacy",
        "/prompt post irs-data-privacy",
        "/as gil",
        "/setzip 02134",
    )
    text = await run(console, transcript, "/press 2 Get my script")
    assert ASK in text
    script = max(console.messages)
    text = await run(console, transcript, f"/press {script} {ASK}", MA_8)
    assert "Save MA-8 as your district?" in text
    shown = max(console.messages)
    text = await run(console, transcript, f"/press {shown} Save MA-8 as my district")
    assert "Saved: your district is MA-8." in text
    assert "Your calls: Keep tax records confidential" in text
    assert "Lynch" in text and "Pressley" not in text
    assert await location(services, "gil") == ("02134", "MA-8")


@pytest.mark.sqlite_only  # reads the database file
async def test_the_address_is_nowhere_after_many_lookups(
    console: ConsoleHost,
    transcript: Transcript,
    services: Services,
    geocoder: FakeCensusGeocoder,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    """After lookups that match, fail, time out and are refused, no log record (any level,
    any logger) and no database file holds any address typed, nor does any later answer."""
    caplog.set_level(logging.DEBUG)
    typed = []
    failures: list[int | str | None] = [None, None, None, 500, 400, "garbage", "slow", None]
    for n, failure in enumerate(failures):
        geocoder.fail_with(failure)
        await run(console, transcript, f"/as member{n}")
        address = MA_8 if failure is None and n % 2 == 0 else f"{n}7 Privet Drive, Boston, MA 02134"
        typed.append(address)
        text = await look_up(console, transcript, address)
        if "Save MA-8" in text:
            await run(
                console, transcript, f"/press {max(console.messages)} Save MA-8 as my district"
            )
    files = [p for p in tmp_path.iterdir() if p.name.startswith("orgbot.sqlite3")]
    assert files
    needles = {t.split(",")[0].lower() for t in typed}  # the street part, as typed
    for path in files:
        stored = path.read_bytes().lower()
        for needle in needles:
            assert needle.encode() not in stored, f"{needle!r} found in {path.name}"
    logged = "\n".join(
        f"{r.name} {r.getMessage()} {r.exc_text or ''}".lower() for r in caplog.records
    )
    assert caplog.records  # the scan saw the logs
    for needle in needles:
        assert needle not in logged
    assert len(geocoder.requests) == len(failures)


# -- districts of a map that changed (a redrawn state once the 120th Congress sits) -------------
SWORN_IN_120TH = datetime(2027, 1, 5, 15, 0, tzinfo=UTC)
DALLAS = "1 Demo Plaza, Dallas, TX 75201"  # TX-30 in the fake; Texas redrew its lines for the 120th


@contextlib.asynccontextmanager
async def console_on(
    settings: Settings, clock: ManualClock
) -> AsyncIterator[tuple[ConsoleHost, Transcript]]:
    services = await build_services(settings, clock)
    try:
        out = Transcript()
        yield await start_console(services, out), out  # type: ignore[arg-type]
    finally:
        await close_services(services)


async def test_no_lookup_where_the_geocoders_map_predates_the_states_new_lines(
    tmp_path: Path,
    full_data_dir: Path,
    geocoder: FakeCensusGeocoder,
    clock: ManualClock,
    database_url: str | None,
) -> None:
    """Texas in 2027 with the geocoder's 119th Congress layer: no button (its answer would be
    the old lines); the state's lookup is what /reps offers."""
    clock.set(SWORN_IN_120TH)
    async with console_on(settings_for(tmp_path, full_data_dir, geocoder), clock) as (console, out):
        text = await run(console, out, "/reps 75201")
    assert "House district lines changed" in text
    assert ASK not in text


async def test_with_the_new_congress_layer_a_redrawn_states_district_is_found(
    tmp_path: Path, full_data_dir: Path, clock: ManualClock, database_url: str | None
) -> None:
    """ORGBOT_GEOCODER_LAYER names the 120th Congress's layer: Texas gets the button, and the
    district of the new lines is offered and saved."""
    clock.set(SWORN_IN_120TH)
    async with FakeCensusGeocoder(congress=120) as fake:
        layer = "120th Congressional Districts"
        settings = settings_for(tmp_path, full_data_dir, fake, geocoder_layer=layer)
        async with console_on(settings, clock) as (console, out):
            text = await run(console, out, "/as ida", "/reps 75201")
            assert ASK in text
            text = await run(console, out, f"/press {max(console.messages)} {ASK}", DALLAS)
            assert "Your address is in MA" not in text and "Save TX-30 as your district?" in text
            text = await run(
                console, out, f"/press {max(console.messages)} Save TX-30 as my district"
            )
            assert "Saved: your district is TX-30." in text
        assert [r["layers"] for r in fake.requests] == [layer]


class OldMapGeocoder:
    """A geocoder configured for the 120th Congress that still answers with the 119th's lines."""

    congress = 120

    async def locate(self, address: str) -> DistrictMatch:
        return DistrictMatch("TX", 30, 119)


async def test_an_answer_on_the_old_lines_of_a_redrawn_state_is_not_offered(
    services: Services, clock: ManualClock
) -> None:
    """The answer's own Congress is checked: Texas's old lines get the state's lookup instead."""
    clock.set(SWORN_IN_120TH)
    lookup = AddressLookup(
        services.lawmakers, services.members, OldMapGeocoder(), MemberRateLimiter(clock, 1, 3)
    )
    actor = await services.members.actor(Platform.CONSOLE, "console", "jo", False)
    with pytest.raises(LookupFailed) as failed:
        await lookup.find(actor, "75201", DALLAS)
    assert "still has Texas's old House district lines, which changed for the 120th" in str(
        failed.value
    )
    assert "Confirm your district at https://" in failed.value.message


async def test_a_po_box_zips_probable_district_is_settled_by_address(
    console: ConsoleHost, transcript: Transcript, services: Services, geocoder: FakeCensusGeocoder
) -> None:
    """A PO-box ZIP's districts are only probable, so the lookup is offered; the address may
    name another district of the state than the nearest neighbourhoods', and that one is kept."""
    geocoder.place("5 Demo Street, New York, NY 10008", "36", "12")
    text = await run(console, transcript, "/as kim", "/reps 10008")
    assert "probably your district" in text and ASK in text
    text = await run(console, transcript, f"/press {max(console.messages)} {ASK}")
    text = await run(console, transcript, "5 Demo Street, New York, NY 10008")
    assert "Save NY-12 as your district?" in text
    await run(console, transcript, f"/press {max(console.messages)} Save NY-12 as my district")
    assert await location(services, "kim") == (None, "NY-12")


async def test_a_forged_save_button_saves_nothing_outside_the_zips_state(
    services: Services,
) -> None:
    """Save checks the state again: a district of another state, or none, is refused."""
    actor = await services.members.actor(Platform.CONSOLE, "console", "lou", False)
    with pytest.raises(InvalidInput, match="not in the state of ZIP 02134"):
        await services.address.save(actor.member, "02134", "TX-30")
    with pytest.raises(InvalidInput, match="A district looks like"):
        await services.address.save(actor.member, "02134", "<@1>")
    assert await location(services, "lou") == (None, None)
