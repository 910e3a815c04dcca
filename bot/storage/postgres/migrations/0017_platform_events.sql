-- Platform events already taken: the key of each event a platform may deliver more than once
-- (a Slack event id, with its workspace), and when it was first received. A process claims an
-- event by inserting its key; the one whose insert changed a row handles it, every other
-- delivery (a retry, on any connection of any process) is skipped. Only the platform's own ids
-- and a time are kept, never who did what or any text; rows older than an hour are deleted.
CREATE TABLE platform_events (
    platform  TEXT COLLATE "C" NOT NULL CHECK (length(platform) BETWEEN 1 AND 20),
    event_key TEXT COLLATE "C" NOT NULL CHECK (length(event_key) BETWEEN 1 AND 200),
    seen_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (platform, event_key)
);
CREATE INDEX platform_events_by_time ON platform_events (seen_at);
