-- One-tap reports (a reaction or the outcome button on a prompt: lawmaker '') are placed on the
-- state map of calls by the state of the caller's saved ZIP code (issue 19): they name no
-- lawmaker to place them by. This partial index finds a community's one-tap reports of a period
-- (and campaign) with their members without reading the reports that name a lawmaker, which the
-- map places from the roll-ups.
CREATE INDEX actions_one_tap_by_day ON actions (community_id, day, campaign_id, member_id)
    WHERE lawmaker = '';
