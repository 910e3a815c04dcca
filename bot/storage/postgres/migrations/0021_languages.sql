-- Languages (issue 18): a member's own choice (/language es), NULL when they made none (then
-- their platform's locale, then the community's default, answers for them); and a community's
-- default, in which public posts are written. Codes are the bot's languages ('en', 'es').
ALTER TABLE members ADD COLUMN language TEXT COLLATE "C"
    CHECK (language IS NULL OR length(language) BETWEEN 2 AND 8);
ALTER TABLE communities ADD COLUMN language TEXT COLLATE "C" NOT NULL DEFAULT 'en'
    CHECK (length(language) BETWEEN 2 AND 8);
