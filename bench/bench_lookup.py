"""Benchmark the lawmaker directory: sync+build, load, memory, ZIP lookups and coverage.

    .venv/bin/python bench/bench_lookup.py [--mirror ../shared/civic-data]

Everything is measured in the same run: a full sync+build from the mirror into a temporary
folder, loading the index, the memory it holds, and ZIP lookups through the index compared
with ``zipcodes.matching()`` and with a naive scan of zccd.csv per lookup. Then coverage: for
every district office in the mirror, whether its own lawmaker is among the candidates for the
office's ZIP, through the ZIP-area table alone and with the PO-box rule (nearest ZIP areas),
and the rule itself tried on ZIPs whose district is known (each ZIP area left out in turn).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import gc
import json
import platform
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import zipcodes  # noqa: E402

from bot.civic import Directory, index_file, sync  # noqa: E402
from bot.civic.models import ZipResult  # noqa: E402
from bot.civic.usps import UspsTable, usps_table  # noqa: E402
from bot.civic.ziptable import NEAREST_AREAS, NEAREST_MILES, NearbyAreas  # noqa: E402
from bot.domain.errors import DomainError  # noqa: E402

DEFAULT_MIRROR = REPO.parent / "shared" / "civic-data"


def per_second(fn: Callable[[str], object], sample: Sequence[str]) -> float:
    started = time.perf_counter()
    for zip5 in sample:
        fn(zip5)
    return len(sample) / (time.perf_counter() - started)


def p50_ns(fn: Callable[[str], object], sample: Sequence[str]) -> tuple[float, float]:
    """Median time of single lookups, timed one by one, and the timer's own median cost."""
    clock = time.perf_counter_ns
    spans, empty = [], []
    for zip5 in sample:
        t0 = clock()
        fn(zip5)
        spans.append(clock() - t0)
        t0 = clock()
        empty.append(clock() - t0)
    return statistics.median(spans), statistics.median(empty)


def naive_scan(path: Path) -> Callable[[str], object]:
    def lookup(zip5: str) -> list[tuple[str, str]]:
        with path.open(newline="") as rows:
            return [(r["state_abbr"], r["cd"]) for r in csv.DictReader(rows) if r["zcta"] == zip5]

    return lookup


# Coverage ------------------------------------------------------------------------------------

Seat = tuple[str, int]
_OFFICE_ZIP = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")
TABLE_ONLY = "ZIP-area table alone"
WITH_RULE = f"with the PO-box rule ({NEAREST_AREAS} nearest areas within {NEAREST_MILES:g} mi)"
RULES = ((1, 25.0), (2, 25.0), (3, 15.0), (3, 25.0), (3, 50.0), (5, 25.0))  # (areas, miles)


@dataclass
class Tally:
    """How often the right seat is among the candidates, and why not when it is not."""

    total: int = 0
    hits: int = 0
    single: int = 0  # hits where it was the only candidate
    candidates: int = 0  # summed over the answers that named any
    answered: int = 0
    misses: Counter[str] = field(default_factory=Counter)

    def add(self, seat: object, candidates: Sequence[object], cause: str) -> None:
        self.total += 1
        if candidates:
            self.answered += 1
            self.candidates += len(candidates)
        if seat in candidates:
            self.hits += 1
            self.single += len(candidates) == 1
        else:
            self.misses[cause] += 1

    def line(self, single: bool = True) -> str:
        mean = self.candidates / self.answered if self.answered else 0.0
        only = f"the only candidate: {pct(self.single, self.total)}; " if single else ""
        return (
            f"{self.hits:,}/{self.total:,} = {pct(self.hits, self.total)} ({only}"
            f"named any: {pct(self.answered, self.total)}, {mean:.2f} candidates then)"
        )


def version_1(index: dict[str, Any]) -> dict[str, Any]:
    """The index as version 1 wrote it: shapes of three items, no seats for a PO-box ZIP."""
    shapes = [[st, [] if guess else ids, done] for st, ids, done, guess in index["shapes"]]
    return {**index, "version": 1, "shapes": shapes}


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def zip_areas(path: Path) -> dict[str, set[Seat]]:
    areas: dict[str, set[Seat]] = {}
    with path.open(newline="") as rows:
        for row in csv.DictReader(rows):
            areas.setdefault(row["zcta"], set()).add((row["state_abbr"], int(row["cd"])))
    return areas


def offices(mirror: Path, directory: Directory) -> Iterable[tuple[str, str, int | None, str]]:
    """(bioguide, state, district or None for a senator, ZIP as listed) of every office of a
    sitting member in legislators-district-offices.json."""
    for record in json.loads((mirror / "legislators-district-offices.json").read_bytes()):
        try:
            member = directory.member(record["id"]["bioguide"])
        except DomainError:
            continue
        for office in record.get("offices") or ():
            yield member.bioguide, member.state, member.district, str(office.get("zip") or "")


def why_not(result: ZipResult, state: str, zip5: str, areas: dict[str, set[Seat]]) -> str:
    if state not in result.states:
        return "the ZIP is in another state"
    if zip5 not in areas:
        return "PO-box or business ZIP (no ZIP area of its own)"
    return "the ZIP's area lies in other districts only"


def coverage(directory: Directory, mirror: Path, areas: dict[str, set[Seat]]) -> list[str]:
    """Whether each district office's own lawmaker is among the candidates for its ZIP."""
    senate, house = Tally(), {TABLE_ONLY: Tally(), WITH_RULE: Tally()}
    no_table: list[str] = []
    for bioguide, state, district, listed in offices(mirror, directory):
        match = _OFFICE_ZIP.fullmatch(listed.strip())
        zip5 = match[1] if match else ""
        result = None
        if match is not None:
            with contextlib.suppress(DomainError):
                result = directory.lookup_zip(zip5)
        if result is None:
            cause = "no ZIP listed for the office" if not listed else "the ZIP is in no table"
            no_table.append(f"{bioguide} {listed or '(none)'}")
        if district is None:  # a senator: both of the state's senators are the candidates
            held = [s.member.bioguide for s in (result.senate if result else ()) if s.member]
            senate.add(bioguide, held, cause if result is None else "the ZIP is in another state")
            continue
        seat = (state, district)
        for name, tally in house.items():
            if result is None:
                tally.add(seat, [], cause)
                continue
            seats = [(s.state, s.district or 0) for s in result.house]
            if result.probable and name == TABLE_ONLY:
                seats = []  # what the ZIP-area table alone gives a PO-box ZIP
            if result.probable and name == WITH_RULE:
                reason = "PO-box ZIP: its nearest ZIP areas lie in other districts"
            elif zip5 not in areas and name == WITH_RULE and state in result.states:
                reason = "PO-box ZIP: no location, or no ZIP area near enough"
            else:
                reason = why_not(result, state, zip5, areas)
            tally.add(seat, seats, reason)
    lines = [f"Senate, own senator among the ZIP's senators: {senate.line(single=False)}"]
    lines += [f"  miss: {cause}: {n}" for cause, n in senate.misses.most_common()]
    for name, tally in house.items():
        lines.append(f"House, {name}: {tally.line()}")
        lines += [f"  miss: {cause}: {n}" for cause, n in tally.misses.most_common()]
    if no_table:
        lines.append(f"offices with no usable ZIP: {', '.join(no_table)}")
    return lines


def rule_trials(
    directory: Directory, mirror: Path, areas: dict[str, set[Seat]], usps: UspsTable
) -> list[str]:
    """The PO-box rule where the answer is known: each ZIP area (one district, in a state of
    several) and each House office's ZIP area left out in turn and guessed from the others."""
    several = {s for s, n in Counter(s for s, _ in {x for v in areas.values() for x in v}).items()
               if n > 1}  # fmt: skip
    known = [
        (zip5, next(iter(seats)))
        for zip5, seats in sorted(areas.items())
        if len(seats) == 1 and next(iter(seats))[0] in several
        and (usps.places.get(zip5) or [None] * 5)[3] is not None
    ]  # fmt: skip
    house_offices = []
    for _, state, district, listed in offices(mirror, directory):
        match = _OFFICE_ZIP.fullmatch(listed.strip())
        if district is None or state not in several or match is None:
            continue
        zip5 = match[1]
        place = usps.places.get(zip5)
        if zip5 in areas and place is not None and place[3] is not None:
            house_offices.append((zip5, (state, district)))
    table = Tally()
    for zip5, seat in house_offices:
        table.add(seat, sorted(s for s in areas[zip5] if s[0] == seat[0]), "")
    lines = [
        f"ZIP areas with one district, in states of several: {len(known):,}; House offices "
        f"in a ZIP area of their state: {len(house_offices):,}",
        f"  the offices' own ZIP areas (the table, for comparison): {table.line()}",
    ]
    for count, miles in RULES:
        nearby = NearbyAreas(areas, usps, count, miles)
        trials = {"ZIP areas": Tally(), "offices": Tally()}
        for name, rows in (("ZIP areas", known), ("offices", house_offices)):
            for zip5, seat in rows:
                _, _, _, lat, lon = usps.places[zip5]
                guess = nearby.seats(seat[0], lat, lon, exclude=zip5)
                trials[name].add(seat, guess, "")
        shipped = " (shipped)" if (count, miles) == (NEAREST_AREAS, NEAREST_MILES) else ""
        for name, tally in trials.items():
            lines.append(f"  {count} nearest within {miles:g} mi{shipped}, {name}: {tally.line()}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--lookups", type=int, default=200_000, help="index lookups")
    parser.add_argument("--zipcodes-lookups", type=int, default=300)
    parser.add_argument("--scan-lookups", type=int, default=20)
    parser.add_argument("--loads", type=int, default=9, help="index loads to time")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    mirror = args.mirror.resolve()
    if not (mirror / "zccd.csv").is_file():
        print(f"No civic-data mirror at {mirror} (use --mirror).", file=sys.stderr)
        return 2

    print(f"Python {platform.python_version()} on {platform.machine()}, mirror {mirror}")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = asyncio.run(sync(Path(tmp), str(mirror)))
        sync_s = time.perf_counter() - started
        path = report.path
        del report
        gc.collect()

        old_path = Path(tmp) / "version-1.json"
        old_path.write_bytes(index_file.encode(version_1(json.loads(path.read_bytes()))))
        loads: list[float] = []
        old_loads: list[float] = []  # the same index as version 1 wrote it, loaded in turn
        for _ in range(args.loads):
            for target, times in ((path, loads), (old_path, old_loads)):
                gc.collect()
                started = time.perf_counter()
                directory = Directory.load(target)
                times.append(time.perf_counter() - started)
                del directory
        gc.collect()
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        directory = Directory.load(path)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - baseline
        tracemalloc.stop()
        size = path.stat().st_size

    usps = usps_table()
    areas = zip_areas(mirror / "zccd.csv")
    no_area = [p for z, p in usps.places.items() if z not in areas and p[3] is not None]
    started = time.perf_counter()
    nearby = NearbyAreas(areas, usps)
    guessed = sum(1 for p in no_area if nearby.seats(p[1], p[3], p[4]))
    rule_s = time.perf_counter() - started

    rng = random.Random(args.seed)
    zips = directory.zip_codes()
    probable = sum(directory.lookup_zip(zip5).probable for zip5 in zips)
    sample = rng.choices(zips, k=args.lookups)
    zipcodes.matching(sample[0])  # let the package load its table before timing

    index_rate = per_second(directory.lookup_zip, sample)
    p50, timer = p50_ns(directory.lookup_zip, sample[:50_000])
    zipcodes_rate = per_second(zipcodes.matching, sample[: args.zipcodes_lookups])
    scan_rate = per_second(naive_scan(mirror / "zccd.csv"), sample[: args.scan_lookups])

    rows = [
        ("full sync+build from the mirror", f"{sync_s:.2f} s"),
        ("index file", f"{size / 1e6:.2f} MB, {len(zips):,} ZIP codes"),
        (f"index load (median of {args.loads})", f"{statistics.median(loads) * 1e3:.0f} ms"
         f" (min {min(loads) * 1e3:.0f}, max {max(loads) * 1e3:.0f})"),
        ("the same, as version 1 (no PO-box seats)", f"{statistics.median(old_loads) * 1e3:.0f} ms"
         f" (min {min(old_loads) * 1e3:.0f}, max {max(old_loads) * 1e3:.0f})"),
        ("PO-box rule at build time", f"{rule_s * 1e3:.0f} ms ({len(no_area):,} located ZIPs"
         f" with no ZIP area asked, {guessed:,} have one near)"),
        ("ZIPs whose House seats are probable", f"{probable:,} (PO-box or business ZIPs in states"
         " of several districts)"),
        ("memory held by the loaded index", f"{held / 1e6:.1f} MB (tracemalloc)"),
        ("index lookups/s", f"{index_rate:,.0f} ({args.lookups:,} random ZIPs)"),
        ("index lookup p50", f"{p50 / 1e3:.2f} us (timer alone {timer / 1e3:.2f} us)"),
        ("zipcodes.matching() lookups/s", f"{zipcodes_rate:,.0f}"),
        ("naive zccd.csv scan lookups/s", f"{scan_rate:,.1f}"),
        ("index vs zipcodes.matching()", f"{index_rate / zipcodes_rate:,.0f}x faster"),
        ("index vs naive zccd.csv scan", f"{index_rate / scan_rate:,.0f}x faster"),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")

    print("\nCoverage: is each district office's own lawmaker among its ZIP's candidates?")
    for line in coverage(directory, mirror, areas):
        print(line)
    print("\nThe PO-box rule where the district is known (each ZIP area left out in turn):")
    for line in rule_trials(directory, mirror, areas, usps):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
