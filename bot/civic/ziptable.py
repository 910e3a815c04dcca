"""Work out, at build time, the answer shape of every ZIP so that loading is a plain copy.

A shape is (states, House seat ids, complete, probable): ZIPs with the same shape share one
answer. States come USPS state first; a state the ZIP touches with no district from zccd.csv
gets its only seat when it has one (at-large states, DC, territories), otherwise ``complete`` is
false. A ZIP with no ZIP area (ZCTA) of its own, which is a PO-box, business or new ZIP, in a
state of several districts gets the districts of the ZIP areas nearest its post office as
*probable* seats (see :class:`NearbyAreas`); it stays incomplete, so it is never certain.

Per-ZIP values are stored as columns: the sorted ZIP codes as a JSON list and the numbers as
base64 of little-endian 32-bit arrays. Decoding a column is one C call, about three
times faster than parsing the same numbers from JSON lists.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from typing import Any

from bot.civic.geo import REPRESENTED, miles_between
from bot.civic.usps import UspsTable

Seat = tuple[str, int]
NONE = -(2**31)  # a missing coordinate; a missing city or time zone is -1 (the last entry)
COORD_SCALE = 10_000  # coordinates are stored as 1/10,000 degree
# A ZIP with no ZIP area of its own: the districts of its NEAREST_AREAS nearest ZIP areas of the
# same state, those within NEAREST_MILES of it, are its probable districts. Chosen by leaving
# each ZIP area out and guessing it from the others (docs/BENCHMARKS.md, "Every ZIP").
NEAREST_AREAS = 3
NEAREST_MILES = 25.0
_MILES_PER_DEGREE = 69.09  # of latitude (and of longitude at the equator)
_Point = tuple[float, float, str, tuple[Seat, ...]]  # lat, lon, ZCTA, its seats in one state
_RINGS = 5  # a question reads at most this many rings of cells around its own


def _ring(ring: int) -> list[tuple[int, int]]:
    """The (row, column) offsets of the cells ``ring`` steps around a cell (0: the cell)."""
    if ring == 0:
        return [(0, 0)]
    side = range(-ring, ring + 1)
    return [(dy, dx) for dy in side for dx in side if max(abs(dy), abs(dx)) == ring]


_RING_CELLS = tuple(_ring(ring) for ring in range(_RINGS + 1))


def encode_column(values: list[int]) -> str:
    data = array("i", values)
    if sys.byteorder == "big":
        data.byteswap()
    return base64.b64encode(data.tobytes()).decode("ascii")


def decode_column(text: str) -> array[int]:
    data = array("i")
    data.frombytes(base64.b64decode(text))
    if sys.byteorder == "big":
        data.byteswap()
    return data


class NearbyAreas:
    """The ZIP areas (ZCTAs) of each state by location, to name the districts around a ZIP
    that has none of its own. A ZIP area is placed at the USPS coordinates of the ZIP with the
    same code. Areas sit in square cells ``1 / _RINGS`` of ``miles`` wide; a question reads the
    rings of cells around its own, nearest first, until the nearest areas are known."""

    def __init__(
        self,
        zctas: dict[str, set[Seat]],
        usps: UspsTable,
        count: int = NEAREST_AREAS,
        miles: float = NEAREST_MILES,
    ) -> None:
        self.count, self.miles = count, miles
        self._lat_step = miles / _RINGS / _MILES_PER_DEGREE
        points: dict[str, list[_Point]] = {}
        for zcta, seats in zctas.items():
            lat, lon = (usps.places.get(zcta) or (None,) * 5)[3:5]
            if lat is None or lon is None:
                continue
            for state in sorted({state for state, _ in seats}):
                own = tuple(sorted(seat for seat in seats if seat[0] == state))
                points.setdefault(state, []).append((lat, lon, zcta, own))
        self._lon_step: dict[str, float] = {}
        self._cells: dict[tuple[str, int, int], list[_Point]] = {}
        for state, rows in points.items():
            # A degree of longitude is shortest at the state's highest latitude (plus a margin),
            # so a cell is at least as many miles wide as it is high.
            top = math.radians(min(89.0, max(abs(row[0]) for row in rows) + 1.0))
            self._lon_step[state] = self._lat_step / math.cos(top)
            for row in rows:
                self._cells.setdefault(self._cell(state, row[0], row[1]), []).append(row)

    def _cell(self, state: str, lat: float, lon: float) -> tuple[str, int, int]:
        lon_step = self._lon_step[state]
        return state, math.floor(lat / self._lat_step), math.floor(lon / lon_step)

    def nearest(
        self, state: str, lat: float, lon: float, exclude: str | None = None
    ) -> list[tuple[float, str, tuple[Seat, ...]]]:
        """(miles, ZCTA, its seats in ``state``) of the ``count`` nearest areas of ``state``
        within ``miles``, nearest first; ``exclude`` leaves one ZIP area out (measurements)."""
        if state not in self._lon_step:
            return []
        _, row, col = self._cell(state, lat, lon)
        # Rank by the flat-earth distance in degrees of latitude (within 0.1% of the great
        # circle over these few miles, and cheaper), then measure the few kept exactly.
        shrink = math.cos(math.radians(lat)) ** 2
        reach = (self._lat_step * _RINGS * 1.01) ** 2
        found: list[tuple[float, str, float, float, tuple[Seat, ...]]] = []
        for ring, offsets in enumerate(_RING_CELLS):
            for dy, dx in offsets:
                for zlat, zlon, zcta, seats in self._cells.get((state, row + dy, col + dx), ()):
                    flat = (zlat - lat) ** 2 + (zlon - lon) ** 2 * shrink
                    if flat <= reach and zcta != exclude:
                        found.append((flat, zcta, zlat, zlon, seats))
            # Every area in a farther ring is more than ``ring`` cells away.
            closer = (ring * self._lat_step) ** 2
            if len(found) >= self.count and sum(f[0] <= closer for f in found) >= self.count:
                break
        found.sort()
        near = [
            (miles_between(lat, lon, zlat, zlon), zcta, seats)
            for _, zcta, zlat, zlon, seats in found[: self.count]
        ]
        return [row for row in near if row[0] <= self.miles]

    def seats(self, state: str, lat: float, lon: float, exclude: str | None = None) -> list[Seat]:
        """The districts of ``state`` the nearest areas lie in, nearest first, each once."""
        near = self.nearest(state, lat, lon, exclude)
        return list(dict.fromkeys(seat for _, _, seats in near for seat in seats))


def zip_table(
    seat_list: list[Seat], zctas: dict[str, set[Seat]], usps: UspsTable
) -> dict[str, Any]:
    """Index parts: ``shapes``, ``cities``, ``zip_codes`` and ``zip_columns`` (city, tz, shape,
    lat, lon per ZIP), ``elsewhere`` (ZIPs of places with no seat in Congress) and ``stats``."""
    seat_index = {seat: i for i, seat in enumerate(seat_list)}
    seats_of: dict[str, list[int]] = {}
    for i, (state, _) in enumerate(seat_list):
        seats_of.setdefault(state, []).append(i)
    nearby = NearbyAreas(zctas, usps)
    probable_zips = 0
    shapes: dict[tuple[tuple[str, ...], tuple[int, ...], bool, bool], int] = {}
    cities: dict[str, int] = {}
    columns: dict[str, list[int]] = {name: [] for name in ("city", "tz", "shape", "lat", "lon")}
    codes: list[str] = []
    elsewhere: dict[str, str] = {}
    for zip5 in sorted(usps.places.keys() | zctas.keys()):
        city, usps_state, tz, lat, lon = usps.places.get(zip5) or (None, None, None, None, None)
        ids = sorted(seat_index[s] for s in zctas.get(zip5, ()))
        states = list(dict.fromkeys(seat_list[i][0] for i in ids))
        if usps_state in REPRESENTED:
            states = [usps_state, *(s for s in states if s != usps_state)]
        if not states:
            if usps_state:
                elsewhere[zip5] = usps_state
            continue
        covered = {seat_list[i][0] for i in ids}
        complete = True
        for state in states:
            if state in covered:
                continue
            if len(seats_of.get(state, ())) == 1:
                ids.append(seats_of[state][0])
            else:
                complete = False
        ids.sort(key=lambda i: (states.index(seat_list[i][0]), seat_list[i][1]))
        probable = False
        if not complete and zip5 not in zctas and lat is not None and lon is not None:
            near = [seat_index[seat] for seat in nearby.seats(states[0], lat, lon)]
            if near:
                ids, probable = near, True  # nearest first; still incomplete: never certain
                probable_zips += 1
        shape = shapes.setdefault((tuple(states), tuple(ids), complete, probable), len(shapes))
        codes.append(zip5)
        columns["city"].append(cities.setdefault(city, len(cities)) if city else -1)
        columns["tz"].append(-1 if tz is None else tz)
        columns["shape"].append(shape)
        columns["lat"].append(NONE if lat is None else round(lat * COORD_SCALE))
        columns["lon"].append(NONE if lon is None else round(lon * COORD_SCALE))
    return {
        "shapes": [[list(st), list(ids), done, guess] for st, ids, done, guess in shapes],
        "cities": list(cities),
        "zip_codes": codes,
        "zip_columns": {name: encode_column(values) for name, values in columns.items()},
        "elsewhere": elsewhere,
        "stats": {
            "zctas": len(zctas),
            "split_zctas": sum(1 for seats in zctas.values() if len(seats) > 1),
            "probable_zips": probable_zips,
        },
    }
