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
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    days         BIGINT NOT NULL CHECK (days BETWEEN 2 AND 366),  -- the window's length
    first_day    TEXT COLLATE "C" NOT NULL,  -- its days, first_day..last_day (today)
    last_day     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, days)
);

-- Each member's actions over a window's days: members' rows only, none at zero.
-- Member-linked: erased with the member (the cascade, and the triggers when their actions go).
CREATE TABLE action_window_members (
    community_id BIGINT NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    days         BIGINT NOT NULL,
    actions      BIGINT NOT NULL,
    PRIMARY KEY (community_id, member_id, days),
    FOREIGN KEY (community_id, days) REFERENCES action_windows (community_id, days)
        ON DELETE CASCADE
);
CREATE INDEX action_window_member_ranks
    ON action_window_members (community_id, days, actions DESC, member_id);

-- Actions per campaign, lawmaker and outcome over a window's days: members' rows plus
-- anonymous counts, like action_counts_by_lawmaker_day; none at zero.
CREATE TABLE action_window_lawmakers (
    community_id BIGINT NOT NULL,
    days         BIGINT NOT NULL,
    campaign_id  BIGINT NOT NULL,
    lawmaker     TEXT COLLATE "C" NOT NULL,
    outcome      TEXT COLLATE "C" NOT NULL,
    actions      BIGINT NOT NULL,
    PRIMARY KEY (community_id, days, campaign_id, lawmaker, outcome),
    FOREIGN KEY (community_id, days) REFERENCES action_windows (community_id, days)
        ON DELETE CASCADE
);

-- Like 0006's and 0016's, the insert and delete triggers of actions run once per statement
-- over its rows.
CREATE OR REPLACE FUNCTION action_window_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_window_members AS t
        SELECT n.community_id, n.member_id, w.days, count(*) FROM new_rows AS n
        JOIN action_windows AS w ON w.community_id = n.community_id
            AND n.day BETWEEN w.first_day AND w.last_day
        GROUP BY n.community_id, n.member_id, w.days
        ON CONFLICT (community_id, member_id, days)
            DO UPDATE SET actions = t.actions + excluded.actions;
    INSERT INTO action_window_lawmakers AS t
        SELECT n.community_id, w.days, n.campaign_id, n.lawmaker, n.outcome, count(*)
        FROM new_rows AS n
        JOIN action_windows AS w ON w.community_id = n.community_id
            AND n.day BETWEEN w.first_day AND w.last_day
        GROUP BY n.community_id, w.days, n.campaign_id, n.lawmaker, n.outcome
        ON CONFLICT (community_id, days, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_window_counted AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_window_counted();

CREATE OR REPLACE FUNCTION action_window_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_window_members AS t SET actions = t.actions - g.n
        FROM (SELECT o.community_id, o.member_id, w.days, count(*) AS n FROM old_rows AS o
              JOIN action_windows AS w ON w.community_id = o.community_id
                  AND o.day BETWEEN w.first_day AND w.last_day
              GROUP BY o.community_id, o.member_id, w.days) AS g
        WHERE t.community_id = g.community_id AND t.member_id = g.member_id
          AND t.days = g.days;
    DELETE FROM action_window_members AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.member_id = o.member_id
          AND t.actions <= 0;
    UPDATE action_window_lawmakers AS t SET actions = t.actions - g.n
        FROM (SELECT o.community_id, w.days, o.campaign_id, o.lawmaker, o.outcome,
                     count(*) AS n
              FROM old_rows AS o
              JOIN action_windows AS w ON w.community_id = o.community_id
                  AND o.day BETWEEN w.first_day AND w.last_day
              GROUP BY o.community_id, w.days, o.campaign_id, o.lawmaker, o.outcome) AS g
        WHERE t.community_id = g.community_id AND t.days = g.days
          AND t.campaign_id = g.campaign_id AND t.lawmaker = g.lawmaker
          AND t.outcome = g.outcome;
    DELETE FROM action_window_lawmakers AS t USING old_rows AS o, action_windows AS w
        WHERE w.community_id = o.community_id AND t.community_id = o.community_id
          AND t.days = w.days AND t.campaign_id = o.campaign_id
          AND t.lawmaker = o.lawmaker AND t.outcome = o.outcome AND t.actions <= 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_window_uncounted AFTER DELETE ON actions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_window_uncounted();

-- A report replaced (another outcome), moved to another day, or about another lawmaker.
CREATE OR REPLACE FUNCTION action_window_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.day IS DISTINCT FROM NEW.day THEN
        UPDATE action_window_members AS t SET actions = t.actions - 1
            FROM action_windows AS w
            WHERE w.community_id = OLD.community_id
              AND OLD.day BETWEEN w.first_day AND w.last_day
              AND t.community_id = OLD.community_id AND t.member_id = OLD.member_id
              AND t.days = w.days;
        DELETE FROM action_window_members
            WHERE community_id = OLD.community_id AND member_id = OLD.member_id
              AND actions <= 0;
        INSERT INTO action_window_members AS t
            SELECT NEW.community_id, NEW.member_id, w.days, 1 FROM action_windows AS w
            WHERE w.community_id = NEW.community_id
              AND NEW.day BETWEEN w.first_day AND w.last_day
            ON CONFLICT (community_id, member_id, days) DO UPDATE SET actions = t.actions + 1;
    END IF;
    UPDATE action_window_lawmakers AS t SET actions = t.actions - 1
        FROM action_windows AS w
        WHERE w.community_id = OLD.community_id AND OLD.day BETWEEN w.first_day AND w.last_day
          AND t.community_id = OLD.community_id AND t.days = w.days
          AND t.campaign_id = OLD.campaign_id AND t.lawmaker = OLD.lawmaker
          AND t.outcome = OLD.outcome;
    DELETE FROM action_window_lawmakers
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id);
    INSERT INTO action_window_lawmakers AS t
        SELECT NEW.community_id, w.days, NEW.campaign_id, NEW.lawmaker, NEW.outcome, 1
        FROM action_windows AS w
        WHERE w.community_id = NEW.community_id AND NEW.day BETWEEN w.first_day AND w.last_day
        ON CONFLICT (community_id, days, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_window_recounted AFTER UPDATE OF outcome, day, lawmaker ON actions
    FOR EACH ROW
    WHEN (OLD.outcome IS DISTINCT FROM NEW.outcome OR OLD.day IS DISTINCT FROM NEW.day
          OR OLD.lawmaker IS DISTINCT FROM NEW.lawmaker)
    EXECUTE FUNCTION action_window_recounted();

-- Anonymous counts (left by erasure and retention) add to and take from the lawmakers' sums.
CREATE OR REPLACE FUNCTION anonymous_window_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_window_lawmakers AS t
        SELECT NEW.community_id, w.days, NEW.campaign_id, NEW.lawmaker, NEW.outcome,
               NEW.actions
        FROM action_windows AS w
        WHERE w.community_id = NEW.community_id AND NEW.day BETWEEN w.first_day AND w.last_day
        ON CONFLICT (community_id, days, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    RETURN NULL;
END;
$$;
CREATE TRIGGER anonymous_window_counted AFTER INSERT ON anonymous_action_counts
    FOR EACH ROW EXECUTE FUNCTION anonymous_window_counted();

CREATE OR REPLACE FUNCTION anonymous_window_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_window_lawmakers AS t
        SELECT NEW.community_id, w.days, NEW.campaign_id, NEW.lawmaker, NEW.outcome,
               NEW.actions - OLD.actions
        FROM action_windows AS w
        WHERE w.community_id = NEW.community_id AND NEW.day BETWEEN w.first_day AND w.last_day
        ON CONFLICT (community_id, days, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    DELETE FROM action_window_lawmakers
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND lawmaker = NEW.lawmaker AND outcome = NEW.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = NEW.community_id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER anonymous_window_recounted AFTER UPDATE OF actions ON anonymous_action_counts
    FOR EACH ROW EXECUTE FUNCTION anonymous_window_recounted();

CREATE OR REPLACE FUNCTION anonymous_window_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_window_lawmakers AS t SET actions = t.actions - OLD.actions
        FROM action_windows AS w
        WHERE w.community_id = OLD.community_id AND OLD.day BETWEEN w.first_day AND w.last_day
          AND t.community_id = OLD.community_id AND t.days = w.days
          AND t.campaign_id = OLD.campaign_id AND t.lawmaker = OLD.lawmaker
          AND t.outcome = OLD.outcome;
    DELETE FROM action_window_lawmakers
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome AND actions <= 0
          AND days IN (SELECT days FROM action_windows WHERE community_id = OLD.community_id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER anonymous_window_uncounted AFTER DELETE ON anonymous_action_counts
    FOR EACH ROW EXECUTE FUNCTION anonymous_window_uncounted();
