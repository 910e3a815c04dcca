"""Where the lawmaker data comes from, and fetching it: upstream, a mirror folder or URL."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import aiohttp

from bot.domain.errors import Unavailable
from bot.regular_files import FileTooLarge, NotARegularFile, read_regular_file

Progress = Callable[[str], None]

LEGISLATORS = "legislators-current.json"
OFFICES = "legislators-district-offices.json"
COMMITTEES = "committees-current.json"
MEMBERSHIP = "committee-membership-current.json"
ZCCD = "zccd.csv"

_CL = "https://unitedstates.github.io/congress-legislators/"
_ZCCD = "https://raw.githubusercontent.com/OpenSourceActivismTech/us-zipcodes-congress/master/"
# The Congress whose districts the default zccd.csv describes (its README: the 119th's).
DEFAULT_ZCCD_CONGRESS = 119
MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 64 * 1024
_PROGRESS_EVERY_S = 1.0


class SyncError(Unavailable):
    """Fetching or checking the data failed; ``source`` names the file when one is to blame."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


@dataclass(frozen=True, slots=True)
class Source:
    filename: str  # also the name in a mirror
    url: str  # upstream address
    what: str
    key: str = ""  # the setting's word: ORGBOT_SOURCE_<KEY>_URL
    congress: int | None = None  # the Congress of its districts, when declared (the ZIP table)


SOURCES: tuple[Source, ...] = (
    Source(LEGISLATORS, _CL + LEGISLATORS, "sitting members of Congress", "legislators"),
    Source(OFFICES, _CL + OFFICES, "district offices", "offices"),
    Source(COMMITTEES, _CL + COMMITTEES, "committees", "committees"),
    Source(MEMBERSHIP, _CL + MEMBERSHIP, "committee membership", "membership"),
    Source(
        ZCCD, _ZCCD + ZCCD, "ZIP areas to congressional districts", "zccd", DEFAULT_ZCCD_CONGRESS
    ),
)
DEFAULT_URLS: dict[str, str] = {s.key: s.url for s in SOURCES}


def configured_sources(
    urls: Mapping[str, str | None], zccd_congress: int | None = None
) -> tuple[Source, ...]:
    """The sources with the addresses an operator set (``urls`` by key; unset keeps today's).

    The ZIP table's Congress is ``zccd_congress`` when given; with the default address it is
    that file's (the 119th); another address with none declared is of an unknown Congress
    (unless the file has a ``congress`` column, which the build reads)."""
    chosen = []
    for source in SOURCES:
        url = (urls.get(source.key) or "").strip() or source.url
        congress = source.congress if url == source.url else None
        if source.filename == ZCCD and zccd_congress is not None:
            congress = zccd_congress
        chosen.append(replace(source, url=url, congress=congress))
    return tuple(chosen)


@dataclass(frozen=True, slots=True)
class Fetched:
    source: Source
    data: bytes
    origin: str
    fetched_at: str
    last_modified: str | None
    etag: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def dated(self) -> str:
        """The file's own date (YYYY-MM-DD): HTTP Last-Modified or the mirror file's time,
        else the day it was fetched."""
        return recorded_date(self.last_modified) or self.fetched_at[:10]


def recorded_date(stamp: str | None) -> str | None:
    """'Mon, 15 Jun 2026 00:00:00 GMT' or '2026-06-15T00:00:00Z' -> '2026-06-15'."""
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(stamp)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.date().isoformat()


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Network limits; the defaults suit a slow link to GitHub."""

    connect_timeout: float = 15.0
    read_timeout: float = 30.0
    total_timeout: float = 180.0
    max_bytes: int = MAX_BYTES


def origin_of(source: Source, mirror: str | None) -> str:
    """The URL or file path ``source`` is read from."""
    if mirror is None or not mirror.strip():
        return source.url
    mirror = mirror.strip()
    if mirror.startswith(("http://", "https://")):
        return mirror.rstrip("/") + "/" + source.filename
    return str(Path(mirror).expanduser() / source.filename)


async def fetch_all(
    mirror: str | None,
    progress: Progress,
    options: FetchOptions | None = None,
    sources: Sequence[Source] = SOURCES,
) -> dict[str, Fetched]:
    """Fetch every source (concurrently); the first failure cancels the rest and is raised."""
    options = options or FetchOptions()
    _check_mirror_folder(mirror)
    timeout = aiohttp.ClientTimeout(
        total=options.total_timeout,
        sock_connect=options.connect_timeout,
        sock_read=options.read_timeout,
    )
    async with aiohttp.ClientSession(timeout=timeout) as session:
        tasks = [
            asyncio.create_task(_fetch_one(s, origin_of(s, mirror), session, progress, options))
            for s in sources
        ]
        try:
            results = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
    return {f.source.filename: f for f in results}


def _check_mirror_folder(mirror: str | None) -> None:
    if mirror is None or not mirror.strip() or mirror.strip().startswith(("http://", "https://")):
        return
    folder = Path(mirror.strip()).expanduser()
    if not folder.is_dir():
        raise SyncError(f"The data mirror folder {folder} does not exist or is not a folder.")


async def _fetch_one(
    source: Source,
    origin: str,
    session: aiohttp.ClientSession,
    progress: Progress,
    options: FetchOptions,
) -> Fetched:
    etag: str | None = None
    if origin.startswith(("http://", "https://")):
        data, modified, etag = await _download(source, origin, session, progress, options)
    else:
        data, modified = await asyncio.to_thread(_read_file, source, Path(origin), options)
    progress(f"Fetched {source.filename} ({_size(len(data))}).")
    return Fetched(source, data, origin, _now_iso(), modified, etag)


def _read_file(source: Source, path: Path, options: FetchOptions) -> tuple[bytes, str]:
    """A mirror file's bytes; a FIFO, device or folder in its place is refused, never opened."""
    try:
        data, stat = read_regular_file(path, options.max_bytes)
    except FileNotFoundError:
        raise SyncError(
            f"The data mirror {path.parent} has no {source.filename}.", source.filename
        ) from None
    except FileTooLarge:
        raise SyncError(f"{path} is too large to be {source.filename}.", source.filename) from None
    except NotARegularFile as exc:
        raise SyncError(
            f"{path} is {exc.kind}, not a regular file: the data mirror must hold "
            f"{source.filename} itself.",
            source.filename,
        ) from None
    except OSError as exc:
        raise SyncError(f"Could not read {path}: {exc.strerror or exc}.", source.filename) from exc
    modified = datetime.fromtimestamp(stat.st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return data, modified


async def _download(
    source: Source,
    url: str,
    session: aiohttp.ClientSession,
    progress: Progress,
    options: FetchOptions,
) -> tuple[bytes, str | None, str | None]:
    name = source.filename
    progress(f"Downloading {name} from {url} ...")
    try:
        async with session.get(url) as response:
            if response.status != 200:
                raise SyncError(
                    f"Downloading {name} from {url} failed: the server answered "
                    f"HTTP {response.status}.",
                    name,
                )
            expected = response.content_length
            if expected is not None and expected > options.max_bytes:
                raise SyncError(f"{url} is too large to be {name}.", name)
            body = bytearray()
            last_report = time.monotonic()
            async for chunk in response.content.iter_chunked(_CHUNK):
                body += chunk
                if len(body) > options.max_bytes:
                    raise SyncError(f"{url} is too large to be {name}.", name)
                if time.monotonic() - last_report >= _PROGRESS_EVERY_S:
                    last_report = time.monotonic()
                    progress(f"  {name}: {_size(len(body))}{_of(expected)}")
            if expected is not None and len(body) != expected:
                raise SyncError(
                    f"Downloading {name} from {url} was cut off after {_size(len(body))} "
                    f"of {_size(expected)}.",
                    name,
                )
            headers = response.headers
            return bytes(body), headers.get("Last-Modified"), headers.get("ETag")
    except SyncError:
        raise
    except TimeoutError:
        raise SyncError(f"Downloading {name} from {url} timed out.", name) from None
    except aiohttp.ClientPayloadError:
        raise SyncError(
            f"Downloading {name} from {url} was cut off before the end of the file.", name
        ) from None
    except (aiohttp.ClientError, OSError) as exc:
        reason = (str(exc) or type(exc).__name__).rstrip(".")
        raise SyncError(f"Downloading {name} from {url} failed: {reason}.", name) from exc


def _of(expected: int | None) -> str:
    return f" of {_size(expected)}" if expected else ""


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
