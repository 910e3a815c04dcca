-- Private dashboard links (issue 19): each link /dashboard gave an organizer, until it expires.
-- The link itself carries a random id, its expiry and an HMAC-SHA256 signature of both made
-- with the server's secret (never stored); a page is served only while its row is here, so
-- `/dashboard revoke` deletes rows, and rows past their expiry are deleted when the next link
-- is made. `member_id` is the organizer who asked (the link goes with them when they erase
-- their data); `campaign_id` the campaign shown (NULL: all campaigns; goes with it).
CREATE TABLE dashboard_links (
    link_id      TEXT COLLATE "C" PRIMARY KEY CHECK (length(link_id) = 22),
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    campaign_id  BIGINT,
    created_at   TEXT COLLATE "C" NOT NULL,  -- UTC, ISO 8601
    expires_at   TEXT COLLATE "C" NOT NULL,  -- UTC, ISO 8601
    FOREIGN KEY (community_id, campaign_id) REFERENCES campaigns (community_id, id)
        ON DELETE CASCADE
);
CREATE INDEX dashboard_links_by_member ON dashboard_links (member_id);
CREATE INDEX dashboard_links_by_community ON dashboard_links (community_id);
CREATE INDEX dashboard_links_by_expiry ON dashboard_links (expires_at);
