-- Campaigns in several languages (issue 18): a campaign's own columns hold its first language's
-- title, ask, background and script (the language it was created in, `language`); each other
-- language's version is a row of campaign_versions, removed with its campaign.
ALTER TABLE campaigns ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (length(language) BETWEEN 2 AND 8);
CREATE TABLE campaign_versions (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    language    TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
    title       TEXT NOT NULL CHECK (length(title) > 0),
    ask         TEXT NOT NULL CHECK (length(ask) > 0),
    background  TEXT NOT NULL DEFAULT '',
    script      TEXT NOT NULL CHECK (length(script) > 0),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (campaign_id, language)
);
