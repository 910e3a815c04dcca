"""Every USPS ZIP code's city, state, time zone and coordinates, from the zipcodes package."""

from __future__ import annotations

import math
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.civic.sources import SyncError

_ZIP = re.compile(r"[0-9]{5}")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True, slots=True)
class UspsTable:
    """Every USPS ZIP: zip -> [city, state, time zone index, lat, lon]; ``origin`` for freshness."""

    places: dict[str, list[Any]]
    timezones: list[str]
    origin: str


def usps_table() -> UspsTable:
    """The USPS table of the ``zipcodes`` package (about a second to read)."""
    try:
        import zipcodes

        records = zipcodes.list_all()
        version = str(getattr(zipcodes, "__version__", "?"))
    except Exception as exc:
        raise SyncError(f"The zipcodes package could not be read ({exc}).") from exc
    return usps_table_from_records(records, f"PyPI package zipcodes {version}")


def usps_table_from_records(records: Iterable[Mapping[str, Any]], origin: str) -> UspsTable:
    """Build the table from records shaped like ``zipcodes.matching()`` results."""
    valid_zones = zoneinfo.available_timezones()
    zones: dict[str, int] = {}
    places: dict[str, list[Any]] = {}
    for rec in records:
        zip5, state = rec.get("zip_code"), rec.get("state")
        if not isinstance(zip5, str) or not _ZIP.fullmatch(zip5) or not isinstance(state, str):
            continue
        tz = rec.get("timezone")
        tz_index = (
            zones.setdefault(tz, len(zones)) if isinstance(tz, str) and tz in valid_zones else None
        )
        places[zip5] = [_text(rec.get("city")), state, tz_index, *_coords(rec)]
    return UspsTable(places, list(zones), origin)


def _coords(rec: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """(lat, lon), or (None, None) when unknown; the package gives some 800 ZIPs 0, 0 (a spot
    in the Gulf of Guinea, no US place), which would put them thousands of miles from anything."""
    try:
        lat, lon = float(rec["lat"]), float(rec["long"])
    except (KeyError, TypeError, ValueError):
        return None, None
    if (lat == 0 and lon == 0) or not (math.isfinite(lat) and math.isfinite(lon)):
        return None, None
    return round(lat, 4), round(lon, 4)
