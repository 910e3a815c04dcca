-- DM routes: which member (and so which community) each direct message the bot sent was for.
-- A reaction in a DM names no server, so the host finds the community here, also after a
-- restart. Only ids are kept, never the message's text; a row goes with its member, and rows
-- older than 30 days are no longer used and are removed when the next DM is sent.
CREATE TABLE dm_routes (
    message_id TEXT COLLATE "C" PRIMARY KEY CHECK (length(message_id) BETWEEN 1 AND 40),
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    sent_at    TEXT COLLATE "C" NOT NULL  -- UTC, ISO 8601
);
CREATE INDEX dm_routes_by_member ON dm_routes (member_id);
CREATE INDEX dm_routes_by_sent_at ON dm_routes (sent_at);
