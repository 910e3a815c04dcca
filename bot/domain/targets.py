"""What a campaign asks members to call, as the words an organizer types.

    mine                 the caller's senators and House member
    house | senate       only that chamber of the caller's own lawmakers
    leaders:HSWM         a committee's chair and ranking member
    committee:SSFI       every member of a committee
    member:S000033       one lawmaker, by bioguide id
    undecided:HSWM       a committee's members whose stance on the campaign is undecided
    leaders:SSFI?        a trailing ? marks an optional extra call

Words are separated by spaces or commas, e.g. ``mine leaders:HSWM? leaders:SSFI?``. Resolving
targets against the lawmaker data is the core's (bot/core/targets.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.errors import InvalidInput
from bot.domain.text import t

MAX_TARGETS = 10
_SPLIT = re.compile(r"[\s,]+")
_REF = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
BIOGUIDE = re.compile(r"^[A-Z][0-9]{6}$")
SYNTAX = t(
    "Targets: mine, house, senate, leaders:<committee id>, committee:<committee id>, "
    "undecided:<committee id>, member:<bioguide id>; add ? for an optional extra, like: mine "
    "leaders:SSFI?"
)


class TargetKind(StrEnum):
    MINE = "mine"
    HOUSE = "house"
    SENATE = "senate"
    LEADERS = "leaders"
    COMMITTEE = "committee"
    MEMBER = "member"
    UNDECIDED = "undecided"  # a committee's members undecided in the campaign (stances)


LOCAL_KINDS = frozenset({TargetKind.MINE, TargetKind.HOUSE, TargetKind.SENATE})
COMMITTEE_KINDS = frozenset({TargetKind.LEADERS, TargetKind.COMMITTEE, TargetKind.UNDECIDED})


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    ref: str | None = None  # a committee id or a bioguide id
    optional: bool = False

    def __str__(self) -> str:
        text = self.kind.value if self.ref is None else f"{self.kind.value}:{self.ref}"
        return text + ("?" if self.optional else "")

    @property
    def local(self) -> bool:
        """Whether it depends on where the caller lives."""
        return self.kind in LOCAL_KINDS


def parse_targets(text: str) -> tuple[Target, ...]:
    """Read target words; a mistake raises InvalidInput naming the word."""
    words = [w for w in _SPLIT.split(text.strip()) if w]
    if not words:
        raise InvalidInput(t("Name at least one target. {syntax}", syntax=SYNTAX))
    found = dict.fromkeys(_parse_word(word) for word in words)  # each once, in order
    if len(found) > MAX_TARGETS:
        raise InvalidInput(t("A campaign can have at most {n} targets.", n=MAX_TARGETS))
    return tuple(found)


def _parse_word(word: str) -> Target:
    optional = word.endswith("?")
    body = word.removesuffix("?")
    kind_text, sep, ref = body.partition(":")
    shown = word[:40]
    try:
        kind = TargetKind(kind_text.lower())
    except ValueError:
        raise InvalidInput(
            t("'{word}' is not a target. {syntax}", word=shown, syntax=SYNTAX)
        ) from None
    if kind in LOCAL_KINDS:
        if sep:
            raise InvalidInput(
                t(
                    "'{word}': {kind} takes no id. {syntax}",
                    word=shown,
                    kind=kind.value,
                    syntax=SYNTAX,
                )
            )
        return Target(kind, None, optional)
    if not ref or not _REF.match(ref):
        raise InvalidInput(
            t(
                "'{word}': {kind} needs an id, like {example}.",
                word=shown,
                kind=kind.value,
                example=_example(kind),
            )
        )
    return Target(kind, ref.upper(), optional)


def _example(kind: TargetKind) -> str:
    return "member:S000033" if kind is TargetKind.MEMBER else f"{kind.value}:HSWM"


def format_targets(targets: tuple[Target, ...]) -> str:
    return " ".join(str(target) for target in targets)
