"""/privacy in plain words: every member-linked table and column is described, a table nobody
described still shows readably, and the sentences say what a volunteer needs to know."""

from __future__ import annotations

from bot.core.privacy_words import (
    MEMBERS,
    OTHER_HEADING,
    Names,
    Stored,
    describe,
    explained,
)
from bot.domain.models import Platform
from bot.services import Services
from bot.settings import Settings
from bot.storage.migrations import migrate
from bot.storage.open import open_database
from bot.storage.privacy import member_links
from bot.storage.sql import columns

SANDERS = "S000033"
NAMES = Names(
    campaigns={1: "Keep tax records confidential"},
    outcomes={(1, "contact"): "📞 Made contact", (1, "voicemail"): "📫 Left a voicemail"},
    lawmakers={SANDERS: "Sen. Bernard Sanders (I-VT)"},
    year=2026,
)
MEMBER = {
    "id": 2,
    "community_id": 1,
    "user_id": "vol42x",
    "zip": "05401",
    "district": "VT-AL",
    "timezone": None,
    "reminders_enabled": 1,
    "reminder_time": "09:00",
    "leaderboard_opt_out": 0,
    "created_at": "2026-01-02T15:00:00Z",
}


def action(day: str, outcome: str, lawmaker: str = "", note: str | None = None) -> dict:
    return {
        "id": 1,
        "community_id": 1,
        "member_id": 2,
        "campaign_id": 1,
        "prompt_id": 1,
        "scope": "p1",
        "lawmaker": lawmaker,
        "outcome": outcome,
        "at": f"{day}T15:00:00Z",
        "day": day,
        "member_day": day,
        "note": note,
    }


def reminder(day: str, status: str = "sent") -> dict:
    return {
        "id": 7,
        "community_id": 1,
        "kind": "reminder",
        "subject": "member:2",
        "slot": f"{day}T14:00:00Z",
        "schedule_id": None,
        "member_id": 2,
        "status": status,
        "detail": None,
        "channel_id": None,
        "message_id": "m1",
        "started_at": f"{day}T14:00:00Z",
        "finished_at": f"{day}T14:00:01Z",
    }


def text_of(stored: Stored) -> str:
    return "\n".join(
        f"{h}: " + "\n".join(str(line) for line in lines) for h, lines in describe(stored, NAMES)
    )


async def test_every_member_linked_table_and_column_has_plain_words(settings: Settings) -> None:
    """A new member-linked table (or a new column of one, or of members) fails here until
    bot/core/privacy_words.py says how it reads."""
    db = await open_database(settings)
    try:
        await migrate(db)
        tables = {MEMBERS} | {link.table for link in await member_links(db)}
        missing = []
        for table in sorted(tables):
            for column in await columns(db, table):
                if not explained(table, column.name):
                    missing.append(f"{table}.{column.name}")
    finally:
        await db.close()
    assert {"actions", "dispatches", "reminder_state"} <= tables
    assert missing == [], f"describe these in bot/core/privacy_words.py (KINDS): {missing}"


def test_the_issues_examples_read_as_sentences() -> None:
    """ZIP, reminders, calls and reminders sent each read as one plain sentence."""
    stored = Stored(
        MEMBER,
        {
            "actions": [
                action("2026-01-05", "contact", SANDERS),
                action("2026-01-07", "voicemail"),
                action("2026-01-08", "contact", note="staffer took my name"),
            ],
            "reminder_state": [
                {
                    "member_id": 2,
                    "enabled_at": "2026-01-02T15:00:00Z",
                    "snoozed_until": None,
                    "zip_asked_on": None,
                    "weekdays_only": 1,
                    "campaign_id": 1,
                }
            ],
            "dispatches": [reminder("2026-01-06"), reminder("2026-01-07", "failed")],
        },
    )
    text = text_of(stored)
    for sentence in (
        "Your ZIP code: 05401 (used to find your lawmakers)",
        "Reminders: on, weekdays at 09:00 (since 2 January)",
        "Your reminders carry: Keep tax records confidential (your choice)",
        "3 calls you reported, the latest on 8 January",
        "• 5 January: Keep tax records confidential: 📞 Made contact (Sen. Bernard Sanders (I-VT))",
        "• 8 January: Keep tax records confidential: 📞 Made contact, your note: “staffer took",
        "2 reminders for you, the latest on 7 January: 1 could not be delivered, 1 sent",
    ):
        assert sentence in text, sentence
    for raw in ("kind:", "subject", "member:2", "campaign_id", "T15:00"):
        assert raw not in text, raw


def test_a_table_nobody_described_still_shows_readably() -> None:
    """Rows of an unknown table (a new feature's) and an unknown column are listed in words,
    with campaign and lawmaker ids named."""
    stored = Stored(
        {**MEMBER, "reminder_campaign_id": 1},
        {
            "badge_awards": [
                {"id": 4, "member_id": 2, "campaign_id": 1, "badge": "first call"},
            ],
            "call_notes": [{"member_id": 2, "lawmaker": SANDERS, "empty": None}],
        },
    )
    sections = dict(describe(stored, NAMES))
    assert sections[OTHER_HEADING] == [
        "• Members: reminder campaign: Keep tax records confidential",
        "• Badge awards: campaign: Keep tax records confidential, badge: first call",
        "• Call notes: lawmaker: Sen. Bernard Sanders (I-VT)",
    ]


async def test_a_new_tables_rows_reach_privacy(services: Services) -> None:
    """A table added by a migration this module has never seen is read from the schema and
    shown under the generic heading."""
    db = services.db
    async with db.transaction() as tx:
        await tx.execute(
            "CREATE TABLE badge_awards (member_id BIGINT NOT NULL REFERENCES members (id) "
            "ON DELETE CASCADE, badge TEXT NOT NULL)"
        )
    actor = await services.members.actor(Platform.CONSOLE, "c", "ann", False)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO badge_awards (member_id, badge) VALUES (?, 'first call')",
            (actor.member.id,),
        )
    data = await services.privacy.data(actor.member)
    sections = dict(describe(data.stored, NAMES))
    assert sections[OTHER_HEADING] == ["• Badge awards: badge: first call"]
