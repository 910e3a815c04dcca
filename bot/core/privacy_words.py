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

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from bot.core.stance_rules import stance_text, tag_text
from bot.domain.errors import InvalidInput
from bot.domain.recurrence import parse_recurrence
from bot.domain.stance_models import Stance, Tag
from bot.domain.text import Text, t, tn
from bot.i18n.stored import kept

Row = Mapping[str, Any]
Line = Text | str  # a sentence to translate, or a row's own words (a new feature's columns)
MEMBERS = "members"
OTHER_HEADING = t("Other records kept about you")
INTERNAL = ("id", "member_id", "community_id")  # shown by no sentence: they only link rows
# Babel date patterns: each language writes its own ("8 January" / "8 de enero").
DAY = t("d MMMM")
DAY_OF_YEAR = t("d MMMM y")
MONTH = t("MMMM")
MONTH_OF_YEAR = t("MMMM y")
UNDELIVERED, NOT_NEEDED, SENT = "undelivered", "not needed", "sent"
SEND_OUTCOMES = {  # a dispatch's status, in words (anything else: sent)
    "failed": UNDELIVERED,
    "interrupted": UNDELIVERED,
    "skipped": NOT_NEEDED,
    "stopped": NOT_NEEDED,
}


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 day', '2 days' in English only (log lines); ``many`` for irregular words."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def days_text(n: int) -> Text:
    """'1 day', '30 days', in the reader's language."""
    return tn("{n} day", "{n} days", n, n=n)


@dataclass(frozen=True, slots=True)
class Stored:
    """Everything stored about one member: their members row and every row linked to them."""

    member: Row
    linked: Mapping[str, Sequence[Row]]

    def rows(self, table: str) -> Sequence[Row]:
        return [self.member] if table == MEMBERS and self.member else self.linked.get(table, ())


def _english(text: Text) -> str:
    return text.english()


@dataclass(frozen=True, slots=True)
class Names:
    """Names for the ids the rows hold, looked up by the caller; the community's time zone (for
    the dates of UTC moments), the year it is now (a date in this year is written without it),
    and the reader's language: ``say`` renders a Text in it, ``language`` is its code (for the
    names of months and languages).
    """

    campaigns: Mapping[int, str] = field(default_factory=dict)  # id -> title
    outcomes: Mapping[tuple[int, str], str] = field(default_factory=dict)  # -> "📞 Made contact"
    lawmakers: Mapping[str, str] = field(default_factory=dict)  # bioguide -> "Sen. …"
    year: int = 0
    zone: tzinfo = UTC
    say: Callable[[Text], str] = _english
    language: str = "en"

    def campaign(self, campaign_id: Any) -> str:
        return self.campaigns.get(campaign_id) or self.say(t("campaign #{id}", id=campaign_id))

    def outcome(self, campaign_id: Any, key: str) -> str:
        return self.outcomes.get((campaign_id, key), key)

    def lawmaker(self, bioguide: str) -> str:
        return self.lawmakers.get(bioguide, bioguide)

    def language_name(self, code: str) -> str:
        """'es' -> 'Spanish' for an English reader, 'español' for a Spanish one."""
        try:
            return Locale.parse(code).get_language_name(self.language) or code
        except (UnknownLocaleError, ValueError):
            return code

    def day(self, text: Any) -> str:
        """'2026-01-08' or a UTC moment ('2026-01-08T14:00:00Z', its day in the community) ->
        '8 January' (with the year if not this one); anything else as it is."""
        found = self._date(text)
        if found is None:
            return str(text)
        return self._format(found, DAY if found.year == self.year else DAY_OF_YEAR)

    def month(self, text: Any) -> str:
        """'2026-01' -> 'January' (with the year if not this one); anything else as it is."""
        found = self._date(f"{text}-01")
        if found is None:
            return str(text)
        return self._format(found, MONTH if found.year == self.year else MONTH_OF_YEAR)

    def moment(self, text: Any) -> str:
        """'2026-01-08T19:05:00Z' -> '8 January at 14:05 EST' (in the community's zone)."""
        local = self._local(text)
        if local is None:
            return self.day(text)
        clock = f"{local:%H:%M %Z}"
        return self.say(t("{day} at {time}", day=self.day(text), time=clock))

    def _format(self, day: date, pattern: Text) -> str:
        return format_date(day, self.say(pattern), locale=self.language)

    def _date(self, text: Any) -> date | None:
        local = self._local(text)
        try:
            return local.date() if local else date.fromisoformat(str(text)[:10])
        except ValueError:
            return None

    def _local(self, text: Any) -> datetime | None:
        if "T" not in str(text):
            return None
        try:
            moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.astimezone(self.zone) if moment.tzinfo else None


Lines = Callable[[Stored, Names], list[Line]]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of stored data: its heading, how its rows read, and the columns ("table.column")
    it explains: shown in its lines, or deliberately left out as internal (ids that only link
    rows). Kinds with the same heading share one section."""

    heading: Text
    explains: frozenset[str]
    lines: Lines

    def covers(self, table: str, column: str) -> bool:
        return f"{table}.{column}" in self.explains


# -- the kinds ------------------------------------------------------------------------------------
def _settings(stored: Stored, names: Names) -> list[Line]:
    m = stored.member
    lines: list[Line] = [
        t(
            "Your platform user id: {id} (how the bot knows you; never your name)",
            id=m.get("user_id"),
        )
    ]
    lines.append(
        t("Your ZIP code: {zip} (used to find your lawmakers)", zip=m["zip"])
        if m.get("zip")
        else t("ZIP code: none saved")
    )
    lines.append(
        t(
            "Your congressional district: {district} (used to find your House member)",
            district=m["district"],
        )
        if m.get("district")
        else t("Congressional district: none saved")
    )
    if m.get("district_check"):
        asked = m.get("district_check_asked_at")
        lines.append(
            t(
                "New lawmaker data changed your saved district, so you are asked to confirm it "
                "(saving your ZIP code or district again clears this); asked {day}",
                day=names.day(asked),
            )
            if asked
            else t(
                "New lawmaker data changed your saved district, so you are asked to confirm it "
                "(saving your ZIP code or district again clears this)"
            )
        )
    lines.append(
        t("Your time zone: {zone} (so reminders come at your own time)", zone=m["timezone"])
        if m.get("timezone")
        else t("Time zone: none chosen (reminders follow your ZIP code's, else the community's)")
    )
    lines.append(
        t(
            "Your language: {language} (you chose it with /language)",
            language=names.language_name(str(m["language"])),
        )
        if m.get("language")
        else t("Language: none chosen (your platform's, else the community's)")
    )
    lines.append(
        t("Leaderboard: hidden (your calls still count in the totals)")
        if m.get("leaderboard_opt_out")
        else t("Leaderboard: you can appear on it")
    )
    if m.get("created_at"):
        lines.append(t("First seen: {day}", day=names.day(m["created_at"])))
    return lines


def _reminders(stored: Stored, names: Names) -> list[Line]:
    m = stored.member
    state = next(iter(stored.rows("reminder_state")), {})
    lines: list[Line]
    if not m.get("reminders_enabled"):
        lines = [t("Reminders: off")]
    else:
        at = m.get("reminder_time") or "09:00"
        since = names.day(state["enabled_at"]) if state.get("enabled_at") else None
        if state.get("weekdays_only"):
            line = (
                t("Reminders: on, weekdays at {time} (since {day})", time=at, day=since)
                if since
                else t("Reminders: on, weekdays at {time}", time=at)
            )
        else:
            line = (
                t("Reminders: on, every day at {time} (since {day})", time=at, day=since)
                if since
                else t("Reminders: on, every day at {time}", time=at)
            )
        lines = [line]
    if state.get("campaign_id"):
        lines.append(
            t(
                "Your reminders carry: {campaign} (your choice)",
                campaign=names.campaign(state["campaign_id"]),
            )
        )
    if state.get("snoozed_until"):
        lines.append(
            t(
                "Today's reminder is snoozed until {when}",
                when=names.moment(state["snoozed_until"]),
            )
        )
    if state.get("zip_asked_on"):
        lines.append(
            t(
                "Told once that reminders need a ZIP code ({day})",
                day=names.day(state["zip_asked_on"]),
            )
        )
    return lines


def _report_line(row: Row, names: Names) -> Text:
    campaign = row.get("campaign_id")
    values = {
        "day": names.day(row.get("day")),
        "campaign": names.campaign(campaign),
        "outcome": names.outcome(campaign, str(row.get("outcome"))),
        "lawmaker": names.lawmaker(str(row.get("lawmaker") or "")),
        "note": row.get("note"),
    }
    if row.get("lawmaker") and row.get("note"):
        return t("• {day}: {campaign}: {outcome} ({lawmaker}), your note: “{note}”", **values)
    if row.get("lawmaker"):
        del values["note"]
        return t("• {day}: {campaign}: {outcome} ({lawmaker})", **values)
    del values["lawmaker"]
    if row.get("note"):
        return t("• {day}: {campaign}: {outcome}, your note: “{note}”", **values)
    del values["note"]
    return t("• {day}: {campaign}: {outcome}", **values)


def _latest(rows: Sequence[Row], column: str) -> Sequence[Row]:
    return sorted(rows, key=lambda r: str(r.get(column) or ""), reverse=True)


def _actions(stored: Stored, names: Names) -> list[Line]:
    rows = _latest(stored.rows("actions"), "at")
    if not rows:
        return []
    n, day = len(rows), names.day(rows[0].get("day"))
    first = tn(
        "{n} call you reported, on {day}",
        "{n} calls you reported, the latest on {day}",
        n,
        n=n,
        day=day,
    )
    return [first, *(_report_line(row, names) for row in rows)]


def _one_taps(stored: Stored, names: Names) -> list[Line]:
    rows = _latest(stored.rows("one_tap_marks"), "at")
    if not rows:
        return []
    lines: list[Line] = [
        tn(
            "{n} reaction or button press of yours on prompts",
            "{n} reactions or button presses of yours on prompts",
            len(rows),
            n=len(rows),
        )
    ]
    for row in rows:
        campaign = row.get("campaign_id")
        values = {
            "day": names.day(row.get("day")),
            "campaign": names.campaign(campaign),
            "outcome": names.outcome(campaign, str(row.get("outcome"))),
        }
        lines.append(
            t("• {day}: {campaign}: {outcome} (reaction {mark})", mark=row["mark"], **values)
            if row.get("mark")
            else t("• {day}: {campaign}: {outcome} (button)", **values)
        )
    return lines


def _calls(what: str, n: int) -> Text:
    return tn("{what}: {n} call", "{what}: {n} calls", n, what=what, n=n)


def _counts(stored: Stored, names: Names) -> list[Line]:
    lines: list[Line] = []
    for r in stored.rows("action_member_totals"):
        n = int(r["actions"])
        lines.append(
            tn(
                "In all: {n} call, the latest on {day}",
                "In all: {n} calls, the latest on {day}",
                n,
                n=n,
                day=names.day(r["last_day"]),
            )
        )
    lines += [
        _calls(names.campaign(r["campaign_id"]), int(r["actions"]))
        for r in stored.rows("action_counts_by_member")
    ]
    for r in sorted(stored.rows("action_member_months"), key=lambda r: str(r["month"])):
        n = int(r["actions"])
        lines.append(
            tn("{month}: {n} call", "{month}: {n} calls", n, month=names.month(r["month"]), n=n)
        )
    for r in sorted(stored.rows("action_window_members"), key=lambda r: int(r["days"])):
        n = int(r["actions"])
        lines.append(
            tn(
                "The {days} days before today (for the leaderboard): {n} call",
                "The {days} days before today (for the leaderboard): {n} calls",
                n,
                days=r["days"],
                n=n,
            )
        )
    days = sorted(str(r["day"]) for r in stored.rows("action_member_days"))
    if days:
        lines.append(
            tn(
                "Calls counted per day on {n} day, from {first} to {last}",
                "Calls counted per day on {n} days, from {first} to {last}",
                len(days),
                n=len(days),
                first=names.day(days[0]),
                last=names.day(days[-1]),
            )
        )
    return lines


def _outcome_words(outcome: str, n: int) -> Text:
    if outcome == UNDELIVERED:
        return tn("{n} could not be delivered", "{n} could not be delivered", n, n=n)
    if outcome == NOT_NEEDED:
        return tn("{n} not needed", "{n} not needed", n, n=n)
    return tn("{n} sent", "{n} sent", n, n=n)


def _sends(kind: str, n: int, day: str) -> Text:
    """'2 reminders sent to you, the latest on 7 January'."""
    if kind == "reminder":
        return tn(
            "{n} reminder sent to you, on {day}",
            "{n} reminders sent to you, the latest on {day}",
            n,
            n=n,
            day=day,
        )
    if kind == "snooze":
        return tn(
            "{n} snoozed reminder sent to you, on {day}",
            "{n} snoozed reminders sent to you, the latest on {day}",
            n,
            n=n,
            day=day,
        )
    return tn(
        "{n} {kind} message sent to you, on {day}",
        "{n} {kind} messages sent to you, the latest on {day}",
        n,
        n=n,
        kind=kind,
        day=day,
    )


def _sends_with_outcomes(kind: str, n: int, day: str, outcomes: str) -> Text:
    """'2 reminders for you, the latest on 7 January: 1 could not be delivered, 1 sent'."""
    values = {"n": n, "day": day, "outcomes": outcomes}
    if kind == "reminder":
        return tn(
            "{n} reminder for you, on {day}: {outcomes}",
            "{n} reminders for you, the latest on {day}: {outcomes}",
            n,
            **values,
        )
    if kind == "snooze":
        return tn(
            "{n} snoozed reminder for you, on {day}: {outcomes}",
            "{n} snoozed reminders for you, the latest on {day}: {outcomes}",
            n,
            **values,
        )
    return tn(
        "{n} {kind} message for you, on {day}: {outcomes}",
        "{n} {kind} messages for you, the latest on {day}: {outcomes}",
        n,
        kind=kind,
        **values,
    )


def _sent(stored: Stored, names: Names) -> list[Line]:
    lines: list[Line] = []
    sends = _latest(stored.rows("dispatches"), "started_at")
    for kind, n in Counter(str(r.get("kind")) for r in sends).items():
        mine = [r for r in sends if r.get("kind") == kind]
        day = names.day(mine[0]["started_at"])
        outcomes = Counter(SEND_OUTCOMES.get(str(r.get("status")), SENT) for r in mine)
        if set(outcomes) == {SENT}:
            lines.append(_sends(kind, n, day))
        else:
            parts = ", ".join(
                names.say(_outcome_words(outcome, outcomes[outcome]))
                for outcome in (UNDELIVERED, NOT_NEEDED, SENT)
                if outcome in outcomes
            )
            lines.append(_sends_with_outcomes(kind, n, day, parts))
    routes = _latest(stored.rows("dm_routes"), "sent_at")
    if routes:
        lines.append(
            tn(
                "The ids (never the text) of {n} direct message the bot sent you, on {day}, "
                "so your reactions on them count",
                "The ids (never the text) of {n} direct messages the bot sent you, the latest "
                "on {day}, so your reactions on them count",
                len(routes),
                n=len(routes),
                day=names.day(routes[0]["sent_at"]),
            )
        )
    if stored.rows("dm_channels"):
        lines.append(
            t(
                "The id (never a message) of your direct-message channel with the bot, so a "
                "message to you takes one request to the platform"
            )
        )
    for r in _latest(stored.rows("delivery_failures"), "at"):
        lines.append(
            t(
                "• {day}: a {purpose} could not reach you: {reason}",
                day=names.day(r.get("at")),
                purpose=kept(r.get("purpose")) or "",
                reason=kept(r.get("reason")) or "",
            )
        )
    return lines


def _schedules(stored: Stored, names: Names) -> list[Line]:
    lines: list[Line] = []
    for r in stored.rows("schedules"):
        when: Any
        try:
            when = parse_recurrence(str(r["recurrence"])).summary
        except InvalidInput:  # an old or odd rule still reads as written
            when = str(r["recurrence"])
        values = {
            "id": r["id"],
            "campaign": names.campaign(r["campaign_id"]),
            "channel": r["channel_id"],
            "when": when,
            "zone": r["timezone"],
        }
        lines.append(
            t("• #{id}: {campaign} in channel {channel}, {when} ({zone}), paused", **values)
            if r.get("paused")
            else t("• #{id}: {campaign} in channel {channel}, {when} ({zone})", **values)
        )
    return lines


def _district_asks(stored: Stored, names: Names) -> list[Line]:
    lines: list[Line] = []
    for r in _latest(stored.rows("district_check_asks"), "started_at"):
        when = names.moment(r.get("started_at"))
        if r.get("status") == "interrupted":
            lines.append(
                t(
                    "The message asking you to confirm your district, sent {when}, was cut off "
                    "by a stop of the bot and is not sent again; this note is deleted once "
                    "organizers are told how many such messages were cut off (never who)",
                    when=when,
                )
            )
        else:
            lines.append(
                t(
                    "The message asking you to confirm your district is on its way ({when})",
                    when=when,
                )
            )
    return lines


def _tags(stored: Stored, names: Names) -> list[Line]:
    rows = _latest(stored.rows("action_tags"), "at")
    if not rows:
        return []
    called = {r.get("id"): str(r.get("lawmaker") or "") for r in stored.rows("actions")}
    lines: list[Line] = [
        tn(
            "{n} call you tagged with what the office said",
            "{n} calls you tagged with what the office said",
            len(rows),
            n=len(rows),
        )
    ]
    for row in rows:
        lines.append(
            t(
                "• {day}: {campaign}: {lawmaker}: “{tag}”",
                day=names.day(row.get("at")),
                campaign=names.campaign(row.get("campaign_id")),
                lawmaker=names.lawmaker(called.get(row.get("action_id"), "")),
                tag=tag_text(Tag(str(row["tag"]))),
            )
        )
    return lines


def _stances_set(stored: Stored, names: Names) -> list[Line]:
    lines: list[Line] = []
    for row in _latest(stored.rows("stance_history"), "set_at"):
        values = {
            "day": names.day(row.get("set_at")),
            "campaign": names.campaign(row.get("campaign_id")),
            "lawmaker": names.lawmaker(str(row.get("lawmaker") or "")),
            "stance": stance_text(Stance(str(row["stance"]))),
        }
        lines.append(
            t(
                "• {day}: {campaign}: {lawmaker} {stance}, your note: “{note}”",
                note=row["note"],
                **values,
            )
            if row.get("note")
            else t("• {day}: {campaign}: {lawmaker} {stance}", **values)
        )
    return lines


def _erase_requests(stored: Stored, names: Names) -> list[Line]:
    return [
        t(
            "You asked to erase everything on {when}; the button works for an hour after that",
            when=names.moment(r["created_at"]),
        )
        for r in stored.rows("erase_requests")
    ]


def _dashboard_links(stored: Stored, names: Names) -> list[Line]:
    return [
        t(
            "A private dashboard link you asked for on {made}, working until {until}",
            made=names.moment(r["created_at"]),
            until=names.moment(r["expires_at"]),
        )
        for r in stored.rows("dashboard_links")
    ]


def _columns(**tables: str) -> frozenset[str]:
    """_columns(actions="id at") -> {"actions.id", "actions.at"}."""
    return frozenset(f"{table}.{c}" for table, columns in tables.items() for c in columns.split())


KINDS: tuple[Kind, ...] = (
    Kind(
        t("Your settings"),
        _columns(
            members="id community_id user_id zip district timezone leaderboard_opt_out created_at "
            "district_check district_check_asked_at language"
        ),
        _settings,
    ),
    Kind(
        t("Your settings"),
        _columns(
            members="reminders_enabled reminder_time",
            reminder_state="member_id enabled_at snoozed_until zip_asked_on weekdays_only "
            "campaign_id",
        ),
        _reminders,
    ),
    Kind(
        t("Calls you reported"),
        _columns(
            actions="id community_id member_id campaign_id prompt_id scope lawmaker outcome at "
            "day member_day note"
        ),
        _actions,
    ),
    Kind(
        t("Your one-tap reports on prompts"),
        _columns(
            one_tap_marks="seq community_id member_id campaign_id scope mark outcome at day "
            "member_day"
        ),
        _one_taps,
    ),
    Kind(
        t("Your call counts (for /mystats and the leaderboard)"),
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
        t("Messages the bot sent you"),
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
        t("Messages the bot sent you"),
        _columns(district_check_asks="id member_id status started_at"),
        _district_asks,
    ),
    Kind(
        t("Schedules you created (as an organizer)"),
        _columns(
            schedules="id community_id campaign_id channel_id recurrence timezone starts_on "
            "ends_on paused created_by created_at checked_until notice notice_at"
        ),
        _schedules,
    ),
    Kind(
        t("Calls you reported"),
        _columns(action_tags="action_id member_id community_id campaign_id tag at"),
        _tags,
    ),
    Kind(
        t("Stances you set (as an organizer)"),
        _columns(
            stance_history="id community_id campaign_id lawmaker stance set_by set_at note "
            "from_supports from_opposes from_undecided from_no_answer"
        ),
        _stances_set,
    ),
    Kind(
        t("Your /forgetme confirmation"),
        _columns(erase_requests="token member_id created_at"),
        _erase_requests,
    ),
    Kind(
        t("Dashboard links you asked for (as an organizer)"),
        _columns(
            dashboard_links="link_id community_id member_id campaign_id created_at expires_at"
        ),
        _dashboard_links,
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
ABOUT = {  # what each field of an export means, in the reader's language
    "exported_at": t("When this file was made (UTC)."),
    "member": t("Your own row: your settings in this community."),
    "linked": t("Every other record that refers to you, by the name of its table."),
    "names": t("The titles and names behind the ids in this file, as the bot knows them now."),
    "id": t("A record's own number in its table; it means nothing outside this bot."),
    "member_id": t(
        "The bot's internal number for you in this community (member.id); it means nothing "
        "outside this bot."
    ),
    "user_id": t(
        "Your user id on the chat platform (Discord or Slack), how the bot knows you; the bot "
        "never stores your name."
    ),
    "community_id": t("The bot's internal number for this server or workspace."),
    "campaign_id": t("The bot's internal number for a campaign; names.campaigns gives its title."),
    "prompt_id": t(
        "The bot's internal number for a prompt, a call to action it posted in a channel."
    ),
    "schedule_id": t("The bot's internal number for an organizer's posting schedule."),
    "lawmaker": t(
        "The lawmaker's bioguide id, the official id Congress gives each of its members "
        "(bioguide.congress.gov); names.lawmakers gives the name. Empty: no lawmaker named."
    ),
    "scope": t(
        "Where a report was made, so the same tap counts once: p and the prompt_id, or c, the "
        "campaign_id and your day for a /script report."
    ),
    "subject": t(
        "What a message the bot sent was for, like member:12 (your member_id) for a reminder."
    ),
    "created_by": t("The member_id of the organizer who created the schedule."),
    "channel_id": t("The chat platform's id of a channel."),
    "message_id": t("The chat platform's id of a message the bot sent (never its text)."),
    "target": t("Where a message that could not be delivered was going."),
    "token": t("The single-use code of your /forgetme confirmation button."),
    "outcome": t("The outcome's fixed key in its campaign (contact, voicemail, ...)."),
}
ABOUT_OTHER_ID = t(
    "The bot's internal number of another record; it means nothing outside this bot."
)


def about(member: Row, linked: Mapping[str, Sequence[Row]]) -> dict[str, Text]:
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
