"""A fake U.S. Census Bureau geocoder: ``geographies/onelineaddress`` on 127.0.0.1 (ephemeral port).

It answers in the documented JSON shape: ``{"result": {"input": ..., "addressMatches": [...]}}``
with the congressional district layer ("119th Congressional Districts": STATE, CD119, GEOID,
BASENAME, ...) under each match's ``geographies``; no match is an empty ``addressMatches``; a
refused request is HTTP 400 with ``{"errors": [...], "status": "400"}``. Tests script the
failures (``fail_with``: 400, 500, "slow" for an answer that never comes, "garbage" for a body
that is not JSON) and read what was asked (``requests``). No access log: the query holds the
address, and the privacy tests read every log line.

Run it beside the console for the README's demo:
``python -m tests.fakes.census_geocoder -- orgbot console ...`` starts it, runs the command with
ORGBOT_GEOCODER_URL pointing at it, and exits with the command's code.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from typing import Any

from aiohttp import web

LAYER = "119th Congressional Districts"  # the current vintage's layer (congress=119)
BENCHMARK = {
    "isDefault": False,
    "benchmarkDescription": "Public Address Ranges - Current Benchmark",
    "id": "4",
    "benchmarkName": "Public_AR_Current",
}
VINTAGE = {
    "isDefault": True,
    "vintageDescription": "Current Vintage - Current Benchmark",
    "id": "4",
    "vintageName": "Current_Current",
}
EMPTY_ADDRESS = "Address cannot be empty and cannot exceed 100 characters"


@dataclass(frozen=True, slots=True)
class Place:
    """Where the fake puts an address: the state's FIPS code and the district code ("07",
    "00" at large, "98" a delegate's, "ZZ" none)."""

    matched: str  # the geocoder's own spelling, "1 DEMO ST, BOSTON, MA, 02134"
    state_fips: str
    code: str


# Fictional addresses the demo uses (ZIP 02134 spans MA-7 and MA-8).
DEMO_PLACES = {
    "1 demo street, boston, ma 02134": Place("1 DEMO ST, BOSTON, MA, 02134", "25", "08"),
    "2 demo street, boston, ma 02134": Place("2 DEMO ST, BOSTON, MA, 02134", "25", "07"),
    "1 demo road, burlington, vt 05401": Place("1 DEMO RD, BURLINGTON, VT, 05401", "50", "00"),
    "1 demo plaza, dallas, tx 75201": Place("1 DEMO PLZ, DALLAS, TX, 75201", "48", "30"),
}


def key(address: str) -> str:
    return " ".join(address.lower().split())


class FakeCensusGeocoder:
    """The geocoder's one endpoint, with addresses and failures a test chooses."""

    def __init__(self, places: dict[str, Place] | None = None, congress: int = 119) -> None:
        self.places = dict(DEMO_PLACES if places is None else places)
        self.congress = congress  # whose district lines the fake's one layer holds
        self.requests: list[dict[str, str]] = []
        self.failure: int | str | None = None
        self.arrived = asyncio.Event()  # set at each request (a slow one is under way)
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def __aenter__(self) -> FakeCensusGeocoder:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/geocoder/geographies/onelineaddress", self._oneline)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        self._release.set()  # a "slow" answer still waiting ends
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        """What ORGBOT_GEOCODER_URL is set to (the Census one ends the same way)."""
        return f"http://127.0.0.1:{self.port}/geocoder/"

    def place(self, address: str, state_fips: str, code: str) -> None:
        self.places[key(address)] = Place(address.upper(), state_fips, code)

    def fail_with(self, failure: int | str | None) -> None:
        """Answer every request with HTTP ``failure`` (400: the documented errors shape), or
        "slow" (never answer), or "garbage" (200 with a body that is not JSON); None: normal."""
        self.failure = failure

    async def _oneline(self, request: web.Request) -> web.StreamResponse:
        query = dict(request.query)
        self.requests.append(query)
        self.arrived.set()
        if self.failure == "slow":
            await self._release.wait()
            return web.Response(status=503)
        if self.failure == "garbage":
            return web.Response(text="<html>Service Unavailable</html>", content_type="text/html")
        if self.failure == 400:
            return _errors("Invalid benchmark")
        if isinstance(self.failure, int):
            return web.Response(status=self.failure, text="Internal Server Error")
        address = query.get("address", "")
        if not address.strip() or len(address) > 100:
            return _errors(EMPTY_ADDRESS)
        if query.get("benchmark") != BENCHMARK["benchmarkName"]:
            return _errors("Invalid benchmark")
        if query.get("vintage") != VINTAGE["vintageName"]:
            return _errors("Invalid vintage")
        found = self.places.get(key(address))
        matches = [] if found is None else [_match(found, query.get("layers", ""), self.congress)]
        return _json(
            {
                "result": {
                    "input": {
                        "address": {"address": address},
                        "benchmark": BENCHMARK,
                        "vintage": VINTAGE,
                    },
                    "addressMatches": matches,
                }
            }
        )


def layer_name(congress: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(congress % 10, "th")
    return f"{congress}{'th' if 10 <= congress % 100 <= 20 else suffix} Congressional Districts"


def _match(place: Place, layers: str, congress: int) -> dict[str, Any]:
    """One match; the district layer only when asked for by its name (or "all")."""
    geographies: dict[str, Any] = {}
    layer = layer_name(congress)
    if layers in ("all", layer):
        geographies[layer] = [_district(place, congress)]
    return {
        "tigerLine": {"side": "L", "tigerLineId": "76225813"},
        "geographies": geographies,
        "coordinates": {"x": -71.13, "y": 42.35},
        "addressComponents": {
            "zip": place.matched[-5:],
            "streetName": "DEMO",
            "preType": "",
            "city": "",
            "preDirection": "",
            "suffixDirection": "",
            "fromAddress": "1",
            "state": "",
            "suffixType": "ST",
            "toAddress": "99",
            "suffixQualifier": "",
            "preQualifier": "",
        },
        "matchedAddress": place.matched,
    }


def _district(place: Place, congress: int) -> dict[str, Any]:
    at_large = place.code in ("00", "98")
    return {
        "GEOID": place.state_fips + place.code,
        f"CD{congress}": place.code,
        "BASENAME": "At Large" if at_large else place.code.lstrip("0"),
        "NAME": "Congressional District (at Large)"
        if at_large
        else f"Congressional District {place.code}",
        "STATE": place.state_fips,
        "CDSESSN": str(congress),
        "LSADC": "C1" if at_large else "C2",
        "FUNCSTAT": "N",
        "MTFCC": "G5200",
        "OID": "2759039119551",
        "OBJECTID": 101,
        "AREALAND": 123456789,
        "AREAWATER": 1234567,
        "CENTLAT": "+42.3500000",
        "CENTLON": "-071.1300000",
        "INTPTLAT": "+42.3500000",
        "INTPTLON": "-071.1300000",
    }


def _errors(text: str) -> web.Response:
    return _json({"errors": [text], "status": "400"}, status=400)


def _json(payload: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(payload, status=status)


async def _serve_beside(command: list[str]) -> int:
    async with FakeCensusGeocoder() as fake:
        print(f"fake Census geocoder at {fake.url}", file=sys.stderr, flush=True)
        if not command:
            await asyncio.Event().wait()  # serve until interrupted
        env = {**os.environ, "ORGBOT_GEOCODER_URL": fake.url}
        process = await asyncio.create_subprocess_exec(*command, env=env)
        return await process.wait()


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    try:
        return asyncio.run(_serve_beside(command))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
