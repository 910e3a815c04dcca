"""What the bot says about a PO-box or business ZIP's House districts: probably, never certain.

Such a ZIP has no area of its own on the district maps; the directory names the districts of
the ZIP areas nearest its post office (``bot.civic.ziptable.NearbyAreas``). Every sentence here
says "probably" and how to be sure.
"""

from __future__ import annotations

from collections.abc import Sequence

WHY = "is for PO boxes or a single business, so it has no area of its own on the district maps"


def either(labels: Sequence[str]) -> str:
    """'TX-7', 'TX-7 or TX-18', 'TX-7, TX-18 or TX-29'."""
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} or {labels[-1]}"


def reps_intro(zip5: str | None, labels: Sequence[str], find_district: str) -> str:
    """The /reps and /setzip paragraph above the House members listed."""
    which = "that is" if len(labels) == 1 else "one of those is"
    return (
        f"ZIP {zip5} {WHY}. The nearest neighbourhoods are in {either(labels)}, so {which} "
        "probably your district, but not for certain: pick yours below if you know it (it is "
        f"on your voter registration), or see {find_district}."
    )


def summary_line(labels: Sequence[str]) -> str:
    """One line of a member's overview."""
    return f"Your ZIP is for PO boxes or a business: probably {either(labels)}; confirm with /reps."


UNKNOWN_NOTE = (
    "Your ZIP is for PO boxes or a single business, and nothing near it tells your House "
    "district, so no House member is listed. Use /setzip with your home ZIP to add yours."
)


def script_note(labels: Sequence[str]) -> str:
    """The note on a personal script (and so on a reminder)."""
    who = "the House member listed is" if len(labels) == 1 else "one of the House members is"
    return (
        f"Your ZIP {WHY}; the nearest neighbourhoods are in {either(labels)}, so {who} "
        "probably yours, not for certain. Use /setzip with your home ZIP, or pick your district "
        "there, to be sure."
    )
