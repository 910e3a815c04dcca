"""Lawmaker directory: who represents a ZIP code, members, offices and committees.

Data: congress-legislators (members, offices, committees), zccd.csv (ZIP areas to districts)
and the ``zipcodes`` package (every USPS ZIP's state, city and time zone). ``sync`` downloads
and checks them and installs a compact index; ``DirectoryStore`` serves it to the bot.
"""

from bot.civic.build import Minimums
from bot.civic.directory import Directory
from bot.civic.index_file import INDEX_FILENAME, index_path
from bot.civic.models import (
    Committee,
    CommitteeMember,
    Freshness,
    Member,
    NearestOffice,
    Office,
    Seat,
    SourceInfo,
    ZipResult,
)
from bot.civic.sources import SOURCES, FetchOptions, Progress, Source, SyncError
from bot.civic.store import DirectoryStore
from bot.civic.sync import SyncReport, sync

__all__ = [
    "INDEX_FILENAME",
    "SOURCES",
    "Committee",
    "CommitteeMember",
    "Directory",
    "DirectoryStore",
    "FetchOptions",
    "Freshness",
    "Member",
    "Minimums",
    "NearestOffice",
    "Office",
    "Progress",
    "Seat",
    "Source",
    "SourceInfo",
    "SyncError",
    "SyncReport",
    "ZipResult",
    "index_path",
    "sync",
]
