"""The shipped IRS campaign says only what its sources report, and gives callers what they need.

Loaded through the real template loader and rendered for a real Vermont member (two senators,
one representative) through the personal-script builder, as a caller would get it.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bot.core.campaign_templates import TemplateSpec, VersionSpec, load_templates
from bot.core.campaign_texts import campaign_texts
from bot.core.personal_scripts import Call
from bot.domain.models import Platform
from bot.resources import campaigns_dir
from bot.services import Services

TEMPLATE = campaigns_dir() / "irs-data-privacy.yaml"
WORDS_PER_SECOND = 150 / 60  # a calm speaking pace
SPOKEN_SECONDS = 45
VOICEMAIL_SECONDS = 25

# Each figure, and who the sources say estimated or reported it.
ATTRIBUTED_FIGURES = {
    "nearly $90 billion in taxes in 2023": "American Immigration Council",
    "up to 7 million": "Washington Post",
    "tens of billions": "Marketplace",
}
_FIGURE = re.compile(
    r"\$\d|\b\d[\d,.]*\s*(?:million|billion)\b|\bbillions\b|\b\d{1,3}(?:,\d{3})+\b"
)
_ATTRIBUTION = re.compile(r"\b(?:estimates?|reported|say|says|show|shows|according to)\b")
# "the IRS confirms ...", "IRS is sharing ...", "stop the IRS from sharing ...": present facts.
_IRS_VERB = re.compile(
    r"(?P<before>\w+)?\s*\bthe IRS\s+(?P<aux>(?:is|now|already)\s+)?(?P<verb>confirm\w*|shar\w*)",
    re.IGNORECASE,
)
_IRS_FROM_SHARING = re.compile(r"\bIRS\s+from\s+(?:sharing|confirming)\b", re.IGNORECASE)
_ALLOWS = re.compile(r"\b(?:lets|allows) the IRS (?:to )?confirm names and addresses")


def spec() -> TemplateSpec:
    return load_templates(TEMPLATE.parent).templates["irs-data-privacy"].spec


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def ongoing_claims(text: str) -> list[str]:
    """Places where the text says the IRS confirms or shares data now, rather than may."""
    found = [m[0] for m in _IRS_FROM_SHARING.finditer(text)]
    for match in _IRS_VERB.finditer(text):
        permitted = (match["before"] or "").lower() in {"lets", "let", "allows", "allow"}
        if match["aux"] or not permitted or match["verb"].lower() not in {"confirm", "share"}:
            found.append(match[0].strip())
    return found


@pytest.fixture
async def vermont_calls(full_services: Services) -> tuple[Call, ...]:
    """The campaign as imported, rendered for a 05401 member: Sanders, Welch and Balint."""
    olga = await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)
    campaign = await full_services.campaigns.import_template(olga, "irs-data-privacy")
    ann = await full_services.members.actor(Platform.CONSOLE, "c1", "ann", False)
    member = await full_services.members.set_location(ann.member, "05401", "VT-AL")
    calls = full_services.scripts.build(member, campaign).required
    assert [c.lawmaker.last for c in calls] == ["Sanders", "Welch", "Balint"]
    return calls


def test_ongoing_claims_finds_present_tense_sharing() -> None:
    """The checker itself: present-tense claims are caught, what the agreement allows is not."""
    assert ongoing_claims("the IRS confirms them from tax records") == ["the IRS confirms"]
    assert ongoing_claims("Ask Congress to stop the IRS from sharing data.") == ["IRS from sharing"]
    assert ongoing_claims("Now the IRS is sharing data.") == ["Now the IRS is sharing"]
    assert ongoing_claims("an agreement that lets the IRS confirm names and addresses") == []


def test_background_says_what_the_agreement_allows_not_that_it_is_done() -> None:
    """The agreement *lets* the IRS confirm names and addresses ICE submits; nothing claims more."""
    template = spec()
    assert _ALLOWS.search(template.background)
    assert "that ICE submits" in template.background
    for text in (template.title, template.ask, template.background, template.script):
        assert ongoing_claims(text) == [], text


async def test_spoken_script_says_what_the_agreement_allows(
    vermont_calls: tuple[Call, ...],
) -> None:
    """Every rendered call says what the agreement allows and never that the IRS is doing it."""
    for call in vermont_calls:
        assert _ALLOWS.search(call.script), call.script
        assert ongoing_claims(call.script) == []
        assert ongoing_claims(call.voicemail) == []


async def test_the_stated_scope_is_named_for_staffers(vermont_calls: tuple[Call, ...]) -> None:
    """Background and spoken script name the stated scope, so a staffer's answer is expected."""
    background = spec().background
    for text in (background, *(c.script for c in vermont_calls)):
        assert "final removal orders" in text
        assert "criminal investigation" in text
    assert "Its stated scope" in background


async def test_why_it_still_matters_section_6103_and_itins(
    vermont_calls: tuple[Call, ...],
) -> None:
    """Section 6103's promise of confidentiality, and ITIN filers who relied on it."""
    background = spec().background
    assert "Section 6103" in background
    assert "ITIN (Individual Taxpayer Identification Number)" in background
    assert "on that promise" in background
    for call in vermont_calls:
        assert "promised confidential under Section 6103" in call.script
        assert "filed with ITINs on that promise" in call.script


async def test_itin_filers_are_in_the_spoken_script_and_the_voicemail(
    vermont_calls: tuple[Call, ...],
) -> None:
    """Not only in the background: each call's script and voicemail name ITIN filers."""
    for call in vermont_calls:
        assert "ITINs" in call.script, call.lawmaker.last
        assert "ITINs" in call.voicemail, call.lawmaker.last


async def test_the_ask_is_concrete_everywhere(vermont_calls: tuple[Call, ...]) -> None:
    """Oversight, public disclosure and Section 6103 in law: in the ask, each call and voicemail."""
    ask = spec().ask
    assert "oversight hearings on the IRS-ICE data agreement" in ask
    assert "make every disclosure under it public" in ask
    assert "restore Section 6103 protection in law" in ask
    committees = {"Sanders": "Finance Committee", "Welch": "Finance Committee"}
    for call in vermont_calls:
        committee = committees.get(call.lawmaker.last, "Ways and Means Committee")
        assert f"through the {committee}, for oversight of the agreement" in call.script
        assert "public reporting of every disclosure" in call.script
        assert "a law restoring Section 6103 protection" in call.script
        for words in ("oversight of the IRS-ICE agreement", "public reporting", "Section 6103"):
            assert words in call.voicemail, words


def test_every_figure_is_next_to_its_attribution() -> None:
    """Each figure sits in one sentence with whoever estimated or reported it."""
    background = spec().background
    for figure, source in ATTRIBUTED_FIGURES.items():
        holding = [s for s in sentences(background) if figure in s]
        assert holding, figure
        assert all(source in s for s in holding), (figure, holding)


def test_no_figure_is_left_unattributed() -> None:
    """Any sentence with a dollar amount or a count says who estimated or reported it."""
    template = spec()
    for text in (template.ask, template.background, template.script):
        for sentence in sentences(text):
            if _FIGURE.search(sentence):
                assert _ATTRIBUTION.search(sentence), sentence


def test_every_attributed_source_is_listed_with_an_address() -> None:
    """The file's sources comment names each outlet the text cites, with a link."""
    comments = "\n".join(
        line for line in TEMPLATE.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )
    assert "# Sources" in comments
    for source in (*ATTRIBUTED_FIGURES.values(), "Public Citizen", "CNN"):
        listed = [p for p in comments.split("# - ") if source in p.split(":", 1)[0]]
        assert listed, source
        assert all("https://" in p or "http://" in p for p in listed), source


async def test_the_call_stays_short_enough_to_say(vermont_calls: tuple[Call, ...]) -> None:
    """The spoken part takes under 45 seconds and the voicemail under 25, at a calm pace."""
    for call in vermont_calls:
        assert len(call.script.split()) / WORDS_PER_SECOND <= SPOKEN_SECONDS
        assert len(call.voicemail.split()) / WORDS_PER_SECOND <= VOICEMAIL_SECONDS


def test_each_background_paragraph_is_one_line() -> None:
    """Chat apps show line breaks as they are: no paragraph is wrapped."""
    for paragraph in spec().background.split("\n\n"):
        assert "\n" not in paragraph.strip()


# -- the Spanish version (issue 18): the same facts, said as a Spanish speaker would ---------

MONTHS_ES = {
    "January": "enero",
    "February": "febrero",
    "March": "marzo",
    "April": "abril",
    "May": "mayo",
    "June": "junio",
    "July": "julio",
    "August": "agosto",
    "September": "septiembre",
    "October": "octubre",
    "November": "noviembre",
    "December": "diciembre",
}
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS_ES) + r")\s+(\d{4})\b")
_MONTH_YEAR_ES = re.compile(r"\b(" + "|".join(MONTHS_ES.values()) + r")\s+de\s+(\d{4})\b")
_NUMBER = re.compile(r"\d[\d,]*\d|\d")
_ATTRIBUTION_ES = re.compile(r"\b(?:calcula|informó|dicen|dice|según|muestran)\b")
_IRS_DOING_ES = re.compile(
    r"\bel IRS\s+(?:ya\s+|está\s+)?(?:confirma|comparte|entrega|compartiendo|confirmando)\b",
    re.IGNORECASE,
)


def spanish() -> VersionSpec:
    return spec().versions["es"]


def month_years(text: str) -> set[tuple[str, str]]:
    return {(MONTHS_ES[m], y) for m, y in _MONTH_YEAR.findall(text)}


def numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


@pytest.fixture
async def vermont_calls_es(full_services: Services) -> tuple[Call, ...]:
    """The Spanish version as a Spanish-reading 05401 member gets it."""
    olga = await full_services.members.actor(Platform.CONSOLE, "c1", "olga", True)
    campaign = await full_services.campaigns.import_template(olga, "irs-data-privacy")
    words = campaign_texts(campaign, "es")
    assert words.note is None and words.language == "es"
    ann = await full_services.members.actor(Platform.CONSOLE, "c1", "ann", False)
    member = await full_services.members.set_location(ann.member, "05401", "VT-AL")
    spoken = replace(campaign, script=words.script)
    calls = full_services.scripts.build(member, spoken, "es").required
    assert [c.lawmaker.last for c in calls] == ["Sanders", "Welch", "Balint"]
    return calls


def test_the_template_is_english_first_with_a_spanish_version() -> None:
    template = spec()
    assert template.language == "en"
    assert set(template.versions) == {"es"}


def test_spanish_background_has_the_english_dates_and_figures() -> None:
    """Every month and year, and every number, of the English background is in the Spanish one
    (said the Spanish way: 'abril de 2025'), and no other."""
    english, es = spec().background, spanish().background
    assert {(m, y) for m, y in _MONTH_YEAR_ES.findall(es)} == month_years(english)
    assert numbers(es) == numbers(english)


def test_spanish_background_names_the_agreement_its_scope_and_its_fate() -> None:
    background = spanish().background
    for words in (
        "Scott Bessent",
        "Kristi Noem",
        "permite al IRS confirmar",
        "nombres y direcciones que envía el ICE",
        "órdenes finales de deportación",
        "investigación criminal",
        "Sección 6103",
        "ITIN (Número de Identificación Personal del Contribuyente)",
        "confiando en esa promesa",
        "Melanie Krause",
        "Public Citizen",
        "corte federal de apelaciones",
        "unas 47,000 direcciones en agosto de 2025",
    ):
        assert words in background, words
    for text in (spanish().title, spanish().ask, background, spanish().script):
        assert not _IRS_DOING_ES.search(text), text


def test_spanish_figures_are_attributed() -> None:
    """Each Spanish sentence with an amount or a count says who estimated or reported it."""
    background = spanish().background
    for figure, source in {
        "casi 90 mil millones de dólares en impuestos en 2023": "American Immigration Council",
        "hasta 7 millones": "Washington Post",
        "decenas de miles de millones": "Marketplace",
    }.items():
        holding = [s for s in sentences(background) if figure in s]
        assert holding and all(source in s for s in holding), figure
    for sentence in sentences(background):
        if _FIGURE.search(sentence) or "millones" in sentence or "47,000" in sentence:
            assert _ATTRIBUTION_ES.search(sentence), sentence


def test_spanish_ask_is_the_english_ask() -> None:
    ask = spanish().ask
    assert "audiencias de supervisión sobre el acuerdo de datos entre el IRS y el ICE" in ask
    assert "haga pública cada entrega de información" in ask
    assert "restablezca por ley la protección de la Sección 6103" in ask
    assert "control migratorio" in ask


async def test_spanish_calls_carry_the_facts_and_the_ask(
    vermont_calls_es: tuple[Call, ...],
) -> None:
    """Each Spanish call and voicemail: the agreement and its scope, ITIN filers, the ask, the
    committee of the lawmaker's chamber; and no English sentence."""
    committees = {"Sanders": "Comité de Finanzas", "Welch": "Comité de Finanzas"}
    for call in vermont_calls_es:
        script, voicemail = call.script, call.voicemail
        assert "acuerdo de abril de 2025 que permite al IRS confirmar nombres y direcciones" in (
            script
        )
        assert "órdenes finales de deportación o bajo investigación criminal" in script
        assert "declararon con un ITIN confiando en esa promesa" in script
        committee = committees.get(call.lawmaker.last, "Comité de Medios y Arbitrios")
        assert f"desde el {committee}, por la supervisión del acuerdo" in script
        assert "un informe público de cada entrega de datos" in script
        assert "una ley que restablezca la protección de la Sección 6103" in script
        for words in ("ITIN", "supervisión del acuerdo entre el IRS y el ICE", "informe público"):
            assert words in voicemail, words
        assert "Sección 6103" in voicemail
        for english in ("I'm", "Thank you", "calling", "Hi,", "asking"):
            assert english not in script and english not in voicemail, english
        assert len(script.split()) / WORDS_PER_SECOND <= SPOKEN_SECONDS
        assert len(voicemail.split()) / WORDS_PER_SECOND <= VOICEMAIL_SECONDS


def test_each_spanish_background_paragraph_is_one_line() -> None:
    for paragraph in spanish().background.split("\n\n"):
        assert "\n" not in paragraph.strip()
