"""Check the fetched files and turn them into the compact index (a plain JSON-able dict).

Every check names the file to blame. Nothing here touches the disk: see ``index_file``.
Only public data is kept: lawmakers' names, parties, seats, and their public office addresses.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.civic.congress import congress_of_terms
from bot.civic.geo import TERRITORIES, fold, format_phone
from bot.civic.sources import (
    COMMITTEES,
    LEGISLATORS,
    MEMBERSHIP,
    OFFICES,
    ZCCD,
    Fetched,
    SyncError,
)
from bot.civic.usps import UspsTable, usps_table
from bot.civic.ziptable import zip_table

INDEX_FORMAT = "orgbot-civic-index"
# 2: a shape's fourth item says its House seats are probable (``ziptable``);
# 3: a member row ends with the member's gender ("M", "F" or null), for gendered titles.
INDEX_VERSION = 3
# Column order of a member row in the index; ``search`` is the folded text names are matched on.
MEMBER_FIELDS = (
    "bioguide", "name", "first", "last", "party", "chamber", "state", "district",
    "senate_class", "state_rank", "phone", "office", "address", "contact_form", "website",
    "term_start", "search", "gender",
)  # fmt: skip
# The member columns of versions 1 and 2 (no gender: titles read neutral until a sync).
MEMBER_FIELDS_V2 = MEMBER_FIELDS[:-1]
GENDERS = ("M", "F")
_BIOGUIDE = re.compile(r"[A-Z][0-9]{6}")
_STATE = re.compile(r"[A-Z]{2}")
_ZIP = re.compile(r"[0-9]{5}")
_OFFICE_ZIP = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")


@dataclass(frozen=True, slots=True)
class Minimums:
    """Smallest believable sizes; a smaller file is treated as incomplete, not as news."""

    legislators: int = 500
    senators: int = 90
    representatives: int = 400
    members_with_offices: int = 300
    committees: int = 30
    memberships: int = 100
    zccd_rows: int = 30_000
    usps_zips: int = 40_000


def build_index(
    fetched: Mapping[str, Fetched],
    minimums: Minimums,
    built_at: str,
    usps: UspsTable | None = None,
) -> dict[str, Any]:
    """Validate every file and return the index. Raises :class:`SyncError` naming the file.
    ``usps`` defaults to the zipcodes package's table (read only once the files are good)."""
    members = _members(fetched[LEGISLATORS], minimums)
    known = {row[0] for row in members}
    offices = _offices(fetched[OFFICES], known, minimums)
    committees = _committees(fetched[COMMITTEES], minimums)
    memberships = _memberships(fetched[MEMBERSHIP], {c[0] for c in committees}, minimums)
    seats, zctas, zip_congress = _zccd(fetched[ZCCD], minimums)
    usps = usps or usps_table()
    if len(usps.places) < minimums.usps_zips:
        raise SyncError(f"The USPS ZIP table ({usps.origin}) lists only {len(usps.places)} ZIPs.")
    for row in members:
        if row[5] == "rep":
            seats.add((row[6], row[7]))
    seats |= {(t, 0) for t in TERRITORIES}
    seat_list = sorted(seats)
    table = zip_table(seat_list, zctas, usps)
    congresses = {
        LEGISLATORS: congress_of_terms(row[15] for row in members),
        ZCCD: zip_congress or fetched[ZCCD].source.congress,
    }
    sources = [
        {
            "name": f.source.filename,
            "origin": f.origin,
            "fetched_at": f.fetched_at,
            "last_modified": f.last_modified,
            "sha256": f.sha256,
            "size": len(f.data),
            "dated": f.dated,
            "etag": f.etag,
            "congress": congresses.get(f.source.filename),
        }
        for f in fetched.values()
    ]
    sources.append(
        {
            "name": "usps-zips",
            "origin": usps.origin,
            "fetched_at": built_at,
            "last_modified": None,
            "sha256": "",
            "size": len(usps.places),
        }
    )
    members.sort(key=lambda row: (fold(row[3]), fold(row[2]), row[0]))
    return {
        "format": INDEX_FORMAT,
        "version": INDEX_VERSION,
        "built_at": built_at,
        "sources": sources,
        "member_fields": list(MEMBER_FIELDS),
        "members": members,
        "offices": offices,
        "committees": committees,
        "memberships": memberships,
        "seats": [list(s) for s in seat_list],
        "timezones": usps.timezones,
        **table,
        "office_zip_errors": unknown_office_zips(members, offices, usps, zctas),
    }


def unknown_office_zips(
    members: list[list[Any]],
    offices: Mapping[str, list[list[Any]]],
    usps: UspsTable,
    zctas: Mapping[str, Any],
) -> list[list[str]]:
    """District offices whose ZIP is in neither the USPS table nor the ZIP areas (an upstream
    error worth reporting): [bioguide, member's name, city, state, ZIP as listed] each."""
    names = {row[0]: row[1] for row in members}
    found = []
    for bioguide in sorted(offices):
        for city, state, zip_code, *_ in offices[bioguide]:
            if zip_code is None:
                continue
            match = _OFFICE_ZIP.fullmatch(zip_code)
            if match is None or (match[1] not in usps.places and match[1] not in zctas):
                found.append([bioguide, names.get(bioguide, bioguide), city, state, zip_code])
    return found


def _fail(f: Fetched, what: str) -> SyncError:
    return SyncError(
        f"{f.source.filename} {what}; the file may be damaged or incomplete.", f.source.filename
    )


def _json(f: Fetched, kind: type) -> Any:
    try:
        data = json.loads(f.data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail(f, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _fail(f, f"is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:  # the decoder's depth limit: ``[[[[...`` is not lawmaker data
        raise _fail(f, "is nested too deeply to be read") from None
    if not isinstance(data, kind):
        raise _fail(f, f"does not hold a JSON {'list' if kind is list else 'object'}")
    return data


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _members(f: Fetched, minimums: Minimums) -> list[list[Any]]:
    records = _json(f, list)
    if len(records) < minimums.legislators:
        raise _fail(f, f"lists only {len(records)} legislators (expected {minimums.legislators}+)")
    rows: list[list[Any]] = []
    seen: set[str] = set()
    for i, rec in enumerate(records, 1):
        row = _member(f, i, rec)
        if row[0] in seen:
            raise _fail(f, f"lists bioguide id {row[0]} twice")
        seen.add(row[0])
        rows.append(row)
    senators = sum(1 for r in rows if r[5] == "sen")
    if senators < minimums.senators or len(rows) - senators < minimums.representatives:
        raise _fail(f, f"lists {senators} senators and {len(rows) - senators} House members")
    return rows


def _member(f: Fetched, i: int, rec: Any) -> list[Any]:
    if not isinstance(rec, dict):
        raise _fail(f, f"record {i} is not an object")
    bioguide = (rec.get("id") or {}).get("bioguide") if isinstance(rec.get("id"), dict) else None
    if not isinstance(bioguide, str) or not _BIOGUIDE.fullmatch(bioguide):
        raise _fail(f, f"record {i} has no valid bioguide id")
    names = rec.get("name") if isinstance(rec.get("name"), dict) else {}
    first, last = _text(names.get("first")), _text(names.get("last"))
    terms = rec.get("terms")
    if not first or not last:
        raise _fail(f, f"record {i} ({bioguide}) has no first or last name")
    if not isinstance(terms, list) or not terms or not isinstance(terms[-1], dict):
        raise _fail(f, f"record {i} ({bioguide}) has no terms")
    term = terms[-1]
    chamber, state, party = term.get("type"), term.get("state"), _text(term.get("party"))
    if chamber not in ("sen", "rep") or not isinstance(state, str) or not _STATE.fullmatch(state):
        raise _fail(f, f"record {i} ({bioguide}) has no valid chamber and state")
    district = _int(term.get("district")) if chamber == "rep" else None
    if chamber == "rep" and (district is None or district < 0):
        raise _fail(f, f"record {i} ({bioguide}) is a House member with no district")
    name = _text(names.get("official_full")) or f"{first} {last}"
    variants = [name, f"{first} {last}", last]
    if _text(names.get("nickname")):
        variants.append(f"{names['nickname']} {last}")
    if _text(names.get("middle")):
        variants.append(f"{first} {names['middle']} {last}")
    # [every folded variant, folded name, folded first + last]
    search = [" | ".join(dict.fromkeys(fold(v) for v in variants)), fold(name), fold(variants[1])]
    return [
        bioguide, name, first, last, party or "Unknown", chamber, state, district,
        _int(term.get("class")) if chamber == "sen" else None,
        _text(term.get("state_rank")), format_phone(_text(term.get("phone"))),
        _text(term.get("office")), _text(term.get("address")), _text(term.get("contact_form")),
        _text(term.get("url")), _text(term.get("start")) or "", search, _gender(rec),
    ]  # fmt: skip


def _gender(rec: dict[str, Any]) -> str | None:
    """The legislators file's ``bio.gender`` ("M" or "F"), else None (a neutral title)."""
    bio = rec.get("bio")
    gender = bio.get("gender") if isinstance(bio, dict) else None
    return gender if gender in GENDERS else None


def _offices(f: Fetched, known: set[str], minimums: Minimums) -> dict[str, list[list[Any]]]:
    records = _json(f, list)
    result: dict[str, list[list[Any]]] = {}
    for i, rec in enumerate(records, 1):
        ident = rec.get("id") if isinstance(rec, dict) else None
        bioguide = ident.get("bioguide") if isinstance(ident, dict) else None
        if not isinstance(bioguide, str) or not isinstance(rec.get("offices", []), list):
            raise _fail(f, f"record {i} has no bioguide id or offices list")
        if bioguide not in known:
            continue
        rows = [row for o in rec.get("offices", []) if (row := _office(o)) is not None]
        if rows:
            result[bioguide] = rows
    if len(result) < minimums.members_with_offices:
        raise _fail(f, f"has offices for only {len(result)} current members")
    return result


def _office(o: Any) -> list[Any] | None:
    if not isinstance(o, dict) or not _text(o.get("city")):
        return None
    street = ", ".join(x for k in ("building", "address", "suite") if (x := _text(o.get(k))))
    lat, lon = o.get("latitude"), o.get("longitude")
    coords = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    return [
        _text(o.get("city")), _text(o.get("state")) or "", _text(o.get("zip")),
        format_phone(_text(o.get("phone"))), street or None,
        float(lat) if coords else None, float(lon) if coords else None,
    ]  # fmt: skip


def _committees(f: Fetched, minimums: Minimums) -> list[list[Any]]:
    records = _json(f, list)
    if len(records) < minimums.committees:
        raise _fail(f, f"lists only {len(records)} committees (expected {minimums.committees}+)")
    rows: list[list[Any]] = []
    for i, rec in enumerate(records, 1):
        if not isinstance(rec, dict):
            raise _fail(f, f"record {i} is not an object")
        cid, name, chamber = _text(rec.get("thomas_id")), _text(rec.get("name")), rec.get("type")
        if not cid or not name or chamber not in ("house", "senate", "joint"):
            raise _fail(f, f"record {i} has no thomas_id, name or chamber")
        url, phone = _text(rec.get("url")), format_phone(_text(rec.get("phone")))
        rows.append([cid, name, chamber, None, url, phone])
        subs = rec.get("subcommittees") or []
        for sub in subs if isinstance(subs, list) else []:
            sid = _text(sub.get("thomas_id")) if isinstance(sub, dict) else None
            if sid and _text(sub.get("name")):
                sub_phone = format_phone(_text(sub.get("phone"))) or phone
                rows.append([cid + sid, _text(sub.get("name")), chamber, cid, None, sub_phone])
    return rows


def _memberships(
    f: Fetched, committee_ids: set[str], minimums: Minimums
) -> dict[str, list[list[Any]]]:
    data = _json(f, dict)
    if len(data) < minimums.memberships:
        raise _fail(f, f"lists only {len(data)} committees")
    result: dict[str, list[list[Any]]] = {}
    for cid, entries in data.items():
        if not isinstance(entries, list):
            raise _fail(f, f"has no member list for {cid}")
        if cid not in committee_ids:
            continue
        rows = []
        for e in entries:
            bioguide = e.get("bioguide") if isinstance(e, dict) else None
            if not isinstance(bioguide, str):
                raise _fail(f, f"has a member of {cid} without a bioguide id")
            side = e.get("party") if e.get("party") in ("majority", "minority") else None
            rows.append(
                [
                    bioguide,
                    _text(e.get("name")) or bioguide,
                    side,
                    _int(e.get("rank")),
                    _text(e.get("title")),
                ]
            )
        result[cid] = rows
    return result


def _zccd(
    f: Fetched, minimums: Minimums
) -> tuple[set[tuple[str, int]], dict[str, set[tuple[str, int]]], int | None]:
    """Seats, ZIP areas and, when the file has a ``congress`` column, the one Congress it
    names (its rows must agree)."""
    try:
        text = f.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(f, "is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if not {"state_abbr", "zcta", "cd"} <= set(header):
        raise _fail(f, "lacks the columns state_abbr, zcta and cd")
    si, zi, ci = header.index("state_abbr"), header.index("zcta"), header.index("cd")
    gi = header.index("congress") if "congress" in header else None
    congresses: set[str] = set()
    seats: set[tuple[str, int]] = set()
    zctas: dict[str, set[tuple[str, int]]] = {}
    rows = 0
    for row in reader:
        if not row or not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if len(row) != len(header):
            raise _fail(f, f"line {line} has {len(row)} columns instead of {len(header)}")
        state, zcta, cd = row[si].strip(), row[zi].strip(), row[ci].strip()
        if not _STATE.fullmatch(state) or not _ZIP.fullmatch(zcta) or not cd.isascii():
            raise _fail(f, f"line {line} is malformed")
        if not cd.isdigit() or int(cd) > 99:
            raise _fail(f, f"line {line} has a bad district number")
        if gi is not None:
            congress = row[gi].strip()
            if not congress.isascii() or not congress.isdigit() or not 100 <= int(congress) <= 999:
                raise _fail(f, f"line {line} has a bad Congress number")
            congresses.add(str(int(congress)))
            if len(congresses) > 1:
                raise _fail(f, f"line {line} names another Congress than the lines before it")
        seat = (state, int(cd))
        seats.add(seat)
        zctas.setdefault(zcta, set()).add(seat)
        rows += 1
    if rows < minimums.zccd_rows:
        raise _fail(f, f"has only {rows} rows (expected {minimums.zccd_rows}+)")
    return seats, zctas, (int(congresses.pop()) if congresses else None)
