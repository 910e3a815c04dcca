"""Components that let a member report every call of their script, within what every host shows.

Each lawmaker a script asks a member to call gets a way to report it, whatever the number of
calls, in a message of :data:`~bot.messages.MAX_ROWS` rows (a menu takes a row, buttons go
:data:`~bot.messages.BUTTONS_PER_ROW` to a row, a menu holds
:data:`~bot.messages.OPTIONS_PER_SELECT` options). The first layout that fits wins:

1. outcome buttons per required call (in at most ``BUTTON_ROWS`` rows), a menu per other call;
2. those buttons, and the other calls' outcomes packed into shared menus;
3. every call's outcomes packed into menus;
4. menus of lawmakers ("whose office did you call?"): choosing one answers with that
   lawmaker's outcome buttons; beyond what fits, the last option opens the next page.

The actions cog handles the actions named here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.outcome_words import outcome_label
from bot.core.stance_rules import tag_text
from bot.domain.campaign_models import Outcome
from bot.domain.stance_models import Tag
from bot.domain.text import t
from bot.i18n.translator import Translator
from bot.messages import (
    BUTTONS_PER_ROW,
    MAX_ROWS,
    OPTIONS_PER_SELECT,
    Button,
    Select,
    SelectOption,
    Style,
)

CALL_ACTION = "actions.call"  # value: "<source>:<bioguide>:<outcome key>"
CALL_MENU_ACTION = "actions.callmenu"  # options carry CALL_ACTION values
PICK_ACTION = "actions.pick"  # value: "<source>:<bioguide>", or "<source>:page:<n>"
TAG_ACTION = "stances.tag"  # value: "<action id>:<tag>" (what the office said)
BUTTON_ROWS = 3  # outcome buttons take at most three rows, so menus keep room
MORE = "page"
ENGLISH = Translator("en")  # the words when a caller names no language


@dataclass(frozen=True, slots=True)
class Callee:
    """A lawmaker to report a call to: bioguide id and a short name ("Sen. Sanders")."""

    bioguide: str
    name: str


Layout = tuple[tuple[Button, ...], tuple[Select, ...]]


def report_components(
    source: str,
    required: Sequence[Callee],
    optional: Sequence[Callee],
    outcomes: Sequence[Outcome],
    rows_left: int = MAX_ROWS,
    words: Translator = ENGLISH,
) -> Layout:
    """Buttons and menus through which each call (required first) can be reported;
    ``source`` is "p<prompt id>" or "c<campaign id>". Nothing when no row is left."""
    calls = [*required, *optional]
    if not outcomes or not calls or rows_left <= 0:
        return (), ()
    button_rows = math.ceil(len(required) * len(outcomes) / BUTTONS_PER_ROW)
    with_buttons = bool(required) and button_rows <= min(BUTTON_ROWS, rows_left)
    rest = calls[len(required) :] if with_buttons else calls
    buttons = tuple(b for c in required for b in call_buttons(source, c, outcomes, words))
    room = rows_left - (button_rows if with_buttons else 0)
    if with_buttons and len(rest) <= room:
        return buttons, tuple(_call_menu(source, c, outcomes, words) for c in rest)
    if with_buttons and _packed_rows(rest, outcomes) <= room:
        return buttons, _packed(source, rest, outcomes, words)
    if _packed_rows(calls, outcomes) <= rows_left:
        return (), _packed(source, calls, outcomes, words)
    return (), pickers(source, calls, 0, rows_left, words)


def call_buttons(
    source: str, call: Callee, outcomes: Sequence[Outcome], words: Translator = ENGLISH
) -> tuple[Button, ...]:
    """One button per outcome for this call: "Sen. Sanders: Made contact"."""
    return tuple(
        Button(
            f"{call.name}: {words.render(outcome_label(o))}",
            CALL_ACTION,
            call_value(source, call, o),
        )
        for o in outcomes
    )


def pickers(
    source: str,
    calls: Sequence[Callee],
    page: int,
    rows: int = MAX_ROWS,
    words: Translator = ENGLISH,
) -> tuple[Select, ...]:
    """Menus of lawmakers from page ``page`` on; the last option opens the next page when
    the calls do not all fit."""
    per_page = rows * OPTIONS_PER_SELECT
    start = page * (per_page - 1)
    shown = list(calls[start:])
    more = len(shown) > per_page
    if more:
        shown = shown[: per_page - 1]
    options = [SelectOption(c.name, f"{source}:{c.bioguide}") for c in shown]
    if more:
        more_text = words.render(t("More lawmakers…"))
        options.append(SelectOption(more_text, f"{source}:{MORE}:{page + 1}"))
    menus = []
    for i in range(0, len(options), OPTIONS_PER_SELECT):
        chunk = options[i : i + OPTIONS_PER_SELECT]
        first, last = start + i + 1, start + i + len(chunk)
        menus.append(
            Select(
                PICK_ACTION,
                tuple(chunk),
                placeholder=words.render(
                    t("Whose office did you call? ({first}–{last})", first=first, last=last)
                ),
                value=f"{source}:{MORE}{page}.{i // OPTIONS_PER_SELECT}",
            )
        )
    return tuple(menus)


def tag_buttons(
    action_id: int, words: Translator = ENGLISH, chosen: Tag | None = None
) -> tuple[Button, ...]:
    """After "made contact": what the office said about the ask ("supports", "opposes",
    "undecided", "no answer on it"), one button each; the tag chosen stands out."""
    return tuple(
        Button(
            words.render(tag_text(tag)),
            TAG_ACTION,
            f"{action_id}:{tag.value}",
            Style.PRIMARY if tag is chosen else Style.SECONDARY,
        )
        for tag in Tag
    )


def call_value(source: str, call: Callee, outcome: Outcome) -> str:
    return f"{source}:{call.bioguide}:{outcome.key}"


def outcome_text(outcome: Outcome, words: Translator = ENGLISH) -> str:
    """'📞 Made contact' in the reader's language (an organizer's own label as written)."""
    label = words.render(outcome_label(outcome))
    return f"{outcome.emoji} {label}" if outcome.emoji else label


def _call_menu(source: str, call: Callee, outcomes: Sequence[Outcome], words: Translator) -> Select:
    options = tuple(
        SelectOption(f"{call.name}: {outcome_text(o, words)}", call_value(source, call, o))
        for o in outcomes
    )
    return Select(
        CALL_MENU_ACTION,
        options,
        placeholder=words.render(t("{name}: how did the call go?", name=call.name)),
        value=f"{source}:{call.bioguide}",
    )


def _packed_rows(calls: Sequence[Callee], outcomes: Sequence[Outcome]) -> int:
    per_menu = OPTIONS_PER_SELECT // len(outcomes)
    return math.ceil(len(calls) / per_menu) if per_menu else MAX_ROWS + 1


def _packed(
    source: str, calls: Sequence[Callee], outcomes: Sequence[Outcome], words: Translator
) -> tuple[Select, ...]:
    """Menus holding several calls' outcomes each (a call's options never split)."""
    per_menu = OPTIONS_PER_SELECT // len(outcomes)
    menus = []
    for i in range(0, len(calls), per_menu):
        group = calls[i : i + per_menu]
        options = tuple(
            SelectOption(f"{c.name}: {outcome_text(o, words)}", call_value(source, c, o))
            for c in group
            for o in outcomes
        )
        if len(group) == 1:
            asked = t("How did the call go? ({name})", name=group[0].name)
        else:
            asked = t(
                "How did the call go? ({first} to {last})",
                first=group[0].name,
                last=group[-1].name,
            )
        menus.append(
            Select(
                CALL_MENU_ACTION,
                options,
                placeholder=words.render(asked),
                value=f"{source}:m{i // per_menu}",
            )
        )
    return tuple(menus)
