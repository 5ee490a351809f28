-- Users log in with HTTP Basic; passwords are bcrypt hashes (Modular Crypt Format).
create table users (
    id            bigserial primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(100) not null,
    roles         varchar(100) not null,
    created_at    timestamptz  not null
);

create table coprs (
    id          bigserial primary key,
    name        varchar(100) not null unique,
    owner_id    bigint       not null references users (id),
    description text         not null default '',
    created_at  timestamptz  not null
);

create table copr_releases (
    copr_id bigint      not null references coprs (id) on delete cascade,
    release varchar(64) not null,
    primary key (copr_id, release)
);

create table copr_arches (
    copr_id bigint      not null references coprs (id) on delete cascade,
    arch    varchar(32) not null,
    primary key (copr_id, arch)
);

-- A copr that others depend on cannot be deleted (no cascade on dependency_id).
create table copr_dependencies (
    copr_id       bigint not null references coprs (id) on delete cascade,
    dependency_id bigint not null references coprs (id),
    primary key (copr_id, dependency_id),
    check (copr_id <> dependency_id)
);

create table copr_permissions (
    id         bigserial primary key,
    copr_id    bigint      not null references coprs (id) on delete cascade,
    user_id    bigint      not null references users (id),
    permission varchar(16) not null check (permission in ('builder', 'admin')),
    unique (copr_id, user_id)
);

create table packages (
    id         bigserial primary key,
    copr_id    bigint       not null references coprs (id) on delete cascade,
    name       varchar(200) not null,
    summary    text         not null default '',
    license    text         not null default '',
    created_at timestamptz  not null,
    unique (copr_id, name)
);

create table package_versions (
    id          bigserial primary key,
    package_id  bigint       not null references packages (id) on delete cascade,
    epoch       integer      not null,
    version     varchar(200) not null,
    release     varchar(200) not null,
    srpm_path   varchar(500) not null,
    srpm_sha256 varchar(64)  not null,
    srpm_size   bigint       not null,
    uploaded_by varchar(64)  not null,
    uploaded_at timestamptz  not null,
    unique (package_id, epoch, version, release)
);

create table builds (
    id                  bigserial primary key,
    copr_id             bigint      not null references coprs (id) on delete cascade,
    package_id          bigint      not null references packages (id) on delete cascade,
    version_id          bigint      not null references package_versions (id) on delete cascade,
    chroot              varchar(100) not null,
    state               varchar(16) not null,
    attempt             integer     not null,
    worker_id           varchar(200),
    submitted_by        varchar(64) not null,
    submitted_at        timestamptz not null,
    started_at          timestamptz,
    ended_at            timestamptz,
    reason              text,
    cancel_requested_at timestamptz
);
create index builds_copr on builds (copr_id, id desc);
create index builds_package on builds (package_id, chroot, id desc);

-- Events waiting for the relay; written in the same transaction as the change they describe.
create table outbox (
    id         bigserial primary key,
    topic      varchar(200) not null,
    event_key  varchar(200) not null,
    event_type varchar(100) not null,
    payload    text         not null,
    created_at timestamptz  not null,
    sent_at    timestamptz
);
create index outbox_pending on outbox (id) where sent_at is null;
