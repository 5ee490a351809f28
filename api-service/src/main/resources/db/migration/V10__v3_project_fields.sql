-- What Fedora Copr's API v3 clients (copr-cli, Packit) set on a project and read back: shown on the
-- project, and unlisted coprs are left out of the home page's list.
alter table coprs
    add column homepage       text,
    add column contact        text,
    add column instructions   text    not null default '',
    add column unlisted_on_hp boolean not null default false;

-- A user asking the owner for a permission on a copr (API v3's permissions/request); granting it
-- (or the user cancelling) removes the row.
create table copr_permission_requests (
    id           bigserial primary key,
    copr_id      bigint      not null references coprs (id) on delete cascade,
    user_id      bigint      not null references users (id),
    permission   varchar(16) not null check (permission in ('builder', 'admin')),
    requested_at timestamptz not null,
    unique (copr_id, user_id, permission)
);
