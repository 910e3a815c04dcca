"""Which language a person reads, its words and formats, and /language end to end."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.domain.text import t, tn
from bot.i18n.languages import from_locale, parse_language, reader_language
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost

from ..conftest import Transcript


def test_a_member_s_choice_comes_first_then_the_platform_then_the_community() -> None:
    assert reader_language("es", "en-US", "en") == "es"
    assert reader_language(None, "es-419", "en") == "es"
    assert reader_language(None, "fr", "es") == "es"  # a locale the bot does not speak
    assert reader_language(None, None, None) == "en"


@pytest.mark.parametrize(
    ("word", "code"),
    [("es", "es"), (" Español ", "es"), ("SPANISH", "es"), ("inglés", "en"), ("fr", None)],
)
def test_language_words(word: str, code: str | None) -> None:
    assert parse_language(word) == code


@pytest.mark.parametrize(
    ("locale", "code"), [("es-ES", "es"), ("es-419", "es"), ("es_MX", "es"), ("pt-BR", None)]
)
def test_platform_locales(locale: str, code: str | None) -> None:
    assert from_locale(locale) == code


def test_words_days_and_times_in_spanish() -> None:
    words = Translators()
    es, en = words("es"), words("en")
    assert es.render(t("Language")) == "Idioma"
    assert en.render(t("Language")) == "Language"
    assert es.day(date(2026, 1, 8)) == "jueves 8 de enero"
    assert en.day(date(2026, 1, 8)) == "Thursday, January 8"
    assert (es.time(time(9, 0)), en.time(time(9, 0))) == ("9:00", "9:00\u202fAM")
    assert words("fr") is en  # a language the bot does not speak: English
    said = t("'{word}' is not a language I speak. Choose {choices}.", word="fr", choices="es")
    assert es.render(said) == "No hablo «fr». Elige es."
    assert str(said) == "'fr' is not a language I speak. Choose es."


def test_a_message_missing_from_a_catalog_stays_english() -> None:
    message = tn("{n} call", "{n} calls", 2, n=2)
    assert Translators()("es").render(message) == "2 calls"


async def test_language_end_to_end_on_the_console(
    console: ConsoleHost, transcript: Transcript
) -> None:
    """A member chooses Spanish: the bot answers in Spanish, errors included; auto goes back
    to the community's language; an organizer sets the community's default."""
    assert await console.handle("/language")
    assert "I speak to you in English, this community's language." in transcript.text
    transcript.clear()
    assert await console.handle("/language es")
    assert "Te hablo en español, como elegiste." in transcript.text
    transcript.clear()
    assert await console.handle("/language klingon")
    assert "No hablo «klingon». Elige en (English), es (Español)." in transcript.text
    transcript.clear()
    assert await console.handle("/language auto")
    assert "I speak to you in English, this community's language." in transcript.text
    transcript.clear()
    assert await console.handle("/language default es")
    assert "This community's default language is now Spanish" in transcript.text
    transcript.clear()
    assert await console.handle("/language")
    assert "Te hablo en español, el idioma de esta comunidad." in transcript.text
