-- Trailing windows kept summed (issue 17's benchmark): the last 7 and 30 days are the periods
-- asked most, and summing their per-day roll-ups at each ask reads tens of thousands of rows
-- (hundreds of thousands on a big PostgreSQL community): every member's days for the
-- leaderboard, every lawmaker's days for /stats. So each kept window holds those sums over its
-- days, today included: an ask reads them and nothing else, and the leaderboard is the first
-- rows of an index. The triggers below keep them right when a report of one of the window's
-- days is added, withdrawn, replaced, erased, dropped or folded by retention, or moved, and
-- when anonymous counts change; that costs each batch of reports one more upsert per window
-- for each member and lawmaker in it (docs/BENCHMARKS.md).
-- A window is made, and moved on when a new day begins, by the warm-up job or the first ask
-- that needs it (bot/storage/trailing_windows.py), reading the per-day roll-ups.
CREATE TABLE action_windows (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    days         INTEGER NOT NULL CHECK (days BETWEEN 2 AND 366),  -- the window's length
    first_day    TEXT NOT NULL,  -- its days, first_day..last_day (today), community calendar
    last_day     TEXT NOT NULL,
    PRIMARY KEY (community_id, days)
) WITHOUT ROWID;

-- Each member's actions over a window's days: members' rows only, none at zero.
-- Member-linked: erased with the member (the cascade, and the triggers when their actions go).
CREATE TABLE action_window_members (
    community_id INTEGER NOT NULL,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    days         INTEGER NOT NULL,
    actions      INTEGER NOT NULL,
    PRIMARY KEY (community_id, member_id, days),
    FOREIGN KEY (community_id, days) REFERENCES action_windows (community_id, days)
        ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX action_window_member_ranks
    ON action_window_members (community_id, days, actions DESC, member_id);

-- Actions per campaign, lawmaker and outcome over a window's days: members' rows plus
-- anonymous counts, like action_counts_by_lawmaker_day; none at zero.
CREATE TABLE action_window_lawmakers (
    community_id INTEGER NOT NULL,
    days         INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    lawmaker     TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    actions      INTEGER NOT NULL,
    PRIMARY KEY (community_id, days, campaign_id, lawmaker, outcome),
    FOREIGN KEY (community_id, days) REFERENCES action_windows (community_id, days)
        ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TRIGGER action_window_counted AFTER INSERT ON actions BEGIN
    INSERT INTO action_window_members (community_id, member_id, days, actions)
        SELECT community_id, NEW.member_id, days, 1 FROM action_windows
        WHERE community_id = NEW.community_id AND NEW.day BETWEEN first_day AND last_day
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    INSERT INTO action_window_lawmakers
        SELECT community_id, days, NEW.campaign_id, NEW.lawmaker, NEW.outcome, 1
        FROM action_windows
        WHERE community_id = NEW.community_id AND NEW.day BETWEEN first_day AND last_day
        ON CONFLICT DO UPDATE SET actions = actions + 1;
END;

CREATE TRIGGER action_window_uncounted AFTER DELETE ON actions BEGIN
    UPDATE action_window_members SET actions = actions - 1
        WHERE community_id = OLD.community_id AND member_id = OLD.member_id
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id
                       AND OLD.day BETWEEN first_day AND last_day);
    DELETE FROM action_window_members
        WHERE community_id = OLD.community_id AND member_id = OLD.member_id AND actions <= 0;
    UPDATE action_window_lawmakers SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id
                       AND OLD.day BETWEEN first_day AND last_day);
    DELETE FROM action_window_lawmakers
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id);
END;

-- A report replaced (another outcome), moved to another day, or about another lawmaker.
CREATE TRIGGER action_window_recounted AFTER UPDATE OF outcome, day, lawmaker ON actions
WHEN OLD.outcome IS NOT NEW.outcome OR OLD.day IS NOT NEW.day
    OR OLD.lawmaker IS NOT NEW.lawmaker
BEGIN
    UPDATE action_window_members SET actions = actions - 1
        WHERE OLD.day IS NOT NEW.day
          AND community_id = OLD.community_id AND member_id = OLD.member_id
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id
                       AND OLD.day BETWEEN first_day AND last_day);
    DELETE FROM action_window_members
        WHERE community_id = OLD.community_id AND member_id = OLD.member_id AND actions <= 0;
    INSERT INTO action_window_members (community_id, member_id, days, actions)
        SELECT community_id, NEW.member_id, days, 1 FROM action_windows
        WHERE OLD.day IS NOT NEW.day
          AND community_id = NEW.community_id AND NEW.day BETWEEN first_day AND last_day
        ON CONFLICT DO UPDATE SET actions = actions + 1;
    UPDATE action_window_lawmakers SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id
                       AND OLD.day BETWEEN first_day AND last_day);
    DELETE FROM action_window_lawmakers
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id);
    INSERT INTO action_window_lawmakers
        SELECT community_id, days, NEW.campaign_id, NEW.lawmaker, NEW.outcome, 1
        FROM action_windows
        WHERE community_id = NEW.community_id AND NEW.day BETWEEN first_day AND last_day
        ON CONFLICT DO UPDATE SET actions = actions + 1;
END;

-- Anonymous counts (left by erasure and retention) add to and take from the lawmakers' sums.
CREATE TRIGGER anonymous_window_counted AFTER INSERT ON anonymous_action_counts BEGIN
    INSERT INTO action_window_lawmakers
        SELECT community_id, days, NEW.campaign_id, NEW.lawmaker, NEW.outcome, NEW.actions
        FROM action_windows
        WHERE community_id = NEW.community_id AND NEW.day BETWEEN first_day AND last_day
        ON CONFLICT DO UPDATE SET actions = actions + excluded.actions;
END;

CREATE TRIGGER anonymous_window_recounted AFTER UPDATE OF actions ON anonymous_action_counts
BEGIN
    INSERT INTO action_window_lawmakers
        SELECT community_id, days, NEW.campaign_id, NEW.lawmaker, NEW.outcome,
               NEW.actions - OLD.actions
        FROM action_windows
        WHERE community_id = NEW.community_id AND NEW.day BETWEEN first_day AND last_day
        ON CONFLICT DO UPDATE SET actions = actions + excluded.actions;
    DELETE FROM action_window_lawmakers
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND lawmaker = NEW.lawmaker AND outcome = NEW.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = NEW.community_id);
END;

CREATE TRIGGER anonymous_window_uncounted AFTER DELETE ON anonymous_action_counts BEGIN
    UPDATE action_window_lawmakers SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id
                       AND OLD.day BETWEEN first_day AND last_day);
    DELETE FROM action_window_lawmakers
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id);
END;
