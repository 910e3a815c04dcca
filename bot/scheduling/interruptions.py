"""What organizers are told about sends a stop cut off.

A send found still 'sending' at start-up (the bot was stopped, or crashed, while it was on its
way) is 'interrupted' and not sent again, so nothing arrives twice; it may not have arrived at
all. Organizers hear how many: in the next daily digest, or, where the community has none, in a
DM to the organizers who made its schedules.
"""

from __future__ import annotations

from collections import Counter

from bot.core.schedule_models import DispatchKind
from bot.messages import Message, Tone

FIELD = "Interrupted by a stop"
TITLE = "The bot stopped while sending"
NAMES = {  # kind -> (one, many); a snoozed reminder counts as a reminder
    DispatchKind.REMINDER: ("daily reminder", "daily reminders"),
    DispatchKind.PROMPT: ("scheduled prompt", "scheduled prompts"),
    DispatchKind.DIGEST: ("daily digest", "daily digests"),
}
AFTER = (
    "They were not sent again, so nothing arrives twice, but they may not have arrived. "
    "Members' next reminders come as usual."
)
PROMPTS_HINT = "/schedule list shows which prompts."


def merged(counts: Counter[DispatchKind]) -> Counter[DispatchKind]:
    """The counts with snoozed reminders counted as reminders."""
    found = Counter(counts)
    found[DispatchKind.REMINDER] += found.pop(DispatchKind.SNOOZE, 0)
    return +found


def summary(counts: Counter[DispatchKind]) -> str:
    """'3 daily reminders and 1 scheduled prompt' (counts of zero left out)."""
    found = merged(counts)
    parts = [
        f"{found[kind]} {one if found[kind] == 1 else many}"
        for kind, (one, many) in NAMES.items()
        if found[kind]
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def digest_lines(counts: Counter[DispatchKind]) -> str:
    """The digest's field: how many sends were cut off since the last digest."""
    hint = f" {PROMPTS_HINT}" if counts[DispatchKind.PROMPT] else ""
    return f"Since the last digest the bot was stopped while sending {summary(counts)}. " + (
        AFTER + hint
    )


def notice(counts: Counter[DispatchKind]) -> Message:
    """The DM to organizers of a community without a digest."""
    hint = f"\n{PROMPTS_HINT}" if counts[DispatchKind.PROMPT] else ""
    return Message(
        title=TITLE,
        body=f"The bot was stopped while sending {summary(counts)}. {AFTER}{hint}",
        footer="A daily digest (/schedule digest) would say this beside the day's numbers.",
        tone=Tone.ERROR,
    )
