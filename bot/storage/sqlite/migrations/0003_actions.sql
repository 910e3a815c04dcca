-- Actions: what members reported after a call, one row per (member, scope, lawmaker).
-- A redelivered event finds its row and changes nothing; a different outcome updates it; a
-- retraction deletes it. `scope` is 'p<prompt id>' for a report on a posted prompt, or
-- 'c<campaign id>:<member day>' for one from a personal script asked for without a prompt.
-- `lawmaker` is a bioguide id, or '' when the report names no lawmaker (a reaction).
-- No names and no message text are kept: `note` is one line a member chose to share about
-- what the office said (member-linked: it goes when the row goes).
CREATE TABLE actions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    campaign_id  INTEGER NOT NULL,
    prompt_id    INTEGER REFERENCES prompts (id) ON DELETE SET NULL,
    scope        TEXT NOT NULL CHECK (length(scope) BETWEEN 2 AND 40),
    lawmaker     TEXT NOT NULL DEFAULT '' CHECK (length(lawmaker) <= 10),
    outcome      TEXT NOT NULL,
    at           TEXT NOT NULL,  -- when it was reported: UTC, ISO 8601
    day          TEXT NOT NULL,  -- that moment's date in the community's time zone (stats)
    member_day   TEXT NOT NULL,  -- and in the member's own time zone (streaks, the daily cap)
    note         TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 200),
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (campaign_id, outcome) REFERENCES campaign_outcomes (campaign_id, key),
    UNIQUE (member_id, scope, lawmaker)
);
CREATE INDEX actions_by_member_day ON actions (member_id, member_day);
-- Unique members and the leaderboard over a bounded period (covering).
CREATE INDEX actions_by_community_day ON actions (community_id, day, member_id, campaign_id);
-- Office notes are rare: a partial index finds them without reading every action.
CREATE INDEX actions_with_notes ON actions (community_id, campaign_id, day)
    WHERE note IS NOT NULL;

-- Anonymous daily counts: actions no longer linked to anyone (a member erased their data, or
-- old rows passed retention). Erasure and retention move rows here, grouped, in the same
-- transaction that deletes them from `actions`, so every total stays the same.
CREATE TABLE anonymous_action_counts (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id  INTEGER NOT NULL,
    day          TEXT NOT NULL,
    lawmaker     TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL,
    actions      INTEGER NOT NULL CHECK (actions > 0),
    PRIMARY KEY (community_id, campaign_id, day, lawmaker, outcome),
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE
) WITHOUT ROWID;

-- Roll-ups read by /stats, /leaderboard, /export and the live count. They are kept by the
-- triggers below and never written by code: each counts members' rows plus anonymous counts
-- (the member ones: members' rows only), so moving rows between the two changes no total.
CREATE TABLE action_counts_by_lawmaker_day (
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    day          TEXT NOT NULL,
    lawmaker     TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    actions      INTEGER NOT NULL,
    PRIMARY KEY (community_id, campaign_id, day, lawmaker, outcome)
) WITHOUT ROWID;

CREATE TABLE action_counts_by_day (
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    day          TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    actions      INTEGER NOT NULL,
    PRIMARY KEY (community_id, campaign_id, day, outcome)
) WITHOUT ROWID;

CREATE TABLE action_counts_by_lawmaker (
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    lawmaker     TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    actions      INTEGER NOT NULL,
    PRIMARY KEY (community_id, campaign_id, lawmaker, outcome)
) WITHOUT ROWID;

CREATE TABLE action_counts_by_member (
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    actions      INTEGER NOT NULL,
    PRIMARY KEY (community_id, campaign_id, member_id)
) WITHOUT ROWID;

CREATE TRIGGER action_counted AFTER INSERT ON actions BEGIN
    INSERT INTO action_counts_by_lawmaker_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    INSERT INTO action_counts_by_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.outcome, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    INSERT INTO action_counts_by_lawmaker VALUES
        (NEW.community_id, NEW.campaign_id, NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    INSERT INTO action_counts_by_member VALUES
        (NEW.community_id, NEW.campaign_id, NEW.member_id, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
END;

CREATE TRIGGER action_uncounted AFTER DELETE ON actions BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND actions <= 0;
    UPDATE action_counts_by_day SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome AND actions <= 0;
    UPDATE action_counts_by_lawmaker SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0;
    UPDATE action_counts_by_member SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND member_id = OLD.member_id;
    DELETE FROM action_counts_by_member
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND member_id = OLD.member_id AND actions <= 0;
END;

-- A replaced outcome (or a report moved to another day): uncount the old, count the new.
CREATE TRIGGER action_recounted AFTER UPDATE OF outcome, day, lawmaker ON actions
WHEN OLD.outcome IS NOT NEW.outcome OR OLD.day IS NOT NEW.day
    OR OLD.lawmaker IS NOT NEW.lawmaker
BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND actions <= 0;
    INSERT INTO action_counts_by_lawmaker_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    UPDATE action_counts_by_day SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome AND actions <= 0;
    INSERT INTO action_counts_by_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.outcome, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    UPDATE action_counts_by_lawmaker SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0;
    INSERT INTO action_counts_by_lawmaker VALUES
        (NEW.community_id, NEW.campaign_id, NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT DO UPDATE SET actions = actions + 1;
END;

-- Anonymous counts add to (and, if ever removed, take from) the same roll-ups.
CREATE TRIGGER anonymous_counted AFTER INSERT ON anonymous_action_counts BEGIN
    INSERT INTO action_counts_by_lawmaker_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.lawmaker, NEW.outcome, NEW.actions)
        ON CONFLICT DO UPDATE SET actions = actions + NEW.actions;
    INSERT INTO action_counts_by_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.outcome, NEW.actions)
        ON CONFLICT DO UPDATE SET actions = actions + NEW.actions;
    INSERT INTO action_counts_by_lawmaker VALUES
        (NEW.community_id, NEW.campaign_id, NEW.lawmaker, NEW.outcome, NEW.actions)
        ON CONFLICT DO UPDATE SET actions = actions + NEW.actions;
END;

CREATE TRIGGER anonymous_recounted AFTER UPDATE OF actions ON anonymous_action_counts BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND day = NEW.day AND lawmaker = NEW.lawmaker AND outcome = NEW.outcome;
    UPDATE action_counts_by_day SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND day = NEW.day AND outcome = NEW.outcome;
    UPDATE action_counts_by_lawmaker SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND lawmaker = NEW.lawmaker AND outcome = NEW.outcome;
END;

CREATE TRIGGER anonymous_uncounted AFTER DELETE ON anonymous_action_counts BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND actions <= 0;
    UPDATE action_counts_by_day SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome AND actions <= 0;
    UPDATE action_counts_by_lawmaker SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0;
END;
