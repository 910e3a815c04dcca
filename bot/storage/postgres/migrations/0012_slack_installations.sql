-- Slack workspaces that installed the app through "Add to Slack" (many-workspace mode, where
-- one deployment serves many workspaces). A row is about a workspace, never a member: nothing
-- about the person who installed it is kept. `bot_token` is encrypted with ORGBOT_SECRET_KEY
-- (Fernet); the bot refuses to run this mode without the key. The row and the workspace's
-- community (with everything under it) are removed together when Slack says the app was
-- uninstalled or its bot token revoked.
CREATE TABLE slack_installations (
    team_id       TEXT COLLATE "C" PRIMARY KEY CHECK (length(team_id) BETWEEN 2 AND 32),
    enterprise_id TEXT COLLATE "C" CHECK (enterprise_id IS NULL OR length(enterprise_id) BETWEEN 2 AND 32),
    bot_user_id   TEXT COLLATE "C" NOT NULL CHECK (length(bot_user_id) BETWEEN 2 AND 32),
    bot_id        TEXT COLLATE "C" NOT NULL CHECK (length(bot_id) BETWEEN 2 AND 32),
    bot_token     BYTEA NOT NULL,
    installed_at  TEXT COLLATE "C" NOT NULL
);
