"""The Census geocoder client and the reading of its answers: the documented shapes (a match with
its congressional district layer, no match, the errors answer), the failures (HTTP 500, a body
that is not JSON, no answer in time, a redirect, an answer too long), and never the address in
an error."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from bot.civic.geocoder import CensusGeocoder
from bot.civic.geocoding import (
    DistrictMatch,
    GeocodeFailed,
    NoMatch,
    OutOfService,
    Refused,
    Unplaced,
    read_answer,
)
from tests.fakes.census_geocoder import FakeCensusGeocoder

ADDRESS = "1 Demo Street, Boston, MA 02134"


def answer(layer: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {"result": {"input": {}, "addressMatches": [{"geographies": {layer: [entry]}}]}}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            answer(
                "119th Congressional Districts", {"STATE": "48", "CD119": "07", "CDSESSN": "119"}
            ),
            DistrictMatch("TX", 7, 119),
        ),
        (
            answer("119th Congressional Districts", {"STATE": "50", "CD119": "00"}),
            DistrictMatch("VT", 0, 119),
        ),
        (
            answer("119th Congressional Districts", {"STATE": "11", "CD119": "98"}),
            DistrictMatch("DC", 0, 119),
        ),
        (
            answer("120th Congressional Districts", {"STATE": "6", "CD120": "12"}),
            DistrictMatch("CA", 12, 120),
        ),
        (
            answer("Congressional Districts", {"STATE": "25", "GEOID": "2508"}),
            DistrictMatch("MA", 8, None),
        ),
        (
            answer("Congressional Districts", {"STATE": "25", "BASENAME": "7"}),
            DistrictMatch("MA", 7, None),
        ),
    ],
)
def test_the_district_is_read_from_any_congressional_district_layer(
    payload: dict[str, Any], expected: DistrictMatch
) -> None:
    """CDnnn, else GEOID, else BASENAME; 00 and 98 are at large; the Congress from the layer."""
    assert read_answer(payload) == expected


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"result": {"input": {}, "addressMatches": []}}, NoMatch),
        (answer("119th Congressional Districts", {"STATE": "25", "CD119": "ZZ"}), Unplaced),
        ({"errors": ["Invalid benchmark"], "status": "400"}, Refused),
        ({"result": {"addressMatches": [{"geographies": {"Counties": [{}]}}]}}, OutOfService),
        (answer("119th Congressional Districts", {"STATE": "99", "CD119": "01"}), OutOfService),
        (answer("119th Congressional Districts", {"STATE": "25", "CD119": "1x"}), OutOfService),
        ({"result": None}, OutOfService),
        ([], OutOfService),
    ],
)
def test_answers_without_a_district_say_why(payload: Any, error: type[GeocodeFailed]) -> None:
    with pytest.raises(error):
        read_answer(payload)


@pytest.fixture
async def fake() -> AsyncIterator[FakeCensusGeocoder]:
    async with FakeCensusGeocoder() as server:
        yield server


async def test_the_client_asks_once_with_the_documented_parameters(
    fake: FakeCensusGeocoder,
) -> None:
    found = await CensusGeocoder(fake.url, timeout=5).locate(ADDRESS)
    assert found == DistrictMatch("MA", 8, 119)
    assert fake.requests == [
        {
            "address": ADDRESS,
            "benchmark": "Public_AR_Current",
            "vintage": "Current_Current",
            "layers": "119th Congressional Districts",
            "format": "json",
        }
    ]


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (None, NoMatch),
        (400, Refused),
        (500, OutOfService),
        (503, OutOfService),
        ("garbage", OutOfService),
        ("slow", OutOfService),
    ],
)
async def test_failures_never_carry_the_address(
    fake: FakeCensusGeocoder, failure: int | str | None, error: type[GeocodeFailed]
) -> None:
    """Each failure is its own error, with no cause or context that could name the URL."""
    fake.fail_with(failure)
    address = "77 Unknown Road, Boston, MA 02134"
    with pytest.raises(error) as raised:
        await CensusGeocoder(fake.url, timeout=0.3).locate(address)
    assert "Unknown" not in str(raised.value) and "127.0.0.1" not in str(raised.value)
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__ or raised.value.__context__ is None


async def test_unreachable_redirected_and_overlong_answers_are_out_of_service() -> None:
    """Nobody listening, a redirect (never followed elsewhere) and a huge answer."""
    redirected: list[str] = []

    async def redirect(request: web.Request) -> web.Response:
        redirected.append(request.path)
        raise web.HTTPFound("http://elsewhere.invalid/")

    async def huge(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        for _ in range(20):
            await response.write(b"x" * 100_000)
        return response

    app = web.Application()
    app.router.add_get("/r/geographies/onelineaddress", redirect)
    app.router.add_get("/h/geographies/onelineaddress", huge)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        for path in ("r", "h"):
            with pytest.raises(OutOfService):
                await CensusGeocoder(f"http://127.0.0.1:{port}/{path}/", timeout=5).locate(ADDRESS)
    finally:
        await runner.cleanup()
    assert redirected == ["/r/geographies/onelineaddress"]
    with pytest.raises(OutOfService):
        await CensusGeocoder(f"http://127.0.0.1:{port}/", timeout=5).locate(ADDRESS)
