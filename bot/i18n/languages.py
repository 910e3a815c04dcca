"""The languages the bot speaks, and how a person's is found.

A member's own choice (``/language es``) comes first, then the language their platform says
they use (Discord's interaction locale, Slack's user locale), then their community's default
(``/language default es``), then English. Public posts use the community's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel import Locale

if TYPE_CHECKING:
    from bot.i18n.translator import Translator

ENGLISH = "en"
LANGUAGES = {"en": "English", "es": "Español"}  # code -> its own name, as a reader finds it

# Words a person may type for each language, in either language (linear: a dict lookup).
_NAMES = {
    "en": "en",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "es": "es",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
}


@dataclass(frozen=True, slots=True)
class LanguageName:
    """A language named inside a sentence, in the reader's words: 'Spanish' to an English
    reader, 'español' (lower case, as Spanish writes it) to a Spanish one."""

    code: str

    def in_words(self, words: Translator) -> str:
        return self.said(words.code)

    def said(self, reader: str) -> str:
        return Locale.parse(self.code).get_display_name(reader) or LANGUAGES[self.code]

    def __str__(self) -> str:  # English, as Text.english() shows values
        return self.said(ENGLISH)


def parse_language(word: str) -> str | None:
    """The language code a typed word names ('es', 'Español', 'spanish'), or None."""
    return _NAMES.get(word.strip().lower()[:20])


def from_locale(locale: str | None) -> str | None:
    """The language of a platform locale ('es-ES', 'es-419', 'es_MX', 'en-US'), if the bot
    speaks it."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-", 1)[0].lower()
    return code if code in LANGUAGES else None


def reader_language(
    chosen: str | None, platform_locale: str | None, community_default: str | None
) -> str:
    """The language to answer a member in."""
    for code in (chosen, from_locale(platform_locale), community_default):
        if code in LANGUAGES:
            return code
    return ENGLISH
