"""The private dashboard (issue 19): /dashboard in the console, its page, data and chart over
real HTTP, and every way a link is refused (no signature, a forged one, expired, revoked, its
organizer erased), each with the strict headers."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.charts import PNG_SIGNATURE
from bot.core.dashboard_links import LinkSigner
from bot.dashboard_site import CONTENT_SECURITY_POLICY
from bot.domain.clock import ManualClock
from bot.platforms.console.host import ConsoleHost
from bot.services import Services
from bot.settings import Settings
from bot.web import WebServer

from .conftest import Transcript
from .dashboard_world import (
    CAMPAIGN,
    SECRET,
    act,
    dashboard_settings,
    feed,
    fetch,
    link_path,
    serving_dashboard,
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


@pytest.fixture
def full_settings(tmp_path: Path, full_data_dir: Path, database_url: str | None) -> Settings:
    return dashboard_settings(tmp_path, full_data_dir, database_url)


@pytest.fixture
async def acted(full_console: ConsoleHost, clock: ManualClock) -> ConsoleHost:
    return await act(full_console, clock)


async def ask_link(console: ConsoleHost, transcript: Transcript, line: str = "/dashboard") -> str:
    transcript.clear()
    await feed(console, "/as olga organizer", line)
    return link_path(transcript.text)


def assert_strict(headers: dict[str, str]) -> None:
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (name, headers.get(name))


def counts(data: dict[str, object]) -> dict[str, list[str]]:
    rows = data["rows"]
    assert isinstance(rows, list)
    return {row["key"]: row["counts"] for row in rows}


async def test_an_organizer_gets_a_private_link_for_a_day(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    """The console prints the link; the reply is private and says how long it works."""
    transcript.clear()
    await feed(acted, "/as olga organizer", f"/dashboard {CAMPAIGN}")
    message = acted.messages[max(acted.messages)]
    assert message.ephemeral
    assert "https://orgbot.example.org/dashboard?t=" in transcript.text
    assert "Keep tax records confidential" in message.body
    assert "until Wed 2026-01-07 10:30 EST (24 hours)" in message.body
    assert "names no member" in message.body


async def test_a_member_gets_no_link(acted: ConsoleHost, transcript: Transcript) -> None:
    transcript.clear()
    await feed(acted, "/as ann", "/dashboard", "/dashboard revoke all")
    assert transcript.text.count("Only organizers can do that.") == 2
    assert "/dashboard?t=" not in transcript.text


async def test_without_a_public_address_or_secret_it_says_what_to_set(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """The shared settings have neither ORGBOT_PUBLIC_URL nor ORGBOT_SECRET_KEY."""
    await feed(console, "/as olga organizer", "/dashboard")
    assert "The dashboard is not set up on this bot: its operator sets ORGBOT_PUBLIC_URL, " in (
        transcript.text
    )
    assert "/dashboard?t=" not in transcript.text


async def test_the_page_its_numbers_and_chart(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """The page, its data (today, 7 and 30 days by outcome) and its chart, each with the strict
    headers; a report that lands shows at the next read."""
    path = await ask_link(acted, transcript, f"/dashboard {CAMPAIGN}")
    token = path.split("?t=", 1)[1]
    async with serving_dashboard(full_services) as server:
        status, headers, body = await fetch(server, path)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert_strict(headers)
        page = body.decode()
        assert '<html lang="en">' in page and "Dashboard: Keep tax records confidential" in page
        assert '<script src="dashboard.js" defer></script>' in page
        assert "<script>" not in page  # no inline script
        assert 'alt="Tile map of the 50 states, DC and 5 territories for Keep tax records' in page
        status, headers, body = await fetch(server, f"/dashboard.json?t={token}")
        assert status == 200
        assert_strict(headers)
        data = json.loads(body)
        assert data["periods"] == ["Today", "Last 7 days", "Last 30 days"]
        assert counts(data) == {
            "outcome:contact": ["1", "2", "2"],
            "outcome:unreachable": ["1", "1", "1"],
            "outcome:voicemail": ["1", "1", "1"],
            "total": ["3", "4", "4"],
            "members": ["3", "3", "3"],
        }
        status, headers, body = await fetch(server, f"/dashboard.png?t={token}&v={data['chart']}")
        assert status == 200 and headers["Content-Type"] == "image/png"
        assert body.startswith(PNG_SIGNATURE)
        assert_strict(headers)
        status, headers, body = await fetch(server, f"/dashboard-map.png?t={token}&v={data['map']}")
        assert status == 200 and headers["Content-Type"] == "image/png"
        assert body.startswith(PNG_SIGNATURE)
        assert_strict(headers)
        for asset in ("/dashboard.js", "/dashboard.css"):
            status, headers, _ = await fetch(server, asset)
            assert status == 200
            assert_strict(headers)
        dan = await full_services.members.actor(acted.platform, acted.session, "dan", False)
        await full_services.actions.report(dan, "contact", prompt_id=2)
        data = json.loads((await fetch(server, f"/dashboard.json?t={token}"))[2])
        assert counts(data)["total"] == ["4", "5", "5"]


async def refused(server: WebServer, path: str) -> None:
    status, headers, body = await fetch(server, path)
    assert status == 403, path
    assert_strict(headers)
    assert b"This link is not valid." in body and b"Este enlace no es v" in body


async def test_a_link_is_refused_unsigned_forged_expired_or_revoked(
    acted: ConsoleHost, transcript: Transcript, full_services: Services, clock: ManualClock
) -> None:
    """Every refusal is the same 403 page, on the page and each of its routes."""
    path = await ask_link(acted, transcript)
    token = path.split("?t=", 1)[1]
    link_id, expires, signature = token.split(".")
    other = LinkSigner(["another secret"])
    forged = [
        "",
        "?t=",
        "?t=" + "x" * 5000,
        f"?t={link_id}.{expires}.{signature[:-1]}A" if signature[-1] != "A" else "?t=x",
        f"?t={link_id}.{int(expires) + 3600}.{signature}",  # a longer life, same signature
        f"?t={link_id}.{expires}.{other.sign(link_id, int(expires))}",  # another server's key
        f"?t={'A' * 22}.{expires}.{LinkSigner([SECRET]).sign('A' * 22, int(expires))}",  # no row
    ]
    async with serving_dashboard(full_services) as server:
        assert (await fetch(server, path))[0] == 200
        for query in forged:
            for route in ("/dashboard", "/dashboard.json", "/dashboard.png", "/dashboard-map.png"):
                await refused(server, route + query)
        clock.advance(timedelta(hours=24))  # the second it expires
        await refused(server, path)
        fresh = await ask_link(acted, transcript)
        assert (await fetch(server, fresh))[0] == 200
        transcript.clear()
        await feed(acted, "/dashboard revoke")
        assert "Done: 1 of your dashboard links no longer works." in transcript.text
        await refused(server, fresh)
        await refused(server, fresh.replace("/dashboard?", "/dashboard.json?"))


async def test_revoke_all_ends_every_organizer_s_links(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    olga = await ask_link(acted, transcript)
    transcript.clear()
    await feed(acted, "/as pat organizer", "/dashboard")
    pat = link_path(transcript.text)
    async with serving_dashboard(full_services) as server:
        await feed(acted, "/as olga organizer", "/dashboard revoke")  # olga's own only
        await refused(server, olga)
        assert (await fetch(server, pat))[0] == 200
        transcript.clear()
        await feed(acted, "/dashboard revoke all")
        assert "Done: 1 dashboard link of this community no longer works." in transcript.text
        await refused(server, pat)


async def test_an_erased_organizer_s_links_stop_working(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    path = await ask_link(acted, transcript)
    actor = await full_services.members.actor(acted.platform, acted.session, "olga", True)
    async with serving_dashboard(full_services) as server:
        assert (await fetch(server, path))[0] == 200
        token = await full_services.privacy.request_erase(actor.member)
        await full_services.privacy.confirm_erase(actor, token)
        await refused(server, path)


async def test_notes_name_no_member(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """Notes show grouped by lawmaker, with no author, and mentions inside them withheld."""
    actor = await full_services.members.actor(acted.platform, acted.session, "bob", False)
    result = await full_services.actions.report(actor, "contact", prompt_id=1, lawmaker="S000033")
    assert result.action is not None
    await full_services.actions.add_note(actor, result.action.id, "undecided, ask <@U0BOB1>")
    path = await ask_link(acted, transcript)
    async with serving_dashboard(full_services) as server:
        body = (await fetch(server, path.replace("/dashboard?", "/dashboard.json?")))[2]
    data = json.loads(body)
    assert data["notes"] == [
        {"lawmaker": "Sen. Bernard Sanders (I-VT)", "notes": [["undecided, ask [someone]", 1]]}
    ]
    assert "bob" not in body.decode() and "U0BOB1" not in body.decode()


async def test_a_spanish_community_s_page_is_in_spanish(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    await feed(acted, "/as olga organizer", "/language default es")
    path = await ask_link(acted, transcript)
    async with serving_dashboard(full_services) as server:
        page = (await fetch(server, path))[2].decode()
        data = json.loads((await fetch(server, path.replace("/dashboard?", "/dashboard.json?")))[2])
    assert '<html lang="es">' in page and "Panel: todas las campañas" in page
    assert data["periods"] == ["Hoy", "Últimos 7 días", "Últimos 30 días"]
    assert [row["label"] for row in data["rows"]][-2:] == [
        "Todas las acciones",
        "Personas que actuaron",
    ]
    for english in ("Today", "Office notes", "Private page", "Actions per day"):
        assert english not in page


async def test_a_campaign_s_stance_table(
    acted: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """A campaign's page lists its lawmakers' stances, as /stances does; all campaigns' none."""
    assert full_services.stances is not None
    olga = await full_services.members.actor(acted.platform, acted.session, "olga", True)
    await full_services.stances.set(olga, "S000033", "undecided", "staff said <@U0ANN> will ask")
    path = await ask_link(acted, transcript, f"/dashboard {CAMPAIGN}")
    everything = await ask_link(acted, transcript)
    async with serving_dashboard(full_services) as server:
        page = (await fetch(server, path))[2].decode()
        data = json.loads((await fetch(server, path.replace("/dashboard?", "/dashboard.json?")))[2])
        every = (await fetch(server, everything.replace("/dashboard?", "/dashboard.json?")))[2]
    assert '<th scope="col">Latest office note</th>' in page
    lines = {line["lawmaker"]: line for line in data["stances"]}
    assert lines["Sen. Bernard Sanders (I-VT)"] == {
        "lawmaker": "Sen. Bernard Sanders (I-VT)",
        "key": "undecided",
        "stance": "undecided",
        "calls": "0",
        "heard": "",
        "note": "",
    }
    assert json.loads(every)["stances"] is None


async def test_an_organizer_who_reads_spanish_is_answered_in_spanish(
    acted: ConsoleHost, transcript: Transcript
) -> None:
    transcript.clear()
    await feed(acted, "/as olga organizer", "/language es", "/dashboard", "/dashboard revoke")
    text = transcript.text
    assert "Tu panel privado de todas las campañas: https://orgbot.example.org/dashboard?t=" in text
    assert "(24 horas), así que guárdalo para ti" in text
    assert "Listo: 1 de tus enlaces al panel ya no funciona." in text
    for english in ("Your private dashboard", "names no member", "Done:", "Private dashboard"):
        assert english not in text
