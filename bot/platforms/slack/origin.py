"""Where a Slack request came from (user, channel, response_url, trigger), and which of the
host's listeners takes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.platforms.slack import render

HANDLED_EVENTS = ("reaction_added", "reaction_removed", "app_home_opened")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an interaction came from, and the ways to answer it."""

    team_id: str
    user_id: str
    channel_id: str | None = None
    response_url: str | None = None
    trigger_id: str | None = None

    @classmethod
    def of(cls, body: dict[str, Any]) -> Origin:
        """The origin of a slash command, block action, view submission or event."""
        if "command" in body:
            return cls(
                team_id=str(body.get("team_id", "")),
                user_id=str(body.get("user_id", "")),
                channel_id=body.get("channel_id") or None,
                response_url=body.get("response_url") or None,
                trigger_id=body.get("trigger_id") or None,
            )
        if body.get("type") == "event_callback":
            event = body.get("event") or {}
            item = event.get("item") or {}
            return cls(
                team_id=str(body.get("team_id", "")),
                user_id=str(event.get("user", "")),
                channel_id=item.get("channel") or None,
            )
        user = body.get("user") or {}
        team = body.get("team") or {}
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        if body.get("type") == "view_submission":
            channel = render.modal_channel(body.get("view") or {})
        return cls(
            team_id=str(team.get("id") or user.get("team_id") or ""),
            user_id=str(user.get("id", "")),
            channel_id=channel or None,
            response_url=body.get("response_url") or None,
            trigger_id=body.get("trigger_id") or None,
        )


def handled_kind(body: dict[str, Any]) -> str | None:
    """Which of the host's listeners will take this request (None: none of them)."""
    if "command" in body and "text" in body:
        return "command"
    kind = body.get("type")
    if kind in ("block_actions", "view_submission"):
        return str(kind)
    if kind == "event_callback" and (body.get("event") or {}).get("type") in HANDLED_EVENTS:
        return "event"
    return None
