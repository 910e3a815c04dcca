"""Who organizes a server: Manage Server (or Administrator), or the configured organizer role."""

from __future__ import annotations

from collections.abc import Iterable

import discord


def is_organizer(
    permissions: discord.Permissions, roles: Iterable[discord.Role], organizer_role: str | None
) -> bool:
    """True for Manage Server, Administrator, or a role whose id or name is ``organizer_role``."""
    if permissions.manage_guild or permissions.administrator:
        return True
    wanted = (organizer_role or "").strip()
    if not wanted:
        return False
    folded = wanted.casefold()
    return any(str(role.id) == wanted or role.name.casefold() == folded for role in roles)


def member_is_organizer(user: discord.abc.User | None, organizer_role: str | None) -> bool:
    """For a reaction's member: their server-wide permissions and roles (False outside a server)."""
    if not isinstance(user, discord.Member):
        return False
    return is_organizer(user.guild_permissions, user.roles, organizer_role)


def interaction_is_organizer(interaction: discord.Interaction, organizer_role: str | None) -> bool:
    """For an interaction: the member's permissions in that channel, and their roles."""
    user = interaction.user
    if not isinstance(user, discord.Member):
        return False
    return is_organizer(interaction.permissions, user.roles, organizer_role)
