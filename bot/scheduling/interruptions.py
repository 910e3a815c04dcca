"""What organizers are told about sends a stop cut off.

A send found still 'sending' at start-up (the bot was stopped, or crashed, while it was on its
way) is 'interrupted' and not sent again, so nothing arrives twice; it may not have arrived at
all. Organizers hear how many: in the next daily digest, or, where the community has none, in a
DM to the organizers who made its schedules.

The one private ask to confirm a district (:mod:`bot.scheduling.after_sync_job`) is counted here
too, under :data:`ASK`: it is not a dispatch-log kind (it keeps its own rows), but organizers read
one sentence, e.g. "2 daily reminders and 1 district confirmation ask".
"""

from __future__ import annotations

from collections import Counter

from bot.domain.schedule_models import DispatchKind
from bot.domain.text import Text, t, tn
from bot.i18n.translator import Translator, Translators
from bot.messages import Message, Tone

ASK = "district check"  # the ask to confirm a district: not a DispatchKind, counted beside them
FIELD = t("Interrupted by a stop")
PURPOSE = t("stop notice")  # what the notice's send is, where a failure to deliver it is kept
TITLE = t("The bot stopped while sending")
NAMES = (DispatchKind.REMINDER, DispatchKind.PROMPT, DispatchKind.DIGEST, ASK)
AFTER = t(
    "They were not sent again, so nothing arrives twice, but they may not have arrived. "
    "Members' next reminders come as usual."
)
PROMPTS_HINT = t("/schedule list shows which prompts.")
ASKS_HINT = t(
    "A member whose district confirmation ask was cut off is not asked again, but their call "
    "scripts and /myreps keep asking them to confirm their district."
)
ENGLISH = Translators()("en")  # for the scheduler's own log lines


def merged(counts: Counter[str]) -> Counter[str]:
    """The counts with snoozed reminders counted as reminders."""
    found = Counter(counts)
    found[DispatchKind.REMINDER] += found.pop(DispatchKind.SNOOZE, 0)
    return +found


def _counted(kind: str, n: int) -> Text:
    if kind == DispatchKind.REMINDER:
        return tn("{n} daily reminder", "{n} daily reminders", n, n=n)
    if kind == DispatchKind.PROMPT:
        return tn("{n} scheduled prompt", "{n} scheduled prompts", n, n=n)
    if kind == DispatchKind.DIGEST:
        return tn("{n} daily digest", "{n} daily digests", n, n=n)
    return tn("{n} district confirmation ask", "{n} district confirmation asks", n, n=n)


def summary(counts: Counter[str], words: Translator = ENGLISH) -> str:
    """'3 daily reminders and 1 scheduled prompt' (counts of zero left out), in ``words``."""
    found = merged(counts)
    parts = [words.render(_counted(kind, found[kind])) for kind in NAMES if found[kind]]
    if len(parts) == 1:
        return parts[0]
    return words.render(t("{items} and {last}", items=", ".join(parts[:-1]), last=parts[-1]))


def hints(counts: Counter[str]) -> list[Text]:
    """What organizers can do, or need not do, about the kinds cut off."""
    found = [PROMPTS_HINT] if counts[DispatchKind.PROMPT] else []
    return found + ([ASKS_HINT] if counts[ASK] else [])


def digest_lines(counts: Counter[str], words: Translator = ENGLISH) -> str:
    """The digest's field: how many sends were cut off since the last digest."""
    said = t(
        "Since the last digest the bot was stopped while sending {what}. {after}",
        what=summary(counts, words),
        after=AFTER,
    )
    return " ".join(words.render(line) for line in [said, *hints(counts)])


def notice(counts: Counter[str], words: Translator = ENGLISH) -> Message:
    """The DM to organizers of a community without a digest, in ``words``."""
    said = t(
        "The bot was stopped while sending {what}. {after}",
        what=summary(counts, words),
        after=AFTER,
    )
    return Message(
        title=words.render(TITLE),
        body="\n".join(words.render(line) for line in [said, *hints(counts)]),
        footer=words.render(
            t("A daily digest (/schedule digest) would say this beside the day's numbers.")
        ),
        tone=Tone.ERROR,
    )
