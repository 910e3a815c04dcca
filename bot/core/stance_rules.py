"""The rules of stances, pure: the words organizers type for a stance (English or Spanish), the
words each stance and tag reads as, and when callers' tags suggest a new stance.

The bot never changes a stance by itself: a suggestion is only shown (/stances), and an
organizer accepts it with /stance set.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from bot.domain.errors import InvalidInput
from bot.domain.stance_models import Stance, Suggestion, Tag, TagCounts
from bot.domain.text import Text, t, tn
from bot.i18n.translator import Translator

MIN_CALLERS = 3  # callers this week agreeing on a stance before it is suggested
MAJORITY = 2 / 3  # and at least this share of this week's callers who heard a stance
WEEK = 7  # "this week": today and the six days before (the community's days)

# What an organizer may type for a stance, folded (lower case, no accents, single spaces).
STANCE_WORDS: dict[str, Stance] = {
    "supports": Stance.SUPPORTS,
    "support": Stance.SUPPORTS,
    "a favor": Stance.SUPPORTS,
    "opposes": Stance.OPPOSES,
    "oppose": Stance.OPPOSES,
    "against": Stance.OPPOSES,
    "en contra": Stance.OPPOSES,
    "undecided": Stance.UNDECIDED,
    "indeciso": Stance.UNDECIDED,
    "indecisa": Stance.UNDECIDED,
    "sin decidir": Stance.UNDECIDED,
    "unknown": Stance.UNKNOWN,
    "clear": Stance.UNKNOWN,
    "desconocido": Stance.UNKNOWN,
    "desconocida": Stance.UNKNOWN,
    "sin datos": Stance.UNKNOWN,
}
_TWO_WORDS = frozenset(w.split(" ", 1)[0] for w in STANCE_WORDS if " " in w)
MAX_STANCE_TYPED = 40  # what an error quotes of a word that is no stance
YES = frozenset({"yes", "true", "si"})  # the undecided filter switched on (Discord's field)

_STANCE_TEXT = {
    Stance.SUPPORTS: t("supports"),
    Stance.OPPOSES: t("opposes"),
    Stance.UNDECIDED: t("undecided"),
    Stance.UNKNOWN: t("unknown"),
}
_TAG_TEXT = {
    Tag.SUPPORTS: t("supports"),
    Tag.OPPOSES: t("opposes"),
    Tag.UNDECIDED: t("undecided"),
    Tag.NO_ANSWER: t("no answer on it"),
}


def fold(text: str) -> str:
    """Lower case, accents and quotes dropped, spaces single: 'En  Contra' -> 'en contra'."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in plain if not unicodedata.combining(ch) and ch not in "\"'“”«»")
    return " ".join(kept.split())


def parse_stance(text: str) -> Stance:
    """A stance from what an organizer typed, in English or Spanish; InvalidInput otherwise."""
    found = STANCE_WORDS.get(fold(text))
    if found is None:
        raise InvalidInput(
            t(
                "'{typed}' is not a stance. Use supports, opposes, undecided or unknown "
                "(or a favor, en contra, indeciso).",
                typed=text.strip()[:MAX_STANCE_TYPED] or "(blank)",
            )
        )
    return found


def split_stance(stance: str, rest: str) -> tuple[Stance, str]:
    """The stance and the note after it, where a two-word stance ('a favor', 'en contra') may
    have been split into the stance option and the first word of the note."""
    head = fold(stance)
    if head in _TWO_WORDS and head not in STANCE_WORDS:
        first, _, after = rest.strip().partition(" ")
        joined = STANCE_WORDS.get(f"{head} {fold(first)}")
        if joined is not None:
            return joined, after.strip()
    return parse_stance(stance), rest.strip()


def stance_text(stance: Stance) -> Text:
    """How a stance reads ('undecided' / 'sin decidir')."""
    return _STANCE_TEXT[stance]


def tag_text(tag: Tag) -> Text:
    """How a tag reads on its button and in counts ('no answer on it')."""
    return _TAG_TEXT[tag]


def this_week(today: date) -> tuple[date, date]:
    """The days counted as "this week": today and the six before."""
    return today - timedelta(days=WEEK - 1), today


def suggest(current: Stance, week: TagCounts) -> Suggestion | None:
    """A new stance suggested by this week's tags: at least MIN_CALLERS callers heard it, it
    is not the current one, and it is a clear majority (MAJORITY) of the callers who heard a
    stance ("no answer on it" suggests nothing and is left out of the share)."""
    heard: dict[Stance, int] = {}
    for tag in Tag:
        if tag.stance is not None:
            heard[tag.stance] = week.of(tag)
    named = sum(heard.values())
    if not named:
        return None
    best = max(heard.values())
    leaders = [stance for stance, n in heard.items() if n == best]
    if len(leaders) != 1 or best < MIN_CALLERS or best < MAJORITY * named:
        return None
    stance = leaders[0]
    return None if stance is current else Suggestion(stance, best, week)


def suggestion_text(suggestion: Suggestion, lawmaker: str, name: str) -> Text:
    """'3 callers this week heard “undecided” from Sen. Sanders: /stance set S000033 undecided
    to accept'."""
    return tn(
        "{n} caller this week heard “{stance}” from {name}: /stance set {lawmaker} {word} to "
        "accept",
        "{n} callers this week heard “{stance}” from {name}: /stance set {lawmaker} {word} to "
        "accept",
        suggestion.callers,
        n=suggestion.callers,
        stance=stance_text(suggestion.stance),
        name=name,
        lawmaker=lawmaker,
        word=suggestion.stance.value,
    )


def tag_parts(counts: TagCounts) -> list[tuple[Text, int]]:
    """(words, callers) for each tag with callers, in the buttons' order."""
    return [(tag_text(tag), counts.of(tag)) for tag in Tag if counts.of(tag)]


def heard_text(counts: TagCounts, words: Translator) -> str:
    """'heard: undecided 3, supports 1' (callers per tag, in the buttons' order), in the
    reader's words; '' when no tag."""
    if not counts:
        return ""
    said = ", ".join(f"{words.render(text)} {words.number(n)}" for text, n in tag_parts(counts))
    return words.render(t("heard: {tags}", tags=said))


def parse_filters(campaign: str, undecided: str, committee: str) -> tuple[str, bool, str | None]:
    """/stances' options -> (campaign slug or '', undecided only, committee code). Typed as a
    line their words may come in any order: 'undecided' (or a Spanish word for it, or yes),
    'committee:HSWM' (a bare code in the committee option), and a campaign's slug."""
    slug, only_undecided, code = "", False, None
    for slot, word in (("", campaign), ("", undecided), ("committee", committee)):
        text = word.strip()
        if not text:
            continue
        head, sep, ref = text.partition(":")
        if sep and fold(head) in ("committee", "comite"):
            text, slot = ref.strip(), "committee"
            if not text:
                raise InvalidInput(t("Name the committee, like committee:HSWM."))
        if slot == "committee":
            code = text.upper()[:MAX_STANCE_TYPED]
        elif STANCE_WORDS.get(fold(text)) is Stance.UNDECIDED or fold(text) in YES:
            only_undecided = True
        elif slug:
            raise InvalidInput(
                t(
                    "Name one campaign: '{first}' and '{second}' are both there. Filters are "
                    "undecided and committee:<id>, like committee:HSWM.",
                    first=slug,
                    second=text[:MAX_STANCE_TYPED],
                )
            )
        else:
            slug = text
    return slug, only_undecided, code
