"""What the bot keeps about a member, in plain words: a sentence per kind of data for /privacy,
and what each id in the export means.

Which tables hold a member's data is read from the schema (bot/storage/privacy.py); this module
only says how each reads. A :class:`Kind` names the columns it explains and turns their rows into
lines under a heading. A table or column no kind explains is still shown, in a generic readable
form, so nothing stored is hidden; tests/core/test_privacy_words.py fails until it is described.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from bot.domain.errors import InvalidInput
from bot.domain.recurrence import parse_recurrence

Row = Mapping[str, Any]
MEMBERS = "members"
OTHER_HEADING = "Other records kept about you"
INTERNAL = ("id", "member_id", "community_id")  # shown by no sentence: they only link rows
SEND_OUTCOMES = {  # a dispatch's status, in words (anything else: sent)
    "failed": "could not be delivered",
    "interrupted": "could not be delivered",
    "skipped": "not needed",
    "stopped": "not needed",
}


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 day', '2 days'; ``many`` for irregular words ('1 reply', '2 replies')."""
    return f"{n} {word if n == 1 else many or word + 's'}"


@dataclass(frozen=True, slots=True)
class Stored:
    """Everything stored about one member: their members row and every row linked to them."""

    member: Row
    linked: Mapping[str, Sequence[Row]]

    def rows(self, table: str) -> Sequence[Row]:
        return [self.member] if table == MEMBERS and self.member else self.linked.get(table, ())


@dataclass(frozen=True, slots=True)
class Names:
    """Names for the ids the rows hold, looked up by the caller; the community's time zone (for
    the dates of UTC moments) and the year it is now (a date in this year is written without it).
    """

    campaigns: Mapping[int, str] = field(default_factory=dict)  # id -> title
    outcomes: Mapping[tuple[int, str], str] = field(default_factory=dict)  # -> "📞 Made contact"
    lawmakers: Mapping[str, str] = field(default_factory=dict)  # bioguide -> "Sen. …"
    year: int = 0
    zone: tzinfo = UTC

    def campaign(self, campaign_id: Any) -> str:
        return self.campaigns.get(campaign_id, f"campaign #{campaign_id}")

    def outcome(self, campaign_id: Any, key: str) -> str:
        return self.outcomes.get((campaign_id, key), key)

    def lawmaker(self, bioguide: str) -> str:
        return self.lawmakers.get(bioguide, bioguide)

    def day(self, text: Any) -> str:
        """'2026-01-08' or a UTC moment ('2026-01-08T14:00:00Z', its day in the community) ->
        '8 January' (with the year if not this one); anything else as it is."""
        local = self._local(text)
        try:
            found = local.date() if local else date.fromisoformat(str(text)[:10])
        except ValueError:
            return str(text)
        shown = f"{found.day} {found:%B}"
        return shown if found.year == self.year else f"{shown} {found.year}"

    def moment(self, text: Any) -> str:
        """'2026-01-08T19:05:00Z' -> '8 January at 14:05 EST' (in the community's zone)."""
        local = self._local(text)
        return f"{self.day(text)} at {local:%H:%M %Z}" if local else self.day(text)

    def _local(self, text: Any) -> datetime | None:
        if "T" not in str(text):
            return None
        try:
            moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.astimezone(self.zone) if moment.tzinfo else None


Lines = Callable[[Stored, Names], list[str]]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of stored data: its heading, how its rows read, and the columns ("table.column")
    it explains: shown in its lines, or deliberately left out as internal (ids that only link
    rows). Kinds with the same heading share one section."""

    heading: str
    explains: frozenset[str]
    lines: Lines

    def covers(self, table: str, column: str) -> bool:
        return f"{table}.{column}" in self.explains


# -- the kinds ------------------------------------------------------------------------------------
def _settings(stored: Stored, names: Names) -> list[str]:
    m = stored.member
    lines = [f"Your platform user id: {m.get('user_id')} (how the bot knows you; never your name)"]
    lines.append(
        f"Your ZIP code: {m['zip']} (used to find your lawmakers)"
        if m.get("zip")
        else "ZIP code: none saved"
    )
    lines.append(
        f"Your congressional district: {m['district']} (used to find your House member)"
        if m.get("district")
        else "Congressional district: none saved"
    )
    if m.get("district_check"):
        asked = m.get("district_check_asked_at")
        lines.append(
            "New lawmaker data changed your saved district, so you are asked to confirm it "
            "(saving your ZIP code or district again clears this)"
            + (f"; asked {names.day(asked)}" if asked else "")
        )
    lines.append(
        f"Your time zone: {m['timezone']} (so reminders come at your own time)"
        if m.get("timezone")
        else "Time zone: none chosen (reminders follow your ZIP code's, else the community's)"
    )
    lines.append(
        f"Your language: {m['language']} (you chose it with /language)"
        if m.get("language")
        else "Language: none chosen (your platform's, else the community's)"
    )
    lines.append(
        "Leaderboard: hidden (your calls still count in the totals)"
        if m.get("leaderboard_opt_out")
        else "Leaderboard: you can appear on it"
    )
    if m.get("created_at"):
        lines.append(f"First seen: {names.day(m['created_at'])}")
    return lines


def _reminders(stored: Stored, names: Names) -> list[str]:
    m = stored.member
    state = next(iter(stored.rows("reminder_state")), {})
    if not m.get("reminders_enabled"):
        lines = ["Reminders: off"]
    else:
        days = "weekdays" if state.get("weekdays_only") else "every day"
        since = f" (since {names.day(state['enabled_at'])})" if state.get("enabled_at") else ""
        lines = [f"Reminders: on, {days} at {m.get('reminder_time') or '09:00'}{since}"]
    if state.get("campaign_id"):
        lines.append(f"Your reminders carry: {names.campaign(state['campaign_id'])} (your choice)")
    if state.get("snoozed_until"):
        lines.append(f"Today's reminder is snoozed until {names.moment(state['snoozed_until'])}")
    if state.get("zip_asked_on"):
        lines.append(
            f"Told once that reminders need a ZIP code ({names.day(state['zip_asked_on'])})"
        )
    return lines


def _report_line(row: Row, names: Names) -> str:
    campaign = row.get("campaign_id")
    line = f"• {names.day(row.get('day'))}: {names.campaign(campaign)}: "
    line += names.outcome(campaign, str(row.get("outcome")))
    if row.get("lawmaker"):
        line += f" ({names.lawmaker(str(row['lawmaker']))})"
    if row.get("note"):
        line += f", your note: “{row['note']}”"
    return line


def _on(n: int, day: str) -> str:
    """'on 8 January' for one, 'the latest on 8 January' for more."""
    return f"the latest on {day}" if n > 1 else f"on {day}"


def _latest(rows: Sequence[Row], column: str) -> Sequence[Row]:
    return sorted(rows, key=lambda r: str(r.get(column) or ""), reverse=True)


def _actions(stored: Stored, names: Names) -> list[str]:
    rows = _latest(stored.rows("actions"), "at")
    if not rows:
        return []
    when = _on(len(rows), names.day(rows[0].get("day")))
    return [f"{plural(len(rows), 'call')} you reported, {when}"] + [
        _report_line(row, names) for row in rows
    ]


def _one_taps(stored: Stored, names: Names) -> list[str]:
    rows = _latest(stored.rows("one_tap_marks"), "at")
    if not rows:
        return []
    lines = [
        f"{plural(len(rows), 'reaction or button press', 'reactions or button presses')} of "
        "yours on prompts"
    ]
    for row in rows:
        how = f"reaction {row['mark']}" if row.get("mark") else "button"
        lines.append(_report_line(row, names) + f" ({how})")
    return lines


def _counts(stored: Stored, names: Names) -> list[str]:
    lines = [
        f"In all: {plural(int(r['actions']), 'call')}, the latest on {names.day(r['last_day'])}"
        for r in stored.rows("action_member_totals")
    ]
    lines += [
        f"{names.campaign(r['campaign_id'])}: {plural(int(r['actions']), 'call')}"
        for r in stored.rows("action_counts_by_member")
    ]
    for r in sorted(stored.rows("action_member_months"), key=lambda r: str(r["month"])):
        month = names.day(f"{r['month']}-01").split(" ", 1)[1]  # "January" or "January 2025"
        lines.append(f"{month}: {plural(int(r['actions']), 'call')}")
    for r in sorted(stored.rows("action_window_members"), key=lambda r: int(r["days"])):
        lines.append(
            f"The {r['days']} days before today (for the leaderboard): "
            f"{plural(int(r['actions']), 'call')}"
        )
    days = sorted(str(r["day"]) for r in stored.rows("action_member_days"))
    if days:
        lines.append(
            f"Calls counted per day on {plural(len(days), 'day')}, "
            f"from {names.day(days[0])} to {names.day(days[-1])}"
        )
    return lines


def _sent(stored: Stored, names: Names) -> list[str]:
    lines = []
    sends = _latest(stored.rows("dispatches"), "started_at")
    for kind, n in Counter(str(r.get("kind")) for r in sends).items():
        mine = [r for r in sends if r.get("kind") == kind]
        word = {"reminder": "reminder", "snooze": "snoozed reminder"}.get(kind, f"{kind} message")
        on = _on(n, names.day(mine[0]["started_at"]))
        outcomes = Counter(SEND_OUTCOMES.get(str(r.get("status")), "sent") for r in mine)
        if set(outcomes) == {"sent"}:
            lines.append(f"{plural(n, word)} sent to you, {on}")
        else:
            parts = ", ".join(f"{k} {outcome}" for outcome, k in sorted(outcomes.items()))
            lines.append(f"{plural(n, word)} for you, {on}: {parts}")
    routes = _latest(stored.rows("dm_routes"), "sent_at")
    if routes:
        lines.append(
            f"The ids (never the text) of {plural(len(routes), 'direct message')} the bot sent "
            f"you, {_on(len(routes), names.day(routes[0]['sent_at']))}, so your reactions on "
            "them count"
        )
    if stored.rows("dm_channels"):
        lines.append(
            "The id (never a message) of your direct-message channel with the bot, so a "
            "message to you takes one request to the platform"
        )
    for r in _latest(stored.rows("delivery_failures"), "at"):
        when = names.day(r.get("at"))
        lines.append(f"• {when}: a {r.get('purpose')} could not reach you: {r.get('reason')}")
    return lines


def _schedules(stored: Stored, names: Names) -> list[str]:
    lines = []
    for r in stored.rows("schedules"):
        try:
            when = parse_recurrence(str(r["recurrence"])).summary
        except InvalidInput:  # an old or odd rule still reads as written
            when = str(r["recurrence"])
        paused = ", paused" if r.get("paused") else ""
        lines.append(
            f"• #{r['id']}: {names.campaign(r['campaign_id'])} in channel {r['channel_id']}, "
            f"{when} ({r['timezone']}){paused}"
        )
    return lines


def _district_asks(stored: Stored, names: Names) -> list[str]:
    lines = []
    for r in _latest(stored.rows("district_check_asks"), "started_at"):
        when = names.moment(r.get("started_at"))
        if r.get("status") == "interrupted":
            lines.append(
                f"The message asking you to confirm your district, sent {when}, was cut off by "
                "a stop of the bot and is not sent again; this note is deleted once organizers "
                "are told how many such messages were cut off (never who)"
            )
        else:
            lines.append(f"The message asking you to confirm your district is on its way ({when})")
    return lines


def _erase_requests(stored: Stored, names: Names) -> list[str]:
    return [
        f"You asked to erase everything on {names.moment(r['created_at'])}; the button works "
        "for an hour after that"
        for r in stored.rows("erase_requests")
    ]


def _columns(**tables: str) -> frozenset[str]:
    """_columns(actions="id at") -> {"actions.id", "actions.at"}."""
    return frozenset(f"{t}.{c}" for t, columns in tables.items() for c in columns.split())


KINDS: tuple[Kind, ...] = (
    Kind(
        "Your settings",
        _columns(
            members="id community_id user_id zip district timezone leaderboard_opt_out created_at "
            "district_check district_check_asked_at language"
        ),
        _settings,
    ),
    Kind(
        "Your settings",
        _columns(
            members="reminders_enabled reminder_time",
            reminder_state="member_id enabled_at snoozed_until zip_asked_on weekdays_only "
            "campaign_id",
        ),
        _reminders,
    ),
    Kind(
        "Calls you reported",
        _columns(
            actions="id community_id member_id campaign_id prompt_id scope lawmaker outcome at "
            "day member_day note"
        ),
        _actions,
    ),
    Kind(
        "Your one-tap reports on prompts",
        _columns(
            one_tap_marks="seq community_id member_id campaign_id scope mark outcome at day "
            "member_day"
        ),
        _one_taps,
    ),
    Kind(
        "Your call counts (for /mystats and the leaderboard)",
        _columns(
            action_member_totals="community_id member_id actions last_day",
            action_counts_by_member="community_id campaign_id member_id actions last_day",
            action_member_months="community_id month member_id actions",
            action_member_days="community_id day member_id actions",
            action_window_members="community_id member_id days actions",
        ),
        _counts,
    ),
    Kind(
        "Messages the bot sent you",
        _columns(
            dispatches="id community_id kind subject slot schedule_id member_id status detail "
            "channel_id message_id started_at finished_at reported_at",
            dm_routes="message_id member_id sent_at",
            dm_channels="member_id channel_id",
            delivery_failures="id community_id purpose target member_id reason at reported_at",
        ),
        _sent,
    ),
    Kind(
        "Messages the bot sent you",
        _columns(district_check_asks="id member_id status started_at"),
        _district_asks,
    ),
    Kind(
        "Schedules you created (as an organizer)",
        _columns(
            schedules="id community_id campaign_id channel_id recurrence timezone starts_on "
            "ends_on paused created_by created_at checked_until notice notice_at"
        ),
        _schedules,
    ),
    Kind(
        "Your /forgetme confirmation",
        _columns(erase_requests="token member_id created_at"),
        _erase_requests,
    ),
)


def explained(table: str, column: str, kinds: Iterable[Kind] = KINDS) -> bool:
    return any(kind.covers(table, column) for kind in kinds)


def describe(stored: Stored, names: Names) -> list[tuple[str, list[str]]]:
    """(heading, lines) for every kind of data stored about the member, in reading order; what
    no kind explains comes last, generically, under OTHER_HEADING."""
    sections: dict[str, list[str]] = {}
    for kind in KINDS:
        lines = kind.lines(stored, names)
        if lines:
            sections.setdefault(kind.heading, []).extend(lines)
    other = _unexplained(stored, names)
    if other:
        sections[OTHER_HEADING] = other
    return list(sections.items())


def _unexplained(stored: Stored, names: Names) -> list[str]:
    """A readable line for each row holding a column no kind explains (a new feature's data)."""
    lines = []
    for table in [MEMBERS, *sorted(stored.linked)]:
        for row in stored.rows(table):
            shown = [
                f"{column_words(column)}: {_value(column, value, names)}"
                for column, value in row.items()
                if not explained(table, column)
                and column not in INTERNAL
                and value not in (None, "")
            ]
            if shown:
                lines.append(f"• {column_words(table).capitalize()}: " + ", ".join(shown))
    return lines


def column_words(name: str) -> str:
    """'reminder_campaign_id' -> 'reminder campaign'."""
    return name.removesuffix("_id").replace("_", " ")


def _value(column: str, value: Any, names: Names) -> str:
    if column.endswith("campaign_id"):
        return names.campaign(value)
    if column == "lawmaker":
        return names.lawmaker(str(value))
    return str(value)


# -- the export -----------------------------------------------------------------------------------
ABOUT = {
    "exported_at": "When this file was made (UTC).",
    "member": "Your own row: your settings in this community.",
    "linked": "Every other record that refers to you, by the name of its table.",
    "names": "The titles and names behind the ids in this file, as the bot knows them now.",
    "id": "A record's own number in its table; it means nothing outside this bot.",
    "member_id": "The bot's internal number for you in this community (member.id); it means "
    "nothing outside this bot.",
    "user_id": "Your user id on the chat platform (Discord or Slack), how the bot knows you; "
    "the bot never stores your name.",
    "community_id": "The bot's internal number for this server or workspace.",
    "campaign_id": "The bot's internal number for a campaign; names.campaigns gives its title.",
    "prompt_id": "The bot's internal number for a prompt, a call to action it posted in a channel.",
    "schedule_id": "The bot's internal number for an organizer's posting schedule.",
    "lawmaker": "The lawmaker's bioguide id, the official id Congress gives each of its members "
    "(bioguide.congress.gov); names.lawmakers gives the name. Empty: no lawmaker named.",
    "scope": "Where a report was made, so the same tap counts once: p and the prompt_id, or c, "
    "the campaign_id and your day for a /script report.",
    "subject": "What a message the bot sent was for, like member:12 (your member_id) for a "
    "reminder.",
    "created_by": "The member_id of the organizer who created the schedule.",
    "channel_id": "The chat platform's id of a channel.",
    "message_id": "The chat platform's id of a message the bot sent (never its text).",
    "target": "Where a message that could not be delivered was going.",
    "token": "The single-use code of your /forgetme confirmation button.",
    "outcome": "The outcome's fixed key in its campaign (contact, voicemail, ...).",
}
ABOUT_OTHER_ID = "The bot's internal number of another record; it means nothing outside this bot."


def about(member: Row, linked: Mapping[str, Sequence[Row]]) -> dict[str, str]:
    """What each field name in an export means: the ids above, and any other id it holds."""
    names = {"exported_at", "member", "linked", "names", *member}
    names |= {column for rows in linked.values() for row in rows for column in row}
    return {
        name: ABOUT.get(name, ABOUT_OTHER_ID)
        for name in sorted(names)
        if name in ABOUT or name.endswith("_id")
    }


def wanted(stored: Stored) -> tuple[set[int], set[str]]:
    """The campaign ids and lawmaker bioguide ids whose names the rows need."""
    rows = [row for table in stored.linked for row in stored.rows(table)]
    campaigns = {int(r["campaign_id"]) for r in rows if r.get("campaign_id") is not None}
    lawmakers = {str(r["lawmaker"]) for r in rows if r.get("lawmaker")}
    return campaigns, lawmakers
