-- Stances (issue 19): where each lawmaker a campaign targets stands, as organizers set it, and
-- what callers heard from the offices.
--
-- stance_history: every stance an organizer set, newest last: who set it (their member row;
-- NULL once they erased their data), when, an optional one-line note, and, when it accepted a
-- suggestion, the tag counts (distinct callers this week per tag) it was based on. 'unknown'
-- records an organizer clearing a stance. Goes with its campaign.
CREATE TABLE stance_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id    INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id     INTEGER NOT NULL,
    lawmaker        TEXT NOT NULL CHECK (length(lawmaker) BETWEEN 1 AND 10),
    stance          TEXT NOT NULL
        CHECK (stance IN ('supports', 'opposes', 'undecided', 'unknown')),
    set_by          INTEGER REFERENCES members (id) ON DELETE SET NULL,
    set_at          TEXT NOT NULL,  -- UTC, ISO 8601
    note            TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 200),
    from_supports   INTEGER,  -- the suggestion's tag counts, NULL when not from a suggestion
    from_opposes    INTEGER,
    from_undecided  INTEGER,
    from_no_answer  INTEGER,
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE
);
CREATE INDEX stance_history_by_lawmaker ON stance_history (campaign_id, lawmaker, id);
CREATE INDEX stance_history_by_time ON stance_history (community_id, set_at);
CREATE INDEX stance_history_by_member ON stance_history (set_by) WHERE set_by IS NOT NULL;

-- stances: each lawmaker's current stance per campaign (no row: unknown), the latest of its
-- history, so /stances reads one row per lawmaker.
CREATE TABLE stances (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    campaign_id  INTEGER NOT NULL,
    lawmaker     TEXT NOT NULL CHECK (length(lawmaker) BETWEEN 1 AND 10),
    stance       TEXT NOT NULL CHECK (stance IN ('supports', 'opposes', 'undecided')),
    history_id   INTEGER NOT NULL REFERENCES stance_history (id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, lawmaker)
);

-- action_tags: what the office said about the campaign's ask, as a caller tagged their "made
-- contact" report (one tag per report; pressing again replaces it). Linked to the report and
-- its member, so erasing a member or folding their reports (retention) removes their tags.
CREATE TABLE action_tags (
    action_id    INTEGER PRIMARY KEY REFERENCES actions (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    tag          TEXT NOT NULL CHECK (tag IN ('supports', 'opposes', 'undecided', 'no_answer')),
    at           TEXT NOT NULL  -- when it was tagged: UTC, ISO 8601
);
CREATE INDEX action_tags_by_campaign ON action_tags (community_id, campaign_id);
CREATE INDEX action_tags_by_member ON action_tags (member_id);
