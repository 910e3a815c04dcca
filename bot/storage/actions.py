"""Repository for actions: a batch of reports is read and written in one transaction.

The batch reads the rows its entries touch (by key, and the members' rows of the day for the
daily cap), lets the core apply its rules, and writes the net change with ``executemany``:
a handful of statements whatever the batch size. Roll-ups are kept by triggers
(migration 0003), never here.

The same SQL runs on both backends, but for lists of values: SQLite reads a JSON array
(``json_each``), PostgreSQL an array parameter (``unnest``). On PostgreSQL several processes
may record at once, so a batch first locks the actions table against other writers (readers go
on): like SQLite's single writer, each batch then reads what every earlier one wrote, takes ids
no other batch takes, and updates the roll-ups in one order (never a deadlock).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import date

from bot.domain.action_models import NOTE_OUTCOME, Action, CampaignState, DayCount, Mark
from bot.domain.campaign_models import CampaignStatus
from bot.storage.database import Database, Row, Transaction
from bot.storage.sql import in_values, values_param

_KEY_JOIN = {
    "sqlite": (
        "FROM json_each(?) AS k JOIN actions AS a "
        "ON a.member_id = json_extract(k.value, '$[0]') "
        "AND a.scope = json_extract(k.value, '$[1]') "
        "AND a.lawmaker = json_extract(k.value, '$[2]')"
    ),
    "postgresql": (
        "FROM unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[])) "
        "AS k (member_id, scope, lawmaker) JOIN actions AS a ON a.member_id = k.member_id "
        "AND a.scope = k.scope AND a.lawmaker = k.lawmaker"
    ),
}
MANY_SCOPES = 20  # above this, a batch's keys are looked up one by one
COLUMNS = (
    "id, community_id, member_id, campaign_id, prompt_id, scope, lawmaker, outcome, at, day, "
    "member_day, note"
)

MARK_COLUMNS = (
    "seq, community_id, member_id, campaign_id, scope, mark, outcome, at, day, member_day"
)

_PREFIXED = ", ".join(f"a.{c.strip()}" for c in COLUMNS.split(","))
_MARKS_PREFIXED = ", ".join(f"m.{c.strip()}" for c in MARK_COLUMNS.split(","))
_GROUP_JOIN_PG = (
    "FROM unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[])) AS k (member_id, scope) "
    "JOIN one_tap_marks AS m ON m.member_id = k.member_id AND m.scope = k.scope"
)


def action_of(row: Row) -> Action:
    return Action(
        id=row["id"],
        community_id=row["community_id"],
        member_id=row["member_id"],
        campaign_id=row["campaign_id"],
        prompt_id=row["prompt_id"],
        scope=row["scope"],
        lawmaker=row["lawmaker"],
        outcome=row["outcome"],
        at=row["at"],
        day=row["day"],
        member_day=row["member_day"],
        note=row["note"],
    )


class ActionBatch:
    """Reads and writes of one batch, inside its transaction."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._in = in_values(tx.dialect)
        self._states: dict[int, CampaignState] = {}  # read with the prompts

    def _ids_param(self, ids: Iterable[int]) -> object:
        return values_param(self._tx.dialect, sorted(set(ids)))

    async def existing_members(self, member_ids: Iterable[int]) -> set[int]:
        rows = await self._tx.fetchall(
            f"SELECT id FROM members WHERE id {self._in}", (self._ids_param(member_ids),)
        )
        return {row[0] for row in rows}

    async def existing_prompts(self, prompt_ids: Iterable[int]) -> set[int]:
        """The prompts still there; their campaigns' states are read with them, so
        :meth:`campaign_states` asks again only for campaigns named without a prompt."""
        rows = await self._tx.fetchall(
            "SELECT p.id, c.id, c.status, c.starts_on, c.ends_on FROM prompts AS p "
            f"JOIN campaigns AS c ON c.id = p.campaign_id WHERE p.id {self._in}",
            (self._ids_param(prompt_ids),),
        )
        self._states.update((row[1], _state(row[2:])) for row in rows)
        return {row[0] for row in rows}

    async def campaign_states(self, campaign_ids: Iterable[int]) -> dict[int, CampaignState]:
        wanted = set(campaign_ids)
        unread = wanted - self._states.keys()
        if unread:
            rows = await self._tx.fetchall(
                f"SELECT id, status, starts_on, ends_on FROM campaigns WHERE id {self._in}",
                (self._ids_param(unread),),
            )
            self._states.update((row[0], _state(row[1:])) for row in rows)
        return {c: self._states[c] for c in wanted if c in self._states}

    async def load(
        self,
        keys: Iterable[tuple[int, str, str]],
        groups: Iterable[tuple[int, str]],
        days: Iterable[tuple[int, str]],
        follow_days: Iterable[tuple[int, str]],
    ) -> tuple[list[Action], list[DayCount], list[Mark]]:
        """What the ledger needs for a batch: the actions with these (member, scope, lawmaker)
        keys; every mark of the one-tap ``groups`` (member, scope); every action and every
        marked scope of the member days per-lawmaker reports touch (``follow_days``, and the
        days of the per-lawmaker actions found); and the counts of every member day in
        ``days`` or among what was found."""
        actions = {a.id: a for a in await self._by_keys(set(keys))}
        marks = {_mark_key(m): m for m in await self._marks_in(set(groups))}
        follow = set(follow_days) | {
            (a.member_id, a.member_day) for a in actions.values() if a.lawmaker
        }
        if follow:
            for action in await self._on_days(follow):
                actions[action.id] = action
            for mark in await self._groups_on(follow):
                marks[_mark_key(mark)] = mark
        counted = set(days)
        counted |= {(a.member_id, a.member_day) for a in actions.values()}
        counted |= {(m.member_id, m.member_day) for m in marks.values()}
        return list(actions.values()), await self._counts(counted), list(marks.values())

    async def _by_keys(self, wanted: set[tuple[int, str, str]]) -> list[Action]:
        """The rows with these (member, scope, lawmaker) keys.

        On PostgreSQL one statement over the list of keys (one round trip for the batch). On
        SQLite, where a statement costs no round trip, a batch is mostly reports on a few
        prompts, so it asks once per scope for its members (index seeks on member and scope);
        many scopes are looked up key by key.
        """
        by_scope: defaultdict[str, set[int]] = defaultdict(set)
        for member_id, scope, _ in wanted:
            by_scope[scope].add(member_id)
        if by_scope and (self._tx.dialect == "postgresql" or len(by_scope) > MANY_SCOPES):
            keys = sorted(wanted)
            params: tuple[object, ...] = (
                (json.dumps(keys),)
                if self._tx.dialect == "sqlite"
                else tuple(list(column) for column in zip(*keys, strict=True))
            )
            rows = await self._tx.fetchall(
                f"SELECT {_PREFIXED} {_KEY_JOIN[self._tx.dialect]}", params
            )
            return [action_of(row) for row in rows]
        found = []
        for scope, members in by_scope.items():
            rows = await self._tx.fetchall(
                f"SELECT {COLUMNS} FROM actions WHERE scope = ? AND member_id {self._in}",
                (scope, self._ids_param(members)),
            )
            found += [action_of(r) for r in rows if (r[2], r[5], r[6]) in wanted]
        return found

    async def _on_days(self, days: set[tuple[int, str]]) -> list[Action]:
        """Every action of these (member, member day) pairs."""
        found = []
        for day, members in _by_second(days).items():
            rows = await self._tx.fetchall(
                f"SELECT {COLUMNS} FROM actions WHERE member_day = ? AND member_id {self._in}",
                (day, self._ids_param(members)),
            )
            found += [action_of(r) for r in rows]
        return found

    async def _marks_in(self, groups: set[tuple[int, str]]) -> list[Mark]:
        """Every one-tap mark of these (member, scope) pairs (as :meth:`_by_keys` does)."""
        if groups and self._tx.dialect == "postgresql":  # one statement: one round trip
            pairs = sorted(groups)
            rows = await self._tx.fetchall(
                f"SELECT {_MARKS_PREFIXED} {_GROUP_JOIN_PG}",
                ([p[0] for p in pairs], [p[1] for p in pairs]),
            )
            return [Mark(*r) for r in rows]
        found = []
        for scope, members in _by_second(groups).items():
            rows = await self._tx.fetchall(
                f"SELECT {MARK_COLUMNS} FROM one_tap_marks WHERE scope = ? "
                f"AND member_id {self._in}",
                (scope, self._ids_param(members)),
            )
            found += [Mark(*r) for r in rows]
        return found

    async def _groups_on(self, days: set[tuple[int, str]]) -> list[Mark]:
        """Every mark of each scope that has a mark on one of these (member, member day)."""
        found = []
        for day, members in _by_second(days).items():
            rows = await self._tx.fetchall(
                f"SELECT {MARK_COLUMNS} FROM one_tap_marks WHERE (member_id, scope) IN "
                "(SELECT member_id, scope FROM one_tap_marks WHERE member_day = ? "
                f"AND member_id {self._in})",
                (day, self._ids_param(members)),
            )
            found += [Mark(*r) for r in rows]
        return found

    async def _counts(self, days: set[tuple[int, str]]) -> list[DayCount]:
        """Actions per member, campaign and lawmaker on these (member, member day) pairs."""
        found = []
        for day, members in _by_second(days).items():
            rows = await self._tx.fetchall(
                "SELECT member_id, campaign_id, member_day, lawmaker, count(*) FROM actions "
                f"WHERE member_day = ? AND member_id {self._in} "
                "GROUP BY member_id, campaign_id, member_day, lawmaker",
                (day, self._ids_param(members)),
            )
            found += [DayCount(*r) for r in rows]
        return found

    async def next_id(self) -> int:
        """The id the next new action gets. Ids are never reused: SQLite's AUTOINCREMENT
        remembers the highest ever given; on PostgreSQL the ids the batch writes move the
        column's sequence on (:meth:`write`), and this takes the sequence's next value."""
        if self._tx.dialect == "postgresql":
            return int(await self._tx.fetchval(f"SELECT nextval({_SEQUENCE})"))
        given = await self._tx.fetchval("SELECT seq FROM sqlite_sequence WHERE name = 'actions'")
        highest = await self._tx.fetchval("SELECT max(id) FROM actions")
        return max(given or 0, highest or 0) + 1

    async def write(
        self,
        inserts: Iterable[Action],
        updates: Iterable[Action],
        deletes: Iterable[int],
        mark_writes: Iterable[Mark] = (),
        mark_deletes: Iterable[tuple[int, str, str]] = (),
    ) -> None:
        inserts = list(inserts)
        taken_back = list(mark_deletes)
        if taken_back:  # (each statement is a round trip, even with no rows)
            await self._tx.executemany(
                "DELETE FROM one_tap_marks WHERE member_id = ? AND scope = ? AND mark = ?",
                taken_back,
            )
        marks = list(mark_writes)
        distinct = len({_mark_key(m) for m in marks}) == len(marks)
        together = self._tx.dialect == "postgresql" and distinct  # written below, with inserts
        if marks and not together:  # one statement may change a row only once
            await self._tx.executemany(
                f"INSERT INTO one_tap_marks ({MARK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                f"ON CONFLICT (member_id, scope, mark) DO UPDATE SET {_MARK_UPDATE}",
                marks,
            )
        gone = sorted(set(deletes))
        if gone:  # one statement (PostgreSQL's roll-up triggers then run once for it)
            await self._tx.execute(
                f"DELETE FROM actions WHERE id {self._in}", (values_param(self._tx.dialect, gone),)
            )
        changed = [(a.outcome, a.at, a.day, a.member_day, a.note, a.id) for a in updates]
        if changed:
            await self._tx.executemany(
                "UPDATE actions SET outcome = ?, at = ?, day = ?, member_day = ?, note = ? "
                "WHERE id = ?",
                changed,
            )
        rows = [
            (
                a.id,
                a.community_id,
                a.member_id,
                a.campaign_id,
                a.prompt_id,
                a.scope,
                a.lawmaker,
                a.outcome,
                a.at,
                a.day,
                a.member_day,
            )
            for a in inserts
        ]
        if self._tx.dialect == "postgresql":
            last_id = max((a.id for a in inserts), default=0)
            await self._write_together(marks if together else [], rows, last_id)
        elif rows:
            await self._tx.executemany(_INSERT_ACTIONS, rows)

    async def _write_together(
        self, marks: list[Mark], rows: list[tuple[object, ...]], last_id: int
    ) -> None:
        """PostgreSQL: the marks' upsert, the new actions and the sequence moved past their
        ids, in one statement (one round trip). Each INSERT takes a column per array, so the
        roll-up triggers run once over all the new actions (0006)."""
        parts: list[str] = []
        params: list[object] = []
        if marks:
            parts.append(f"marks AS ({_UPSERT_MARKS_PG})")
            params += [list(column) for column in zip(*marks, strict=True)]
        if rows:
            parts.append(f"new AS ({_INSERT_ACTIONS_PG})")
            params += [list(column) for column in zip(*rows, strict=True)]
            params.append(last_id)
        if parts:
            last = f"SELECT setval({_SEQUENCE}, ?)" if rows else "SELECT 1"
            await self._tx.execute(f"WITH {', '.join(parts)} {last}", params)


class ActionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[ActionBatch]:
        """One transaction for a batch of reports; an exception writes nothing."""
        async with self._db.transaction() as tx:
            await lock_actions(tx)
            yield ActionBatch(tx)

    async def get(self, community_id: int, action_id: int) -> Action | None:
        row = await self._db.fetchone(
            f"SELECT {COLUMNS} FROM actions WHERE id = ? AND community_id = ?",
            (action_id, community_id),
        )
        return action_of(row) if row else None

    async def set_note(self, action_id: int, member_id: int, note: str) -> Action | None:
        """Save the note on the member's own 'made contact' action; None if there is none."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE actions SET note = ? WHERE id = ? AND member_id = ? AND outcome = ?",
                (note, action_id, member_id, NOTE_OUTCOME),
            )
            row = await tx.fetchone(
                f"SELECT {COLUMNS} FROM actions WHERE id = ? AND member_id = ? AND outcome = ?",
                (action_id, member_id, NOTE_OUTCOME),
            )
        return action_of(row) if row else None

    async def acted_between(self, community_id: int, member_id: int, start: str, end: str) -> bool:
        row = await self._db.fetchone(
            "SELECT 1 FROM actions WHERE member_id = ? AND community_id = ? "
            "AND at >= ? AND at < ? LIMIT 1",
            (member_id, community_id, start, end),
        )
        return row is not None


async def lock_actions(tx: Transaction) -> None:
    """On PostgreSQL, keep other writers of actions (and so of their roll-ups) waiting until
    ``tx`` ends; readers are not held. Every transaction that writes actions several rows at a
    time takes it first, so their roll-up updates never wait on each other in a circle.
    SQLite has one writer at a time already."""
    if tx.dialect == "postgresql":
        await tx.execute("LOCK TABLE actions IN SHARE ROW EXCLUSIVE MODE")


_SEQUENCE = "pg_get_serial_sequence('actions', 'id')"
_INSERTED = (
    "actions (id, community_id, member_id, campaign_id, prompt_id, scope, lawmaker, outcome, "
    "at, day, member_day)"
)
_INSERT_ACTIONS = f"INSERT INTO {_INSERTED} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_ACTIONS_PG = (  # every row in one statement: a column per array
    f"INSERT INTO {_INSERTED} SELECT * FROM unnest("
    + ", ".join(f"CAST(? AS {kind}[])" for kind in ["BIGINT"] * 5 + ["TEXT"] * 6)
    + ")"
)
_MARK_UPDATE = ", ".join(
    f"{column} = excluded.{column}"
    for column in ("seq", "community_id", "campaign_id", "outcome", "at", "day", "member_day")
)
_UPSERT_MARKS_PG = (  # every mark in one statement (keys distinct): a column per array
    f"INSERT INTO one_tap_marks ({MARK_COLUMNS}) SELECT * FROM unnest("
    + ", ".join(f"CAST(? AS {kind}[])" for kind in ["BIGINT"] * 4 + ["TEXT"] * 6)
    + f") ON CONFLICT (member_id, scope, mark) DO UPDATE SET {_MARK_UPDATE}"
)


def _mark_key(mark: Mark) -> tuple[int, str, str]:
    return (mark.member_id, mark.scope, mark.mark)


def _by_second(pairs: Iterable[tuple[int, str]]) -> dict[str, set[int]]:
    """(member, text) pairs -> text -> members: one query per scope or day."""
    grouped: defaultdict[str, set[int]] = defaultdict(set)
    for member_id, text in pairs:
        grouped[text].add(member_id)
    return grouped


def _state(row: Sequence[str | None]) -> CampaignState:
    """(status, starts_on, ends_on) as stored -> CampaignState."""
    return CampaignState(CampaignStatus(row[0]), _day(row[1]), _day(row[2]))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
