-- PostgreSQL's statement triggers of actions become one per event (its 0023). SQLite's
-- triggers run row by row, in the same statement's work, and have nothing to merge: the
-- roll-ups, member days and kept windows stay as 0006, 0016 and 0019 made them.
SELECT 1;
