-- Sends the bot was stopped in the middle of ('interrupted': not sent again, so nothing arrives
-- twice) are counted for organizers: in the next daily digest, or in a DM to the community's
-- organizers where there is no digest. `reported_at` is when they were told (NULL: not yet).
ALTER TABLE dispatches ADD COLUMN reported_at TEXT COLLATE "C";
CREATE INDEX dispatches_interrupted_unreported ON dispatches (community_id)
    WHERE status = 'interrupted' AND reported_at IS NULL;
