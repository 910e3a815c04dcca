-- DM channels: the platform's id of the direct-message channel between the bot and a member, so
-- a direct message (a reminder) is one request (post in it) instead of two (open it, then post).
-- Only the channel's id is kept, never a message; it links nothing beyond the member it belongs
-- to. It goes with its member, and is forgotten when the platform says it no longer exists.
CREATE TABLE dm_channels (
    member_id  BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    channel_id TEXT COLLATE "C" NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 40)
);
CREATE INDEX dm_channels_by_channel ON dm_channels (channel_id);
