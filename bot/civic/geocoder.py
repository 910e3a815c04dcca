"""The U.S. Census Bureau geocoder client: one street address in, one congressional district out.

One GET to ``<ORGBOT_GEOCODER_URL>geographies/onelineaddress`` with the address, the current
benchmark and vintage and the congressional district layer; no key. The address is used for
that request only: it is not kept, not logged (aiohttp's and yarl's loggers write no request
URLs, and nothing here does), and every failure is raised as a ``GeocodeFailed`` that carries
none of the request (``from None``: no aiohttp error, whose text names the URL, rides along).
"""

from __future__ import annotations

import asyncio
import json

import aiohttp

from bot.civic.geocoding import DistrictMatch, OutOfService, Refused, layer_congress, read_answer

CENSUS_URL = "https://geocoding.geo.census.gov/geocoder/"
ENDPOINT = "geographies/onelineaddress"
BENCHMARK = "Public_AR_Current"
VINTAGE = "Current_Current"
DISTRICT_LAYER = "119th Congressional Districts"
MAX_ANSWER = 1_000_000  # bytes; one match with one layer is a few kilobytes
CHUNK = 65_536


class CensusGeocoder:
    """Asks the Census geocoder which congressional district an address is in."""

    def __init__(
        self, base_url: str = CENSUS_URL, timeout: float = 5.0, layer: str = DISTRICT_LAYER
    ) -> None:
        self.url = base_url.rstrip("/") + "/" + ENDPOINT
        self.timeout = timeout
        self.layer = layer
        self.congress = layer_congress(layer)  # whose district lines the answers give

    async def locate(self, address: str) -> DistrictMatch:
        """The district of ``address``; raises a ``GeocodeFailed`` (NoMatch, Refused,
        OutOfService) that never holds the address."""
        params = {
            "address": address,
            "benchmark": BENCHMARK,
            "vintage": VINTAGE,
            "layers": self.layer,
            "format": "json",
        }
        try:
            async with asyncio.timeout(self.timeout):
                status, body = await self._get(params)
        except TimeoutError:
            raise OutOfService("the geocoder did not answer in time") from None
        except (aiohttp.ClientError, OSError, ValueError):
            raise OutOfService("the geocoder could not be reached") from None
        if status >= 500 or status not in (200, 400):
            raise OutOfService(f"the geocoder answered HTTP {status}")
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            raise OutOfService("the geocoder's answer is not JSON") from None
        if status == 400:
            raise Refused("the geocoder refused the request")
        return read_answer(payload)

    async def _get(self, params: dict[str, str]) -> tuple[int, bytes]:
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(self.url, params=params, allow_redirects=False) as response,
        ):
            body = bytearray()
            async for chunk in response.content.iter_chunked(CHUNK):
                body += chunk
                if len(body) > MAX_ANSWER:
                    raise OutOfService("the geocoder's answer is too long")
            return response.status, bytes(body)
