-- Recording actions in batches (issue 17's benchmark): on PostgreSQL, 0018 keeps the roll-ups
-- of new actions once per INSERT statement instead of once per row. SQLite has no statement
-- triggers with the rows inserted, and its row triggers cost little in process, so nothing
-- changes here: this number keeps both backends' histories the same.
SELECT 1;
