-- What a build's buildroot held from the build's repositories (the copr's own and its dependencies'),
-- as its worker listed it in `finished`: a user can tell exactly what a package was built against.
create table build_buildroot_entries (
    id       bigserial primary key,
    build_id bigint not null references builds (id) on delete cascade,
    name     text    not null,
    epoch    integer,
    version  text    not null,
    release  text    not null,
    arch     text    not null,
    repo     text
);
create index build_buildroot_entries_build on build_buildroot_entries (build_id);
