-- Which campaign a member's reminder carries. `campaign_id` is the member's own choice (NULL:
-- the default, below); it lives in reminder_state, so /remind off and erasure remove it with the
-- rest, and a campaign that is deleted clears it.
ALTER TABLE reminder_state
    ADD COLUMN campaign_id BIGINT REFERENCES campaigns (id) ON DELETE SET NULL;

-- The campaign organizers mark as the community's main one: what reminders carry by default
-- (if it is not running, the oldest running campaign). At most one per community, always one of
-- its own campaigns. Nothing about members.
CREATE TABLE main_campaigns (
    community_id BIGINT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id  BIGINT NOT NULL,
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE
);
