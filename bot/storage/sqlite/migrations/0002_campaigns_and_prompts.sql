-- Campaigns: one cause a community calls about. Targets are stored in their typed form
-- ("mine leaders:HSWM?"); dates are ISO days in the community's time zone.
CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 40),
    title        TEXT NOT NULL CHECK (length(title) > 0),
    ask          TEXT NOT NULL CHECK (length(ask) > 0),
    background   TEXT NOT NULL DEFAULT '',
    script       TEXT NOT NULL CHECK (length(script) > 0),
    targets      TEXT NOT NULL,
    goal         INTEGER CHECK (goal IS NULL OR goal > 0),
    starts_on    TEXT,
    ends_on      TEXT,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'archived')),
    template     TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (community_id, slug),
    UNIQUE (community_id, id),
    CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
);

-- What members can report after a call. A key never changes, so recorded actions keep meaning.
CREATE TABLE campaign_outcomes (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 20),
    label       TEXT NOT NULL CHECK (length(label) > 0),
    emoji       TEXT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, key)
);

-- Prompts: a campaign's call to action posted in a channel. The row is written before posting
-- (message_id NULL) so buttons can carry its id, then completed with the platform's message id;
-- a reaction on that message maps back to its prompt through the unique reference.
CREATE TABLE prompts (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL,
    campaign_id  INTEGER NOT NULL,
    channel_id   TEXT NOT NULL,
    message_id   TEXT,
    created_at   TEXT NOT NULL,
    posted_at    TEXT,
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE,
    UNIQUE (community_id, channel_id, message_id)
);
CREATE INDEX prompts_by_campaign ON prompts (campaign_id);
