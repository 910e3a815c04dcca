"""The sentences a person reads when the database cannot do what they asked (both backends)."""

from __future__ import annotations

from bot.domain.text import t

# Messages, so each person reads them in their language; *_MESSAGE: the English sentence.
BUSY = t("The bot's database is busy right now; nothing was lost. Please try again in a moment.")
READ_ONLY = t(
    "The bot's database is read-only right now, so nothing could be saved; an organizer has "
    "been told in the log."
)
FAILED = t("The bot's database failed to answer; nothing was changed. Please try again.")
BUSY_MESSAGE, READ_ONLY_MESSAGE, FAILED_MESSAGE = str(BUSY), str(READ_ONLY), str(FAILED)
