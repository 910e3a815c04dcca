"""Which Discord shards a process runs: ``0,1``, ``0-3`` or both (``0-3,8``), read in one pass."""

from __future__ import annotations

import re

from bot.domain.errors import InvalidInput

_NUMBER = re.compile(r"[0-9]{1,9}")
NEEDS_COUNT = "set ORGBOT_DISCORD_SHARD_COUNT too (the total number of shards)"


def parse_shard_ids(text: str, count: int) -> list[int]:
    """The shard ids ``text`` lists, in order; empty text is every shard ([]).

    Each id must be below ``count`` (which must then be set) and listed once. Raises
    InvalidInput with one sentence saying what is wrong."""
    if not text.strip():
        return []
    if count <= 0:
        raise InvalidInput(f"shard ids need a shard count: {NEEDS_COUNT}")
    ids: list[int] = []
    seen: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.partition("-")
        low = _number(first, part)
        high = _number(last, part) if dash else low
        if high < low:
            raise InvalidInput(f"the range {_shown(part)} runs backwards")
        if high >= count:
            raise InvalidInput(
                f"shard {high} is not below the shard count {count} (ids run from 0 to {count - 1})"
            )
        for shard in range(low, high + 1):
            if shard in seen:
                raise InvalidInput(f"shard {shard} is listed twice")
            seen.add(shard)
            ids.append(shard)
    return ids


def _number(text: str, part: str) -> int:
    word = text.strip()
    if not _NUMBER.fullmatch(word):
        raise InvalidInput(
            f"{_shown(part)} is not a shard id or a range (write them like 0,1 or 0-3)"
        )
    return int(word)


def _shown(part: str) -> str:
    return repr(part.strip()[:20])
