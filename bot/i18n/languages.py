"""The languages the bot speaks, and how a person's is found.

A member's own choice (``/language es``) comes first, then the language their platform says
they use (Discord's interaction locale, Slack's user locale), then their community's default
(``/language default es``), then English. Public posts use the community's default.
"""

from __future__ import annotations

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
