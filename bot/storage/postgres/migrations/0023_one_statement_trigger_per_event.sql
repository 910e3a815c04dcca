-- The statement triggers of actions, one per event: an insert (or a delete) of actions ran
-- three AFTER ... FOR EACH STATEMENT triggers, 0006's roll-ups, 0016's member days and 0019's
-- kept windows, each a PL/pgSQL call of its own over the same transition table. One function
-- per event now runs the same statements in the same order (each roll-up is kept exactly as
-- before: tests/storage/postgres/test_schema_parity.py compares every table with SQLite's row
-- triggers), so a batch of reports pays one trigger call per event (issue 17's recording
-- benchmark). The row triggers of updates and of anonymous counts stay as they are.
DROP TRIGGER action_counted ON actions;
DROP TRIGGER action_member_day_counted ON actions;
DROP TRIGGER action_window_counted ON actions;
DROP TRIGGER action_uncounted ON actions;
DROP TRIGGER action_member_day_uncounted ON actions;
DROP TRIGGER action_window_uncounted ON actions;
DROP FUNCTION action_counted();
DROP FUNCTION action_member_day_counted();
DROP FUNCTION action_window_counted();
DROP FUNCTION action_uncounted();
DROP FUNCTION action_member_day_uncounted();
DROP FUNCTION action_window_uncounted();

CREATE FUNCTION actions_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- action_counted (0006)
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
    -- action_member_day_counted (0016)
    INSERT INTO action_member_days AS t
        SELECT community_id, day, member_id, count(*) FROM new_rows
        GROUP BY community_id, day, member_id
        ON CONFLICT (community_id, day, member_id)
            DO UPDATE SET actions = t.actions + excluded.actions;
    -- action_window_counted (0019)
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
CREATE TRIGGER actions_inserted AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION actions_inserted();

CREATE FUNCTION actions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- action_uncounted (0006)
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
    -- action_member_day_uncounted (0016)
    UPDATE action_member_days AS t SET actions = t.actions - g.n
        FROM (SELECT community_id, day, member_id, count(*) AS n
              FROM old_rows GROUP BY community_id, day, member_id) AS g
        WHERE t.community_id = g.community_id AND t.day = g.day
          AND t.member_id = g.member_id;
    DELETE FROM action_member_days AS t USING old_rows AS o
        WHERE t.community_id = o.community_id AND t.day = o.day
          AND t.member_id = o.member_id AND t.actions <= 0;
    -- action_window_uncounted (0019)
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
CREATE TRIGGER actions_deleted AFTER DELETE ON actions
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION actions_deleted();
