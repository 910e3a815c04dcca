"""The small part of a lawmaker directory worth remembering between versions of the data.

bot/core/directory_changes.py makes snapshots from a directory and compares them; storage keeps
the last one seen.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

DIGEST_METHOD = "zips-v1"  # how district digests are made; another value re-baselines quietly


@dataclass(frozen=True, slots=True)
class Leaders:
    """A committee's name and its chair and ranking member: (bioguide, name) or None."""

    name: str
    chair: tuple[str, str] | None
    ranking: tuple[str, str] | None

    def to_json(self) -> str:
        return json.dumps(
            {"name": self.name, "chair": self.chair, "ranking": self.ranking},
            separators=(",", ":"),
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Leaders:
        data = json.loads(text)
        return cls(data["name"], _pair(data.get("chair")), _pair(data.get("ranking")))


def _pair(value: object) -> tuple[str, str] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        return str(value[0]), str(value[1])
    return None


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: str  # which index: its build time and the digests of its source files
    districts: Mapping[str, str]  # "TX-7" -> digest of its sorted ZIP codes
    committees: Mapping[str, Leaders]  # "HSWM" -> name, chair, ranking member
    names: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # bioguide -> label, seat
