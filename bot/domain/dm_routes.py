"""Where a direct message belongs, and how long the bot remembers it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

KEEP = timedelta(days=30)  # a DM's route is no longer found, and is removed, after this


@dataclass(frozen=True, slots=True)
class DmRoute:
    """Where a DM belongs: the community's platform id and the recipient's user id."""

    server_id: str
    user_id: str
