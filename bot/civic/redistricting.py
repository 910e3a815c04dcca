"""States whose House lines change between Congresses, as data (bot/resources/redistricting.yaml).

The rule (:meth:`Redistricting.changed`): a state's ZIP-to-district answer is uncertain when
the ZIP table describes one Congress's lines and the members shown sit in another, and the
state's lines changed in between. Senators are never affected (a state is one Senate seat map).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.resources import redistricting_file

HOUSE_FINDER = "https://www.house.gov/representatives/find-your-representative"
_STATE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True, slots=True)
class Redraw:
    """One state's mid-decade change of House lines."""

    state: str
    congress: int  # the first Congress elected on the new lines
    changes: bool  # False: reported or attempted, but the old lines stand
    status: str
    lookup: str  # the state's official district lookup (else the house.gov finder)
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Redistricting:
    """Every listed state's redraw and the general district finder."""

    states: Mapping[str, Redraw]
    fallback_lookup: str = HOUSE_FINDER

    def changed(self, state: str, zip_congress: int | None, serving: int | None) -> Redraw | None:
        """The redraw that makes ``state``'s ZIP table lines differ from those of the members
        shown (the ``serving`` Congress), or None. A ZIP table of an unknown Congress counts
        as older than any redraw up to ``serving``; an unknown ``serving`` Congress as the
        ZIP table's (nothing to compare)."""
        redraw = self.states.get(state)
        if redraw is None or not redraw.changes or serving is None:
            return None
        if zip_congress is None:
            return redraw if redraw.congress <= serving else None
        low, high = sorted((zip_congress, serving))
        return redraw if low < redraw.congress <= high else None


def load_redistricting(path: Path | None = None) -> Redistricting:
    """Read the shipped list (or ``path``). A malformed file is a ValueError naming the entry:
    it ships with the code, so tests catch it before a release."""
    source = path or redistricting_file()
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("states"), dict):
        raise ValueError(f"{source}: expected 'states' with one entry per state")
    fallback = _url(data.get("fallback_lookup", HOUSE_FINDER), f"{source}: fallback_lookup")
    states = {code: _redraw(code, entry, source) for code, entry in data["states"].items()}
    return Redistricting(states, fallback)


def _redraw(code: Any, entry: Any, source: Path) -> Redraw:
    where = f"{source}: {code}"
    if not isinstance(code, str) or not _STATE.fullmatch(code) or not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a two-letter state code with its fields")
    congress, changes = entry.get("congress"), entry.get("changes")
    if not isinstance(congress, int) or isinstance(congress, bool) or not 100 <= congress <= 999:
        raise ValueError(f"{where}: congress must be a Congress number, like 120")
    if not isinstance(changes, bool):
        raise ValueError(f"{where}: changes must be true or false")
    sources = entry.get("sources")
    if not isinstance(sources, list) or not sources:
        raise ValueError(f"{where}: list at least one source")
    status = entry.get("status")
    if not isinstance(status, str) or not status.strip():
        raise ValueError(f"{where}: say what happened in status")
    return Redraw(
        state=code,
        congress=congress,
        changes=changes,
        status=status.strip(),
        lookup=_url(entry.get("lookup", HOUSE_FINDER), f"{where}: lookup"),
        sources=tuple(_url(s, f"{where}: sources") for s in sources),
    )


def _url(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.startswith("https://"):
        raise ValueError(f"{where} must be an https:// address")
    return value
