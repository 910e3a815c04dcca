-- One-tap reports (a reaction or the outcome button on a prompt: lawmaker '') are placed on the
-- state map of calls by the state of the caller's saved ZIP code (issue 19): they name no
-- lawmaker to place them by. This partial index reads a campaign's one-tap reports member by
-- member (counted without a sort, a period's days checked in the index), without reading the
-- reports that name a lawmaker, which the map places from the roll-ups.
CREATE INDEX actions_one_tap_by_member ON actions (community_id, campaign_id, member_id, day)
    WHERE lawmaker = '';
