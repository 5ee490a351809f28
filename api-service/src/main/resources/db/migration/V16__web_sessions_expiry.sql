-- SessionSweep deletes every expired web login at once ("expires_at <= now"): without this index
-- each sweep read the whole table.
create index web_sessions_expires_at on web_sessions (expires_at);
