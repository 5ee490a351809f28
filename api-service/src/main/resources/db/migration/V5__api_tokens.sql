-- API tokens: HTTP Basic username:token for scripts and the CLI. Only a SHA-256 of the token is
-- kept (it is 32 random bytes, so a fast hash is enough); token_key, its public part, finds the row
-- with one index look-up. A revoked token's row is deleted.
create table api_tokens (
    id           bigserial primary key,
    user_id      bigint       not null references users (id) on delete cascade,
    token_key    varchar(16)  not null unique,
    token_hash   bytea        not null,
    name         varchar(100),
    created_at   timestamptz  not null,
    expires_at   timestamptz  not null,
    last_used_at timestamptz
);

create index api_tokens_user on api_tokens (user_id, id);
