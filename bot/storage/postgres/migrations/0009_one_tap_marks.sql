-- One-tap reports: the reactions (and the outcome button) a member has put on a prompt, each
-- kept until it is taken back, so the one action counted for (member, scope, '') can follow
-- the ones still there (removing one reaction falls back to the other; removing all withdraws)
-- and come back when per-lawmaker reports of the same day are withdrawn. `mark` is the
-- reaction's emoji, or '' for the outcome button. No message text is kept. Member-linked: the
-- rows go with the member; retention drops them with the actions they stood for.
CREATE TABLE one_tap_marks (
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    scope        TEXT COLLATE "C" NOT NULL CHECK (length(scope) BETWEEN 2 AND 40),
    mark         TEXT COLLATE "C" NOT NULL DEFAULT '' CHECK (length(mark) <= 64),
    seq          BIGINT NOT NULL,  -- order within the scope: the latest mark still there decides
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id  BIGINT NOT NULL,
    outcome      TEXT COLLATE "C" NOT NULL,
    at           TEXT COLLATE "C" NOT NULL,  -- when it was put there: UTC, ISO 8601
    day          TEXT COLLATE "C" NOT NULL,  -- that moment's date in the community's time zone
    member_day   TEXT COLLATE "C" NOT NULL,  -- and in the member's own
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (campaign_id, outcome) REFERENCES campaign_outcomes (campaign_id, key),
    PRIMARY KEY (member_id, scope, mark)
);
CREATE INDEX one_tap_marks_by_member_day ON one_tap_marks (member_id, member_day);

-- Every one-tap action stored so far becomes a button mark: a reaction removed later still
-- withdraws it when it names the same outcome, as before.
INSERT INTO one_tap_marks (member_id, scope, mark, seq, community_id, campaign_id, outcome, at,
    day, member_day)
    SELECT member_id, scope, '', 1, community_id, campaign_id, outcome, at, day, member_day
    FROM actions WHERE lawmaker = '';
