"""How an outcome reads: the default outcomes' labels in the reader's language.

Outcomes are kept by key (``contact``, ``voicemail``, ``unreachable``), so counts are shared
whatever language a member reports in. A default outcome whose label an organizer left as it
was reads in the reader's language; a label an organizer wrote reads as they wrote it.
"""

from __future__ import annotations

from bot.domain.campaign_models import DEFAULT_OUTCOMES, Outcome
from bot.domain.text import Text, t

DEFAULT_LABELS: dict[str, Text] = {
    "contact": t("Made contact"),
    "voicemail": t("Left voicemail"),
    "unreachable": t("Couldn't get through"),
}
_ENGLISH = {o.key: o.label for o in DEFAULT_OUTCOMES}


def outcome_label(outcome: Outcome) -> Text | str:
    """The outcome's label: translated when it is a default one left unchanged."""
    words = DEFAULT_LABELS.get(outcome.key)
    if words is not None and outcome.label == _ENGLISH.get(outcome.key) == str(words):
        return words
    return outcome.label
