"""Campaigns in several languages (issue 18): each member reads a campaign in their language,
or in its first language with a note saying so; organizers add and change a language's version
with /campaign create and /campaign edit; the IRS template imports with English and Spanish; the
campaign commands speak Spanish to an organizer who reads it."""

from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.extract import extract

from bot.core.campaign_templates import load_templates
from bot.core.campaign_texts import campaign_texts
from bot.domain.campaign_models import CampaignVersion
from bot.domain.models import Platform
from bot.i18n.translator import Translators
from bot.platforms.console.host import ConsoleHost
from bot.services import Services

from ..conftest import Transcript
from .messages import ROOT

IRS_EN = "Keep tax records confidential"
IRS_ES = "Que los datos de impuestos sigan siendo confidenciales"
POST_OFFICE = [
    "Save the Post Office",
    "Ask Congress to fund rural post offices.",
    "Rural post offices are closing.",
    ".",
    "Hi, I'm {caller_name} from {city}.",
    ".",
]
CORREO = [
    "Salven el correo rural",
    "Pídele al Congreso que financie las oficinas de correo rurales.",
    "Las oficinas de correo rurales están cerrando.",
    ".",
    "Hola, me llamo {caller_name} y vivo en {city}.",
    ".",
]
COMMAND_WORDS = {"create", "language", "mine", "leaders", "house", "senate"}  # typed as they are
SURFACE = ("cogs/campaigns.py", "bot/core/campaigns.py", "bot/core/campaign_texts.py")


async def say(console: ConsoleHost, transcript: Transcript, *lines: str) -> str:
    transcript.clear()
    for line in lines:
        assert await console.handle(line)
    return transcript.text


def english_fragments() -> set[str]:
    """The literal runs of the surface's English sentences (two words or more, commands and
    option words left out: they stay English in Spanish too)."""
    found: set[str] = set()
    for filename in SURFACE:
        with (ROOT / filename).open("rb") as file:
            messages = [m for _, m, _, _ in extract("python", file, {"t": None, "tn": (1, 2)})]
        for message in messages:
            for text in message if isinstance(message, tuple) else (message,):
                for literal, *_ in string.Formatter().parse(text):
                    for piece in re.split(r"[()“”:;,.]|/\S+|\[\[\S+|<[^>]*>", literal):
                        piece = piece.strip()
                        words = re.findall(r"[A-Za-z]{2,}", piece)
                        if len(piece) >= 12 and len(words) >= 2 and set(words) - COMMAND_WORDS:
                            found.add(piece)
    return found


async def test_each_member_reads_the_imported_campaign_in_their_language(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """The IRS campaign in English and Spanish: ann (Spanish) gets the Spanish title and ask,
    bob (English) the English ones, neither with a note."""
    await say(full_console, transcript, "/as olga organizer", "/campaign import irs-data-privacy")
    text = await say(full_console, transcript, "/as ann", "/language es", "/campaigns")
    assert IRS_ES in text and "Pídele al Congreso que haga audiencias de supervisión" in text
    assert IRS_EN not in text and "Todavía no" not in text
    text = await say(full_console, transcript, "/as bob", "/campaigns")
    assert IRS_EN in text and "Ask Congress to hold oversight hearings" in text
    assert IRS_ES not in text and "yet, so shown in" not in text


async def test_a_language_the_campaign_lacks_gets_the_first_with_a_note(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """An English-only campaign reaches a Spanish reader in English, with a Spanish note; a
    Spanish-only one reaches an English reader in Spanish, with an English note."""
    await say(full_console, transcript, "/as olga organizer", "/campaign create", *POST_OFFICE, "-")
    await say(full_console, transcript, "/campaign create language:es", *CORREO, "-")
    await say(
        full_console,
        transcript,
        "/campaign resume save-the-post-office",
        "/campaign resume salven-el-correo-rural",
    )
    text = await say(full_console, transcript, "/as ann", "/language es", "/campaigns")
    assert "Save the Post Office: Ask Congress to fund rural post offices." in text
    assert "Salven el correo rural: Pídele al Congreso" in text
    assert (
        "Todavía no están en español, así que se muestran en inglés: save-the-post-office." in text
    )
    text = await say(full_console, transcript, "/as bob", "/campaigns")
    assert "Salven el correo rural: Pídele al Congreso" in text
    assert "Not in English yet, so shown in Spanish: salven-el-correo-rural." in text


async def test_campaign_texts_falls_back_with_a_note_in_the_reader_s_language(
    full_services: Services,
) -> None:
    """The core function scripts and prompts read: the version asked for, else the first."""
    olga = await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)
    fields = {"title": "Save the Post Office", "ask": "Fund them.", "script": "Hi."}
    campaign = await full_services.campaigns.create(olga, fields)
    assert campaign.language == "en" and campaign.versions == ()
    words = campaign_texts(campaign, "es")
    assert (words.language, words.title, words.script) == ("en", "Save the Post Office", "Hi.")
    assert words.note is not None
    assert Translators()("es").render(words.note) == (
        "Esta campaña todavía no tiene versión en español, así que aquí la tienes en inglés."
    )
    spanish = {"title": "Salven el correo", "ask": "Financien el correo.", "script": "Hola."}
    saved = await full_services.campaigns.update(olga, campaign.id, spanish, language="es")
    assert saved.versions == (
        CampaignVersion("es", "Salven el correo", "Financien el correo.", "", "Hola."),
    )
    assert (saved.title, saved.script) == ("Save the Post Office", "Hi.")  # the first is kept
    words = campaign_texts(saved, "es")
    assert (words.title, words.script, words.note) == ("Salven el correo", "Hola.", None)
    assert campaign_texts(saved, "en").title == "Save the Post Office"


async def test_create_and_edit_a_language_version(
    full_console: ConsoleHost, transcript: Transcript, full_services: Services
) -> None:
    """/campaign create language:es stores Spanish as the first language; /campaign edit
    <slug> language:en adds the English version (four questions: no goal), and again changes
    it, prefilled; a language the bot does not speak is refused, nothing stored."""
    await say(full_console, transcript, "/as olga organizer", "/campaign create language:es")
    text = await say(full_console, transcript, *CORREO)
    assert "Goal" in text
    await say(full_console, transcript, "25")
    slug = "salven-el-correo-rural"
    row = await full_services.db.fetchone("SELECT language, title, goal FROM campaigns")
    assert row is not None and tuple(row) == ("es", "Salven el correo rural", 25)

    text = await say(full_console, transcript, f"/campaign edit {slug} language:en")
    assert f"English version of {slug}" in text and "Goal" not in text
    text = await say(full_console, transcript, *POST_OFFICE)
    assert f"Saved the English version of {slug} (Save the Post Office)" in text
    query = "SELECT language, title, ask, script FROM campaign_versions"
    rows = [tuple(r) for r in await full_services.db.fetchall(query)]
    assert rows == [
        ("en", "Save the Post Office", "Ask Congress to fund rural post offices.", POST_OFFICE[4])
    ]

    text = await say(full_console, transcript, f"/campaign edit {slug} language:inglés")
    assert "Save the Post Office" in text  # prefilled with the version
    await say(full_console, transcript, "Save Rural Mail", "-", "-", "-")
    rows = [tuple(r) for r in await full_services.db.fetchall(query)]
    assert rows == [
        ("en", "Save Rural Mail", "Ask Congress to fund rural post offices.", POST_OFFICE[4])
    ]
    row = await full_services.db.fetchone("SELECT language, title, goal FROM campaigns")
    assert row is not None and tuple(row) == ("es", "Salven el correo rural", 25)

    text = await say(full_console, transcript, f"/campaign edit {slug} language:klingon")
    assert "'klingon' is not a language I speak. Choose en (English), es (Español)." in text
    assert not full_console.form_pending


async def test_the_irs_template_imports_with_both_versions(full_services: Services) -> None:
    olga = await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)
    campaign = await full_services.campaigns.import_template(olga, "irs-data-privacy")
    assert (campaign.language, campaign.title) == ("en", IRS_EN)
    assert campaign.languages == ("en", "es")
    spanish = campaign.version("es")
    assert spanish is not None and spanish.title == IRS_ES
    assert "[[voicemail]]" in spanish.script and "ITIN" in spanish.background
    again = await full_services.campaigns.get(campaign.community_id, campaign.slug)
    assert again.versions == campaign.versions  # stored, not only returned


async def test_an_organizer_reads_the_campaign_commands_in_spanish(
    full_console: ConsoleHost, transcript: Transcript
) -> None:
    """Guide, import, show, list, status changes and errors: Spanish, no English sentence."""
    fragments = english_fragments()
    assert "calling the caller's own lawmakers" in fragments  # there is English to look for
    text = await say(
        full_console,
        transcript,
        "/as olga organizer",
        "/language es",
        "/campaign guide",
        "/campaign import",
        "/campaign import irs-data-privacy",
        "/campaign show irs-data-privacy",
        "/campaigns",
        "/campaign main irs-data-privacy",
        "/campaign pause irs-data-privacy",
        "/campaign pause irs-data-privacy",
        "/campaign dates irs-data-privacy 2026-05-01 2026-05-31",
        "/campaign dates irs-data-privacy 2026-05-31 2026-05-01",
        "/campaign show irs-dta-privacy",
        "/campaign create",
        *POST_OFFICE,
        "-",
    )
    for spanish in (
        "Cómo escribir una campaña",
        "/campaign edit <slug> language:en",
        "Importada: " + IRS_ES,
        "Guion:",
        "Idiomas",
        "en (el primero), es",
        "📞 Hablé con la oficina (contact)",
        "irs-data-privacy es la campaña principal.",
        "**irs-data-privacy** está en pausa.",
        "irs-data-privacy ya está en pausa.",
        "va del 2026-05-01 al 2026-05-31",
        "La fecha de fin, 2026-05-01, es anterior a la de inicio, 2026-05-31.",
        "No hay ninguna campaña llamada irs-dta-privacy. ¿Quisiste decir irs-data-privacy?",
        "Es un borrador llamado **save-the-post-office**",
    ):
        assert spanish.replace("**", "") in text, spanish
    english = sorted(f for f in fragments if f in text)
    assert english == [], english


def test_a_template_s_versions_are_checked(tmp_path: Path) -> None:
    """A version in a language the bot does not speak, or in the template's own language, makes
    the file unavailable with a reason (said in the reader's language); a good one loads."""
    base = "title: T\nask: A\nscript: Hi.\n"
    (tmp_path / "good.yaml").write_text(
        base + "versions:\n  es: {title: T, ask: A, script: Hola.}\n"
    )
    (tmp_path / "french.yaml").write_text(base + "versions:\n  fr: {title: T, ask: A, script: S}\n")
    (tmp_path / "twice.yaml").write_text(base + "versions:\n  en: {title: T, ask: A, script: S}\n")
    (tmp_path / "bad-script.yaml").write_text(
        base + "versions:\n  es: {title: T, ask: A, script: '[[voicemail]]Hola.'}\n"
    )
    (tmp_path / "binary.yaml").write_bytes(b"title: \xff\n")
    catalog = load_templates(tmp_path)
    assert catalog.templates["good"].spec.versions["es"].script == "Hola."
    assert Translators()("es").render(catalog.broken["binary"]) == "no es texto UTF-8"
    assert "a version's language must be one of en, es" in catalog.broken["french"]
    assert "en is the template's own language" in catalog.broken["twice"]
    assert "[[voicemail]]" in catalog.broken["bad-script"]
