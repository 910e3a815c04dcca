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
from bot.messages import Message, Tone

ASK = "district check"  # the ask to confirm a district: not a DispatchKind, counted beside them
FIELD = "Interrupted by a stop"
TITLE = "The bot stopped while sending"
NAMES: dict[str, tuple[str, str]] = {  # kind -> (one, many); a snooze counts as a reminder
    DispatchKind.REMINDER: ("daily reminder", "daily reminders"),
    DispatchKind.PROMPT: ("scheduled prompt", "scheduled prompts"),
    DispatchKind.DIGEST: ("daily digest", "daily digests"),
    ASK: ("district confirmation ask", "district confirmation asks"),
}
AFTER = (
    "They were not sent again, so nothing arrives twice, but they may not have arrived. "
    "Members' next reminders come as usual."
)
PROMPTS_HINT = "/schedule list shows which prompts."
ASKS_HINT = (
    "A member whose district confirmation ask was cut off is not asked again, but their call "
    "scripts and /myreps keep asking them to confirm their district."
)


def merged(counts: Counter[str]) -> Counter[str]:
    """The counts with snoozed reminders counted as reminders."""
    found = Counter(counts)
    found[DispatchKind.REMINDER] += found.pop(DispatchKind.SNOOZE, 0)
    return +found


def summary(counts: Counter[str]) -> str:
    """'3 daily reminders and 1 scheduled prompt' (counts of zero left out)."""
    found = merged(counts)
    parts = [
        f"{found[kind]} {one if found[kind] == 1 else many}"
        for kind, (one, many) in NAMES.items()
        if found[kind]
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def hints(counts: Counter[str]) -> list[str]:
    """What organizers can do, or need not do, about the kinds cut off."""
    found = [PROMPTS_HINT] if counts[DispatchKind.PROMPT] else []
    return found + ([ASKS_HINT] if counts[ASK] else [])


def digest_lines(counts: Counter[str]) -> str:
    """The digest's field: how many sends were cut off since the last digest."""
    hint = "".join(f" {line}" for line in hints(counts))
    return f"Since the last digest the bot was stopped while sending {summary(counts)}. " + (
        AFTER + hint
    )


def notice(counts: Counter[str]) -> Message:
    """The DM to organizers of a community without a digest."""
    hint = "".join(f"\n{line}" for line in hints(counts))
    return Message(
        title=TITLE,
        body=f"The bot was stopped while sending {summary(counts)}. {AFTER}{hint}",
        footer="A daily digest (/schedule digest) would say this beside the day's numbers.",
        tone=Tone.ERROR,
    )
