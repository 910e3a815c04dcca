-- Schedules: a campaign's prompt posted in a channel on a recurrence, in a named time zone.
-- `recurrence` is the canonical text of bot/scheduling/recurrence.py ("weekdays at 09:00",
-- "cron 0 9 * * 1-5"); dates are days in the schedule's zone. The database is the source of
-- truth: the scheduler reads it at every tick, so a change takes effect at once.
CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id   INTEGER NOT NULL,
    channel_id    TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 100),
    recurrence    TEXT NOT NULL CHECK (length(recurrence) BETWEEN 1 AND 200),
    timezone      TEXT NOT NULL,
    starts_on     TEXT,
    ends_on       TEXT,
    paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    created_by    INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    checked_until TEXT NOT NULL,  -- every slot up to this UTC moment has been handled
    notice        TEXT,           -- the latest thing organizers should know about it
    notice_at     TEXT,
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE,
    CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
);
CREATE INDEX schedules_by_community ON schedules (community_id, campaign_id);

-- The dispatch log: one row per (kind, subject, slot), written BEFORE sending and completed
-- after, so a slot goes out at most once even if the process dies in between (a row still
-- 'sending' at start-up is marked 'interrupted' and not sent again: better a missed post than
-- a double one). `subject` is 'schedule:<id>', 'member:<id>' or 'community:<id>'; `slot` is a
-- UTC instant (prompts, snoozes) or a local date (daily reminders and digests).
CREATE TABLE dispatches (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('prompt', 'reminder', 'snooze', 'digest')),
    subject      TEXT NOT NULL,
    slot         TEXT NOT NULL,
    schedule_id  INTEGER REFERENCES schedules (id) ON DELETE CASCADE,
    member_id    INTEGER REFERENCES members (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (
        status IN ('sending', 'sent', 'failed', 'skipped', 'stopped', 'interrupted')
    ),
    detail       TEXT,
    channel_id   TEXT,
    message_id   TEXT,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    UNIQUE (kind, subject, slot)
);
CREATE INDEX dispatches_in_doubt ON dispatches (status) WHERE status = 'sending';
CREATE INDEX dispatches_by_schedule ON dispatches (schedule_id, slot) WHERE schedule_id IS NOT NULL;
CREATE INDEX dispatches_by_community ON dispatches (community_id, started_at);

-- Personal reminders: on/off and the time live in members (reminders_enabled, reminder_time);
-- this keeps when they were turned on (no reminder for a time already past then), a snooze,
-- and when the member was told, once, that reminders need their ZIP.
CREATE TABLE reminder_state (
    member_id     INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    enabled_at    TEXT NOT NULL,
    snoozed_until TEXT,
    zip_asked_on  TEXT
);

-- The daily digest: where each community's organizers want yesterday's numbers.
CREATE TABLE digests (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    channel_id   TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 100),
    enabled_at   TEXT NOT NULL
);

-- Messages the bot could not deliver (blocked DMs, a deleted channel, missing permissions),
-- kept so organizers are told; a DM names the member by id only, and goes with the member.
CREATE TABLE delivery_failures (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    target       TEXT NOT NULL,
    member_id    INTEGER REFERENCES members (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL,
    reported_at  TEXT
);
CREATE INDEX delivery_failures_by_community ON delivery_failures (community_id, at);
