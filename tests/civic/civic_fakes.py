"""The small fake data set the civic tests write as a mirror folder (no real mirror needed).

Members: a senator pair (VT), an at-large member, the DC delegate, the PR resident
commissioner, a member with no phone (CA-1), a vacant district (CA-14), a vacant Senate seat
(NH), a split ZIP area (95501), a ZIP area crossing a state line (03755), PO-box ZIPs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.civic import Minimums

SMALL = Minimums(
    legislators=5,
    senators=2,
    representatives=2,
    members_with_offices=1,
    committees=1,
    memberships=1,
    zccd_rows=5,
    usps_zips=5,
)


def _legislator(
    bioguide: str,
    first: str,
    last: str,
    chamber: str,
    state: str,
    party: str = "Democrat",
    **term: Any,
) -> dict[str, Any]:
    name: dict[str, Any] = {"first": first, "last": last}
    name.update(term.pop("name", {}))
    current = {"type": chamber, "start": "2025-01-03", "state": state, "party": party}
    current.setdefault("phone", "202-224-0000")
    current.update(term)
    if current["phone"] is None:
        del current["phone"]
    older = {"type": "rep", "start": "2001-01-03", "state": state, "district": 9, "party": party}
    return {"id": {"bioguide": bioguide}, "name": name, "terms": [older, current]}


LEGISLATORS = [
    _legislator(
        "S000033", "Bernard", "Sanders", "sen", "VT", "Independent", **{"class": 1},
        state_rank="senior", phone="202-224-5141",
        contact_form="https://www.sanders.senate.gov/contact/",
        name={"nickname": "Bernie", "official_full": "Bernard Sanders"},
    ),
    _legislator("W000800", "Peter", "Welch", "sen", "VT", **{"class": 3}, state_rank="junior"),
    _legislator("B001318", "Becca", "Balint", "rep", "VT", district=0, phone="202-225-4115"),
    _legislator(
        "N000147", "Eleanor", "Norton", "rep", "DC", district=0,
        name={"middle": "Holmes", "official_full": "Eleanor Holmes Norton"},
    ),
    _legislator(
        "H001103", "Pablo José", "Hernández Rivera", "rep", "PR", district=0,
        name={"official_full": "Pablo José Hernández"},
    ),
    _legislator("P000145", "Alex", "Padilla", "sen", "CA", **{"class": 3}, state_rank="senior"),
    _legislator("S001150", "Adam", "Schiff", "sen", "CA", **{"class": 1}, state_rank="junior"),
    _legislator(
        "G000600", "James", "Gallagher", "rep", "CA", "Republican", district=1, phone=None,
        contact_form="https://gallagher.house.gov/contact",
    ),
    _legislator("H001068", "Jared", "Huffman", "rep", "CA", district=2),
    _legislator("S001181", "Jeanne", "Shaheen", "sen", "NH", **{"class": 2}, state_rank="senior"),
    # NH has one senator here: the other Senate seat is vacant.
    _legislator("P000614", "Chris", "Pappas", "rep", "NH", district=1),
    _legislator("G000606", "Maggie", "Goodlander", "rep", "NH", district=2),
]  # fmt: skip

OFFICES = [
    {
        "id": {"bioguide": "S000033"},
        "offices": [
            {"id": "S000033-burlington", "address": "1 Church St.", "suite": "3rd Floor",
             "city": "Burlington", "state": "VT", "zip": "05401", "phone": "802-862-0697",
             "latitude": 44.4802, "longitude": -73.2131},
        ],
    },
    {
        "id": {"bioguide": "B001318"},
        "offices": [
            {"id": "B001318-brattleboro", "address": "130 Austine Drive", "city": "Brattleboro",
             "state": "VT", "zip": "05301", "phone": "802-652-2450",
             "latitude": 42.8422, "longitude": -72.5746},
            {"id": "B001318-burlington", "address": "159 Bank Street", "city": "Burlington",
             "state": "VT", "zip": "05401", "phone": "802-652-2450",
             "latitude": 44.4780, "longitude": -73.2131},
        ],
    },
    {
        "id": {"bioguide": "G000600"},
        "offices": [
            {"id": "G000600-chico", "address": "2 Main St", "city": "Chico", "state": "CA"},
            {"id": "G000600-eureka", "address": "1 Harbor Way", "city": "Eureka", "state": "CA"},
        ],
    },
    {"id": {"bioguide": "X000001"}, "offices": [{"city": "Nowhere", "state": "ZZ"}]},
]  # fmt: skip

COMMITTEES = [
    {
        "type": "house", "name": "House Committee on Ways and Means", "thomas_id": "HSWM",
        "url": "https://waysandmeans.house.gov/", "phone": "(202) 225-3625",
        "subcommittees": [{"name": "Health", "thomas_id": "02"}],
    },
    {"type": "senate", "name": "Senate Committee on Finance", "thomas_id": "SSFI"},
    {"type": "house", "name": "House Committee on Agriculture", "thomas_id": "HSAG"},
    {
        "type": "senate", "name": "Senate Committee on Agriculture, Nutrition, and Forestry",
        "thomas_id": "SSAF",
    },
    {"type": "house", "name": "House Committee on Financial Services", "thomas_id": "HSBA"},
]  # fmt: skip

MEMBERSHIP = {
    "HSWM": [
        {"name": "Jared Huffman", "party": "majority", "rank": 1, "title": "Chairman",
         "bioguide": "H001068"},
        {"name": "Becca Balint", "party": "minority", "rank": 1, "title": "Ranking Member",
         "bioguide": "B001318"},
        {"name": "Chris Pappas", "party": "majority", "rank": 2, "bioguide": "P000614"},
    ],
    "HSWM02": [{"name": "Chris Pappas", "party": "majority", "rank": 1, "bioguide": "P000614"}],
    "SSFI": [
        {"name": "Alex Padilla", "party": "majority", "rank": 1, "title": "Chairman",
         "bioguide": "P000145"},
        {"name": "Bernard Sanders", "party": "minority", "rank": 1, "title": "Ranking Member",
         "bioguide": "S000033"},
    ],
    "ZZZZ": [{"name": "Nobody", "bioguide": "Z000001"}],
}  # fmt: skip

ZCCD_ROWS = [
    ("50", "VT", "05401", "0"),
    ("33", "NH", "03755", "2"),  # Hanover NH: also crosses into Vermont
    ("50", "VT", "03755", "0"),
    ("06", "CA", "95501", "1"),  # Eureka: split between CA-1 and CA-2
    ("06", "CA", "95501", "2"),
    ("06", "CA", "94536", "14"),  # Fremont: CA-14 is vacant
    ("06", "CA", "96001", "1"),
    ("11", "DC", "20001", "0"),
    ("72", "PR", "00601", "0"),
    ("33", "NH", "03301", "2"),
    ("33", "NH", "03101", "1"),
]


def zccd_text(rows: list[tuple[str, str, str, str]] = ZCCD_ROWS) -> str:
    return "state_fips,state_abbr,zcta,cd\n" + "".join(",".join(r) + "\n" for r in rows)


def _usps(zip5: str, city: str, state: str, tz: str, lat: float, lon: float) -> dict[str, Any]:
    return {"zip_code": zip5, "city": city, "state": state, "timezone": tz,
            "lat": str(lat), "long": str(lon)}  # fmt: skip


ET, PT = "America/New_York", "America/Los_Angeles"
USPS_RECORDS = [
    _usps("05401", "Burlington", "VT", ET, 44.484, -73.2199),
    _usps("05402", "Burlington", "VT", ET, 44.484, -73.2199),  # PO boxes: no ZIP area
    _usps("03755", "Hanover", "NH", ET, 43.7036, -72.2895),
    _usps("95501", "Eureka", "CA", PT, 40.8021, -124.1637),
    _usps("94536", "Fremont", "CA", PT, 37.5591, -121.9988),
    _usps("96001", "Redding", "CA", PT, 40.5865, -122.3917),
    _usps("90009", "Los Angeles", "CA", PT, 34.0522, -118.2437),  # PO boxes, many districts
    _usps("20001", "Washington", "DC", ET, 38.9109, -77.0163),
    _usps("20500", "Washington", "DC", ET, 38.8946, -77.0355),  # the White House: no ZIP area
    _usps("00601", "Adjuntas", "PR", "America/Puerto_Rico", 18.1801, -66.7522),
    _usps("03301", "Concord", "NH", ET, 43.2081, -71.5376),
    _usps("03101", "Manchester", "NH", ET, 42.9956, -71.4548),
    {"zip_code": "09001", "city": "APO", "state": "AE", "timezone": "", "lat": "", "long": ""},
    _usps("96941", "Pohnpei", "FM", "Pacific/Pohnpei", 6.9639, 158.2081),
    {"zip_code": "99950", "city": "Ketchikan", "state": "AK", "timezone": "Napakiak"},
]


def write_mirror(folder: Path, **overrides: bytes | str | None) -> Path:
    """Write the fake mirror; ``overrides`` replace a file's content (None: leave it out).
    Keys are file names with '-', '.' replaced by '_' (e.g. zccd_csv)."""
    files: dict[str, bytes | str | None] = {
        "legislators-current.json": json.dumps(LEGISLATORS),
        "legislators-district-offices.json": json.dumps(OFFICES),
        "committees-current.json": json.dumps(COMMITTEES),
        "committee-membership-current.json": json.dumps(MEMBERSHIP),
        "zccd.csv": zccd_text(),
    }
    for key, value in overrides.items():
        name = next(n for n in files if n.replace("-", "_").replace(".", "_") == key)
        files[name] = value
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if content is None:
            continue
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder
