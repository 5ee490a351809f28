-- Web UI logins. The cookie carries 32 random bytes; only their SHA-256 is kept (a copy of this
-- table logs nobody in). Logging out deletes the row, a password change deletes every row of the
-- user: the cookie is refused from the next request on, on every replica.
create table web_sessions (
    id          bigserial primary key,
    token_hash  bytea        not null unique,
    user_id     bigint       not null references users (id) on delete cascade,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null
);

create index web_sessions_user on web_sessions (user_id);
