-- Recording actions in batches (issue 17's benchmark): on PostgreSQL the roll-ups of new
-- actions are kept once per statement, from all the rows it inserted (its transition table),
-- instead of nine upserts for each row: a batch of reports written as one INSERT (or one COPY)
-- updates each roll-up row once. The triggers keep their names and the counts they keep are
-- the same (tests/storage/postgres/test_schema_parity.py); those of a deleted or changed action
-- stay row by row, as 0006 and 0016 made them.
DROP TRIGGER action_counted ON actions;
DROP TRIGGER action_member_day_counted ON actions;

CREATE OR REPLACE FUNCTION action_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_counts_by_lawmaker_day
        SELECT community_id, campaign_id, day, lawmaker, outcome, count(*) FROM new_actions
        GROUP BY community_id, campaign_id, day, lawmaker, outcome
        ON CONFLICT (community_id, campaign_id, day, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker_day.actions + excluded.actions;
    INSERT INTO action_counts_by_lawmaker_month
        SELECT community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome, count(*)
        FROM new_actions
        GROUP BY community_id, campaign_id, substr(day, 1, 7), lawmaker, outcome
        ON CONFLICT (community_id, campaign_id, month, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker_month.actions + excluded.actions;
    INSERT INTO action_counts_by_day
        SELECT community_id, campaign_id, day, outcome, count(*) FROM new_actions
        GROUP BY community_id, campaign_id, day, outcome
        ON CONFLICT (community_id, campaign_id, day, outcome)
            DO UPDATE SET actions = action_counts_by_day.actions + excluded.actions;
    INSERT INTO action_counts_by_lawmaker
        SELECT community_id, campaign_id, lawmaker, outcome, count(*) FROM new_actions
        GROUP BY community_id, campaign_id, lawmaker, outcome
        ON CONFLICT (community_id, campaign_id, lawmaker, outcome)
            DO UPDATE SET actions = action_counts_by_lawmaker.actions + excluded.actions;
    INSERT INTO action_counts_by_member
        SELECT community_id, campaign_id, member_id, count(*), max(day) FROM new_actions
        GROUP BY community_id, campaign_id, member_id
        ON CONFLICT (community_id, campaign_id, member_id)
            DO UPDATE SET actions = action_counts_by_member.actions + excluded.actions,
                last_day = GREATEST(action_counts_by_member.last_day, excluded.last_day);
    INSERT INTO action_member_totals
        SELECT community_id, member_id, count(*), max(day) FROM new_actions
        GROUP BY community_id, member_id
        ON CONFLICT (community_id, member_id)
            DO UPDATE SET actions = action_member_totals.actions + excluded.actions,
                last_day = GREATEST(action_member_totals.last_day, excluded.last_day);
    INSERT INTO action_member_months
        SELECT community_id, substr(day, 1, 7), member_id, count(*) FROM new_actions
        GROUP BY community_id, substr(day, 1, 7), member_id
        ON CONFLICT (community_id, month, member_id)
            DO UPDATE SET actions = action_member_months.actions + excluded.actions;
    INSERT INTO action_day_versions
        SELECT community_id, day, count(*) FROM new_actions
        GROUP BY community_id, day
        ON CONFLICT (community_id, day)
            DO UPDATE SET version = action_day_versions.version + excluded.version;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_counted AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_actions
    FOR EACH STATEMENT EXECUTE FUNCTION action_counted();

CREATE OR REPLACE FUNCTION action_member_day_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_member_days
        SELECT community_id, day, member_id, count(*) FROM new_actions
        GROUP BY community_id, day, member_id
        ON CONFLICT (community_id, day, member_id)
            DO UPDATE SET actions = action_member_days.actions + excluded.actions;
    RETURN NULL;
END;
$$;
CREATE TRIGGER action_member_day_counted AFTER INSERT ON actions
    REFERENCING NEW TABLE AS new_actions
    FOR EACH STATEMENT EXECUTE FUNCTION action_member_day_counted();
