"""Words in a language: message catalogs (gettext .po files read with Babel) and the formats
of dates, times and numbers (Babel's CLDR data).

English is the language the messages are written in, so it needs no catalog. Every other
language has ``bot/resources/locale/<code>/LC_MESSAGES/orgbot.po``; a third language is one
more file (and its line in :data:`bot.i18n.languages.LANGUAGES`). A message a catalog lacks is
shown in English, never as a blank (``tests/i18n`` fails on any such gap for the languages
shipped).
"""

from __future__ import annotations

import gettext
import io
from datetime import date, time
from importlib import resources
from typing import Any, Protocol, runtime_checkable

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from bot.domain.text import Text, t
from bot.i18n.conjunctions import fill
from bot.i18n.languages import ENGLISH, LANGUAGES

DOMAIN = "orgbot"
DAY_FORMAT = t("EEEE, MMMM d")  # a Babel date pattern: each language says its own


def catalog_file(code: str) -> Any:
    """The .po file of a language, inside the installed package."""
    return resources.files("bot.resources").joinpath("locale", code, "LC_MESSAGES", f"{DOMAIN}.po")


def read_catalog(code: str) -> Catalog:
    with catalog_file(code).open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def read_names(code: str, domain: str) -> dict[str, str]:
    """A language's words for the data's names of ``domain`` (id -> name); none if it has no
    such file."""
    found = resources.files("bot.resources").joinpath("locale", code, "LC_MESSAGES", f"{domain}.po")
    if not found.is_file():
        return {}
    with found.open("rb") as file:
        names = read_po(file, locale=code, domain=domain)
    return {m.id: m.string for m in names if m.id and isinstance(m.id, str) and m.string}


@runtime_checkable
class SaysItself(Protocol):
    """A value that says itself in a language (days and times the translator cannot guess)."""

    def in_words(self, words: Translator) -> str: ...


class Translator:
    """One language's words: :meth:`render` a Text, format a day, a time, a number."""

    def __init__(self, code: str, catalog: Catalog | None = None) -> None:
        self.code = code
        self._locale = Locale.parse(code)
        self._words: gettext.NullTranslations = gettext.NullTranslations()
        if catalog is not None:  # compiled in memory: gettext's own lookup and plural rule
            compiled = io.BytesIO()
            write_mo(compiled, catalog, use_fuzzy=False)
            compiled.seek(0)
            self._words = gettext.GNUTranslations(compiled)
        self._names: dict[str, dict[str, str]] = {}  # data names per domain, read at first use

    def render(self, text: Text | str) -> str:
        """The text in this language, its values filled in (Text values rendered too, days
        and times in this language's formats; numbers as given, see :meth:`number`)."""
        if isinstance(text, str):
            return text
        values = {name: self._value(value) for name, value in text.values}
        if text.plural is None:
            message = self._words.gettext(text.message)
        else:
            message = self._words.ngettext(text.message, text.plural, text.count or 0)
        return fill(self.code, message, values)  # "y"/"o" written for the value after them

    def message(self, english: str) -> str:
        """A declared message (a command's help, an option's description or label, a feature's
        description) in this language, as written: no values to fill in."""
        return self._words.gettext(english)

    def data_name(self, domain: str, key: str, english: str) -> str:
        """A name from the public data (a committee's, by its id) in this language: our words
        for it in the language's ``<domain>.po`` (keyed by the data's id), else the data's
        English ``english`` (a name new upstream, or English itself)."""
        if self.code == ENGLISH:
            return english
        if domain not in self._names:
            self._names[domain] = read_names(self.code, domain)
        return self._names[domain].get(key) or english

    def _value(self, value: Any) -> Any:
        if isinstance(value, Text):
            return self.render(value)
        if isinstance(value, SaysItself):  # a recurrence, a moment in a zone (when_words)
            return value.in_words(self)
        if isinstance(value, date):
            return self.day(value)
        if isinstance(value, time):
            return self.time(value)
        return value

    def day(self, day: date) -> str:
        """'Thursday, January 8' / 'jueves, 8 de enero'."""
        return format_date(day, self.render(DAY_FORMAT), locale=self._locale)

    def time(self, moment: time) -> str:
        """'9:00 AM' / '9:00'."""
        return format_time(moment, "short", locale=self._locale)

    def number(self, n: int) -> str:
        """'12,345' / '12.345'."""
        return format_decimal(n, locale=self._locale)


class Translators:
    """A translator per language the bot speaks, catalogs read once (at the first use)."""

    def __init__(self) -> None:
        self._made: dict[str, Translator] = {}

    def __call__(self, code: str | None) -> Translator:
        code = code if code in LANGUAGES else ENGLISH
        if code not in self._made:
            catalog = None if code == ENGLISH else read_catalog(code)
            self._made[code] = Translator(code, catalog)
        return self._made[code]
