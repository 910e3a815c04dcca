-- Communities: a Discord guild, a Slack workspace or a console session.
CREATE TABLE communities (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    platform    TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
    external_id TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (platform, external_id)
);

-- Members: only what features need. No names, no street addresses. Ids are never reused
-- (AUTOINCREMENT): an id in an old button can never point at someone who joined later.
CREATE TABLE members (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id        INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    user_id             TEXT NOT NULL,
    zip                 TEXT CHECK (zip IS NULL OR length(zip) = 5),
    district            TEXT,
    timezone            TEXT,
    reminders_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (reminders_enabled IN (0, 1)),
    reminder_time       TEXT,
    leaderboard_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (leaderboard_opt_out IN (0, 1)),
    created_at          TEXT NOT NULL,
    UNIQUE (community_id, user_id)
);
