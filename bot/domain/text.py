"""Words for a person, translated when their language is known (issue 18).

The core and the cogs say what to tell someone as :class:`Text`: an English message (the
catalog's key, with ``{name}`` placeholders), its values, and for a count the plural form. The
host side renders it in the reader's language (:mod:`bot.i18n`): a reply or a DM in the
member's, a public post in the community's. ``str(text)`` is the English sentence (logs, tests).

Mark messages with :func:`t` and :func:`tn` only: those are the names the catalog's extraction
looks for (``tests/i18n``), so a sentence built another way would stay English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Text:
    """A message to translate, with its values (which may be Text too)."""

    message: str
    values: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None  # the plural message, when ``count`` chooses between the two
    count: int | None = None

    def with_values(self, **values: Any) -> Text:
        """The same message with (more) values: a constant filled in where it is used."""
        return Text(self.message, (*self.values, *values.items()), self.plural, self.count)

    def english(self) -> str:
        """The sentence in English: the message itself, filled in."""
        chosen = self.message if self.plural is None or self.count == 1 else self.plural
        return chosen.format(**{k: _english(v) for k, v in self.values})

    def __str__(self) -> str:
        return self.english()


def t(message: str, /, **values: Any) -> Text:
    """A message to translate: ``t("Saved {zip}.", zip=zip)``."""
    return Text(message, tuple(values.items()))


def tn(singular: str, plural: str, count: int, /, **values: Any) -> Text:
    """A message whose words follow a count: ``tn("{n} call", "{n} calls", n, n=n)``."""
    return Text(singular, tuple(values.items()), plural, count)


def _english(value: Any) -> Any:
    return value.english() if isinstance(value, Text) else value
