"""Slash command names on Slack. A few neutral names are Slack built-ins (``/remind``), which
an app cannot take over; those get another name on Slack only."""

from __future__ import annotations

BUILT_IN_RENAMES = {"remind": "reminders"}
_BACK = {slack: neutral for neutral, slack in BUILT_IN_RENAMES.items()}


def slack_name(neutral: str) -> str:
    """The Slack slash command (without /) for a neutral top-level command or group."""
    return BUILT_IN_RENAMES.get(neutral, neutral)


def neutral_name(slash: str) -> str:
    """The neutral command for a Slack slash command such as ``/reminders``."""
    name = slash.lstrip("/").lower()
    return _BACK.get(name, name)
