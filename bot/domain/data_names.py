"""Names from the public lawmaker data as a message's values (issue 18).

The data names committees in English; each language may have its own words for them, keyed by
the data's id (``bot/resources/locale/<code>/LC_MESSAGES/<domain>.po``). A :class:`DataName`
carries the id and the English name, so a translator says it in the reader's language (its
``data_name``) and a sentence kept in the database (``bot.i18n.stored``) can be read later in
another language. A name the words lack (new upstream data) is said in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.text import Text

COMMITTEES = "committees"  # the domain of committees' and subcommittees' names


@dataclass(frozen=True, slots=True)
class DataName:
    """``english`` (the data's name of ``key`` in ``domain``), said in the reader's words;
    ``parent``: what it belongs to (a subcommittee's committee), said first, then a colon."""

    domain: str
    key: str
    english: str
    parent: DataName | None = None

    def in_words(self, words: Any) -> str:
        own: str = words.data_name(self.domain, self.key, self.english)
        return own if self.parent is None else f"{self.parent.in_words(words)}: {own}"

    def __str__(self) -> str:  # English (Text.english, logs)
        return self.english if self.parent is None else f"{self.parent}: {self.english}"


def committee_name(thomas_id: str, full_name: str) -> DataName:
    """A committee by its id and its full English name as the data writes it; a subcommittee
    ('HSAG15', 'House Committee on Agriculture: Forestry and Horticulture') with its
    committee, whose id is its first four letters."""
    if len(thomas_id) > 4 and ": " in full_name:
        parent, own = full_name.split(": ", 1)
        return DataName(COMMITTEES, thomas_id, own, DataName(COMMITTEES, thomas_id[:4], parent))
    return DataName(COMMITTEES, thomas_id, full_name)


@dataclass(frozen=True, slots=True)
class LawmakerLabel:
    """A lawmaker as a heading in a message, kept with it: 'Rep. Chris Pappas (D-NH-1)' in
    English (``english``, as the data's label always read), 'Representante Chris Pappas
    (D-NH-1)' in another language: the catalog's ``heading`` message for their role and gender
    (``bot.core.lawmaker_titles``), their ``name``, then ``tag`` (party and seat)."""

    english: str
    heading: str  # a catalog message with a {name} placeholder
    name: str
    tag: str  # "D-NH-1"

    def in_words(self, words: Any) -> str:
        if words.code == "en":
            return self.english
        said: str = words.render(Text(self.heading, (("name", self.name),)))
        return f"{said} ({self.tag})"

    def __str__(self) -> str:
        return self.english
