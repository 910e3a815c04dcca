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

from bot.domain.campaign_models import Outcome
from bot.messages import BUTTONS_PER_ROW, MAX_ROWS, OPTIONS_PER_SELECT, Button, Select, SelectOption

CALL_ACTION = "actions.call"  # value: "<source>:<bioguide>:<outcome key>"
CALL_MENU_ACTION = "actions.callmenu"  # options carry CALL_ACTION values
PICK_ACTION = "actions.pick"  # value: "<source>:<bioguide>", or "<source>:page:<n>"
BUTTON_ROWS = 3  # outcome buttons take at most three rows, so menus keep room
MORE = "page"


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
) -> Layout:
    """Buttons and menus through which each call (required first) can be reported;
    ``source`` is "p<prompt id>" or "c<campaign id>". Nothing when no row is left."""
    calls = [*required, *optional]
    if not outcomes or not calls or rows_left <= 0:
        return (), ()
    button_rows = math.ceil(len(required) * len(outcomes) / BUTTONS_PER_ROW)
    with_buttons = bool(required) and button_rows <= min(BUTTON_ROWS, rows_left)
    rest = calls[len(required) :] if with_buttons else calls
    buttons = tuple(b for c in required for b in call_buttons(source, c, outcomes))
    room = rows_left - (button_rows if with_buttons else 0)
    if with_buttons and len(rest) <= room:
        return buttons, tuple(_call_menu(source, c, outcomes) for c in rest)
    if with_buttons and _packed_rows(rest, outcomes) <= room:
        return buttons, _packed(source, rest, outcomes)
    if _packed_rows(calls, outcomes) <= rows_left:
        return (), _packed(source, calls, outcomes)
    return (), pickers(source, calls, 0, rows_left)


def call_buttons(source: str, call: Callee, outcomes: Sequence[Outcome]) -> tuple[Button, ...]:
    """One button per outcome for this call: "Sen. Sanders: Made contact"."""
    return tuple(
        Button(f"{call.name}: {o.label}", CALL_ACTION, call_value(source, call, o))
        for o in outcomes
    )


def pickers(
    source: str, calls: Sequence[Callee], page: int, rows: int = MAX_ROWS
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
        options.append(SelectOption("More lawmakers…", f"{source}:{MORE}:{page + 1}"))
    menus = []
    for i in range(0, len(options), OPTIONS_PER_SELECT):
        chunk = options[i : i + OPTIONS_PER_SELECT]
        first, last = start + i + 1, start + i + len(chunk)
        menus.append(
            Select(
                PICK_ACTION,
                tuple(chunk),
                placeholder=f"Whose office did you call? ({first}–{last})",
                value=f"{source}:{MORE}{page}.{i // OPTIONS_PER_SELECT}",
            )
        )
    return tuple(menus)


def call_value(source: str, call: Callee, outcome: Outcome) -> str:
    return f"{source}:{call.bioguide}:{outcome.key}"


def outcome_text(outcome: Outcome) -> str:
    return f"{outcome.emoji} {outcome.label}" if outcome.emoji else outcome.label


def _call_menu(source: str, call: Callee, outcomes: Sequence[Outcome]) -> Select:
    options = tuple(
        SelectOption(f"{call.name}: {outcome_text(o)}", call_value(source, call, o))
        for o in outcomes
    )
    return Select(
        CALL_MENU_ACTION,
        options,
        placeholder=f"{call.name}: how did the call go?",
        value=f"{source}:{call.bioguide}",
    )


def _packed_rows(calls: Sequence[Callee], outcomes: Sequence[Outcome]) -> int:
    per_menu = OPTIONS_PER_SELECT // len(outcomes)
    return math.ceil(len(calls) / per_menu) if per_menu else MAX_ROWS + 1


def _packed(
    source: str, calls: Sequence[Callee], outcomes: Sequence[Outcome]
) -> tuple[Select, ...]:
    """Menus holding several calls' outcomes each (a call's options never split)."""
    per_menu = OPTIONS_PER_SELECT // len(outcomes)
    menus = []
    for i in range(0, len(calls), per_menu):
        group = calls[i : i + per_menu]
        options = tuple(
            SelectOption(f"{c.name}: {outcome_text(o)}", call_value(source, c, o))
            for c in group
            for o in outcomes
        )
        names = group[0].name if len(group) == 1 else f"{group[0].name} to {group[-1].name}"
        menus.append(
            Select(
                CALL_MENU_ACTION,
                options,
                placeholder=f"How did the call go? ({names})",
                value=f"{source}:m{i // per_menu}",
            )
        )
    return tuple(menus)
