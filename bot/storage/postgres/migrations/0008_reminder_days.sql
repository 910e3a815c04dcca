-- Which days a member's personal reminder comes: every day (0, the default and what everyone
-- had before) or Monday to Friday in the member's own time zone (1), when congressional offices
-- are open. One flag, kept in reminder_state so /remind off and erasure remove it with the rest.
ALTER TABLE reminder_state
    ADD COLUMN weekdays_only INTEGER NOT NULL DEFAULT 0 CHECK (weekdays_only IN (0, 1));
