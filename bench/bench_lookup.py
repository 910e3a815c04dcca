"""Benchmark the lawmaker directory: sync+build, load, memory and ZIP lookups.

    .venv/bin/python bench/bench_lookup.py [--mirror ../shared/civic-data]

Everything is measured in the same run: a full sync+build from the mirror into a temporary
folder, loading the index, the memory it holds, and ZIP lookups through the index compared
with ``zipcodes.matching()`` and with a naive scan of zccd.csv per lookup.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import zipcodes  # noqa: E402

from bot.civic import Directory, sync  # noqa: E402

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

        loads = []
        for _ in range(args.loads):
            gc.collect()
            started = time.perf_counter()
            directory = Directory.load(path)
            loads.append(time.perf_counter() - started)
            del directory
        gc.collect()
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        directory = Directory.load(path)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - baseline
        tracemalloc.stop()
        size = path.stat().st_size

    rng = random.Random(args.seed)
    zips = directory.zip_codes()
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
