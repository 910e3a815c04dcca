"""How the end-to-end Spanish tests (issue 18) tell a reply is Spanish: it has Spanish words and
none of the English sentences the code marks for translation.

The English looked for is the catalog's own: each run of fixed text between placeholders of
every marked message, long enough to be a sentence (a shorter one could be a word both
languages share), and not also in that message's Spanish words (a command typed as is, like
``/remind on days:every day``). Names from the data (committees, states) are not messages, so
they are never taken for a leak. A few labels too short for that rule are listed by hand.
"""

from __future__ import annotations

import re
from functools import cache

from ..i18n.messages import literals, marked_in, read

# Short English that the platform layers used to show (buttons, titles): each must be gone too.
SHORT_ENGLISH = (
    "Get my script",
    "Made contact",
    "Left voicemail",
    "Couldn't get through",
    "Snooze 1 hour",
    "Stop reminders",
    "Your calls",
    "Counted:",
    "Thank you",
    "Undo",
    "Commands",
    "Sen. ",
    "Rep. ",
)
SPANISH = re.compile(
    r"[áéíóúñ¿¡]|\b(el|la|los|las|de|del|en|con|para|por|que|tu|tus|te|un|una)\b", re.I
)


@cache
def english_sentences() -> tuple[str, ...]:
    """The English template sentences of every marked message."""
    spanish = read("es")
    found: set[str] = set()
    for message in marked_in("bot/", "cogs/"):
        entry = spanish.get(message[0] if isinstance(message, tuple) else message)
        words = entry.string if entry is not None else ""
        said = " ".join(words) if isinstance(words, tuple) else words
        for part in (p.strip() for p in literals(message)):
            if len(part) >= 16 and part not in said:
                found.add(part)
    return tuple(sorted(found))


def english_in(text: str) -> list[str]:
    """The English sentences (and short labels) ``text`` holds."""
    return [s for s in (*english_sentences(), *SHORT_ENGLISH) if s in text]


def assert_spanish(step: str, text: str) -> None:
    """``text`` (what a step showed) is Spanish and holds no English sentence of the bot's."""
    assert SPANISH.search(text), f"{step}: no Spanish in\n{text}"
    left = english_in(text)
    assert not left, f"{step}: English left: {left}\n{text}"
