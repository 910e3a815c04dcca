"""What the bot says about a PO-box or business ZIP's House districts: probably, never certain.

Such a ZIP has no area of its own on the district maps; the directory names the districts of
the ZIP areas nearest its post office (``bot.civic.ziptable.NearbyAreas``). Every sentence here
says "probably" and how to be sure.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.district_maps import either
from bot.domain.text import Text, t

REPS_INTRO_ONE = t(
    "ZIP {zip5} is for PO boxes or a single business, so it has no area of its own on the "
    "district maps. The nearest neighbourhoods are in {districts}, so that is probably your "
    "district, but not for certain: pick yours below if you know it (it is on your voter "
    "registration), or see {find_district}."
)
REPS_INTRO_SEVERAL = t(
    "ZIP {zip5} is for PO boxes or a single business, so it has no area of its own on the "
    "district maps. The nearest neighbourhoods are in {districts}, so one of those is probably "
    "your district, but not for certain: pick yours below if you know it (it is on your voter "
    "registration), or see {find_district}."
)
SUMMARY_LINE = t(
    "Your ZIP is for PO boxes or a business: probably {districts}; confirm with /reps."
)
UNKNOWN_NOTE_TEXT = t(
    "Your ZIP is for PO boxes or a single business, and nothing near it tells your House "
    "district, so no House member is listed. Use /setzip with your home ZIP to add yours."
)
UNKNOWN_NOTE = str(UNKNOWN_NOTE_TEXT)  # English, for callers not yet translated
SCRIPT_NOTE_ONE = t(
    "Your ZIP is for PO boxes or a single business, so it has no area of its own on the "
    "district maps; the nearest neighbourhoods are in {districts}, so the House member listed "
    "is probably yours, not for certain. Use /setzip with your home ZIP, or pick your district "
    "there, to be sure."
)
SCRIPT_NOTE_SEVERAL = t(
    "Your ZIP is for PO boxes or a single business, so it has no area of its own on the "
    "district maps; the nearest neighbourhoods are in {districts}, so one of the House members "
    "is probably yours, not for certain. Use /setzip with your home ZIP, or pick your district "
    "there, to be sure."
)


def reps_intro(zip5: str | None, labels: Sequence[str], find_district: str) -> Text:
    """The /reps and /setzip paragraph above the House members listed."""
    said = REPS_INTRO_ONE if len(labels) == 1 else REPS_INTRO_SEVERAL
    return said.with_values(zip5=zip5, districts=either(list(labels)), find_district=find_district)


def summary_line(labels: Sequence[str]) -> Text:
    """One line of a member's overview."""
    return SUMMARY_LINE.with_values(districts=either(list(labels)))


def script_note_text(labels: Sequence[str]) -> Text:
    """The note on a personal script (and so on a reminder)."""
    said = SCRIPT_NOTE_ONE if len(labels) == 1 else SCRIPT_NOTE_SEVERAL
    return said.with_values(districts=either(list(labels)))


def script_note(labels: Sequence[str]) -> str:
    """:func:`script_note_text` in English (for callers not yet translated)."""
    return str(script_note_text(labels))
