-- Reading roll-ups by day (issue 17's benchmark at 10,000,000 actions). PostgreSQL keeps a
-- table's rows in the order they came and has no skip scan, so reading one day of the
-- lawmaker roll-up for all campaigns read the whole table, and a trailing window of the member
-- roll-ups fetched scattered rows one page at a time (one campaign's too). These indexes hold
-- what those reads need, in day order, so they are index-only scans. SQLite needs none of
-- them: its WITHOUT ROWID tables are stored in key order, and it skips through campaign_id.
CREATE INDEX action_counts_by_lawmaker_day_by_day ON action_counts_by_lawmaker_day
    (community_id, day, campaign_id) INCLUDE (lawmaker, outcome, actions);
CREATE INDEX action_member_days_by_day ON action_member_days
    (community_id, day) INCLUDE (member_id, actions);
CREATE INDEX action_member_months_by_month ON action_member_months
    (community_id, month) INCLUDE (member_id, actions);
