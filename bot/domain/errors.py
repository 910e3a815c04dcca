"""Typed domain errors. Each carries one human sentence that is safe to show the person."""

from __future__ import annotations

from bot.domain.hostile_text import one_line
from bot.domain.text import Text, t


class DomainError(Exception):
    """A problem the person can understand and act on; ``message`` is shown to them as is, on
    one line even when it quotes text holding line breaks. Given as :class:`Text`, it is shown
    in the person's language (``text``); ``message`` is then its English sentence."""

    def __init__(self, message: str | Text) -> None:
        self.text = message if isinstance(message, Text) else None
        english = one_line(str(message))
        super().__init__(english)
        self.message = english


class InvalidInput(DomainError):
    """The person gave a value the bot cannot use (wrong type, too long, malformed)."""


class InvalidZip(InvalidInput):
    """Not a usable US ZIP code."""


class UnknownCommand(InvalidInput):
    """No such command or subcommand."""


class NotAllowed(DomainError):
    """The person may not do this (for example: organizers only)."""


class NotFound(DomainError):
    """The thing asked for does not exist (in this community)."""


class Conflict(DomainError):
    """The change clashes with what is stored (duplicate name, wrong state)."""


class RateLimited(DomainError):
    """The person is going too fast."""


class Unavailable(DomainError):
    """A resource the bot needs is missing or busy (database locked, data not downloaded)."""


class StartupError(Exception):
    """The bot cannot start; ``message`` is one line for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoredConflict(Conflict):
    """The database refused a write because of a constraint (a unique key, a missing row it
    refers to). Raised by every storage backend in place of its driver's error; ``constraint``
    names what was violated, as the backend reports it, for repositories to tell cases apart."""

    def __init__(self, constraint: str) -> None:
        super().__init__(t("That clashes with something already saved; nothing was changed."))
        self.constraint = constraint
