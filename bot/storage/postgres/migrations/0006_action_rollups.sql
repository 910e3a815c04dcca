-- Faster stats over large histories (issue 5's benchmark): roll-ups per month and per member,
-- a member's last day with an action, and a version per community day that moves whenever that
-- day's counts change, so counts of settled days can be kept in memory and trusted.
-- Existing rows are counted into the new tables here; the triggers are replaced with ones that
-- also keep them.

-- The leaderboard (and members) of a period that does not end today (covering).
DROP INDEX actions_by_community_day;
CREATE INDEX actions_by_community_day ON actions (community_id, day, member_id);

-- A member with an action on or after day D is one whose last day is D or later, so the
-- members of a period ending today are counted from these, not from the actions. No index on
-- the counts: each would move at every action, and a community's members are few enough to
-- sort when asked.
ALTER TABLE action_counts_by_member ADD COLUMN last_day TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE action_counts_by_member SET last_day = coalesce((SELECT max(a.day) FROM actions AS a
    WHERE a.member_id = action_counts_by_member.member_id
      AND a.campaign_id = action_counts_by_member.campaign_id), '');

-- The lawmaker roll-up by month ('YYYY-MM'): a calendar month's stats read a month's rows.
CREATE TABLE action_counts_by_lawmaker_month (
    community_id BIGINT NOT NULL,
    campaign_id  BIGINT NOT NULL,
    month        TEXT COLLATE "C" NOT NULL,
    lawmaker     TEXT COLLATE "C" NOT NULL,
    outcome      TEXT COLLATE "C" NOT NULL,
    actions      BIGINT NOT NULL,
    PRIMARY KEY (community_id, campaign_id, month, lawmaker, outcome)
);
INSERT INTO action_counts_by_lawmaker_month
    SELECT community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome, sum(actions)
    FROM action_counts_by_lawmaker_day
    GROUP BY community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome;

-- Per member (members' rows only): actions and the last day with one, in all and per month.
CREATE TABLE action_member_totals (
    community_id BIGINT NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    actions      BIGINT NOT NULL,
    last_day     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (community_id, member_id)
);
INSERT INTO action_member_totals
    SELECT community_id, member_id, count(*), max(day) FROM actions
    GROUP BY community_id, member_id;

CREATE TABLE action_member_months (
    community_id BIGINT NOT NULL,
    month        TEXT COLLATE "C" NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    actions      BIGINT NOT NULL,
    PRIMARY KEY (community_id, month, member_id)
);
INSERT INTO action_member_months
    SELECT community_id, substr(day, 1, 7), member_id, count(*) FROM actions
    GROUP BY community_id, substr(day, 1, 7), member_id;

-- A counter per community day, moved by every change to that day's actions or anonymous
-- counts (kept by the triggers). Counts of a day whose version has not moved are unchanged.
-- Rows are never deleted, so a version never comes back.
CREATE TABLE action_day_versions (
    community_id BIGINT NOT NULL,
    day          TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL,
    PRIMARY KEY (community_id, day)
);
INSERT INTO action_day_versions
    SELECT community_id, day, 1 FROM actions
    UNION SELECT community_id, day, 1 FROM anonymous_action_counts;

DROP TRIGGER action_counted ON actions;
DROP TRIGGER action_uncounted ON actions;
DROP TRIGGER action_recounted ON actions;
DROP TRIGGER anonymous_counted ON anonymous_action_counts;
DROP TRIGGER anonymous_recounted ON anonymous_action_counts;
DROP TRIGGER anonymous_uncounted ON anonymous_action_counts;

-- On PostgreSQL the triggers for inserted and deleted actions run once per statement, over the
-- rows it inserted or deleted, grouped: a batch written in one statement costs a few grouped
-- writes, not nine per row. They keep exactly what SQLite's row triggers keep
-- (tests/storage/postgres/test_schema_parity.py compares every table after the same writes).
CREATE OR REPLACE FUNCTION action_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_counts_by_lawmaker_day AS t
        SELECT community_id, campaign_id, day, lawmaker, outcome, count(*) FROM new_rows
        GROUP BY community_id, campaign_id, day, lawmaker, outcome
        ON CONFLICT (community_id, campaign_id, day, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    INSERT INTO action_counts_by_lawmaker_month AS t
        SELECT community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome, count(*)
        FROM new_rows
        GROUP BY community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome
        ON CONFLICT (community_id, campaign_id, month, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    INSERT INTO action_counts_by_day AS t
        SELECT community_id, campaign_id, day, outcome, count(*) FROM new_rows
        GROUP BY community_id, campaign_id, day, outcome
        ON CONFLICT (community_id, campaign_id, day, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    INSERT INTO action_counts_by_lawmaker AS t
        SELECT community_id, campaign_id, lawmaker, outcome, count(*) FROM new_rows
        GROUP BY community_id, campaign_id, lawmaker, outcome
        ON CONFLICT (community_id, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = t.actions + excluded.actions;
    INSERT INTO action_counts_by_member AS t
        SELECT community_id, campaign_id, member_id, count(*), max(day) FROM new_rows
        GROUP BY community_id, campaign_id, member_id
        ON CONFLICT (community_id, campaign_id, member_id)
            DO UPDATE SET actions = t.actions + excluded.actions,
                last_day = GREATEST(t.last_day, excluded.last_day);
    INSERT INTO action_member_totals AS t
        SELECT community_id, member_id, count(*), max(day) FROM new_rows
        GROUP BY community_id, member_id
        ON CONFLICT (community_id, member_id)
            DO UPDATE SET actions = t.actions + excluded.actions,
                last_day = GREATEST(t.last_day, excluded.last_day);
    INSERT INTO action_member_months AS t
        SELECT community_id, substr(day, 1, 7), member_id, count(*) FROM new_rows
        GROUP BY community_id, substr(day, 1, 7), member_id
        ON CONFLICT (community_id, month, member_id)
            DO UPDATE SET actions = t.actions + excluded.actions;
    INSERT INTO action_day_versions AS t
        SELECT community_id, day, count(*) FROM new_rows GROUP BY community_id, day
        ON CONFLICT (community_id, day) DO UPDATE SET version = t.version + excluded.version;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_counted AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_counted();

-- Each roll-up loses the deleted rows' counts, then its rows left at zero go. A member's last
-- day is looked up again when a deleted row was of that day (SQLite's row triggers do the same
-- row by row, and end where this does).
CREATE OR REPLACE FUNCTION action_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_counts_by_lawmaker_day AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, campaign_id, day, lawmaker, outcome, count(*) AS n
              FROM old_rows GROUP BY community_id, campaign_id, day, lawmaker, outcome) AS g
        WHERE t.community_id = g.community_id AND t.campaign_id = g.campaign_id
          AND t.day = g.day AND t.lawmaker = g.lawmaker AND t.outcome = g.outcome;
    DELETE FROM action_counts_by_lawmaker_day AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.campaign_id = o.campaign_id
          AND t.day = o.day AND t.lawmaker = o.lawmaker AND t.outcome = o.outcome
          AND t.actions <= 0;
    UPDATE action_counts_by_lawmaker_month AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, campaign_id, substr(day, 1, 7) AS month, lawmaker, outcome,
                     count(*) AS n
              FROM old_rows
              GROUP BY community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome) AS g
        WHERE t.community_id = g.community_id AND t.campaign_id = g.campaign_id
          AND t.month = g.month AND t.lawmaker = g.lawmaker AND t.outcome = g.outcome;
    DELETE FROM action_counts_by_lawmaker_month AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.campaign_id = o.campaign_id
          AND t.month = substr(o.day, 1, 7) AND t.lawmaker = o.lawmaker
          AND t.outcome = o.outcome AND t.actions <= 0;
    UPDATE action_counts_by_day AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, campaign_id, day, outcome, count(*) AS n
              FROM old_rows GROUP BY community_id, campaign_id, day, outcome) AS g
        WHERE t.community_id = g.community_id AND t.campaign_id = g.campaign_id
          AND t.day = g.day AND t.outcome = g.outcome;
    DELETE FROM action_counts_by_day AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.campaign_id = o.campaign_id
          AND t.day = o.day AND t.outcome = o.outcome AND t.actions <= 0;
    UPDATE action_counts_by_lawmaker AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, campaign_id, lawmaker, outcome, count(*) AS n
              FROM old_rows GROUP BY community_id, campaign_id, lawmaker, outcome) AS g
        WHERE t.community_id = g.community_id AND t.campaign_id = g.campaign_id
          AND t.lawmaker = g.lawmaker AND t.outcome = g.outcome;
    DELETE FROM action_counts_by_lawmaker AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.campaign_id = o.campaign_id
          AND t.lawmaker = o.lawmaker AND t.outcome = o.outcome AND t.actions <= 0;
    UPDATE action_counts_by_member AS t SET actions = t.actions - g.n, last_day = CASE
            WHEN t.last_day = ANY (g.days) THEN coalesce((SELECT max(a.day) FROM actions AS a
                WHERE a.member_id = t.member_id AND a.campaign_id = t.campaign_id), '')
            ELSE t.last_day END
        FROM (SELECT community_id, campaign_id, member_id, count(*) AS n,
                     array_agg(DISTINCT day) AS days
              FROM old_rows GROUP BY community_id, campaign_id, member_id) AS g
        WHERE t.community_id = g.community_id AND t.campaign_id = g.campaign_id
          AND t.member_id = g.member_id;
    DELETE FROM action_counts_by_member AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.campaign_id = o.campaign_id
          AND t.member_id = o.member_id AND t.actions <= 0;
    UPDATE action_member_totals AS t SET actions = t.actions - g.n, last_day = CASE
            WHEN t.last_day = ANY (g.days) THEN coalesce((SELECT max(a.day) FROM actions AS a
                WHERE a.member_id = t.member_id), '')
            ELSE t.last_day END
        FROM (SELECT community_id, member_id, count(*) AS n, array_agg(DISTINCT day) AS days
              FROM old_rows GROUP BY community_id, member_id) AS g
        WHERE t.community_id = g.community_id AND t.member_id = g.member_id;
    DELETE FROM action_member_totals AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.member_id = o.member_id
          AND t.actions <= 0;
    UPDATE action_member_months AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, substr(day, 1, 7) AS month, member_id, count(*) AS n
              FROM old_rows GROUP BY community_id, substr(day, 1, 7), member_id) AS g
        WHERE t.community_id = g.community_id AND t.month = g.month
          AND t.member_id = g.member_id;
    DELETE FROM action_member_months AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.month = substr(o.day, 1, 7)
          AND t.member_id = o.member_id AND t.actions <= 0;
    INSERT INTO action_day_versions AS t
        SELECT community_id, day, count(*) FROM old_rows GROUP BY community_id, day
        ON CONFLICT (community_id, day) DO UPDATE SET version = t.version + excluded.version;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_uncounted AFTER DELETE ON actions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_uncounted();

-- A replaced outcome (or a report moved to another day): uncount the old, count the new.
CREATE OR REPLACE FUNCTION action_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome
          AND actions <= 0;
    INSERT INTO action_counts_by_lawmaker_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT (community_id, campaign_id, day, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker_day.actions + 1;
    UPDATE action_counts_by_lawmaker_month SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND month = substr(OLD.day, 1, 7) AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_month
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND month = substr(OLD.day, 1, 7) AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome
          AND actions <= 0;
    INSERT INTO action_counts_by_lawmaker_month VALUES
        (NEW.community_id, NEW.campaign_id, substr(NEW.day, 1, 7), NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT (community_id, campaign_id, month, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker_month.actions + 1;
    UPDATE action_counts_by_day SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome
          AND actions <= 0;
    INSERT INTO action_counts_by_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.outcome, 1)
        ON CONFLICT (community_id, campaign_id, day, outcome)
            DO UPDATE SET actions = action_counts_by_day.actions + 1;
    UPDATE action_counts_by_lawmaker SET actions = actions - 1
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND actions <= 0;
    INSERT INTO action_counts_by_lawmaker VALUES
        (NEW.community_id, NEW.campaign_id, NEW.lawmaker, NEW.outcome, 1)
        ON CONFLICT (community_id, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker.actions + 1;
    UPDATE action_member_months SET actions = actions - 1
        WHERE community_id = OLD.community_id AND month = substr(OLD.day, 1, 7)
          AND member_id = OLD.member_id;
    DELETE FROM action_member_months
        WHERE community_id = OLD.community_id AND month = substr(OLD.day, 1, 7)
          AND member_id = OLD.member_id
          AND actions <= 0;
    INSERT INTO action_member_months VALUES
        (NEW.community_id, substr(NEW.day, 1, 7), NEW.member_id, 1)
        ON CONFLICT (community_id, month, member_id)
            DO UPDATE SET actions = action_member_months.actions + 1;
    UPDATE action_counts_by_member SET last_day = GREATEST(last_day, NEW.day)
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND member_id = NEW.member_id;
    UPDATE action_member_totals SET last_day = GREATEST(last_day, NEW.day)
        WHERE community_id = NEW.community_id AND member_id = NEW.member_id;
    INSERT INTO action_day_versions VALUES (OLD.community_id, OLD.day, 1)
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + 1;
    INSERT INTO action_day_versions VALUES (NEW.community_id, NEW.day, 1)
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_recounted AFTER UPDATE OF outcome, day, lawmaker ON actions
    FOR EACH ROW
    WHEN (OLD.outcome IS DISTINCT FROM NEW.outcome OR OLD.day IS DISTINCT FROM NEW.day OR OLD.lawmaker IS DISTINCT FROM NEW.lawmaker) EXECUTE FUNCTION action_recounted();

-- Anonymous counts add to (and, if ever removed, take from) the same roll-ups.
CREATE OR REPLACE FUNCTION anonymous_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_counts_by_lawmaker_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.lawmaker, NEW.outcome, NEW.actions)
        ON CONFLICT (community_id, campaign_id, day, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker_day.actions + NEW.actions;
    INSERT INTO action_counts_by_lawmaker_month VALUES
        (NEW.community_id, NEW.campaign_id, substr(NEW.day, 1, 7), NEW.lawmaker, NEW.outcome, NEW.actions)
        ON CONFLICT (community_id, campaign_id, month, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker_month.actions + NEW.actions;
    INSERT INTO action_counts_by_day VALUES
        (NEW.community_id, NEW.campaign_id, NEW.day, NEW.outcome, NEW.actions)
        ON CONFLICT (community_id, campaign_id, day, outcome)
            DO UPDATE SET actions = action_counts_by_day.actions + NEW.actions;
    INSERT INTO action_counts_by_lawmaker VALUES
        (NEW.community_id, NEW.campaign_id, NEW.lawmaker, NEW.outcome, NEW.actions)
        ON CONFLICT (community_id, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker.actions + NEW.actions;
    INSERT INTO action_day_versions VALUES (NEW.community_id, NEW.day, 1)
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER anonymous_counted AFTER INSERT ON anonymous_action_counts
    FOR EACH ROW EXECUTE FUNCTION anonymous_counted();

CREATE OR REPLACE FUNCTION anonymous_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND day = NEW.day AND lawmaker = NEW.lawmaker
          AND outcome = NEW.outcome;
    UPDATE action_counts_by_lawmaker_month SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND month = substr(NEW.day, 1, 7) AND lawmaker = NEW.lawmaker
          AND outcome = NEW.outcome;
    UPDATE action_counts_by_day SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND day = NEW.day AND outcome = NEW.outcome;
    UPDATE action_counts_by_lawmaker SET actions = actions + NEW.actions - OLD.actions
        WHERE community_id = NEW.community_id AND campaign_id = NEW.campaign_id
          AND lawmaker = NEW.lawmaker AND outcome = NEW.outcome;
    INSERT INTO action_day_versions VALUES (OLD.community_id, OLD.day, 1)
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + 1;
    INSERT INTO action_day_versions VALUES (NEW.community_id, NEW.day, 1)
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER anonymous_recounted AFTER UPDATE OF actions ON anonymous_action_counts
    FOR EACH ROW EXECUTE FUNCTION anonymous_recounted();

CREATE OR REPLACE FUNCTION anonymous_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_counts_by_lawmaker_day SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome
          AND actions <= 0;
    UPDATE action_counts_by_lawmaker_month SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND month = substr(OLD.day, 1, 7) AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker_month
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND month = substr(OLD.day, 1, 7) AND lawmaker = OLD.lawmaker
          AND outcome = OLD.outcome
          AND actions <= 0;
    UPDATE action_counts_by_day SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_day
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND day = OLD.day AND outcome = OLD.outcome
          AND actions <= 0;
    UPDATE action_counts_by_lawmaker SET actions = actions - OLD.actions
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome;
    DELETE FROM action_counts_by_lawmaker
        WHERE community_id = OLD.community_id AND campaign_id = OLD.campaign_id
          AND lawmaker = OLD.lawmaker AND outcome = OLD.outcome
          AND actions <= 0;
    INSERT INTO action_day_versions VALUES (OLD.community_id, OLD.day, 1)
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER anonymous_uncounted AFTER DELETE ON anonymous_action_counts
    FOR EACH ROW EXECUTE FUNCTION anonymous_uncounted();
