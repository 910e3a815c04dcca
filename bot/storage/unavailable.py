"""The sentences a person reads when the database cannot do what they asked (both backends)."""

from __future__ import annotations

BUSY_MESSAGE = (
    "The bot's database is busy right now; nothing was lost. Please try again in a moment."
)
READ_ONLY_MESSAGE = (
    "The bot's database is read-only right now, so nothing could be saved; an organizer has "
    "been told in the log."
)
FAILED_MESSAGE = "The bot's database failed to answer; nothing was changed. Please try again."
