-- Privacy settings per community: how long member-level actions are kept before they are
-- folded into anonymous daily counts (NULL: kept until the member erases them).
CREATE TABLE privacy_settings (
    community_id   BIGINT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    retention_days BIGINT CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 3650),
    updated_at     TEXT COLLATE "C" NOT NULL
);

-- Pending /forgetme confirmations: a random single-use token carried by the confirm button.
-- Pressing it erases the member (and this row with them); Cancel deletes the row.
CREATE TABLE erase_requests (
    token        TEXT COLLATE "C" PRIMARY KEY CHECK (length(token) BETWEEN 8 AND 40),
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX erase_requests_by_member ON erase_requests (member_id);
