"""What storage hands the privacy features: rows about a member as plain values, and links."""

from __future__ import annotations

from dataclasses import dataclass

StoredValue = int | float | str | None
StoredRow = dict[str, StoredValue]
"""One stored row, column -> value as stored (both backends give the same Python values)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A column of ``table`` that holds a member's id, and what deleting the member does."""

    table: str
    column: str
    on_delete: str  # CASCADE, SET NULL, ... or NONE when there is no foreign key
