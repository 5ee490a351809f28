-- The RPMs (and the SRPM) a build made, as its worker listed them when it succeeded: API v3's
-- built-packages and the URL of a build's published SRPM come from here.
create table build_artifacts (
    id       bigserial primary key,
    build_id bigint not null references builds (id) on delete cascade,
    file     text   not null,
    name     text,
    epoch    integer,
    version  text,
    release  text,
    arch     text
);
create index build_artifacts_build on build_artifacts (build_id);
