"""Who may do what. Organizer-only rules are enforced here, whatever a platform's UI shows."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.errors import NotAllowed
from bot.domain.models import Actor
from bot.domain.text import t

REFUSAL = t("Only organizers can do that. Ask an organizer of this community if you need it.")
ORGANIZERS_ONLY = REFUSAL.english()  # the English sentence


class Permission(StrEnum):
    EVERYONE = "everyone"
    ORGANIZER = "organizer"


def allowed(actor: Actor, permission: Permission) -> bool:
    return permission is Permission.EVERYONE or actor.is_organizer


def require(actor: Actor, permission: Permission) -> None:
    """Raise NotAllowed unless the actor holds the permission."""
    if not allowed(actor, permission):
        raise NotAllowed(REFUSAL)
