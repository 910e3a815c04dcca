"""Small parts of the Discord host: organizer detection, the bounded memory, secret redaction."""

from __future__ import annotations

import logging

import discord

from bot.platforms.discord.memory import Recent
from bot.platforms.discord.organizers import is_organizer

SECRET = "MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.super-secret"


class FakeRole:
    def __init__(self, role_id: int, name: str) -> None:
        self.id = role_id
        self.name = name


def test_manage_server_or_administrator_makes_an_organizer() -> None:
    """Manage Server or Administrator is enough; plain members are not organizers."""
    assert is_organizer(discord.Permissions(manage_guild=True), [], None)
    assert is_organizer(discord.Permissions(administrator=True), [], None)
    assert not is_organizer(discord.Permissions(send_messages=True), [], None)


def test_the_organizer_role_matches_by_name_or_id() -> None:
    """The configured role counts by name (any case) or by id, and only that role."""
    roles = [FakeRole(77, "Organizers")]
    plain = discord.Permissions.none()
    assert is_organizer(plain, roles, "organizers")  # type: ignore[arg-type]
    assert is_organizer(plain, roles, "77")  # type: ignore[arg-type]
    assert not is_organizer(plain, roles, "Volunteers")  # type: ignore[arg-type]
    assert not is_organizer(plain, roles, None)  # type: ignore[arg-type]


def test_recent_forgets_the_oldest() -> None:
    """The memory keeps the newest entries only, so it never grows without bound."""
    recent = Recent(size=2)
    for key in (1, 2, 3):
        recent.put(key)
    assert 1 not in recent and 2 in recent and 3 in recent
    recent.put(4, "value")
    assert recent.get(4) == "value" and recent.get(2) is None


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("t", logging.ERROR, __file__, 1, message, args, exc_info)
