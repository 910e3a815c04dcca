-- Reading roll-ups by day: PostgreSQL's 0018 adds covering indexes on the day roll-ups, which
-- SQLite does not need (its WITHOUT ROWID tables are stored in key order, and it skips through
-- campaign_id by itself). Nothing changes here: this number keeps both histories the same.
SELECT 1;
