"""How many people live in each state, DC and territory (2020 Census), for calls per 100,000
residents. The numbers and their source are in ``bot/resources/residents_2020.csv``."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from bot.civic.geo import REPRESENTED
from bot.resources import residents_file


@cache
def residents(path: Path | None = None) -> Mapping[str, int]:
    """State code -> residents on April 1, 2020, for the 50 states, DC, PR, GU, VI, AS and MP
    (read once). A file missing one of them, or with a count that is not positive, is refused."""
    with (path or residents_file()).open(encoding="utf-8") as lines:
        rows = csv.DictReader(line for line in lines if not line.startswith("#"))
        found = {row["state"].strip(): int(row["residents"]) for row in rows}
    if set(found) != REPRESENTED or min(found.values()) <= 0:
        missing = sorted(REPRESENTED - set(found))
        raise ValueError(f"residents file needs one positive count per state: {missing}")
    return found
