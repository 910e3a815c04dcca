"""A campaign's words for a reader: its version in their language, else its first language's
with a one-line note saying so (issue 18). Scripts, prompts and listings read campaigns here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.campaign_models import Campaign
from bot.domain.text import Text, t

# Each language's name as it reads inside a sentence of the reader's language.
LANGUAGE_NAMES: dict[str, Text] = {"en": t("English"), "es": t("Spanish")}


@dataclass(frozen=True, slots=True)
class CampaignTexts:
    """The title, ask, background and script a reader gets, and in which language."""

    language: str
    title: str
    ask: str
    background: str
    script: str
    note: Text | None = None  # set when the reader's language is missing: says so, one line


def language_name(code: str) -> Text | str:
    """A language's name to put in a sentence ('Spanish' / 'español'); an unknown code as is."""
    return LANGUAGE_NAMES.get(code, code)


def campaign_texts(campaign: Campaign, language: str) -> CampaignTexts:
    """The campaign's words in ``language``, else in its first language with a note."""
    version = campaign.version(language)
    note = None
    if version is None:
        version = campaign.version(campaign.language)
        assert version is not None  # its first language is always there
        note = t(
            "This campaign has no {wanted} version yet, so here it is in {shown}.",
            wanted=language_name(language),
            shown=language_name(campaign.language),
        )
    return CampaignTexts(
        version.language,
        version.title,
        version.ask,
        version.background,
        version.script,
        note,
    )
