"""Work out, at build time, the answer shape of every ZIP so that loading is a plain copy.

A shape is (states, House seat ids, complete): ZIPs with the same shape share one answer.
States come USPS state first; a state the ZIP touches with no district from zccd.csv gets its
only seat when it has one (at-large states, DC, territories), otherwise ``complete`` is false.

Per-ZIP values are stored as columns: the sorted ZIP codes as a JSON list and the numbers as
base64 of little-endian 32-bit arrays. Decoding a column is one C call, about three
times faster than parsing the same numbers from JSON lists.
"""

from __future__ import annotations

import base64
import sys
from array import array
from typing import Any

from bot.civic.geo import REPRESENTED
from bot.civic.usps import UspsTable

Seat = tuple[str, int]
NONE = -(2**31)  # a missing coordinate; a missing city or time zone is -1 (the last entry)
COORD_SCALE = 10_000  # coordinates are stored as 1/10,000 degree


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


def zip_table(
    seat_list: list[Seat], zctas: dict[str, set[Seat]], usps: UspsTable
) -> dict[str, Any]:
    """Index parts: ``shapes``, ``cities``, ``zip_codes`` and ``zip_columns`` (city, tz, shape,
    lat, lon per ZIP), ``elsewhere`` (ZIPs of places with no seat in Congress) and ``stats``."""
    seat_index = {seat: i for i, seat in enumerate(seat_list)}
    seats_of: dict[str, list[int]] = {}
    for i, (state, _) in enumerate(seat_list):
        seats_of.setdefault(state, []).append(i)
    shapes: dict[tuple[tuple[str, ...], tuple[int, ...], bool], int] = {}
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
        shape = shapes.setdefault((tuple(states), tuple(ids), complete), len(shapes))
        codes.append(zip5)
        columns["city"].append(cities.setdefault(city, len(cities)) if city else -1)
        columns["tz"].append(-1 if tz is None else tz)
        columns["shape"].append(shape)
        columns["lat"].append(NONE if lat is None else round(lat * COORD_SCALE))
        columns["lon"].append(NONE if lon is None else round(lon * COORD_SCALE))
    return {
        "shapes": [[list(states), list(ids), complete] for states, ids, complete in shapes],
        "cities": list(cities),
        "zip_codes": codes,
        "zip_columns": {name: encode_column(values) for name, values in columns.items()},
        "elsewhere": elsewhere,
        "stats": {
            "zctas": len(zctas),
            "split_zctas": sum(1 for seats in zctas.values() if len(seats) > 1),
        },
    }
