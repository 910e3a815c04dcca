-- The one private ask to confirm a district (migration 0013) while it is on its way, as the
-- dispatch log keeps a reminder: a row is added ('sending') when the ask is claimed, as its DM
-- leaves, and deleted once the platform accepted the DM or the outbox recorded that it could not
-- be delivered. A row still 'sending' at start-up was cut off by a stop (or a crash): it becomes
-- 'interrupted' (the ask is not sent again, so it never arrives twice) and stays until the
-- community's organizers are told how many asks were cut off, then it is deleted. It goes with
-- the member.
CREATE TABLE district_check_asks (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('sending', 'interrupted')),
    started_at TEXT NOT NULL
);
CREATE INDEX district_check_asks_by_member ON district_check_asks (member_id);
CREATE INDEX district_check_asks_by_status ON district_check_asks (status);
