-- Through a change of lawmaker data (a sync, in this process or another, or a restart on a new
-- index). What the bot last saw of the data is kept here, so each change is found once, however
-- it arrived, and survives restarts. All of it is public data about Congress, nothing about
-- members, except the two columns added to members.

-- The last lawmaker data compared: kind 'data' (key 'version': which index; key 'method': how
-- the district digests below were worked out), 'district' (key a House seat like TX-7, value a
-- digest of the sorted ZIP codes the seat covers for certain) and 'committee' (key a committee
-- id like HSWM, value JSON with its name, chair and ranking member).
CREATE TABLE directory_seen (
    kind  TEXT NOT NULL CHECK (kind IN ('data', 'district', 'committee')),
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- Every lawmaker the bot has seen in its data, so reports of calls to a lawmaker who has since
-- left office are still shown under their name (public data).
CREATE TABLE lawmaker_names (
    bioguide TEXT PRIMARY KEY,
    label    TEXT NOT NULL,  -- 'Rep. Becca Balint (D-VT-AL)'
    seat     TEXT NOT NULL,  -- 'VT-AL', or the state for a senator
    seen_at  TEXT NOT NULL
) WITHOUT ROWID;

-- What organizers are told once about a campaign's targets after a change ("the Ways and Means
-- chair is now X (was Y)"): in the next daily digest, or by a DM to the organizers who made the
-- community's schedules. `reported_at` is when they were told (NULL: not yet).
CREATE TABLE target_notices (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    reported_at  TEXT
);
CREATE INDEX target_notices_unreported ON target_notices (community_id) WHERE reported_at IS NULL;

-- A member whose saved district changed meaning ('moved': its ZIP areas changed) or no longer
-- exists ('gone') is asked once to confirm it; saving a ZIP or district again clears both.
ALTER TABLE members ADD COLUMN district_check TEXT
    CHECK (district_check IS NULL OR district_check IN ('moved', 'gone'));
ALTER TABLE members ADD COLUMN district_check_asked_at TEXT;
CREATE INDEX members_district_check ON members (community_id) WHERE district_check IS NOT NULL;
