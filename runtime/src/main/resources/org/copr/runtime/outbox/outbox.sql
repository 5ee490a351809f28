-- The outbox of every service that has a database; each creates exactly this in its own Flyway
-- migration. A row is an event committed with the change it announces and not yet acknowledged
-- by the broker; the relay deletes it once acknowledged, or sets it aside (set_aside_at, failure)
-- when the broker can never take it.
create table outbox (
    id           bigserial   primary key,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    set_aside_at timestamptz,
    failure      text
);
create index outbox_pending on outbox (id) where set_aside_at is null;
