"""What several cogs share: the campaign and period options and reading a channel someone typed.

Not a feature (the underscore keeps it out of ``cog_modules``)."""

from __future__ import annotations

import re

from bot.cogkit import Opt

SLUG = Opt(
    "The campaign's slug, like irs-data-privacy",
    max_length=40,
    autocomplete="campaigns",
    label="the campaign's slug",
)
ANY_CAMPAIGN = Opt(  # /stats, /export, /map calls
    "A campaign's slug (default: all campaigns)",
    max_length=40,
    autocomplete="campaigns",
    label="the campaign's slug",
)
PERIOD = Opt(
    "The period: 7d, 30d, week, month, year, all, today, or 2026-01-01..2026-01-31",
    max_length=40,
    autocomplete="periods",
    label="the period",
)
CHANNEL_MENTION = re.compile(r"^<#([0-9A-Za-z]++)(?:\|[^>]*+)?>$")  # possessive: no backtracking


def mentioned_channel(text: str) -> str:
    """'<#123>' or '<#C1|general>' (a Discord or Slack channel mention) -> its id; '#id' and a
    plain id stay the id."""
    cleaned = text.strip()
    match = CHANNEL_MENTION.match(cleaned)
    return match.group(1) if match else cleaned.lstrip("#")
