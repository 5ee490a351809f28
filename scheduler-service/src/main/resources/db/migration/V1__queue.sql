-- One row per build (one package upload for one chroot), kept after it ends so that a repeated
-- request is recognised and not queued again.
create table build (
    build_id      bigint primary key,
    arch          text        not null,
    owner         text        not null,
    copr          text        not null,
    chroot        text        not null,
    package_name  text        not null,
    request       text        not null, -- the BuildRequested event as JSON; its spec goes out with every dispatch
    state         text        not null, -- QUEUED, DISPATCHED, RUNNING, DONE
    attempt       integer     not null, -- the last dispatched attempt; 0 before the first dispatch
    requested_at  timestamptz not null, -- fairness: oldest first within an owner, also after a requeue
    queued_at     timestamptz not null, -- since when it waits now (wait-time metric, oldest wait)
    dispatched_at timestamptz,
    started_at    timestamptz,
    worker_id     text,
    cancel_reason text,                 -- a user asked to cancel while a worker had it
    outcome       text,                 -- once DONE: finished, failed or canceled
    ended_at      timestamptz
);

create index build_queued on build (arch, owner, requested_at, build_id) where state = 'QUEUED';
create index build_active on build (arch, state) where state in ('DISPATCHED', 'RUNNING');

-- What each build worker last said about itself; last_seen is the scheduler's clock.
create table worker (
    worker_id text        primary key,
    arch      text        not null,
    slots     integer     not null,
    draining  boolean     not null,
    last_seen timestamptz not null
);

-- Round-robin cursor: the owner whose build was dispatched last, per arch.
create table owner_turn (
    arch       text primary key,
    last_owner text not null
);

-- Events written in the same transaction as the state change they announce; a relay sends them
-- to Kafka and deletes each one once the broker has acknowledged it.
create table outbox (
    id          bigserial   primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);
