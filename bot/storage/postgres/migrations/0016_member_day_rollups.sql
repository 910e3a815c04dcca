-- Per-day counts per member (issue 17's benchmark): a trailing window (the last 7 or 30 days)
-- of the leaderboard is summed from whole months (action_member_months) and single days (this
-- table), never from the actions, so its first ask after a change to an earlier day, or after
-- a start, reads roll-ups like every other ask. (Per-day counts per campaign, lawmaker and
-- outcome have been kept since 0003: action_counts_by_lawmaker_day.)
-- Members' rows only (anonymous counts are nobody's): member-linked, erased with the member
-- and dropped with the actions retention drops, by the triggers below.
CREATE TABLE action_member_days (
    community_id BIGINT NOT NULL,
    day          TEXT COLLATE "C" NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    actions      BIGINT NOT NULL,
    PRIMARY KEY (community_id, day, member_id)
);
CREATE INDEX action_member_days_by_member ON action_member_days (member_id);
INSERT INTO action_member_days
    SELECT community_id, day, member_id, count(*) FROM actions
    GROUP BY community_id, day, member_id;

-- Added beside 0006's triggers. Like them, on PostgreSQL the insert and delete ones run once per
-- statement over the rows it wrote, grouped.
CREATE OR REPLACE FUNCTION action_member_day_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_member_days AS t
        SELECT community_id, day, member_id, count(*) FROM new_rows
        GROUP BY community_id, day, member_id
        ON CONFLICT (community_id, day, member_id)
            DO UPDATE SET actions = t.actions + excluded.actions;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_member_day_counted AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_member_day_counted();

CREATE OR REPLACE FUNCTION action_member_day_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_member_days AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, day, member_id, count(*) AS n
              FROM old_rows GROUP BY community_id, day, member_id) AS g
        WHERE t.community_id = g.community_id AND t.day = g.day
          AND t.member_id = g.member_id;
    DELETE FROM action_member_days AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.day = o.day
          AND t.member_id = o.member_id AND t.actions <= 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_member_day_uncounted AFTER DELETE ON actions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION action_member_day_uncounted();

-- A report moved to another day (a replaced outcome keeps its day: nothing to do).
CREATE OR REPLACE FUNCTION action_member_day_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE action_member_days SET actions = actions - 1
        WHERE community_id = OLD.community_id AND day = OLD.day
          AND member_id = OLD.member_id;
    DELETE FROM action_member_days
        WHERE community_id = OLD.community_id AND day = OLD.day
          AND member_id = OLD.member_id AND actions <= 0;
    INSERT INTO action_member_days VALUES (NEW.community_id, NEW.day, NEW.member_id, 1)
        ON CONFLICT (community_id, day, member_id)
            DO UPDATE SET actions = action_member_days.actions + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_member_day_moved AFTER UPDATE OF day ON actions
    FOR EACH ROW
    WHEN (OLD.day IS DISTINCT FROM NEW.day) EXECUTE FUNCTION action_member_day_moved();
