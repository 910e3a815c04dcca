"""What a valid campaign looks like: text limits, slugs, goals, dates and outcomes.

Every check raises InvalidInput with one sentence a person can act on; nothing is stored
until every field passes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.core.scripts import check_script
from bot.domain.campaign_models import DEFAULT_OUTCOMES, Outcome
from bot.domain.errors import InvalidInput
from bot.domain.text import t

MAX_GOAL = 1_000_000
MAX_OUTCOMES = 8
OUTCOME_LABEL_MAX = 40
SLUG_MAX = 40
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
_OUTCOME_KEY = re.compile(r"^[a-z][a-z0-9_]{0,19}$")
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class TextLimits:
    """The longest title, ask, background and script accepted (settings)."""

    title: int = 100
    ask: int = 300
    background: int = 1500
    script: int = 2000


@dataclass(frozen=True, slots=True)
class CampaignText:
    """The fields the campaign form edits, checked."""

    title: str
    ask: str
    background: str
    script: str
    goal: int | None


def check_text(fields: Mapping[str, str], limits: TextLimits) -> CampaignText:
    """Check the form's answers (title, ask, background, script, goal)."""
    title = _one_line(fields.get("title", ""), "title", limits.title)
    ask = _one_line(fields.get("ask", ""), "ask", limits.ask)
    background = _normalise(fields.get("background", "")).strip()
    _fits(background, "background", limits.background)
    script = _normalise(fields.get("script", "")).strip()
    if not script:
        raise InvalidInput(t("The script is empty: write what a caller should say."))
    _fits(script, "script", limits.script)
    check_script(script)
    return CampaignText(title, ask, background, script, parse_goal(fields.get("goal", "")))


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(text: str, name: str, limit: int) -> str:
    cleaned = _SPACES.sub(" ", text).strip()
    if not cleaned:
        raise InvalidInput(_EMPTY[name])
    _fits(cleaned, name, limit)
    return cleaned


def _fits(text: str, name: str, limit: int) -> None:
    if len(text) > limit:
        raise InvalidInput(_TOO_LONG[name].with_values(length=len(text), limit=limit))


# Each field's sentences whole: Spanish words differ by the field's gender.
_EMPTY = {
    "title": t("The title is empty; please write one."),
    "ask": t("The ask is empty; please write one."),
}
_TOO_LONG = {
    "title": t(
        "The title is too long ({length} characters; the limit is {limit}). Please shorten it."
    ),
    "ask": t("The ask is too long ({length} characters; the limit is {limit}). Please shorten it."),
    "background": t(
        "The background is too long ({length} characters; the limit is {limit}). Please shorten it."
    ),
    "script": t(
        "The script is too long ({length} characters; the limit is {limit}). Please shorten it."
    ),
}


def parse_goal(text: str | int | None) -> int | None:
    """'' -> None; '1,000' -> 1000; anything else that is not 1..MAX_GOAL is refused."""
    if text is None:
        return None
    raw = str(text).strip().replace(",", "").replace("_", "")
    if not raw or raw.lower() in {"none", "-"}:
        return None
    if not raw.isdecimal() or not raw.isascii():
        raise InvalidInput(
            t("The goal must be a whole number of actions, like 50 (or leave it empty).")
        )
    # A long number is out of range without converting it (int() of n digits takes time
    # growing with n squared, and refuses more than 4,300 digits, leading zeros included).
    digits = raw.lstrip("0")
    goal = int(digits or "0") if len(digits) <= len(str(MAX_GOAL)) else MAX_GOAL + 1
    if not 1 <= goal <= MAX_GOAL:
        raise InvalidInput(t("The goal must be between 1 and {most}.", most=f"{MAX_GOAL:,}"))
    return goal


def slug_from_title(title: str) -> str:
    """'Protect taxpayer privacy!' -> 'protect-taxpayer-privacy' (at most 40 characters)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:SLUG_MAX]
    return slug.strip("-") or "campaign"


def check_slug(text: str) -> str:
    slug = text.strip().lower()
    if not _SLUG.match(slug):
        raise InvalidInput(
            t(
                "'{text}' cannot be a campaign slug: use 1-{most} lowercase letters, digits and "
                "dashes, like irs-privacy.",
                text=text.strip()[:SLUG_MAX],
                most=SLUG_MAX,
            )
        )
    return slug


def parse_day(text: str, today: date) -> date | None:
    """'2026-05-01' or 'today'; '-' or 'none' means no date."""
    raw = text.strip().lower()
    if raw in {"", "-", "none"}:
        return None
    if raw == "today":
        return today
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            t(
                "'{text}' is not a date; write it as YYYY-MM-DD, like 2026-05-01.",
                text=text.strip()[:20],
            )
        ) from None


def check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(
            t(
                "The end date {end} is before the start date {start}.",
                end=ends_on.isoformat(),
                start=starts_on.isoformat(),
            )
        )


def check_outcome(key: str, label: str, emoji: str | None = None) -> Outcome:
    cleaned_key = key.strip().lower()
    if not _OUTCOME_KEY.match(cleaned_key):
        raise InvalidInput(
            t(
                "'{key}' cannot be an outcome key: use up to 20 lowercase letters, digits and "
                "underscores starting with a letter, like wrote_letter.",
                key=key.strip()[:20],
            )
        )
    cleaned_label = _SPACES.sub(" ", label).strip()
    if not cleaned_label:
        raise InvalidInput(t("Give the outcome a label, like 'Sent a letter'."))
    if len(cleaned_label) > OUTCOME_LABEL_MAX:
        raise InvalidInput(
            t("An outcome label can have at most {most} characters.", most=OUTCOME_LABEL_MAX)
        )
    cleaned_emoji = (emoji or "").strip() or None
    if cleaned_emoji is not None and (len(cleaned_emoji) > 8 or cleaned_emoji.isalnum()):
        raise InvalidInput(t("'{emoji}' is not an emoji.", emoji=cleaned_emoji[:8]))
    return Outcome(cleaned_key, cleaned_label, cleaned_emoji)


def merge_outcomes(
    current: tuple[Outcome, ...], changes: tuple[Outcome, ...]
) -> tuple[Outcome, ...]:
    """Rename outcomes with the same key and add new ones at the end; never remove one."""
    merged = list(current)
    for change in changes:
        outcome = check_outcome(change.key, change.label, change.emoji)
        for i, old in enumerate(merged):
            if old.key == outcome.key:
                merged[i] = Outcome(old.key, outcome.label, outcome.emoji or old.emoji)
                break
        else:
            merged.append(outcome)
    if len(merged) > MAX_OUTCOMES:
        raise InvalidInput(t("A campaign can have at most {most} outcomes.", most=MAX_OUTCOMES))
    emojis = [o.emoji for o in merged if o.emoji]
    if len(emojis) != len(set(emojis)):
        raise InvalidInput(t("Two outcomes share an emoji; each reaction must mean one thing."))
    return tuple(merged)


def default_outcomes(changes: tuple[Outcome, ...] = ()) -> tuple[Outcome, ...]:
    return merge_outcomes(DEFAULT_OUTCOMES, changes)
