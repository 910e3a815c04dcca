"""Personal scripts: the member's lawmakers, their numbers, the rendered script, office hours."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import build_services, close_services
from bot.core.office_hours import OfficeHours
from bot.core.personal_scripts import ZipNeeded
from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.errors import StartupError
from bot.domain.models import Actor, Member, Platform
from bot.i18n.translator import Translators
from bot.services import Services
from bot.settings import Settings, load_settings

MONDAY_10AM_EASTERN = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
MONDAY_7AM_EASTERN = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
EN = Translators()("en")


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (datetime(2026, 1, 5, 14, 0, tzinfo=UTC), True),  # Monday 9:00 EST
        (datetime(2026, 1, 5, 13, 59, tzinfo=UTC), False),  # Monday 8:59 EST
        (datetime(2026, 1, 5, 21, 59, tzinfo=UTC), True),  # Monday 16:59 EST
        (datetime(2026, 1, 5, 22, 0, tzinfo=UTC), False),  # Monday 17:00 EST
        (datetime(2026, 1, 10, 15, 0, tzinfo=UTC), False),  # Saturday 10:00 EST
        (datetime(2026, 7, 6, 13, 0, tzinfo=UTC), True),  # Monday 9:00 EDT (summer time)
        (datetime(2026, 7, 6, 21, 0, tzinfo=UTC), False),  # Monday 17:00 EDT
    ],
)
def test_office_hours_are_eastern_weekdays(moment: datetime, is_open: bool) -> None:
    """Open 9 to 5 Eastern, Monday to Friday, in winter and summer time."""
    assert OfficeHours(9, 17).is_open(moment) is is_open


def test_office_hours_describe_themselves() -> None:
    """Hours read the American way."""
    assert OfficeHours(9, 17).describe() == "9 a.m. to 5 p.m. Eastern time, Monday to Friday"
    assert OfficeHours(0, 12).describe().startswith("midnight to noon")


def test_office_hours_must_be_a_range() -> None:
    """An end before the start is a programming error."""
    with pytest.raises(ValueError):
        OfficeHours(17, 9)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"ORGBOT_OFFICE_HOURS_START": "17", "ORGBOT_OFFICE_HOURS_END": "9"}, "later than"),
        ({"ORGBOT_OFFICE_HOURS_END": "25"}, "less than or equal to 24"),
        ({"ORGBOT_OFFICE_HOURS_START": "nine"}, "valid integer"),
    ],
)
def test_bad_office_hours_settings_name_themselves(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    """A bad hour stops the bot with one line naming the setting."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None)
    assert "ORGBOT_OFFICE_HOURS_" in info.value.message and expected in info.value.message


async def located(services: Services, name: str, zip5: str, district: str | None) -> Member:
    actor = await services.members.actor(Platform.CONSOLE, "c1", name, False)
    return await services.members.set_location(actor.member, zip5, district)


@pytest.fixture
async def olga(full_services: Services) -> Actor:
    return await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)


@pytest.fixture
async def irs(full_services: Services, olga: Actor) -> Campaign:
    return await full_services.campaigns.import_template(olga, "irs-data-privacy")


async def test_vermont_caller_gets_three_calls_with_numbers(
    full_services: Services, irs: Campaign, clock: ManualClock
) -> None:
    """05401: Sanders, Welch and Balint, each with DC and Burlington numbers and their script."""
    clock.set(MONDAY_10AM_EASTERN)
    member = await located(full_services, "ann", "05401", "VT-AL")
    script = full_services.scripts.build(member, irs)
    assert script.place == "Burlington, VT" and script.offices_open
    assert [(c.lawmaker.label, str(c.target.reason)) for c in script.required] == [
        ("Sen. Bernard Sanders (I-VT)", "your senator"),
        ("Sen. Peter Welch (D-VT)", "your senator"),
        ("Rep. Becca Balint (D-VT-AL)", "your representative"),
    ]
    sanders = script.required[0]
    assert [(EN.render(p.label), p.number) for p in sanders.phones] == [
        ("DC office", "(202) 224-5141"),
        ("Burlington office", "(802) 862-0697"),
    ]
    assert "I live in Burlington, Vermont, ZIP code 05401" in sanders.script
    assert "I'm asking Senator Sanders to work in the Senate" in sanders.script
    assert "Ways and Means" not in sanders.script
    assert "I'm asking Representative Balint to work in the House" in script.required[2].script
    assert "Senator Sanders" in sanders.voicemail


async def test_committee_leaders_are_optional_extras(
    full_services: Services, irs: Campaign
) -> None:
    """The IRS campaign adds the Ways and Means and Finance leaders as optional calls."""
    member = await located(full_services, "ann", "05401", "VT-AL")
    script = full_services.scripts.build(member, irs)
    assert [c.lawmaker.last for c in script.optional] == ["Smith", "Neal", "Crapo", "Wyden"]
    assert all(len(c.phones) == 1 for c in script.optional)  # DC only: not the caller's own


async def test_closed_offices_are_said(
    full_services: Services, irs: Campaign, clock: ManualClock
) -> None:
    """Before 9 Eastern the script knows the DC offices are closed."""
    clock.set(MONDAY_7AM_EASTERN)
    member = await located(full_services, "ann", "05401", None)
    script = full_services.scripts.build(member, irs)
    assert not script.offices_open and script.closed_for is None
    assert EN.render(script.office_hours) == "9 a.m. to 5 p.m. Eastern time, Monday to Friday"
    assert EN.render(script.opens_again) == "Monday, January 5 at 9 a.m. Eastern time"


async def test_a_holiday_closes_offices_with_its_name(
    full_services: Services, irs: Campaign, clock: ManualClock
) -> None:
    """At 10 on Thanksgiving offices are closed for it, and open again on Friday."""
    clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))
    member = await located(full_services, "ann", "05401", None)
    script = full_services.scripts.build(member, irs)
    assert not script.offices_open and str(script.closed_for) == "Thanksgiving Day"
    assert EN.render(script.opens_again) == "Friday, November 27 at 9 a.m. Eastern time"


async def test_open_offices_name_no_holiday_or_reopening(
    full_services: Services, irs: Campaign, clock: ManualClock
) -> None:
    """On an ordinary open morning there is no holiday and no reopening time."""
    clock.set(MONDAY_10AM_EASTERN)
    member = await located(full_services, "ann", "05401", None)
    script = full_services.scripts.build(member, irs)
    assert script.offices_open and script.closed_for is None and script.opens_again == ""


async def test_office_hours_come_from_settings(full_settings: Settings, clock: ManualClock) -> None:
    """ORGBOT_OFFICE_HOURS_START/END move the hours."""
    settings = full_settings.model_copy(update={"office_hours_start": 6, "office_hours_end": 8})
    services = await build_services(settings, clock)
    try:
        clock.set(MONDAY_7AM_EASTERN)
        assert services.scripts.hours.is_open(clock.now())
        assert services.scripts.hours.describe().startswith("6 a.m. to 8 a.m.")
    finally:
        await close_services(services)


async def test_no_zip_asks_for_one(full_services: Services, irs: Campaign) -> None:
    """A campaign calling the member's own lawmakers needs their ZIP first."""
    actor = await full_services.members.actor(Platform.CONSOLE, "c1", "newbie", False)
    assert full_services.scripts.needs_zip(actor.member, irs)
    with pytest.raises(ZipNeeded, match="/setzip"):
        full_services.scripts.build(actor.member, irs)


async def test_committee_only_campaign_needs_no_zip(
    full_services: Services, olga: Actor, irs: Campaign
) -> None:
    """Calling committee leaders needs no ZIP; missing places read naturally."""
    campaign = await full_services.campaigns.set_targets(olga, irs.slug, "leaders:SSFI")
    actor = await full_services.members.actor(Platform.CONSOLE, "c1", "newbie", False)
    script = full_services.scripts.build(actor.member, campaign)
    assert [c.lawmaker.last for c in script.required] == ["Crapo", "Wyden"]
    assert "I live in your city, your state, ZIP code your ZIP code." in script.calls[0].script
    assert "{" not in script.calls[0].script and script.place is None


async def test_split_zip_lists_candidates_until_a_district_is_chosen(
    full_services: Services, irs: Campaign
) -> None:
    """02134 touches MA-7 and MA-8: both House members, a note; a chosen district narrows it."""
    member = await located(full_services, "ann", "02134", None)
    script = full_services.scripts.build(member, irs)
    house = [c for c in script.required if c.lawmaker.chamber == "rep"]
    assert [c.lawmaker.seat_label for c in house] == ["MA-7", "MA-8"]
    assert len(script.required) == 4
    assert any("(MA-7, MA-8)" in note and "/setzip" in note for note in map(str, script.notes))
    chosen = await full_services.members.set_district(member, "MA-8")
    narrowed = full_services.scripts.build(chosen, irs)
    assert [c.lawmaker.seat_label for c in narrowed.required] == ["MA", "MA", "MA-8"]
    assert narrowed.notes == ()


async def test_a_stale_district_falls_back_to_the_zip(
    full_services: Services, irs: Campaign
) -> None:
    """A saved district that no longer exists is reported, and the ZIP is used instead."""
    member = await located(full_services, "ann", "05401", "VT-7")
    script = full_services.scripts.build(member, irs)
    assert [c.lawmaker.last for c in script.required] == ["Sanders", "Welch", "Balint"]
    assert "Your saved district VT-7 is not in the current data" in str(script.notes[0])


async def test_a_member_without_a_phone_gets_the_switchboard(
    full_services: Services, irs: Campaign
) -> None:
    """A new member with no published number is reached through the Capitol switchboard."""
    member = await located(full_services, "ann", "96001", "CA-1")
    gallagher = next(
        c for c in full_services.scripts.build(member, irs).calls if c.lawmaker.district == 1
    )
    switchboard = "Capitol switchboard (ask for Representative Gallagher)"
    assert EN.render(gallagher.phones[0].label) == switchboard
    assert gallagher.phones[0].number == "(202) 224-3121"


async def test_dc_and_vacant_seats_are_noted(full_services: Services, irs: Campaign) -> None:
    """DC has no senators; a vacant House seat has no one to call."""
    dc = full_services.scripts.build(await located(full_services, "d", "20001", "DC-AL"), irs)
    assert [c.lawmaker.last for c in dc.required] == ["Norton"]
    assert "The District of Columbia has no senators." in map(str, dc.notes)
    vacant = full_services.scripts.build(await located(full_services, "v", "94541", None), irs)
    assert len(vacant.required) == 2
    assert "The House seat CA-14 is vacant right now; there is no one to call." in map(
        str, vacant.notes
    )
