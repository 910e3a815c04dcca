"""Fetch, check, build and atomically install the index: ``await sync(data_dir, mirror)``."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.civic import index_file
from bot.civic.build import Minimums, build_index
from bot.civic.congress import districts_phrase
from bot.civic.directory import Directory
from bot.civic.models import OfficeZipError, SourceInfo
from bot.civic.sources import SOURCES, FetchOptions, Progress, Source, SyncError, fetch_all
from bot.civic.usps import UspsTable
from bot.domain.errors import Unavailable


@dataclass(frozen=True)
class SyncReport:
    """What a successful sync installed."""

    path: Path
    built_at: datetime
    members: int
    senators: int
    house_members: int  # including the six delegates / resident commissioner
    zip_codes: int
    zctas: int
    split_zctas: int
    committees: int
    vacancies: tuple[str, ...]  # seat labels, e.g. "CA-14"
    sources: tuple[SourceInfo, ...]
    index_bytes: int
    seconds: float
    directory: Directory = field(repr=False, compare=False)
    office_zip_errors: tuple[OfficeZipError, ...] = ()  # upstream errors, reported
    legislators_congress: int | None = None
    zip_congress: int | None = None

    @property
    def districts(self) -> str:
        """'districts of the 119th Congress', or what is mixed or unknown."""
        return districts_phrase(self.legislators_congress, self.zip_congress)

    def summary(self) -> str:
        vacant = ", ".join(self.vacancies) or "none"
        text = (
            f"Installed {self.path} ({self.index_bytes / 1_000_000:.1f} MB) in "
            f"{self.seconds:.1f} s: {self.members} members ({self.senators} senators, "
            f"{self.house_members} House), {self.zip_codes} ZIP codes ({self.zctas} ZIP areas, "
            f"{self.split_zctas} split), {self.committees} committees; vacant seats: {vacant}. "
            f"Data: {self.districts}."
        )
        if self.office_zip_errors:
            listed = "; ".join(str(e) for e in self.office_zip_errors)
            text += (
                f"\nUpstream data errors: {len(self.office_zip_errors)} district office(s) list "
                f"a ZIP code that does not exist: {listed}."
            )
        return text


def first_sync_failed(problem: str, mirror: str | None) -> str:
    """The one line for the operator when the first download of the lawmaker data fails."""
    if mirror:
        instead = (
            f"check ORGBOT_DATA_MIRROR ({mirror}), or install from another copy with "
            "`orgbot data sync --mirror FOLDER_OR_URL`"
        )
    else:
        instead = (
            "with no internet access, install them from a copy with "
            "`orgbot data sync --mirror FOLDER_OR_URL` or point ORGBOT_DATA_MIRROR at one"
        )
    return (
        f"{problem} Lawmaker lookups stay unavailable until `orgbot data sync` succeeds; {instead}."
    )


def _quiet(_: str) -> None:
    return None


async def sync(
    data_dir: Path,
    mirror: str | None = None,
    progress: Progress | None = None,
    *,
    minimums: Minimums | None = None,
    fetch_options: FetchOptions | None = None,
    usps: UspsTable | None = None,
    sources: tuple[Source, ...] = SOURCES,
) -> SyncReport:
    """Fetch every source (upstream, or ``mirror``: a folder or a base URL), check it, build the
    index and swap it in. On any failure raises :class:`SyncError` (an ``Unavailable``) and the
    previous index file is left untouched. ``usps`` replaces the zipcodes package (tests);
    ``sources`` are the addresses to read (``configured_sources`` of the settings)."""
    say = progress or _quiet
    started = time.perf_counter()
    fetched = await fetch_all(mirror, say, fetch_options, sources)
    say("Checking the files and building the index ...")
    built_at = datetime.now(UTC).replace(microsecond=0)
    index, directory, data = await asyncio.to_thread(
        _build, fetched, usps, minimums or Minimums(), built_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    path = index_file.index_path(data_dir)
    try:
        await asyncio.to_thread(index_file.write_atomic, path, data)
    except OSError as exc:
        raise SyncError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    members = directory.members()
    report = SyncReport(
        path=path,
        built_at=built_at,
        members=len(members),
        senators=sum(1 for m in members if m.chamber == "sen"),
        house_members=sum(1 for m in members if m.chamber == "rep"),
        zip_codes=directory.zip_count,
        zctas=index["stats"]["zctas"],
        split_zctas=index["stats"]["split_zctas"],
        committees=len(directory.committees()),
        vacancies=tuple(s.label for s in directory.vacancies()),
        sources=directory.freshness.sources,
        index_bytes=len(data),
        seconds=time.perf_counter() - started,
        directory=directory,
        office_zip_errors=directory.office_zip_errors,
        legislators_congress=directory.freshness.legislators_congress,
        zip_congress=directory.freshness.zip_congress,
    )
    say(report.summary())
    return report


def _build(
    fetched: Any, usps: UspsTable | None, minimums: Minimums, built_at: str
) -> tuple[dict[str, Any], Directory, bytes]:
    index = build_index(fetched, minimums, built_at, usps)
    try:
        directory = Directory.from_index(index)
    except Unavailable as exc:
        raise SyncError("The new index could not be loaded, so the old one was kept.") from exc
    return index, directory, index_file.encode(index)
