-- Campaigns in several languages (issue 18): a campaign's own columns hold its first language's
-- title, ask, background and script (the language it was created in, `language`); each other
-- language's version is a row of campaign_versions, removed with its campaign.
ALTER TABLE campaigns ADD COLUMN language TEXT COLLATE "C" NOT NULL DEFAULT 'en'
    CHECK (length(language) BETWEEN 2 AND 8);
CREATE TABLE campaign_versions (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    language    TEXT COLLATE "C" NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
    title       TEXT COLLATE "C" NOT NULL CHECK (length(title) > 0),
    ask         TEXT COLLATE "C" NOT NULL CHECK (length(ask) > 0),
    background  TEXT COLLATE "C" NOT NULL DEFAULT '',
    script      TEXT COLLATE "C" NOT NULL CHECK (length(script) > 0),
    updated_at  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (campaign_id, language)
);
