-- One-tap marks: the foreign key of community_id to communities goes. The key of
-- (community_id, campaign_id) to campaigns, which cascades, already says the same and more: the
-- mark's community is its campaign's, which exists (campaigns.community_id refers to
-- communities, cascading), and removing the community removes its campaigns, and so their
-- marks. Each key is checked row by row at every insert, so a batch of one-tap reports paid
-- this one for nothing (issue 17's recording benchmark). Nothing else changes: the members,
-- campaigns and outcome keys stay, with their cascades.
-- SQLite cannot drop a foreign key: the table is made again without it (the same columns, in
-- the same order, and its index), its rows copied. No other table, trigger or view refers to it.
CREATE TABLE one_tap_marks_0020 (
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    scope        TEXT NOT NULL CHECK (length(scope) BETWEEN 2 AND 40),
    mark         TEXT NOT NULL DEFAULT '' CHECK (length(mark) <= 64),
    seq          INTEGER NOT NULL,  -- order within the scope: the latest mark still there decides
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    outcome      TEXT NOT NULL,
    at           TEXT NOT NULL,  -- when it was put there: UTC, ISO 8601
    day          TEXT NOT NULL,  -- that moment's date in the community's time zone
    member_day   TEXT NOT NULL,  -- and in the member's own
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (campaign_id, outcome) REFERENCES campaign_outcomes (campaign_id, key),
    PRIMARY KEY (member_id, scope, mark)
) WITHOUT ROWID;
INSERT INTO one_tap_marks_0020 (member_id, scope, mark, seq, community_id, campaign_id, outcome,
    at, day, member_day)
    SELECT member_id, scope, mark, seq, community_id, campaign_id, outcome, at, day, member_day
    FROM one_tap_marks;
DROP TABLE one_tap_marks;
ALTER TABLE one_tap_marks_0020 RENAME TO one_tap_marks;
CREATE INDEX one_tap_marks_by_member_day ON one_tap_marks (member_id, member_day);
